"""Shared helpers for the actions: slot names, reading the latest message, formatting facts, buttons."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import zhconv
from rasa_sdk import Tracker

from bot.nlu.tracks import ENTERPRISE
from liangye_rules.facts import APPLICANT_TYPES, FACT_SPECS, TITLES, Facts, validate_fact
from liangye_rules.key_fields import NONE_ID, key_field
from liangye_rules.parse import format_amount, format_area_revenue, format_percent
from liangye_rules.process import MATERIALS_DISCLAIMER, materials_for
from liangye_rules.ranges import Range, is_range

UNKNOWN = "unknown"  # slot value for a fact the user said they do not know
FACT_SLOTS: tuple[str, ...] = tuple(FACT_SPECS)
TRACK_LABELS = {**APPLICANT_TYPES, ENTERPRISE: "试点企业（类型待定）"}


def intent_of(tracker: Tracker) -> str | None:
    """The name of the latest user intent."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def activating_form(tracker: Tracker, form: str) -> bool:
    """True while ``form`` is being activated: Rasa marks the loop active before the first validation,
    so the sign of activation is that no slot has been requested yet."""
    return tracker.active_loop.get("name") != form or tracker.get_slot("requested_slot") is None


def message_text(tracker: Tracker) -> str:
    """The latest user text in simplified characters, trimmed."""
    return zhconv.convert((tracker.latest_message.get("text") or "").strip(), "zh-cn")


def entities_of(tracker: Tracker) -> list[dict]:
    """The entities of the latest user message."""
    return list(tracker.latest_message.get("entities") or [])


def entity_values(tracker: Tracker, name: str) -> list[Any]:
    """Values of every entity called ``name`` in the latest message."""
    return [e.get("value") for e in entities_of(tracker) if e.get("entity") == name]


def tracks_for(applicant_type: str | None) -> list[str]:
    """The applicant types to evaluate: both enterprise tracks for a company without a chosen track."""
    if applicant_type == ENTERPRISE:
        return ["leading_enterprise", "growth_enterprise"]
    return [applicant_type] if applicant_type in APPLICANT_TYPES else []


def applies(fact: str, applicant_type: str | None) -> bool:
    """Whether ``fact`` matters to this applicant type (any enterprise track for ENTERPRISE)."""
    if applicant_type is None:
        return True
    return any(track in FACT_SPECS[fact].applies_to for track in tracks_for(applicant_type))


def facts_for(slots: dict[str, Any], track: str, as_of: date | None = None) -> Facts:
    """Facts for one track from slot values (already canonical); UNKNOWN counts as not given."""
    values = {
        fact: validate_fact(fact, slots[fact]) if is_range(slots[fact]) else slots[fact]
        for fact in FACT_SLOTS
        if slots.get(fact) is not None and slots.get(fact) != UNKNOWN and track in FACT_SPECS[fact].applies_to
    }
    not_known = [f for f in FACT_SLOTS if slots.get(f) == UNKNOWN and track in FACT_SPECS[f].applies_to]
    return Facts(track, as_of or date.today(), values, not_known=not_known)


def format_fact(fact: str, value: Any) -> str:
    """A fact value in the normalised form we echo back (120亿元, 35%, 是, 第3名)."""
    if value == UNKNOWN:
        return "不清楚"
    if is_range(value):
        return _format_range(fact, validate_fact(fact, value))
    kind = FACT_SPECS[fact].kind
    if kind == "amount":
        return format_amount(value)
    if kind == "area_revenue":
        return format_area_revenue(value)
    if kind in ("share", "growth"):
        return format_percent(value)
    if kind == "bool":
        return "是" if value else "否"
    if kind == "rank":
        return f"第{value}名"
    if kind == "titles":
        return "、".join(TITLES[t] for t in value) if value else "无"
    if kind == "key_field":
        return "不属于八个重点领域" if value == NONE_ID else key_field(value).name
    if kind == "rates":
        return "、".join(format_percent(v) for v in value) + "（从早到晚，逐年）"
    if kind == "history":
        return "、".join("（未提供）" if v is None else format_amount(v) for v in value) + "（从早到晚，逐年）"
    return str(value)


def _format_range(fact: str, figure: Range) -> str:
    """A range as said back: ``15亿元–16亿元（您说“15到16亿”）``; ranks as ``全国前20名`` / ``第30名之后``."""
    if FACT_SPECS[fact].kind != "rank":
        return figure.describe(lambda bound: format_fact(fact, bound))
    if figure.high is None:
        text = f"第{figure.low:g}名之后" if figure.low_open else f"第{figure.low:g}名或更靠后"
    elif figure.low in (None, 1):
        text = f"全国前{figure.high:g}名"
    else:
        text = f"第{figure.low:g}–{figure.high:g}名"
    return f"{text}（您说“{figure.said}”）" if figure.said else text


def button(title: str, intent: str, entities: dict | None = None) -> dict:
    """A quick-reply button whose payload triggers ``intent`` (with entities) directly."""
    payload = f"/{intent}"
    if entities:
        payload += json.dumps(entities, ensure_ascii=False)
    return {"title": title, "payload": payload}


MAIN_MENU = [
    button("开始资格自查", "start_check"),
    button("支持政策", "ask_support"),
    button("补助估算", "ask_subsidy"),
    button("申报流程", "ask_process"),
    button("转人工", "human_handoff"),
]


def materials_payload(applicant_type: str) -> dict:
    """The materials checklist as a custom payload for the page."""
    return {
        "type": "materials",
        "applicant_type": applicant_type,
        "items": [m.to_dict() for m in materials_for(applicant_type)],
        "disclaimer": MATERIALS_DISCLAIMER,
    }
