"""The subsidy estimate as a small form: project type and fixed-asset investment, then the figure."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from liangye_rules.parse import ParseError, parse_amount
from liangye_rules.ranges import is_range
from liangye_rules.support import INSIDE_PARK_NOTE, SUBSIDY_RULES

from .common import activating_form, button, entity_values, intent_of, message_text
from .knowledge import OUTSIDE_PARK, answer_subsidy, subsidy_overview, subsidy_pairs, subsidy_rule_text, subsidy_text

_EXIT_INTENTS = {"stop", "start_over", "human_handoff", "goodbye"}


def _ask(dispatcher: CollectingDispatcher, slot: str, slots: dict[str, Any]) -> None:
    if slot == "subsidy_project_type":
        dispatcher.utter_message(
            text=subsidy_overview() + "\n\n请问是哪一类项目？",
            buttons=[button(rule.name.split("（")[0], "inform", {"project_type": key}) for key, rule in SUBSIDY_RULES.items()],
        )
    else:
        rule = SUBSIDY_RULES[slots["subsidy_project_type"]]
        dispatcher.utter_message(
            text=subsidy_rule_text(rule)
            + "\n\n如需估算金额，请告诉我项目的固定资产投资总额（例如“2亿元”）；不需要的话，直接问别的问题即可。"
        )


class ValidateSubsidyForm(FormValidationAction):
    """Fills the project type and investment from whatever the user wrote."""

    def name(self) -> str:
        return "validate_subsidy_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slots = dict(tracker.slots)
        intent = intent_of(tracker)
        activating = activating_form(tracker, "subsidy_form")
        if not activating and intent in _EXIT_INTENTS:
            return []
        updates: dict[str, Any] = {}
        if OUTSIDE_PARK.search(message_text(tracker)):
            dispatcher.utter_message(text=INSIDE_PARK_NOTE)  # 厂房不在示范园区里，能申请老旧厂房改造补助吗: no
        types = list(dict.fromkeys(t for t in entity_values(tracker, "project_type") if t in SUBSIDY_RULES))
        if len(types) > 1:  # several projects: estimate each if the amounts are given, else compare the rates
            answer, *_ = (
                answer_subsidy(tracker)
                if subsidy_pairs(tracker)
                else ("\n\n".join(subsidy_rule_text(SUBSIDY_RULES[t]) for t in types),)
            )
            dispatcher.utter_message(text=answer)
            return [SlotSet("subsidy_project_type", None), SlotSet("requested_slot", None)]
        if types:
            updates["subsidy_project_type"] = types[0]
        given = entity_values(tracker, "amount") + entity_values(tracker, "annual_revenue")
        given += entity_values(tracker, "supposed_amount")  # 如果投资5000万: an estimate is for a supposed figure
        amounts = [a for a in given if not is_range(a)]
        numbers = [n for n in entity_values(tracker, "number") if not is_range(n)]
        problems = entity_values(tracker, "parse_error") + [
            f"您说的“{a.get('said', '')}”是一个范围；补助按经认定的固定资产投资额计算，请告诉我一个具体金额（估计值也可以，例如“2.3亿”）。"
            for a in given
            if is_range(a)
        ]
        pairs = subsidy_pairs(tracker)
        if pairs:
            updates["subsidy_investment"] = pairs[0][1]
        elif amounts:
            updates["subsidy_investment"] = float(amounts[0])
        elif problems:
            for problem in problems:  # e.g. "投资2亿多": a range, not a figure
                dispatcher.utter_message(text=str(problem))
        elif numbers and slots.get("requested_slot") == "subsidy_investment":
            dispatcher.utter_message(
                text=f"“{numbers[0]:g}”没有单位，请带上单位，例如“{numbers[0]:g}亿元”或“{numbers[0]:g}万元”。"
            )
        if "subsidy_investment" in updates:
            try:
                parse_amount(updates["subsidy_investment"], what="固定资产投资总额")
            except ParseError as exc:
                dispatcher.utter_message(text=exc.message)
                updates.pop("subsidy_investment")
        if not updates and not activating and not numbers and not problems:
            if intent not in ("inform", "nlu_fallback", "ask_subsidy"):
                return []
            dispatcher.utter_message(text="抱歉，我没有理解。")
        if not updates and not activating:  # a slot must change, or Rasa rejects the turn and drops the explanation
            updates["unparsed_count"] = int(slots.get("unparsed_count") or 0) + 1
        slots.update(updates)
        following = next((s for s in ("subsidy_project_type", "subsidy_investment") if slots.get(s) is None), None)
        if following:
            _ask(dispatcher, following, slots)
        return [*(SlotSet(k, v) for k, v in updates.items()), SlotSet("requested_slot", following)]


class ActionEstimateSubsidy(Action):
    """Give the estimate (rate, cap, article, conditions) and clear the form's slots for the next one."""

    def name(self) -> str:
        return "action_estimate_subsidy"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        project_type = tracker.get_slot("subsidy_project_type")
        investment = tracker.get_slot("subsidy_investment")
        if project_type in SUBSIDY_RULES and investment is not None:
            dispatcher.utter_message(
                text=subsidy_text(project_type, float(investment)),
                buttons=[button("再估算一个项目", "ask_subsidy"), button("查看第十一条原文", "ask_article", {"article": 11})],
            )
        elif project_type not in SUBSIDY_RULES:
            dispatcher.utter_message(text=subsidy_overview())
        return [SlotSet("subsidy_project_type", None), SlotSet("subsidy_investment", None)]
