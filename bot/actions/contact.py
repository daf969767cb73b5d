"""The hand-off request's fields and their validation, applied when a field is given and again at submit."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from liangye_rules.vocabulary import BEIJING_DISTRICTS

COMPANY_MAX = 100
PERSON_MAX = 30
VERDICT_MAX_CHARS = 20_000
PHONE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")  # mobile, or landline with area code
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,180}\.[A-Za-z]{2,}$")
# markup, entities and script URLs have no place in a name (the console shows these fields to staff)
_MARKUP = re.compile(r"[<>{}`\\]|&#|&[A-Za-z]+;|(?:java|vb)script\s*:|data\s*:", re.IGNORECASE)
FIELD_LABELS = {
    "handoff_company": "单位名称",
    "handoff_person": "联系人",
    "handoff_contact": "联系方式",
    "handoff_district": "所在区",
}


def plain_text(value: Any, limit: int) -> str | None:
    """``value`` trimmed when it is a 2-to-``limit``-character text with no markup or control characters."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not 2 <= len(text) <= limit or text.startswith("/") or _MARKUP.search(text):
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        return None
    return text


def contact_value(value: Any) -> str | None:
    """A Chinese mobile or landline number, or an e-mail address, else None."""
    if not isinstance(value, str):
        return None
    text = re.sub(r"[\s　]", "", value)
    return text if PHONE.match(text) or EMAIL.match(text) else None


def district_value(value: Any) -> str | None:
    """One of Beijing's districts (and the economic-technological development area) as the rules name them."""
    return value if isinstance(value, str) and value in BEIJING_DISTRICTS else None


def verdict_summary(value: Any) -> dict | None:
    """The last verdict's summary when it is a JSON object of sensible size, else None."""
    if not isinstance(value, dict):
        return None
    try:
        size = len(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError):
        return None
    return value if size <= VERDICT_MAX_CHARS else None


def checked_request(slots: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The hand-off request's fields from ``slots``, validated again, and the slots that failed."""
    fields = {
        "handoff_company": plain_text(slots.get("handoff_company"), COMPANY_MAX),
        "handoff_person": plain_text(slots.get("handoff_person"), PERSON_MAX),
        "handoff_contact": contact_value(slots.get("handoff_contact")),
        "handoff_district": district_value(slots.get("handoff_district")),
    }
    return fields, [name for name, value in fields.items() if value is None]
