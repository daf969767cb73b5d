"""Server-rendered HTML (console and error pages): aiohttp-jinja2 templates in ``templates/``, autoescaped.

Every value a template prints is HTML-escaped (``select_autoescape`` for ``.html``); JSON for scripts goes
through ``tojson``, which escapes ``<``, ``>``, ``&`` and ``'``. An undefined variable is an error, not "".
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
BEIJING = timezone(timedelta(hours=8), "北京时间")
PROGRAMME = "两业融合试点示范申报助手"
STATUS_LABELS = {"new": "新请求", "in_progress": "处理中", "closed": "已关闭"}
NAV = (("/helpdesk", "咨询请求"), ("/helpdesk/stats", "自查统计"), ("/helpdesk/assistant", "使用助手"))


def beijing_time(value: datetime | None) -> str:
    return value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") if value else ""


def setup_templates(app: web.Application) -> None:
    """Register the template environment on ``app`` (sub-applications find it through ``config_dict``)."""
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        default_helpers=False,
        filters={"beijing_time": beijing_time},
    )
    env.globals.update(PROGRAMME=PROGRAMME, NAV=NAV, STATUS_LABELS=STATUS_LABELS)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}


def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    """``template`` rendered with ``context`` as an HTML response."""
    return aiohttp_jinja2.render_template(template, request, context, status=status)


def error_page(request: web.Request, status: int, message: str) -> web.Response:
    """A public error page with a Chinese ``message``."""
    return render(request, "error.html", status, message=message)
