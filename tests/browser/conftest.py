"""Browser fixtures: the real web server (via scripts/run.py) against the fake Rasa, and headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bot.storage import Store, get_engine
from bot.web.passwd import hash_password
from scripts.run import start_stack
from tests.web.fake_rasa import FakeRasaThread, free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STAFF_USER, STAFF_PASSWORD = "tester", "browser test password"


@dataclass
class Live:
    url: str
    store: Store
    fake: FakeRasaThread


@pytest.fixture(scope="session")
def live(tmp_path_factory) -> Iterator[Live]:
    """The web server started by scripts/run.py, talking to the fake Rasa, on a throwaway SQLite database."""
    tmp = tmp_path_factory.mktemp("browser")
    db_url = f"sqlite:///{tmp / 'browser.db'}"
    fake = FakeRasaThread(db_url).start()
    env = {
        "LIANGYE_WEB_PORT": str(free_port()),
        "LIANGYE_DATABASE_URL": db_url,
        "LIANGYE_RASA_URL": fake.url,
        "LIANGYE_RASA_TIMEOUT_SECONDS": "5",
        "LIANGYE_HELPDESK_USERS": f"{STAFF_USER}:{hash_password(STAFF_PASSWORD, iterations=1000)}",
    }
    try:
        with start_stack(services=("web",), env=env, log_path=tmp / "stack.log", echo=False) as stack:
            yield Live(f"http://127.0.0.1:{stack.settings.web_port}", Store(get_engine(db_url)), fake)
    finally:
        fake.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium package (scripts/install_system.sh).", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser: Browser):
    """Open pages in fresh contexts (own localStorage and cookies); page errors fail the test."""
    contexts, errors = [], []

    def make(width: int = 1280, height: int = 900) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: errors.append(error))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, errors


@pytest.fixture
def page(new_page) -> Page:
    return new_page()
