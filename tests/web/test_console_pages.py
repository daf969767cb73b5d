"""Console pages are templates with autoescape: user text never becomes markup, on any page."""

from __future__ import annotations

import json
import re

from bot.storage import Store
from tests.web.conftest import hidden_csrf, login

EVIL = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"
VERDICT = {"verdict": "eligible", "note": "</script><script>alert(1)</script>", "quote": "'&\"<>"}


def assert_inert(html: str) -> None:
    """No script element carries the payload (the page's own script tags are all ``src=`` or JSON)."""
    assert "<script>alert" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html) == []


async def test_user_text_is_escaped_on_every_console_page(staff, store: Store):
    open_id = store.create_handoff(EVIL[:64], EVIL, EVIL, EVIL, EVIL, EVIL, VERDICT)
    store.reply_to_handoff(open_id, EVIL, EVIL)  # assigned_to is now the payload too
    closed_id = store.create_handoff("web-b", EVIL, EVIL, None, None, "朝阳区", None)
    store.close_handoff(closed_id, EVIL)
    store.add_message("web-b", "user", EVIL)

    pages = {
        "list": "/helpdesk",
        "filtered": f"/helpdesk?status={EVIL}&district={EVIL}",
        "open request": f"/helpdesk/requests/{open_id}?result={EVIL}",
        "closed request": f"/helpdesk/requests/{closed_id}",
        "stats": f"/helpdesk/stats?source={EVIL}",
        "assistant": "/helpdesk/assistant",
    }
    for name, path in pages.items():
        response = await staff.get(path)
        assert response.status == 200, name
        html = await response.text()
        assert_inert(html)
        if name in ("list", "open request", "closed request"):
            assert ESCAPED in html, name

    detail = await (await staff.get(f"/helpdesk/requests/{open_id}")).text()
    embedded = re.search(r'<script type="application/json" id="last-verdict">(.*?)</script>', detail, re.S)
    assert embedded and json.loads(embedded.group(1)) == VERDICT
    assert "</script><script>" not in embedded.group(1)


async def test_login_page_escapes_what_it_echoes(client):
    page = await client.get("/helpdesk/login", params={"next": f"/helpdesk/{EVIL}"})
    html = await page.text()
    assert_inert(html)
    token = hidden_csrf(html)
    failed = await client.post(
        "/helpdesk/login", data={"username": EVIL, "password": "x" * 8, "csrf_token": token}, allow_redirects=False
    )
    assert failed.status in (400, 401)
    html = await failed.text()
    assert_inert(html)
    assert f'value="{ESCAPED}"' in html  # the name is given back, as text


async def test_console_pages_keep_security_headers(staff):
    for path in ("/helpdesk", "/helpdesk/stats", "/helpdesk/assistant", "/helpdesk/login", "/helpdesk/requests/999"):
        response = await staff.get(path)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"], path
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"


async def test_logged_out_pages_show_no_console_navigation(client):
    response = await login(client, "alice", "wrong password")
    html = await response.text()
    assert "console-nav" not in html and 'name="csrf-token"' not in html
