"""The verdict at the end of the interview: always liangye_rules' evaluation, rendered for the chat."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from liangye_rules.facts import APPLICANT_TYPES
from liangye_rules.render import STATUS_MARKS, render_verdict
from liangye_rules.verdict import Verdict

from .common import ENTERPRISE, button
from .interview import verdicts

logger = logging.getLogger(__name__)

_RANK = {"eligible": 0, "eligible_with_commitment": 1, "insufficient_information": 2, "not_eligible": 3}


def best_track(results: dict[str, Verdict]) -> Verdict:
    """The track that fits best: the better verdict, then fewer unmet criteria; leading wins a tie."""

    def score(v: Verdict) -> tuple[int, int, int]:
        unmet = sum(c.status == "not_met" for c in v.criteria)
        unknown = sum(c.status == "unknown" for c in v.criteria)
        return _RANK[v.verdict], unmet, unknown

    return min(results.values(), key=score)


def other_track_line(other: Verdict) -> str:
    """One line about the track that was not chosen as the best fit."""
    unmet = [f"{c.article}{c.label}" for c in other.criteria if c.status == "not_met"]
    detail = f"（未达到：{'、'.join(unmet)}）" if unmet else ""
    return f"另：按{APPLICANT_TYPES[other.applicant_type]}评估，结论为“{other.label}”{detail}。"


def verdict_messages(slots: dict[str, Any]) -> tuple[Verdict, str]:
    """The verdict to report and its chat text (for a company without a track: the best of both)."""
    results = verdicts(slots)
    chosen = best_track(results)
    text = render_verdict(chosen)
    if slots.get("applicant_type") == ENTERPRISE and len(results) > 1:
        first, rest = text.split("\n", 1)
        others = [other_track_line(v) for v in results.values() if v is not chosen]
        text = "\n".join([first, f"最适合的申报类型：{APPLICANT_TYPES[chosen.applicant_type]}", *others, rest])
    return chosen, text


def _store(sender_id: str, verdict: Verdict) -> None:
    """Record the check (blocking: run it in a worker thread)."""
    try:
        from bot.storage import default_store

        default_store().record_check("chat", verdict.applicant_type, verdict.to_dict(), sender_id=sender_id)
    except Exception:  # storage must never break the conversation
        logger.exception("could not store the eligibility check")


class ActionGiveVerdict(Action):
    """Evaluate the collected facts with liangye_rules and send the verdict as text and as a card."""

    def name(self) -> str:
        return "action_give_verdict"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slots = dict(tracker.slots)
        if not slots.get("applicant_type"):
            dispatcher.utter_message(text="还没有开始自查。", buttons=[button("开始资格自查", "start_check")])
            return []
        verdict, text = verdict_messages(slots)
        buttons = [button("材料清单", "ask_materials"), button("申报流程", "ask_process"), button("支持政策", "ask_support")]
        if verdict.verdict == "not_eligible" and any(c.status == "unknown" for c in verdict.criteria):
            buttons.append(button("继续评估其余条件", "start_check", {"scope": "all"}))
        buttons += [button("修改信息", "review"), button("转人工", "human_handoff"), button("重新开始", "start_over")]
        dispatcher.utter_message(text=text, buttons=list({b["title"]: b for b in buttons}.values()))
        dispatcher.utter_message(json_message={"type": "verdict", "verdict": verdict.to_dict()})
        await asyncio.to_thread(_store, tracker.sender_id, verdict)
        summary = {
            "applicant_type": verdict.applicant_type,
            "verdict": verdict.verdict,
            "verdict_label": verdict.label,
            "criteria": [
                {"article": c.article, "label": c.label, "status": c.status, "mark": STATUS_MARKS[c.status], "gap": c.gap}
                for c in verdict.criteria
            ],
            "rules_version": verdict.rules_version,
        }
        return [SlotSet("last_verdict", summary), SlotSet("answers_confirmed", None)]
