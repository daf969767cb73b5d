"""The checks every request body passes before a handler uses it, each failing as a 4xx with a Chinese message.

Bodies: at most MAX_BODY_BYTES. JSON: UTF-8, nesting at most MAX_JSON_DEPTH deep (measured before parsing, so
the parser never recurses deeply), number literals of at most MAX_NUMBER_CHARS characters and finite (checked
before any int conversion; NaN and Infinity refused), every string and key valid Unicode without NUL. Forms:
URL-encoded UTF-8 with the same text rule. Identifiers (``after``) are bounded integers.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from aiohttp import web

MAX_BODY_BYTES = 1_000_000
MAX_JSON_DEPTH = 20
MAX_NUMBER_CHARS = 32
MAX_ID = 10**18 - 1  # fits a signed 64-bit database integer

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")
_DIGITS = re.compile(r"[0-9]{1,18}")

TOO_LARGE = f"请求内容过大（最多 {MAX_BODY_BYTES // 1_000_000} MB），请精简后重试。"
NOT_JSON = "请求内容不是合法的 JSON。"
NOT_UTF8 = "请求内容不是有效的 UTF-8 文本，请检查文字编码。"


class BadRequest(Exception):
    """A client error (400 unless ``status`` says otherwise) with a Chinese message and the offending field."""

    def __init__(self, message: str, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text nests arrays and objects more than ``limit`` deep (brackets in strings ignored)."""
    depth = 0
    for bracket in _NOT_BRACKET.sub("", _JSON_STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


def _shown(literal: str) -> str:
    return literal if len(literal) <= 20 else literal[:20] + "…"


def _parse_int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_CHARS:
        raise BadRequest(f"请求中的数字“{_shown(literal)}”位数过多（最多 {MAX_NUMBER_CHARS} 位），无法处理。", "input")
    return int(literal)


def _parse_float(literal: str) -> float:
    value = float(literal) if len(literal) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise BadRequest(f"请求中的数字“{_shown(literal)}”超出可处理的范围。", "input")
    return value


def _parse_constant(name: str) -> float:
    raise BadRequest(f"请求中的 {name} 不是有效的数字。", "input")


def check_text(value: str, field: str) -> str:
    """``value`` unless it holds NUL or a lone surrogate (text that cannot be stored or encoded)."""
    bad = _BAD_TEXT.search(value)
    if bad is None:
        return value
    if bad.group() == "\x00":
        raise BadRequest("请求中含有空字符（\\u0000），请删除后重新发送。", field)
    raise BadRequest("请求中含有无效的字符（不成对的 Unicode 代理项），请检查文字编码后重新发送。", field)


def _check_strings(value: Any, field: str) -> None:
    if isinstance(value, str):
        check_text(value, field)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key, field)
            _check_strings(item, field)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item, field)


def parse_json(raw: bytes) -> Any:
    """The JSON document in ``raw``; raises BadRequest naming the top-level field at fault where it can."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(NOT_UTF8, "input") from None
    if too_deep(text):
        raise BadRequest(f"JSON 嵌套层数过多（最多 {MAX_JSON_DEPTH} 层）。", "input")
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except json.JSONDecodeError:
        raise BadRequest(NOT_JSON, "input") from None
    if isinstance(data, dict):
        for key, item in data.items():
            check_text(key, "input")
            _check_strings(item, key)
    else:
        _check_strings(data, "input")
    return data


def parse_id(value: Any, field: str) -> int:
    """A message id given as a JSON integer or a string of digits; ``None`` and ``""`` are 0."""
    if value is None or value == "":
        return 0
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ID:
        raise BadRequest(f"参数 {field} 应为不小于 0 的整数。", field)
    return value


def check_size(request: web.Request) -> None:
    """Refuse a body that announces more than MAX_BODY_BYTES (aiohttp refuses larger unannounced ones while reading)."""
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise BadRequest(TOO_LARGE, status=413)
