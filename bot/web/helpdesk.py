"""The helpdesk console, a sub-application at ``/helpdesk``: hand-off requests, replies, statistics, CSV export,
the assistant. One middleware, ``auth.login_required``, guards every route; only the login page is public.
"""

from __future__ import annotations

import csv
import io
import json

from aiohttp import web

from liangye_rules.facts import APPLICANT_TYPES
from liangye_rules.verdict import VERDICT_LABELS

from . import auth, chat
from .app import CLOCK, STORE, db, read_json
from .forms import form_errors, read_form
from .login import login_form, login_submit, logout
from .pages import STATUS_LABELS, render
from .throttle import THROTTLE, LoginThrottle

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
    return render(request, template, user=auth.console_user(request), csrf=auth.csrf_token(request), **context)


# --- hand-off requests --------------------------------------------------------------------------------


async def request_list(request: web.Request) -> web.Response:
    store = request.config_dict[STORE]
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
    row = await db(request.config_dict[STORE].get_handoff, request_id)
    if row is None:
        raise web.HTTPNotFound()
    return row


async def request_detail(request: web.Request) -> web.Response:
    row = await _handoff_or_404(request)
    return _console_page(
        request,
        "request_detail.html",
        row=row,
        notice=REPLY_NOTICES.get(request.query.get("result", "")),
        max_reply=chat.MAX_MESSAGE_CHARS,
    )


async def request_reply(request: web.Request) -> web.Response:
    user = auth.console_user(request)
    row = await _handoff_or_404(request)
    form = await read_form(request, {"csrf_token": ("表单令牌", 100), "text": ("答复", None)})
    target = f"/helpdesk/requests/{row.id}?result="
    if not auth.valid_csrf(request, form["csrf_token"]):
        raise web.HTTPSeeOther(target + "csrf")
    text = form["text"].strip()
    if not text:
        raise web.HTTPSeeOther(target + "empty")
    if len(text) > chat.MAX_MESSAGE_CHARS:
        raise web.HTTPSeeOther(target + "too_long")
    try:
        await db(request.config_dict[STORE].reply_to_handoff, row.id, user, text)
    except ValueError:  # HandoffClosedError
        raise web.HTTPSeeOther(target + "is_closed") from None
    raise web.HTTPSeeOther(target + "sent")


async def request_close(request: web.Request) -> web.Response:
    user = auth.console_user(request)
    row = await _handoff_or_404(request)
    form = await read_form(request, {"csrf_token": ("表单令牌", 100)})
    target = f"/helpdesk/requests/{row.id}?result="
    if not auth.valid_csrf(request, form["csrf_token"]):
        raise web.HTTPSeeOther(target + "csrf")
    await db(request.config_dict[STORE].close_handoff, row.id, user, CLOSE_NOTE)
    raise web.HTTPSeeOther(target + "closed")


async def request_messages(request: web.Request) -> web.Response:
    row = await _handoff_or_404(request)
    after = chat.parse_after(request.query.get("after")) if request.match_info.get("kind") == "updates" else 0
    return await chat.history(_main_app(request), row.sender_id, after)


# --- statistics and export ----------------------------------------------------------------------------


async def stats(request: web.Request) -> web.Response:
    source = request.query.get("source", "")
    source = source if source in SOURCE_LABELS else ""
    counts = {(a, v): n for a, v, n in await db(request.config_dict[STORE].check_stats, source or None)}
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
    rows = await db(request.config_dict[STORE].check_rows)
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
    stamp = request.config_dict[CLOCK]().strftime("%Y%m%d")
    return web.Response(
        body=("\ufeff" + out.getvalue()).encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="liangye-checks-{stamp}.csv"'},
    )


# --- the assistant for staff --------------------------------------------------------------------------


async def assistant(request: web.Request) -> web.Response:
    return _console_page(request, "assistant.html")


def _console_sender(user: str) -> str:
    return f"{chat.CONSOLE_PREFIX}{user}"


async def assistant_post(request: web.Request) -> web.Response:
    user = auth.console_user(request)
    if (denied := await auth.require_api_csrf(request)) is not None:
        return denied
    body = await read_json(request)
    message, display, after = chat.parse_message(body)
    return await chat.exchange(_main_app(request), _console_sender(user), message, display, after)


async def assistant_messages(request: web.Request) -> web.Response:
    user = auth.console_user(request)
    after = chat.parse_after(request.query.get("after")) if request.match_info.get("kind") == "updates" else 0
    return await chat.history(_main_app(request), _console_sender(user), after)


async def root_redirect(request: web.Request) -> web.Response:
    raise web.HTTPFound("/helpdesk")


def _main_app(request: web.Request) -> web.Application:
    """The top-level application (the chat functions take it, not the console sub-application)."""
    return request.match_info.apps[0]


def add_routes(console: web.Application) -> None:
    """The console's routes, relative to ``/helpdesk``; ``login`` is the one public route."""
    r = console.router
    r.add_get("", request_list)
    r.add_get("/", root_redirect)
    r.add_get("/login", login_form, name=auth.LOGIN_ROUTE)
    r.add_post("/login", login_submit, name=auth.LOGIN_ROUTE)
    r.add_post("/logout", logout)
    r.add_get("/requests/{id}", request_detail)
    r.add_post("/requests/{id}/reply", request_reply)
    r.add_post("/requests/{id}/close", request_close)
    r.add_get("/api/requests/{id}/{kind:history|updates}", request_messages)
    r.add_get("/stats", stats)
    r.add_get("/checks.csv", checks_csv)
    r.add_get("/assistant", assistant)
    r.add_post("/api/chat", assistant_post)
    r.add_get("/api/chat/{kind:history|updates}", assistant_messages)


def setup(app: web.Application) -> None:
    """Mount the console at ``/helpdesk`` behind the login middleware."""
    app[THROTTLE] = LoginThrottle(app[STORE], app[CLOCK])
    console = web.Application(middlewares=[form_errors, auth.login_required])
    add_routes(console)
    app.add_subapp("/helpdesk", console)
