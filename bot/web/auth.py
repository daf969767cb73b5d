"""Helpdesk login: hashed passwords, server-side sessions in a signed cookie, CSRF tokens, the login gate.

The session cookie is ``<token>.<HMAC(secret, token)>`` (HttpOnly, SameSite=Strict, Secure in production);
the database keeps only SHA-256(token) with an expiry that each request pushes forward by the TTL.
A form's CSRF token is HMAC(secret, "csrf:" + token); POSTs from another origin are refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from aiohttp import web

from bot.settings import DEV_USER, Settings

from .app import CLOCK, SETTINGS, STORE, db, json_error
from .passwd import hash_password

SESSION_COOKIE = "liangye_console"
LOGIN_CSRF_COOKIE = "liangye_login_csrf"
LOGIN_ROUTE = "login"
_dev_hash: str | None = None


def allowed_users(settings: Settings) -> dict[str, str]:
    """Configured accounts; in development with none configured, the ``helpdesk``/``helpdesk`` account."""
    global _dev_hash
    if settings.helpdesk_users:
        return settings.helpdesk_users
    if settings.dev_user_enabled:
        if _dev_hash is None:
            _dev_hash = hash_password(DEV_USER, iterations=10_000)
        return {DEV_USER: _dev_hash}
    return {}


def same_secret(supplied: str, expected: str) -> bool:
    """Constant-time comparison that also takes non-ASCII input (``hmac.compare_digest`` raises on it)."""
    return hmac.compare_digest(supplied.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


def _sign(secret: bytes, message: str) -> str:
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


def session_cookie_value(settings: Settings, token: str) -> str:
    return f"{token}.{_sign(settings.session_secret, token)}"


def _token_from_cookie(settings: Settings, raw: str | None) -> str | None:
    if not raw or "." not in raw:
        return None
    token, signature = raw.rsplit(".", 1)
    return token if same_secret(signature, _sign(settings.session_secret, token)) else None


def ttl(settings: Settings) -> timedelta:
    return timedelta(minutes=settings.session_ttl_minutes)


async def current_user(request: web.Request) -> str | None:
    """The logged-in console user of this request, or None (also for an expired or revoked session)."""
    if "console_user" not in request:
        settings = request.config_dict[SETTINGS]
        token = _token_from_cookie(settings, request.cookies.get(SESSION_COOKIE))
        user = None
        if token is not None:
            # Background polling is not activity: an unattended console page must still time out.
            extend = not request.path.endswith("/updates")
            user = await db(
                request.config_dict[STORE].console_session_user, token, ttl(settings), request.config_dict[CLOCK](), extend
            )
            if user is not None and user not in allowed_users(settings):
                user = None  # the account was removed from the configuration
        request["console_user"] = user
        request["console_token"] = token if user else None
    return request["console_user"]


def csrf_token(request: web.Request) -> str:
    """The CSRF token of the current session (empty when not logged in)."""
    token = request.get("console_token")
    return _sign(request.config_dict[SETTINGS].session_secret, f"csrf:{token}") if token else ""


def same_origin(request: web.Request) -> bool:
    """False for a request that a browser marks as coming from another site."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.host


def valid_csrf(request: web.Request, supplied: str | None) -> bool:
    expected = csrf_token(request)
    return bool(expected) and same_origin(request) and same_secret(supplied or "", expected)


async def require_user(request: web.Request) -> str:
    """The console user, or a redirect to the login page (pages) / 401 (JSON)."""
    user = await current_user(request)
    if user is None:
        if request.path.startswith("/helpdesk/api/") or request.path.endswith(".csv"):
            raise web.HTTPUnauthorized(text='{"error": "登录已过期，请重新登录工作台。"}', content_type="application/json")
        target = request.path_qs if request.method == "GET" else "/helpdesk"
        raise web.HTTPSeeOther(f"/helpdesk/login?next={target}")
    return user


def console_user(request: web.Request) -> str:
    """The user that ``login_required`` let through."""
    return request["console_user"]


@web.middleware
async def login_required(request: web.Request, handler):
    """The console's one gate: every route needs a logged-in user except the login page (GET and POST)."""
    if request.match_info.route.name != LOGIN_ROUTE:
        await require_user(request)
    return await handler(request)


async def require_api_csrf(request: web.Request) -> web.Response | None:
    """For console JSON POSTs: the X-CSRF-Token header must match; returns a 403 response when not."""
    if not valid_csrf(request, request.headers.get("X-CSRF-Token")):
        return json_error(403, "页面已过期，请刷新后重试。")
    return None


def start_session_cookie(request: web.Request, response: web.StreamResponse, token: str) -> None:
    settings = request.config_dict[SETTINGS]
    response.set_cookie(
        SESSION_COOKIE,
        session_cookie_value(settings, token),
        path="/helpdesk",
        httponly=True,
        samesite="Strict",
        secure=settings.production,
    )


def clear_session_cookie(response: web.StreamResponse) -> None:
    response.del_cookie(SESSION_COOKIE, path="/helpdesk")


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)
