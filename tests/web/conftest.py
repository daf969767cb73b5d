"""Fixtures: the web app on a temporary SQLite database, talking to the fake Rasa, with a settable clock."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.settings import load_settings
from bot.storage import Store, get_engine
from bot.storage.models import utcnow
from bot.web.app import create_app
from bot.web.passwd import hash_password
from tests.web.fake_rasa import RECEIVED, create_fake_rasa

PASSWORD = "correct horse battery"
USERS = f"alice:{hash_password(PASSWORD, iterations=1000)},bob:{hash_password('bobs password', iterations=1000)}"


class Clock:
    """A clock the tests move forward."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture
def store(db_url) -> Store:
    return Store(get_engine(db_url))


@pytest.fixture
async def fake_rasa(db_url):
    server = TestServer(create_fake_rasa(db_url, slow_seconds=3))
    await server.start_server()
    yield server
    await server.close()


@pytest.fixture
def received(fake_rasa) -> list:
    """The bodies the fake Rasa received."""
    return fake_rasa.app[RECEIVED]


@pytest.fixture
def env(db_url, fake_rasa) -> dict[str, str]:
    return {
        "LIANGYE_DATABASE_URL": db_url,
        "LIANGYE_RASA_URL": str(fake_rasa.make_url("")).rstrip("/"),
        "LIANGYE_RASA_TIMEOUT_SECONDS": "1",
        "LIANGYE_HELPDESK_USERS": USERS,
        "LIANGYE_SESSION_TTL_MINUTES": "60",
    }


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def make_client(env, store, clock):
    """Build a test client with extra settings; closed at the end of the test."""
    clients = []

    async def make(**overrides: str) -> TestClient:
        settings = load_settings({**env, **overrides})
        client = TestClient(TestServer(create_app(settings, store=store, clock=clock)))
        await client.start_server()
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()


@pytest.fixture
async def client(make_client) -> TestClient:
    return await make_client()


def hidden_csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no csrf_token in the page"
    return match.group(1)


async def login(client: TestClient, username: str = "alice", password: str = PASSWORD):
    """Log in through the form; returns the final response of the POST (not following the redirect)."""
    page = await client.get("/helpdesk/login")
    token = hidden_csrf(await page.text())
    return await client.post(
        "/helpdesk/login?next=/helpdesk",
        data={"username": username, "password": password, "csrf_token": token},
        allow_redirects=False,
    )


@pytest.fixture
async def staff(client) -> TestClient:
    """The client, logged in as alice."""
    response = await login(client)
    assert response.status == 303, await response.text()
    return client
