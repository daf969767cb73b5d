"""The helpdesk console under ``/helpdesk``: hand-off requests, replies, statistics, CSV export, the assistant."""

from __future__ import annotations

import csv
import io
import json

from aiohttp import web

from liangye_rules.facts import APPLICANT_TYPES
from liangye_rules.verdict import VERDICT_LABELS

from . import auth, chat
from .app import CLOCK, SETTINGS, STORE, db, read_json
from .pages import STATUS_LABELS, render
from .passwd import check_login

THROTTLE = web.AppKey("login_throttle", auth.LoginThrottle)
CLOSE_NOTE = "工作人员已结束本次人工服务。您可以继续向智能助手提问；如需再次联系工作人员，请发送“转人工”。"
SOURCE_LABELS = {"": "全部来源", "chat": "聊天", "api": "接口", "console": "工作台"}
REPLY_NOTICES = {
    "sent": ("ok", "答复已发送，用户会在聊天页面看到。"),
    "closed": ("ok", "该请求已关闭。"),
    "empty": ("error", "答复内容不能为空。"),
    "too_long": ("error", f"答复过长，最多 {chat.MAX_MESSAGE_CHARS} 个字。"),
    "is_closed": ("error", "该请求已关闭，不能再答复。"),
    "csrf": ("error", "页面已过期，请刷新后重试。"),
}


def _console_page(request: web.Request, template: str, **context: object) -> web.Response:
    """A console page for the logged-in user (navigation, CSRF token for its forms)."""
    return render(request, template, user=request["console_user"], csrf=auth.csrf_token(request), **context)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/helpdesk") and not target.startswith("/helpdesk/login") and "//" not in target:
        return target
    return "/helpdesk"


# --- login / logout -----------------------------------------------------------------------------------


def login_page(request: web.Request, message: str = "", username: str = "", status: int = 200) -> web.Response:
    token = auth.new_login_csrf()
    settings = request.app[SETTINGS]
    response = render(
        request,
        "login.html",
        status,
        message=message,
        username=username,
        configured=bool(auth.allowed_users(settings)),
        dev_user=settings.dev_user_enabled,
        next_target=_safe_next(request.query.get("next")),
        login_csrf=token,
        max_username=32,
        max_password=200,
    )
    response.set_cookie(
        auth.LOGIN_CSRF_COOKIE,
        token,
        path="/helpdesk/login",
        httponly=True,
        samesite="Strict",
        secure=settings.production,
    )
    return response


async def login_form(request: web.Request) -> web.Response:
    if await auth.current_user(request):
        raise web.HTTPSeeOther(_safe_next(request.query.get("next")))
    return login_page(request)


async def login_submit(request: web.Request) -> web.Response:
    form = await request.post()
    username = str(form.get("username", "")).strip()[:32]
    password = str(form.get("password", ""))[:200]
    cookie_token = request.cookies.get(auth.LOGIN_CSRF_COOKIE, "")
    if not cookie_token or cookie_token != form.get("csrf_token") or not auth.same_origin(request):
        return login_page(request, "登录页面已过期，请重新输入。", username, 403)
    throttle = request.app[THROTTLE]
    if throttle.blocked(username):
        return login_page(request, "登录失败次数过多，请 15 分钟后再试。", username, 429)
    users = auth.allowed_users(request.app[SETTINGS])
    if not users or not await db(check_login, users, username, password):
        throttle.failed(username)
        return login_page(request, "用户名或口令不正确。", username, 401)
    throttle.succeeded(username)
    settings = request.app[SETTINGS]
    token = await db(request.app[STORE].create_console_session, username, auth.ttl(settings), request.app[CLOCK]())
    response = web.HTTPSeeOther(_safe_next(request.query.get("next")))
    auth.start_session_cookie(request, response, token)
    response.del_cookie(auth.LOGIN_CSRF_COOKIE, path="/helpdesk/login")
    raise response


async def logout(request: web.Request) -> web.Response:
    if await auth.current_user(request):
        form = await request.post()
        if not auth.valid_csrf(request, form.get("csrf_token")):
            raise web.HTTPSeeOther("/helpdesk")
        await db(request.app[STORE].end_console_session, request["console_token"])
    response = web.HTTPSeeOther("/helpdesk/login")
    auth.clear_session_cookie(response)
    raise response


# --- hand-off requests --------------------------------------------------------------------------------


async def request_list(request: web.Request) -> web.Response:
    await auth.require_user(request)
    store = request.app[STORE]
    status = request.query.get("status", "")
    status = status if status in STATUS_LABELS else ""
    district = request.query.get("district", "").strip()[:50]
    rows = await db(store.list_handoffs, status or None, district or None)
    counts = await db(store.handoff_counts)
    districts = await db(store.handoff_districts)
    return _console_page(
        request,
        "requests.html",
        rows=rows,
        counts=counts,
        districts=districts,
        selected_status=status,
        selected_district=district,
    )


async def _handoff_or_404(request: web.Request):
    try:
        request_id = int(request.match_info["id"])
    except ValueError:
        raise web.HTTPNotFound() from None
    row = await db(request.app[STORE].get_handoff, request_id)
    if row is None:
        raise web.HTTPNotFound()
    return row


async def request_detail(request: web.Request) -> web.Response:
    await auth.require_user(request)
    row = await _handoff_or_404(request)
    return _console_page(
        request,
        "request_detail.html",
        row=row,
        notice=REPLY_NOTICES.get(request.query.get("result", "")),
        max_reply=chat.MAX_MESSAGE_CHARS,
    )


