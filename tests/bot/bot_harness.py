"""Helpers to drive the Rasa SDK actions directly, with the real deterministic extractor."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.nlu.extract import extract

PARK_FIGURES = {
    "annual_revenue": 12e9,
    "advanced_manufacturing_share": 35.0,
    "modern_services_share": 40.0,
    "revenue_per_square_meter": 25000.0,
    "key_field_revenue_share": 60.0,
}
PARK_BASICS = {
    "land_legally_obtained": True,
    "boundaries_defined_and_contiguous": True,
    "management_body_qualified": True,
    "operating_mechanism_established": True,
}
ELIGIBLE_PARK = {"applicant_type": "park", **PARK_FIGURES, **PARK_BASICS}

DOMAIN: dict = {"forms": {"eligibility_form": {"required_slots": ["applicant_type"]}}, "slots": {}}


def make_tracker(
    text: str,
    intent: str = "inform",
    slots: dict[str, Any] | None = None,
    active_loop: str | None = "eligibility_form",
    events: list[dict] | None = None,
    entities: list[dict] | None = None,
    routed_from: str | None = None,
) -> Tracker:
    """A tracker whose latest message is ``text`` classified as ``intent`` (by the router from ``routed_from``),
    with our entities."""
    found = extract(text).entities() if entities is None else entities
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": found}
    if routed_from is not None:
        latest["routed_from"] = routed_from
    history = [*(events or []), {"event": "user", "text": text, "parse_data": latest}]
    return Tracker(
        "test-user",
        dict(slots or {}),
        latest,
        history,
        False,
        None,
        {"name": active_loop} if active_loop else {},
        "action_listen",
    )


def run_action(action, tracker: Tracker) -> tuple[list[dict], list[dict]]:
    """Run an action; return (events, messages)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return events, dispatcher.messages


def slot_updates(events: list[dict]) -> dict[str, Any]:
    """The slot values set by ``events`` (last wins)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def texts(messages: list[dict]) -> str:
    """All message texts joined, for assertions."""
    return "\n".join(m.get("text") or "" for m in messages)
