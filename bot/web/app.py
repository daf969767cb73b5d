"""The aiohttp application: chat page, JSON API, helpdesk console, security headers and error pages."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
from aiohttp import web

from bot.settings import Settings, load_settings
from bot.storage import Store, get_engine
from bot.storage.models import utcnow

from .compat import fix_request_url
from .pages import error_page, setup_templates
from .validation import MAX_BODY_BYTES, TOO_LARGE, BadRequest, check_size, parse_json

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"

SETTINGS = web.AppKey("settings", Settings)
STORE = web.AppKey("store", Store)
CLOCK = web.AppKey("clock", Callable[[], datetime])
HTTP = web.AppKey("http", aiohttp.ClientSession)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
STATUS_MESSAGES = {
    400: "请求有误。",
    401: "请先登录。",
    403: "没有权限执行此操作。",
    404: "没有找到该页面或接口。",
    405: "不支持该请求方法。",
    413: TOO_LARGE,
    415: "不支持该请求内容格式。",
    429: "请求过于频繁，请稍后再试。",
    500: "服务器内部错误，请稍后重试。",
}

T = TypeVar("T")


def json_error(status: int, message: str, field: str | None = None) -> web.Response:
    body: dict[str, Any] = {"error": message}
    if field is not None:
        body["field"] = field
    return web.json_response(body, status=status, dumps=dumps)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=dumps)


async def read_json(request: web.Request) -> Any:
    """The JSON body, checked by ``validation.parse_json``; raises BadRequest with a Chinese message otherwise."""
    return parse_json(await request.read())


async def db(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking store call in a worker thread."""
    return await asyncio.get_running_loop().run_in_executor(None, partial(fn, *args, **kwargs))


def is_api(request: web.Request) -> bool:
    return request.path.startswith("/api/") or request.path.startswith("/helpdesk/api/") or request.path.endswith(".csv")


@web.middleware
async def errors_middleware(request: web.Request, handler):
    """Chinese JSON/HTML errors instead of tracebacks."""
    try:
        return await handler(request)
    except BadRequest as exc:
        return json_error(exc.status, exc.message, exc.field) if is_api(request) else error_page(request, exc.status, exc.message)
    except web.HTTPException as exc:
        if exc.status < 400 or exc.content_type in ("application/json", "text/html"):
            raise
        message = STATUS_MESSAGES.get(exc.status, "请求未能完成。")
        return json_error(exc.status, message) if is_api(request) else error_page(request, exc.status, message)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        message = STATUS_MESSAGES[500]
        return json_error(500, message) if is_api(request) else error_page(request, 500, message)


@web.middleware
async def body_guard_middleware(request: web.Request, handler):
    """A JSON API body that announces more than the limit is refused before it is read (forms: bot/web/forms.py)."""
    if request.method == "POST" and is_api(request) and request.match_info.http_exception is None:
        check_size(request)
    return await handler(request)


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith("/helpdesk") or request.path.startswith("/api/"):
        response.headers.setdefault("Cache-Control", "no-store")


async def _http_client(app: web.Application):
    timeout = aiohttp.ClientTimeout(total=app[SETTINGS].rasa_timeout_seconds)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        app[HTTP] = session
        yield


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC_DIR / "index.html")


async def healthz(request: web.Request) -> web.Response:
    return json_response({"status": "ok"})


def create_app(
    settings: Settings | None = None, *, store: Store | None = None, clock: Callable[[], datetime] = utcnow
) -> web.Application:
    """Build the application; ``store`` defaults to one on ``settings.database_url``."""
    from . import api, chat, helpdesk

    settings = settings or load_settings()
    fix_request_url()  # the console sub-application is routed by request.url
    app = web.Application(middlewares=[errors_middleware, body_guard_middleware], client_max_size=MAX_BODY_BYTES)
    app[SETTINGS] = settings
    app[STORE] = store or Store(get_engine(settings.database_url))
    app[CLOCK] = clock
    app.cleanup_ctx.append(_http_client)
    app.on_response_prepare.append(add_security_headers)
    setup_templates(app)
    app.router.add_get("/", index)
    app.router.add_get("/healthz", healthz)
    app.router.add_static("/static", STATIC_DIR)
    api.setup(app)
    chat.setup(app)
    helpdesk.setup(app)
    return app
