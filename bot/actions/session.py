"""Conversation housekeeping: restart, leave, review answers, fallbacks."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from .common import FACT_SLOTS, MAIN_MENU, TRACK_LABELS, button, entity_values, intent_of
from .interview import review_lines
from .knowledge import sent_other_region_scope


class ActionResetInterview(Action):
    """Clear every answer and start again."""

    def name(self) -> str:
        return "action_reset_interview"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text="好的，已清空之前的所有回答，我们重新开始。请问您想做什么？", buttons=MAIN_MENU)
        return [ActiveLoop(None), AllSlotsReset()]


class ActionStopInterview(Action):
    """Leave the current form; answers are kept so the user can come back."""

    def name(self) -> str:
        return "action_stop_interview"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(
            text="好的，已退出。您已经提供的信息会保留，随时可以说“继续自查”接着做，或说“重新开始”清空重来。",
            buttons=[button("继续自查", "start_check"), button("重新开始", "start_over")],
        )
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionReviewAnswers(Action):
    """Show the answers given so far and how to change them."""

    def name(self) -> str:
        return "action_review_answers"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slots = dict(tracker.slots)
        if not slots.get("applicant_type"):
            dispatcher.utter_message(text="您还没有填写任何信息。", buttons=[button("开始资格自查", "start_check")])
            return []
        dispatcher.utter_message(
            text="您目前提供的信息：\n"
            + "\n".join(review_lines(slots))
            + "\n要修改哪一项，直接告诉我新的内容即可（例如“营收改为150亿”）。",
            buttons=[button("继续自查", "start_check"), button("重新开始", "start_over")],
        )
        return []


class ActionNotUnderstood(Action):
    """A polite fallback with what the assistant can do; after repeated failures, offer a person."""

    def name(self) -> str:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        count = int(tracker.get_slot("unparsed_count") or 0) + 1
        text = "抱歉，我没有理解您的意思。您可以换个说法，或者从下面选择："
        buttons = list(MAIN_MENU)
        if count >= 2:
            text = "抱歉，我还是没有理解。需要的话，我可以帮您转给区发展改革部门的工作人员。"
            buttons = [button("转人工", "human_handoff"), *MAIN_MENU[:4]]
        dispatcher.utter_message(text=text, buttons=buttons)
        return [SlotSet("unparsed_count", count)]


class ActionOutOfScope(Action):
    """Questions outside the measures: say so, and say what the assistant can do."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if sent_other_region_scope(dispatcher, tracker):
            return []
        current = tracker.get_slot("applicant_type")
        where = f"（当前自查类型：{TRACK_LABELS[current]}）" if current in TRACK_LABELS else ""
        dispatcher.utter_message(
            text="抱歉，这个问题不在我的服务范围内。我专门解答北京市两业融合示范园区和试点企业的认定及支持办法"
            f"（京发改规〔2023〕7号）相关问题{where}。您可以：",
            buttons=MAIN_MENU,
        )
        return []


class ActionShortAnswer(Action):
    """A yes, no or not-known outside a form: a yes to the self-check just offered starts it; else what else."""

    def name(self) -> str:
        return "action_short_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        offered = tracker.get_slot("offered_check")
        names_a_fact = intent_of(tracker) == "dont_know" and entity_values(tracker, "fact_named")
        gives_facts = any(entity_values(tracker, fact) for fact in FACT_SLOTS)  # 不是新设的，老园区了
        if offered and (intent_of(tracker) == "affirm" or names_a_fact or gives_facts):  # 好的 / 排名不清楚: the check starts
            events: list[EventType] = [SlotSet("offered_check", None)]
            if offered in TRACK_LABELS and tracker.get_slot("applicant_type") is None:
                events.append(SlotSet("applicant_type", offered))
            return [*events, FollowupAction("eligibility_form")]
        dispatcher.utter_message(text="好的。还有什么可以帮您的吗？", buttons=MAIN_MENU)
        return [SlotSet("offered_check", None)]
