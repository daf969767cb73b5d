"""The helpdesk console under ``/helpdesk``: hand-off requests, replies, statistics, CSV export, the assistant."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

from aiohttp import web

from liangye_rules.facts import APPLICANT_TYPES
from liangye_rules.verdict import VERDICT_LABELS

from . import auth, chat
from .app import CLOCK, SETTINGS, STORE, db, read_json
from .pages import STATUS_LABELS, beijing_time, h, json_script, page, status_badge
from .passwd import check_login

THROTTLE = web.AppKey("login_throttle", auth.LoginThrottle)
CLOSE_NOTE = "工作人员已结束本次人工服务。您可以继续向智能助手提问；如需再次联系工作人员，请发送“转人工”。"
REPLY_NOTICES = {
    "sent": ("ok", "答复已发送，用户会在聊天页面看到。"),
    "closed": ("ok", "该请求已关闭。"),
    "empty": ("error", "答复内容不能为空。"),
    "too_long": ("error", f"答复过长，最多 {chat.MAX_MESSAGE_CHARS} 个字。"),
    "is_closed": ("error", "该请求已关闭，不能再答复。"),
    "csrf": ("error", "页面已过期，请刷新后重试。"),
}


def html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html")


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/helpdesk") and not target.startswith("/helpdesk/login") and "//" not in target:
        return target
    return "/helpdesk"


# --- login / logout -----------------------------------------------------------------------------------


def login_page(request: web.Request, message: str = "", username: str = "", status: int = 200) -> web.Response:
    token = auth.new_login_csrf()
    configured = bool(auth.allowed_users(request.app[SETTINGS]))
    notice = f'<p class="notice error" role="alert">{h(message)}</p>' if message else ""
    if not configured:
        notice += '<p class="notice error" role="alert">工作台尚未配置账号，暂时无法登录。请联系系统管理员设置 LIANGYE_HELPDESK_USERS。</p>'
    elif request.app[SETTINGS].dev_user_enabled:
        notice += '<p class="notice">开发模式：可使用默认账号 helpdesk / helpdesk 登录。</p>'
    next_target = _safe_next(request.query.get("next"))
    body = f"""<section class="panel narrow login">
<h2>工作人员登录</h2>
{notice}
<form method="post" action="/helpdesk/login?{h(urlencode({"next": next_target}))}" class="stack">
  <input type="hidden" name="csrf_token" value="{h(token)}">
  <label>用户名<input name="username" autocomplete="username" required maxlength="32" value="{h(username)}" autofocus></label>
  <label>口令<input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
  <button type="submit" class="primary">登录</button>
</form>
</section>"""
    response = html(page("登录", body), status)
    response.set_cookie(
        auth.LOGIN_CSRF_COOKIE,
        token,
        path="/helpdesk/login",
        httponly=True,
        samesite="Strict",
        secure=request.app[SETTINGS].production,
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
    user = await auth.require_user(request)
    store = request.app[STORE]
    status = request.query.get("status", "")
    status = status if status in STATUS_LABELS else ""
    district = request.query.get("district", "").strip()[:50]
    rows = await db(store.list_handoffs, status or None, district or None)
    counts = await db(store.handoff_counts)
    districts = await db(store.handoff_districts)
    status_options = '<option value="">全部状态</option>' + "".join(
        f'<option value="{k}"{" selected" if k == status else ""}>{v}（{counts[k]}）</option>' for k, v in STATUS_LABELS.items()
    )
    district_options = '<option value="">全部区</option>' + "".join(
        f'<option value="{h(d)}"{" selected" if d == district else ""}>{h(d)}</option>' for d in districts
    )
    if rows:
        body_rows = "".join(
            f'<tr><td data-label="编号"><a href="/helpdesk/requests/{r.id}">#{r.id}</a></td>'
            f'<td data-label="提交时间">{beijing_time(r.created_at)}</td>'
            f'<td data-label="单位"><a href="/helpdesk/requests/{r.id}">{h(r.company)}</a></td>'
            f'<td data-label="联系人">{h(r.contact_person)}</td><td data-label="所在区">{h(r.district)}</td>'
            f'<td data-label="状态">{status_badge(r.status)}</td><td data-label="处理人">{h(r.assigned_to or "—")}</td></tr>'
            for r in rows
        )
        table = (
            '<table class="data responsive"><thead><tr><th>编号</th><th>提交时间</th><th>单位</th><th>联系人</th>'
            f"<th>所在区</th><th>状态</th><th>处理人</th></tr></thead><tbody>{body_rows}</tbody></table>"
        )
    else:
        table = '<p class="empty">暂无符合条件的咨询请求。</p>'
    summary = "".join(
        f'<div class="stat"><span class="stat-n">{counts[k]}</span><span>{v}</span></div>' for k, v in STATUS_LABELS.items()
    )
    body = f"""<section class="panel">
<div class="panel-head"><h2>咨询请求</h2><div class="stats-row">{summary}</div></div>
<form method="get" action="/helpdesk" class="filters">
  <label>状态<select name="status">{status_options}</select></label>
  <label>所在区<select name="district">{district_options}</select></label>
  <button type="submit">筛选</button>
