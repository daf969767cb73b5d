"""The helpdesk console: login, sessions, CSRF, requests, replies, statistics, CSV export, the assistant."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from aiohttp import web

from bot.storage import Store
from bot.web import helpdesk
from liangye_rules.cli import check
from tests.web.conftest import PASSWORD, hidden_csrf, login

PARK = {"applicant_type": "park", "annual_revenue": "120亿元", "advanced_manufacturing_share": "35%"}


async def test_console_requires_login(client):
    for path in ("/helpdesk", "/helpdesk/stats", "/helpdesk/assistant", "/helpdesk/requests/1"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 303, path
        assert response.headers["Location"].startswith("/helpdesk/login?next=")
    for path in ("/helpdesk/checks.csv", "/helpdesk/api/chat/history", "/helpdesk/api/requests/1/history"):
        response = await client.get(path)
        assert response.status == 401, path
        assert "登录" in (await response.json())["error"]
    posted = await client.post("/helpdesk/requests/1/reply", data={"text": "hi"}, allow_redirects=False)
    assert posted.status == 303 and posted.headers["Location"].startswith("/helpdesk/login")


async def test_a_new_console_route_is_protected_without_login_code(make_client, monkeypatch):
    async def secret_page(request: web.Request) -> web.Response:  # no login check of its own
        return web.Response(text="内部数据")

    async def secret_api(request: web.Request) -> web.Response:
        return web.json_response({"secret": 42})

    def add_routes(console: web.Application) -> None:
        original(console)
        console.router.add_get("/secret", secret_page)
        console.router.add_post("/api/secret", secret_api)

    original = helpdesk.add_routes
    monkeypatch.setattr(helpdesk, "add_routes", add_routes)
    client = await make_client()
    page = await client.get("/helpdesk/secret", allow_redirects=False)
    assert page.status == 303 and page.headers["Location"] == "/helpdesk/login?next=/helpdesk/secret"
    api = await client.post("/helpdesk/api/secret")
    assert api.status == 401 and "secret" not in await api.text()
    assert (await login(client)).status == 303
    assert await (await client.get("/helpdesk/secret")).text() == "内部数据"
    assert (await (await client.post("/helpdesk/api/secret")).json()) == {"secret": 42}


@pytest.mark.parametrize("path", ["/helpdesk/nothing-here", "/helpdesk/requests/1/nothing"])
async def test_unknown_console_paths_do_not_tell_strangers_what_exists(client, path):
    response = await client.get(path, allow_redirects=False)
    assert response.status == 303 and response.headers["Location"].startswith("/helpdesk/login")


@pytest.mark.parametrize("host", ["localhost:8080", "[::1]:8080", "example.org", "a:b", "a:99999"])
async def test_the_console_is_routed_whatever_the_host_header(client, host):
    response = await client.get("/helpdesk", headers={"Host": host}, allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/helpdesk/login?next=/helpdesk"


async def test_wrong_password_is_rejected(client):
    response = await login(client, "alice", "wrong password")
    assert response.status == 401
    assert "用户名或口令不正确" in await response.text()
    assert "liangye_console" not in response.cookies
    unknown = await login(client, "mallory", PASSWORD)
    assert unknown.status == 401
    assert (await client.get("/helpdesk", allow_redirects=False)).status == 303


async def test_login_needs_the_form_token_and_same_origin(client):
    await client.get("/helpdesk/login")
    no_token = await client.post("/helpdesk/login", data={"username": "alice", "password": PASSWORD}, allow_redirects=False)
    assert no_token.status == 403
    page = await client.get("/helpdesk/login")
    token = hidden_csrf(await page.text())
    cross = await client.post(
        "/helpdesk/login",
        data={"username": "alice", "password": PASSWORD, "csrf_token": token},
        headers={"Origin": "https://evil.example"},
        allow_redirects=False,
    )
    assert cross.status == 403


async def test_login_logout_and_cookie_flags(client):
    response = await login(client)
    assert response.status == 303 and response.headers["Location"] == "/helpdesk"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/helpdesk" in cookie
    page = await client.get("/helpdesk")
    assert page.status == 200
    html = await page.text()
    assert "咨询请求" in html and "alice" in html
    token = hidden_csrf(html)
    bad_logout = await client.post("/helpdesk/logout", data={"csrf_token": "forged"}, allow_redirects=False)
    assert bad_logout.headers["Location"] == "/helpdesk"
    assert (await client.get("/helpdesk", allow_redirects=False)).status == 200
    out = await client.post("/helpdesk/logout", data={"csrf_token": token}, allow_redirects=False)
    assert out.status == 303 and out.headers["Location"] == "/helpdesk/login"
    assert (await client.get("/helpdesk", allow_redirects=False)).status == 303


async def test_session_expires_after_ttl_of_inactivity(staff, clock):
    assert (await staff.get("/helpdesk", allow_redirects=False)).status == 200
    clock.now += timedelta(minutes=59)
    assert (await staff.get("/helpdesk", allow_redirects=False)).status == 200  # activity extends it
    clock.now += timedelta(minutes=61)
    expired = await staff.get("/helpdesk", allow_redirects=False)
    assert expired.status == 303 and expired.headers["Location"].startswith("/helpdesk/login")


async def test_polling_does_not_keep_a_session_alive(staff, clock, store: Store):
    request_id = store.create_handoff("web-p", "公司", "张三", "1", None, "海淀区", None)
    for minutes in (20, 20, 19):  # polls at 20, 40 and 59 minutes after logging in
        clock.now += timedelta(minutes=minutes)
        response = await staff.get(f"/helpdesk/api/requests/{request_id}/updates", params={"after": 0})
        assert response.status == 200
    clock.now += timedelta(minutes=2)  # 61 minutes without a page view
    assert (await staff.get(f"/helpdesk/api/requests/{request_id}/updates")).status == 401


async def test_forged_or_tampered_cookie_is_ignored(client):
    response = await login(client)
    value = response.cookies["liangye_console"].value
    client.session.cookie_jar.clear()
    client.session.cookie_jar.update_cookies({"liangye_console": value[:-1] + ("0" if value[-1] != "0" else "1")})
    assert (await client.get("/helpdesk", allow_redirects=False)).status == 303


async def test_production_without_accounts_has_no_login(make_client):
    client = await make_client(LIANGYE_MODE="production", LIANGYE_HELPDESK_USERS="")
    page = await client.get("/helpdesk/login")
    assert "尚未配置账号" in await page.text()
    assert "Secure" in page.headers["Set-Cookie"]  # production cookies need HTTPS (or localhost)
    for user, password in (("helpdesk", "helpdesk"), ("alice", PASSWORD)):
        assert (await login(client, user, password)).status in (401, 403)
    assert (await client.get("/helpdesk", allow_redirects=False)).status == 303


async def test_development_default_account(make_client):
    client = await make_client(LIANGYE_HELPDESK_USERS="")
    page = await client.get("/helpdesk/login")
    assert "helpdesk / helpdesk" in await page.text()
    assert (await login(client, "helpdesk", "helpdesk")).status == 303
    configured = await make_client()  # with accounts configured, the default account does not exist
    assert (await login(configured, "helpdesk", "helpdesk")).status == 401


async def test_request_list_filter_detail_reply_and_close(staff, store: Store):
    verdict = check(PARK)
    a = store.create_handoff("web-a", "<b>甲科技</b>有限公司", "张三", "010-123", "z@example.com", "海淀区", verdict)
    store.create_handoff("web-b", "乙物流有限公司", "李四", None, "l@example.com", "朝阳区", None)
    store.add_message("web-a", "user", "我想咨询申报流程")

    listing = await (await staff.get("/helpdesk")).text()
    assert "乙物流有限公司" in listing and "&lt;b&gt;甲科技&lt;/b&gt;有限公司" in listing and "<b>甲科技" not in listing
    filtered = await (await staff.get("/helpdesk", params={"district": "朝阳区", "status": "new"})).text()
    assert "乙物流有限公司" in filtered and "甲科技" not in filtered
    none = await (await staff.get("/helpdesk", params={"status": "closed"})).text()
    assert "暂无符合条件的咨询请求" in none

    detail = await staff.get(f"/helpdesk/requests/{a}")
    html = await detail.text()
    assert detail.status == 200
    assert "010-123" in html and "z@example.com" in html and 'id="last-verdict"' in html
    token = hidden_csrf(html)
    messages = await (await staff.get(f"/helpdesk/api/requests/{a}/history")).json()
    assert [m["text"] for m in messages["messages"]] == ["我想咨询申报流程"]

    forged = await staff.post(f"/helpdesk/requests/{a}/reply", data={"text": "伪造", "csrf_token": "x"}, allow_redirects=False)
    assert forged.headers["Location"].endswith("result=csrf")
    empty = await staff.post(f"/helpdesk/requests/{a}/reply", data={"text": "  ", "csrf_token": token}, allow_redirects=False)
    assert empty.headers["Location"].endswith("result=empty")
    sent = await staff.post(
        f"/helpdesk/requests/{a}/reply", data={"text": "您好，请准备申报书。", "csrf_token": token}, allow_redirects=False
    )
    assert sent.status == 303 and sent.headers["Location"].endswith("result=sent")
    request = store.get_handoff(a)
    assert request.status == "in_progress" and request.assigned_to == "alice" and request.answered_at is not None
    log = store.messages_for("web-a")
    assert (log[-1]["role"], log[-1]["text"], log[-1]["staff_user"]) == ("staff", "您好，请准备申报书。", "alice")

    # the user sees it through the public updates endpoint
    updates = await (await staff.get("/api/chat/updates", params={"sender": "web-a", "after": log[0]["id"]})).json()
    assert [m["role"] for m in updates["messages"]] == ["staff"]

    closed = await staff.post(f"/helpdesk/requests/{a}/close", data={"csrf_token": token}, allow_redirects=False)
    assert closed.headers["Location"].endswith("result=closed")
    assert store.get_handoff(a).status == "closed"
    assert store.messages_for("web-a")[-1]["role"] == "system"
    late = await staff.post(f"/helpdesk/requests/{a}/reply", data={"text": "还有", "csrf_token": token}, allow_redirects=False)
    assert late.headers["Location"].endswith("result=is_closed")
    assert (await staff.get("/helpdesk/requests/999")).status == 404
    assert (await staff.get("/helpdesk/requests/abc")).status == 404


async def test_stats_and_csv_export(staff, store: Store):
    store.record_check("api", "park", check(PARK))
    store.record_check("chat", "park", check(PARK), sender_id="web-1")
    store.record_check("chat", "growth_enterprise", check({"applicant_type": "growth_enterprise", "key_field": "none"}))
    stats = await (await staff.get("/helpdesk/stats")).text()
    assert "共 3 条" in stats and "示范园区" in stats and "成长型试点企业" in stats
    api_only = await (await staff.get("/helpdesk/stats", params={"source": "api"})).text()
    assert "共 1 条" in api_only

    response = await staff.get("/helpdesk/checks.csv")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    raw = await response.read()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["source"] for r in rows] == ["api", "chat", "chat"]
    assert rows[0]["applicant_type_label"] == "示范园区"
    assert rows[0]["verdict_label"] == "信息不足，暂无法判断"
    assert rows[2]["verdict"] == "not_eligible"
    assert '"annual_revenue": 12000000000.0' in rows[0]["facts"]
    assert "web-1" not in raw.decode("utf-8-sig")  # no sender ids in the export


async def test_console_assistant_talks_to_rasa_as_console_user(staff, received):
    page = await (await staff.get("/helpdesk/assistant")).text()
    token = hidden_csrf(page)
    no_token = await staff.post("/helpdesk/api/chat", json={"message": "你好"})
    assert no_token.status == 403
    response = await staff.post(
        "/helpdesk/api/chat", json={"message": "你好", "sender": "web-spoof"}, headers={"X-CSRF-Token": token}
    )
    assert response.status == 200
    assert received == [{"sender": "console-alice", "message": "你好"}]
    history = await (await staff.get("/helpdesk/api/chat/history")).json()
    assert [m["role"] for m in history["messages"]] == ["user", "bot"]
