"""Console form posts: text fields only, bounded, decodable, without control characters; else a Chinese 4xx."""

from __future__ import annotations

import re
from collections.abc import Mapping

from aiohttp import web

from .pages import error_page

UNREADABLE = "提交的内容无法识别，请刷新页面后重新填写。"
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FormError(Exception):
    """A form post the console cannot use; ``status`` is 400 or 413, ``message`` says why in Chinese."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


async def read_form(request: web.Request, fields: Mapping[str, tuple[str, int | None]]) -> dict[str, str]:
    """The named fields (a missing one is ""); ``fields`` maps each name to its Chinese label and its longest
    length (None: only the 1 MB body limit)."""
    try:
        form = await request.post()
    except web.HTTPRequestEntityTooLarge:
        raise FormError(413, "提交的内容过大，请精简后重试。") from None
    except (ValueError, LookupError):  # undecodable bytes, a broken multipart body, an unknown charset
        raise FormError(400, UNREADABLE) from None
    values = {}
    for name, (label, limit) in fields.items():
        value = form.get(name, "")
        if not isinstance(value, str) or _CONTROL_CHARS.search(value):  # a file upload, NUL and the like
            raise FormError(400, UNREADABLE)
        if limit is not None and len(value) > limit:
            raise FormError(400, f"{label}过长，最多 {limit} 个字符。")
        values[name] = value
    return values


@web.middleware
async def form_errors(request: web.Request, handler):
    """A FormError becomes an error page with its status and message."""
    try:
        return await handler(request)
    except FormError as exc:
        return error_page(request, exc.status, exc.message)