</form>
{table}
</section>"""
    return html(page("咨询请求", body, user=user, csrf=auth.csrf_token(request), active="/helpdesk"))


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
    user = await auth.require_user(request)
    row = await _handoff_or_404(request)
    csrf = auth.csrf_token(request)
    notice = ""
    key = request.query.get("result", "")
    if key in REPLY_NOTICES:
        kind, text = REPLY_NOTICES[key]
        notice = f'<p class="notice {kind}" role="status">{h(text)}</p>'
    fields = (
        ("单位名称", row.company),
        ("联系人", row.contact_person),
        ("电话", row.phone or "—"),
        ("电子邮箱", row.email or "—"),
        ("所在区", row.district),
        ("同意联系", "是" if row.consent else "否"),
        ("提交时间", beijing_time(row.created_at)),
        ("处理人", row.assigned_to or "—"),
        ("首次答复", beijing_time(row.answered_at) or "—"),
        ("关闭时间", beijing_time(row.closed_at) or "—"),
        ("会话标识", row.sender_id),
    )
    info = "".join(f"<dt>{h(k)}</dt><dd>{h(v)}</dd>" for k, v in fields)
    if row.status == "closed":
        actions = '<p class="muted">该请求已关闭。</p>'
        reply = '<p class="muted">该请求已关闭，不能再答复。</p>'
    else:
        actions = (
            f'<form method="post" action="/helpdesk/requests/{row.id}/close" class="inline" data-confirm="确定关闭该请求吗？关闭后用户的消息将重新由智能助手回答。">'
            f'<input type="hidden" name="csrf_token" value="{h(csrf)}"><button type="submit" class="danger">关闭请求</button></form>'
        )
        reply = f"""<form method="post" action="/helpdesk/requests/{row.id}/reply" class="stack reply-form">
  <input type="hidden" name="csrf_token" value="{h(csrf)}">
  <label for="reply-text">答复用户（用户会在聊天页面看到，署名“工作人员”）</label>
  <textarea id="reply-text" name="text" rows="4" maxlength="{chat.MAX_MESSAGE_CHARS}" required placeholder="请输入答复内容"></textarea>
  <button type="submit" class="primary">发送答复</button>
</form>"""
    verdict = (
        json_script("last-verdict", row.last_verdict) + '<div id="verdict-slot"></div>'
        if row.last_verdict
        else '<p class="muted">用户转人工前没有完成资格自查。</p>'
    )
    body = f"""<p class="crumbs"><a href="/helpdesk">← 返回咨询请求列表</a></p>
{notice}
<div class="detail-grid">
<section class="panel">
  <div class="panel-head"><h2>咨询请求 #{row.id}</h2>{status_badge(row.status)}</div>
  <dl class="facts">{info}</dl>
  {actions}
</section>
<section class="panel conversation">
  <h2>对话记录</h2>
  <div class="chat monitor" data-chat data-api="/helpdesk/api/requests/{row.id}" data-readonly="1"></div>
  {reply}
</section>
<section class="panel wide">
  <h2>最近一次自查结果</h2>
  {verdict}
</section>
</div>"""
    return html(
        page(f"咨询请求 #{row.id}", body, user=user, csrf=csrf, active="/helpdesk", scripts=("card.js", "chat.js", "console.js"))
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
    user = await auth.require_user(request)
    source = request.query.get("source", "")
    source = source if source in ("chat", "api", "console") else ""
    counts = {(a, v): n for a, v, n in await db(request.app[STORE].check_stats, source or None)}
    head = "".join(f'<th class="num">{h(label)}</th>' for label in VERDICT_LABELS.values())
    rows = []
    for type_id, type_label in APPLICANT_TYPES.items():
        cells = "".join(
            f'<td data-label="{h(lbl)}" class="num">{counts.get((type_id, v), 0)}</td>' for v, lbl in VERDICT_LABELS.items()
        )
        total = sum(counts.get((type_id, v), 0) for v in VERDICT_LABELS)
        rows.append(f'<tr><th scope="row">{h(type_label)}</th>{cells}<td data-label="合计" class="num total">{total}</td></tr>')
    col_totals = "".join(
        f'<td class="num total">{sum(counts.get((t, v), 0) for t in APPLICANT_TYPES)}</td>' for v in VERDICT_LABELS
    )
    grand = sum(counts.values())
    source_labels = {"": "全部来源", "chat": "聊天", "api": "接口", "console": "工作台"}
    source_options = "".join(
        f'<option value="{k}"{" selected" if k == source else ""}>{v}</option>' for k, v in source_labels.items()
    )
    body = f"""<section class="panel">
<div class="panel-head"><h2>资格自查统计</h2><a class="button" href="/helpdesk/checks.csv" download>导出 CSV</a></div>
<p class="muted">按申报类型和结论统计已保存的自查记录（共 {grand} 条）。记录只包含填报的经营数据和结论，不含个人信息。</p>
<form method="get" action="/helpdesk/stats" class="filters">
  <label>来源<select name="source">{source_options}</select></label>
  <button type="submit">筛选</button>
</form>
<div class="table-scroll"><table class="data matrix">
<thead><tr><th>申报类型</th>{head}<th class="num">合计</th></tr></thead>
<tbody>{"".join(rows)}</tbody>
<tfoot><tr><th scope="row">合计</th>{col_totals}<td class="num total">{grand}</td></tr></tfoot>
</table></div>
</section>"""
    return html(page("自查统计", body, user=user, csrf=auth.csrf_token(request), active="/helpdesk/stats"))


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
    user = await auth.require_user(request)
    body = """<section class="panel assistant">
<div class="panel-head"><h2>使用助手</h2></div>
<p class="muted">与公众聊天页面相同的智能助手，可用来核对政策解答。此处的对话以工作台账号记录，不会转给其他工作人员。</p>
<div class="chat" data-chat data-api="/helpdesk/api/chat"></div>
</section>"""
    return html(
        page(
            "使用助手",
            body,
            user=user,
            csrf=auth.csrf_token(request),
            active="/helpdesk/assistant",
            scripts=("card.js", "chat.js"),
        )
    )


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
