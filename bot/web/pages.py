"""Server-rendered HTML for the helpdesk console: one layout, every value escaped with ``h``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from html import escape
from typing import Any

BEIJING = timezone(timedelta(hours=8), "北京时间")
PROGRAMME = "两业融合试点示范申报助手"
STATUS_LABELS = {"new": "新请求", "in_progress": "处理中", "closed": "已关闭"}
NAV = (("/helpdesk", "咨询请求"), ("/helpdesk/stats", "自查统计"), ("/helpdesk/assistant", "使用助手"))


def h(value: Any) -> str:
    """HTML-escape any value; ``None`` becomes an empty string."""
    return "" if value is None else escape(str(value), quote=True)


def json_script(element_id: str, data: Any) -> str:
    """A ``<script type="application/json">`` block that is safe for any data (not executed; CSP allows it)."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{h(element_id)}">{text}</script>'


def beijing_time(value: datetime | None) -> str:
    return value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") if value else ""


def status_badge(status: str) -> str:
    return f'<span class="badge status-{h(status)}">{h(STATUS_LABELS.get(status, status))}</span>'


def page(
    title: str,
    body: str,
    *,
    user: str | None = None,
    csrf: str | None = None,
    active: str = "",
    scripts: tuple[str, ...] = (),
    public: bool = False,
) -> str:
    """A full console page (or, with ``public``, a plain public page): header, navigation when logged in, ``body``."""
    nav = ""
    if user:
        current = ' aria-current="page"'
        links = "".join(f'<a href="{href}"{current if href == active else ""}>{label}</a>' for href, label in NAV)
        nav = (
            f'<nav class="console-nav" aria-label="工作台导航">{links}</nav>'
            f'<form class="logout" method="post" action="/helpdesk/logout"><span class="who">{h(user)}</span>'
            f'<input type="hidden" name="csrf_token" value="{h(csrf)}"><button type="submit" class="link-button">退出登录</button></form>'
        )
    meta = f'<meta name="csrf-token" content="{h(csrf)}">' if csrf else ""
    script_tags = "".join(f'<script src="/static/{h(s)}" defer></script>' for s in scripts)
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{meta}
<title>{h(title)} · {"" if public else "工作台 · "}{PROGRAMME}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/app.css">
<link rel="stylesheet" href="/static/card.css">
{script_tags}
</head>
<body class="console">
<header class="site-header">
  <div class="site-header-inner">
    <a class="brand" href="{"/" if public else "/helpdesk"}"><span class="emblem" aria-hidden="true">融</span>
      <span><span class="brand-title">{PROGRAMME}{"" if public else " · 工作台"}</span>
      <span class="brand-sub">京发改规〔2023〕7号{"" if public else " · 咨询服务后台"}</span></span></a>
    {nav}
  </div>
</header>
<main class="console-main">
{body}
</main>
</body>
</html>"""
