"""Console login and logout (``/helpdesk/login``, ``/helpdesk/logout``)."""

from __future__ import annotations

from aiohttp import web

from . import auth
from .app import CLOCK, SETTINGS, STORE, db
from .forms import FormError, read_form
from .pages import render
from .passwd import check_login
from .throttle import THROTTLE, client_address, wait_text

MAX_USERNAME_CHARS = 32
MAX_PASSWORD_CHARS = 200
LOGIN_FIELDS = {
    "username": ("用户名", MAX_USERNAME_CHARS),
    "password": ("口令", MAX_PASSWORD_CHARS),
    "csrf_token": ("表单令牌", 100),
}


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a console path, never another site or the login page."""
    if target and target.startswith("/helpdesk") and not target.startswith("/helpdesk/login") and "//" not in target:
        return target
    return "/helpdesk"


def login_page(request: web.Request, message: str = "", username: str = "", status: int = 200) -> web.Response:
    """The login form with a fresh form token (its cookie is set on the response)."""
    token = auth.new_login_csrf()
    settings = request.config_dict[SETTINGS]
    response = render(
        request,
        "login.html",
        status,
        message=message,
        username=username,
        configured=bool(auth.allowed_users(settings)),
        dev_user=settings.dev_user_enabled,
        next_target=safe_next(request.query.get("next")),
        login_csrf=token,
        max_username=MAX_USERNAME_CHARS,
        max_password=MAX_PASSWORD_CHARS,
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


def too_soon(request: web.Request, username: str, wait: int, reason: str, status: int = 429) -> web.Response:
    """The login page saying how long to wait before the next attempt (also as Retry-After)."""
    response = login_page(request, f"{reason}为保护账号安全，请 {wait_text(wait)}后再试。", username, status)
    response.headers["Retry-After"] = str(wait)
    return response


async def login_form(request: web.Request) -> web.Response:
    if await auth.current_user(request):
        raise web.HTTPSeeOther(safe_next(request.query.get("next")))
    return login_page(request)


async def login_submit(request: web.Request) -> web.Response:
    try:
        form = await read_form(request, LOGIN_FIELDS)
    except FormError as exc:
        return login_page(request, exc.message, status=exc.status)
    username, password = form["username"].strip(), form["password"]
    cookie_token = request.cookies.get(auth.LOGIN_CSRF_COOKIE, "")
    if not cookie_token or not auth.same_secret(form["csrf_token"], cookie_token) or not auth.same_origin(request):
        return login_page(request, "登录页面已过期，请重新输入。", username, 403)
    if not username or not password:
        return login_page(request, "请输入用户名和口令。", username, 400)
    settings = request.config_dict[SETTINGS]
    throttle = request.config_dict[THROTTLE]
    client = client_address(request, settings.proxy_hops)
    async with throttle.attempt(username, client):
        if wait := await throttle.wait_seconds(username, client):
            return too_soon(request, username, wait, "登录失败次数较多。")
        users = auth.allowed_users(settings)
        if not users or not await db(check_login, users, username, password):
            if wait := await throttle.failed(username, client):
                return too_soon(request, username, wait, "用户名或口令不正确。", 401)
            return login_page(request, "用户名或口令不正确。", username, 401)
        await throttle.succeeded(username, client)
    store, now = request.config_dict[STORE], request.config_dict[CLOCK]()
    token = await db(store.create_console_session, username, auth.ttl(settings), now)
    response = web.HTTPSeeOther(safe_next(request.query.get("next")))
    auth.start_session_cookie(request, response, token)
    response.del_cookie(auth.LOGIN_CSRF_COOKIE, path="/helpdesk/login")
    raise response


async def logout(request: web.Request) -> web.Response:
    form = await read_form(request, {"csrf_token": ("表单令牌", 100)})
    if not auth.valid_csrf(request, form["csrf_token"]):
        raise web.HTTPSeeOther("/helpdesk")
    await db(request.config_dict[STORE].end_console_session, request["console_token"])
    response = web.HTTPSeeOther("/helpdesk/login")
    auth.clear_session_cookie(response)
    raise response
