"""Bad console form bodies are a 4xx with a Chinese message, never a 500."""

from __future__ import annotations

import pytest

from bot.storage import Store
from tests.web.conftest import PASSWORD, hidden_csrf

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data; boundary=b"


def multipart(name: str, value: bytes, filename: str | None = None) -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    return f"--b\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + value + b"\r\n--b--\r\n"


async def login_token(client) -> str:
    return hidden_csrf(await (await client.get("/helpdesk/login")).text())


BAD_LOGIN_BODIES = {
    "invalid UTF-8": (FORM, b"username=\xff\xfe&password=x&csrf_token=TOKEN", "无法识别"),
    "invalid UTF-8 in multipart": (MULTIPART, multipart("username", b"\xff\xfe"), "无法识别"),
    "broken multipart": (MULTIPART, b"garbage", "无法识别"),
    "multipart without boundary": ("multipart/form-data", b"garbage", "无法识别"),
    "a file instead of text": (MULTIPART, multipart("username", b"alice", filename="a.txt"), "无法识别"),
    "unknown charset": (FORM + "; charset=no-such-charset", b"username=alice", "无法识别"),
    "NUL in the name": (FORM, b"username=ali%00ce&password=x&csrf_token=TOKEN", "无法识别"),
    "huge user name": (FORM, b"username=" + b"a" * 50_000 + b"&password=x&csrf_token=TOKEN", "用户名过长"),
    "huge password": (FORM, b"username=alice&password=" + b"p" * 5_000 + b"&csrf_token=TOKEN", "口令过长"),
    "body over 1 MB": (FORM, b"username=" + b"a" * 1_100_000, "过大"),
    "missing password": (FORM, b"username=alice&csrf_token=TOKEN", "请输入用户名和口令"),
    "missing user name": (FORM, b"password=x&csrf_token=TOKEN", "请输入用户名和口令"),
    "empty body": (FORM, b"", "登录页面已过期"),
    "JSON instead of a form": ("application/json", b'{"username": "alice"}', "登录页面已过期"),
}


@pytest.mark.parametrize("case", list(BAD_LOGIN_BODIES))
async def test_bad_login_bodies_are_4xx_in_chinese(client, case):
    content_type, body, message = BAD_LOGIN_BODIES[case]
    token = await login_token(client)
    response = await client.post(
        "/helpdesk/login",
        data=body.replace(b"TOKEN", token.encode()),
        headers={"Content-Type": content_type},
        allow_redirects=False,
    )
    assert 400 <= response.status < 500, case
    html = await response.text()
    assert message in html, case
    assert 'name="csrf_token"' in html  # the form is offered again
    assert "liangye_console" not in response.cookies


async def test_a_good_login_still_works_after_bad_bodies(client):
    bad = await client.post("/helpdesk/login", data=b"username=\xff", headers={"Content-Type": FORM})
    token = hidden_csrf(await bad.text())  # the page given back carries a fresh form token
    good = await client.post(
        "/helpdesk/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token}, allow_redirects=False
    )
    assert good.status == 303


async def test_non_ascii_form_tokens_are_refused_not_crashing(staff, store: Store):
    request_id = store.create_handoff("web-t", "公司", "张三", "1", None, "海淀区", None)
    reply = await staff.post(
        f"/helpdesk/requests/{request_id}/reply", data={"text": "好", "csrf_token": "令牌"}, allow_redirects=False
    )
    assert reply.headers["Location"].endswith("result=csrf")
    staff.session.cookie_jar.clear()
    forged = await staff.get("/helpdesk", headers={"Cookie": "liangye_console=令牌.签名"}, allow_redirects=False)
    assert forged.status == 303


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"text=\xff&csrf_token=x", 400, "无法识别"),
        (b"text=a%00b&csrf_token=x%00", 400, "无法识别"),
        (b"text=" + b"a" * 1_100_000, 413, "过大"),
    ],
)
async def test_bad_console_form_bodies_are_4xx_in_chinese(staff, store: Store, body, status, message):
    request_id = store.create_handoff("web-f", "公司", "张三", "1", None, "海淀区", None)
    for action in ("reply", "close"):
        response = await staff.post(f"/helpdesk/requests/{request_id}/{action}", data=body, headers={"Content-Type": FORM})
        assert response.status == status, action
        assert message in await response.text()
    assert store.get_handoff(request_id).status == "new"
    assert store.messages_for("web-f") == []