async def request_reply(request: web.Request) -> web.Response:
    user = await auth.require_user(request)
    row = await _handoff_or_404(request)
    form = await request.post()
    target = f"/helpdesk/requests/{row.id}?result="
    if not auth.valid_csrf(request, form.get("csrf_token")):
        raise web.HTTPSeeOther(target + "csrf")
    text = str(form.get("text", "")).strip()
    if not text:
        raise web.HTTPSeeOther(target + "empty")
    if len(text) > chat.MAX_MESSAGE_CHARS:
        raise web.HTTPSeeOther(target + "too_long")
    try:
        await db(request.app[STORE].reply_to_handoff, row.id, user, text)
    except ValueError:  # HandoffClosedError
        raise web.HTTPSeeOther(target + "is_closed") from None
    raise web.HTTPSeeOther(target + "sent")


async def request_close(request: web.Request) -> web.Response:
    user = await auth.require_user(request)
    row = await _handoff_or_404(request)
    form = await request.post()
    target = f"/helpdesk/requests/{row.id}?result="
    if not auth.valid_csrf(request, form.get("csrf_token")):
        raise web.HTTPSeeOther(target + "csrf")
    await db(request.app[STORE].close_handoff, row.id, user, CLOSE_NOTE)
    raise web.HTTPSeeOther(target + "closed")


async def request_messages(request: web.Request) -> web.Response:
    await auth.require_user(request)
    row = await _handoff_or_404(request)
    after = chat.parse_after(request.query.get("after")) if request.match_info.get("kind") == "updates" else 0
    return await chat.history(request.app, row.sender_id, after)


# --- statistics and export ----------------------------------------------------------------------------


async def stats(request: web.Request) -> web.Response:
    await auth.require_user(request)
    source = request.query.get("source", "")
    source = source if source in SOURCE_LABELS else ""
    counts = {(a, v): n for a, v, n in await db(request.app[STORE].check_stats, source or None)}
    verdicts = list(VERDICT_LABELS)
    rows = []
    for type_id, type_label in APPLICANT_TYPES.items():
        cells = [counts.get((type_id, v), 0) for v in verdicts]
        rows.append((type_label, cells, sum(cells)))
    return _console_page(
        request,
        "stats.html",
        rows=rows,
        verdict_labels=list(VERDICT_LABELS.values()),
        column_totals=[sum(counts.get((t, v), 0) for t in APPLICANT_TYPES) for v in verdicts],
        grand_total=sum(counts.values()),
        sources=SOURCE_LABELS,
        selected_source=source,
    )


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text  # keep spreadsheets from running formulas


async def checks_csv(request: web.Request) -> web.Response:
    await auth.require_user(request)
    rows = await db(request.app[STORE].check_rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "id",
            "created_at_utc",
            "source",
            "applicant_type",
            "applicant_type_label",
            "verdict",
            "verdict_label",
            "rules_version",
            "facts",
        ]
    )
    for r in rows:
        writer.writerow(
            _cell(v)
            for v in (
                r["id"],
                r["created_at"],
                r["source"],
                r["applicant_type"],
                APPLICANT_TYPES.get(r["applicant_type"], ""),
                r["verdict"],
                VERDICT_LABELS.get(r["verdict"], ""),
                r["rules_version"],
                json.dumps(r["facts"], ensure_ascii=False, sort_keys=True),
            )
        )
    stamp = request.app[CLOCK]().strftime("%Y%m%d")
    return web.Response(
        body=("\ufeff" + out.getvalue()).encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="liangye-checks-{stamp}.csv"'},
    )


# --- the assistant for staff --------------------------------------------------------------------------


async def assistant(request: web.Request) -> web.Response:
    await auth.require_user(request)
    return _console_page(request, "assistant.html")


def _console_sender(user: str) -> str:
    return f"{chat.CONSOLE_PREFIX}{user}"


async def assistant_post(request: web.Request) -> web.Response:
    user = await auth.require_user(request)
    if (denied := await auth.require_api_csrf(request)) is not None:
        return denied
    body = await read_json(request)
    message, display, after = chat.parse_message(body)
    return await chat.exchange(request.app, _console_sender(user), message, display, after)


async def assistant_messages(request: web.Request) -> web.Response:
    user = await auth.require_user(request)
    after = chat.parse_after(request.query.get("after")) if request.match_info.get("kind") == "updates" else 0
    return await chat.history(request.app, _console_sender(user), after)


async def helpdesk_root_redirect(request: web.Request) -> web.Response:
    raise web.HTTPFound("/helpdesk")


def setup(app: web.Application) -> None:
    app[THROTTLE] = auth.LoginThrottle()
    r = app.router
    r.add_get("/helpdesk", request_list)
    r.add_get("/helpdesk/", helpdesk_root_redirect)
    r.add_get("/helpdesk/login", login_form)
    r.add_post("/helpdesk/login", login_submit)
    r.add_post("/helpdesk/logout", logout)
    r.add_get("/helpdesk/requests/{id}", request_detail)
    r.add_post("/helpdesk/requests/{id}/reply", request_reply)
    r.add_post("/helpdesk/requests/{id}/close", request_close)
    r.add_get("/helpdesk/api/requests/{id}/{kind:history|updates}", request_messages)
    r.add_get("/helpdesk/stats", stats)
    r.add_get("/helpdesk/checks.csv", checks_csv)
    r.add_get("/helpdesk/assistant", assistant)
    r.add_post("/helpdesk/api/chat", assistant_post)
    r.add_get("/helpdesk/api/chat/{kind:history|updates}", assistant_messages)
