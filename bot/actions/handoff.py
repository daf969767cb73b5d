"""Hand-off to the district helpdesk: consent, contact details (validated), then a stored request.

The request is stored only when every field passes validation again at submit: the action server may be
called with any tracker, so slots are never trusted.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.commands import wants_the_bot_back
from liangye_rules.vocabulary import BEIJING_DISTRICTS, SHORT_DISTRICT_NAMES

from .common import MAIN_MENU, activating_form, button, entity_values, intent_of
from .contact import (
    COMPANY_MAX,
    FIELD_LABELS,
    PERSON_MAX,
    checked_request,
    contact_value,
    district_value,
    plain_text,
    verdict_summary,
)

logger = logging.getLogger(__name__)

HANDOFF_SLOTS = ("handoff_consent", "handoff_company", "handoff_person", "handoff_contact", "handoff_district")
_EXIT_INTENTS = {"stop", "start_over", "goodbye"}
_CONSENT = {"同意", "我同意", "好", "好的", "可以", "行", "是", "是的", "嗯", "确认", "没问题", "转吧", "转人工"}
_NO_CONSENT = {"不同意", "不用", "不用了", "不要", "算了", "不", "否", "不需要"}
_QUESTIONS = {
    "handoff_consent": "我可以把您的问题和本次对话记录转给区发展改革部门的工作人员，由工作人员联系您。这需要记录您的单位、联系人和联系方式，"
    "仅用于本次咨询。您同意吗？",
    "handoff_company": "请问您的单位（企业或园区）名称是？",
    "handoff_person": "请问联系人怎么称呼？",
    "handoff_contact": "请留下联系电话（手机或座机）或电子邮箱。",
    "handoff_district": "请问您的单位位于北京市哪个区？（申报按属地管理，由所在区发展改革部门受理）",
}


def _clean_text(text: str, limit: int) -> str | None:
    text = re.sub(r"^(?:我们?(?:的)?(?:单位|公司|园区)?(?:是|叫|名称是)|我是|我叫|联系人是?|姓名是?)", "", text.strip())
    return plain_text(text.strip(" ，。,.：:"), limit)


def _ask(dispatcher: CollectingDispatcher, slot: str) -> None:
    if slot == "handoff_consent":
        dispatcher.utter_message(text=_QUESTIONS[slot], buttons=[button("同意", "affirm"), button("不用了", "deny")])
    elif slot == "handoff_district":
        dispatcher.utter_message(
            text=_QUESTIONS[slot], buttons=[button(d, "give_contact", {"district": d}) for d in BEIJING_DISTRICTS]
        )
    else:
        dispatcher.utter_message(text=_QUESTIONS[slot])


def read_contact(tracker: Tracker, requested: str | None) -> tuple[dict[str, Any], list[str]]:
    """Slot updates and error messages for one message during the hand-off form."""
    intent = intent_of(tracker)
    text = (tracker.latest_message.get("text") or "").strip()
    updates: dict[str, Any] = {}
    errors: list[str] = []
    contacts = [c for c in map(contact_value, entity_values(tracker, "phone") + entity_values(tracker, "email")) if c]
    districts = entity_values(tracker, "district")
    for slot, limit in (("handoff_company", COMPANY_MAX), ("handoff_person", PERSON_MAX)):  # structured input
        given = [g for g in entity_values(tracker, slot) if isinstance(g, str)]
        if given and (value := _clean_text(given[0], limit)):
            updates[slot] = value
    if wants_the_bot_back(text):  # 返回智能助手 at any question: the user no longer wants a person
        return {"handoff_consent": False}, []
    if requested == "handoff_consent":
        plain = text.strip("。！!，, ")
        if intent == "deny" or plain in _NO_CONSENT:
            updates["handoff_consent"] = False
        elif intent == "affirm" or plain in _CONSENT:
            updates["handoff_consent"] = True
    if contacts:
        updates["handoff_contact"] = contacts[0]
    elif requested == "handoff_contact" and text:
        candidate = contact_value(re.sub(r"^(?:电话|手机|邮箱|联系方式)[:：是]?", "", re.sub(r"[\s　]", "", text)))
        if candidate:
            updates["handoff_contact"] = candidate
        else:
            errors.append(
                "联系方式格式不对：手机号应为 11 位（例如 13800138000），座机如 010-12345678，邮箱如 name@example.com。请重新输入。"
            )
    if not districts and requested == "handoff_district":
        districts = [full for short, full in SHORT_DISTRICT_NAMES.items() if short in text]
    if districts and district_value(districts[0]):
        updates["handoff_district"] = districts[0]
    elif requested == "handoff_district" and text and not updates:
        errors.append("没有识别出区名，请选择或输入北京市的区，例如“海淀区”“朝阳区”“北京经济技术开发区”。")
    if requested == "handoff_company" and "handoff_company" not in updates and not contacts:
        value = _clean_text(text, COMPANY_MAX)
        if value:
            updates["handoff_company"] = value
        else:
            errors.append(f"单位名称应为 2 到 {COMPANY_MAX} 个字，不含 < > 等符号，请重新输入。")
    if requested == "handoff_person" and "handoff_person" not in updates and not contacts:
        value = _clean_text(re.split(r"[，,；;]", text)[0], PERSON_MAX)
        if value:
            updates["handoff_person"] = value
        else:
            errors.append(f"联系人称呼应为 2 到 {PERSON_MAX} 个字，不含 < > 等符号，请重新输入。")
    return updates, errors


class ValidateHandoffForm(FormValidationAction):
    """Asks for consent and contact details, validating each."""

    def name(self) -> str:
        return "validate_handoff_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slots = dict(tracker.slots)
        requested = slots.get("requested_slot")
        intent = intent_of(tracker)
        activating = activating_form(tracker, "handoff_form")
        if not activating and intent in _EXIT_INTENTS:
            return []
        updates, errors = ({}, []) if activating else read_contact(tracker, requested)
        for line in errors:
            dispatcher.utter_message(text=line)
        slots.update(updates)
        if slots.get("handoff_consent") is False:
            return [*(SlotSet(k, v) for k, v in updates.items()), SlotSet("requested_slot", None)]
        following = next((s for s in HANDOFF_SLOTS if slots.get(s) is None), None)
        if following:
            _ask(dispatcher, following)
        events = [SlotSet(k, v) for k, v in updates.items()]
        if not events and not activating and not errors:
            return []
        if errors:  # a slot must change, or Rasa rejects the form's turn and drops the explanation
            events.append(SlotSet("unparsed_count", int(slots.get("unparsed_count") or 0) + 1))
        return [*events, SlotSet("requested_slot", following)]


class ActionSubmitHandoff(Action):
    """Record the hand-off request with the conversation's last verdict, or respect a refusal."""

    def name(self) -> str:
        return "action_submit_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        reset = [SlotSet(s, None) for s in HANDOFF_SLOTS]
        if tracker.get_slot("handoff_consent") is not True:
            dispatcher.utter_message(text="好的，不转人工了。您可以继续问我问题，或者说“开始自查”。", buttons=MAIN_MENU)
            return reset
        fields, invalid = checked_request(dict(tracker.slots))
        if invalid:
            logger.warning("hand-off for %r not stored: invalid %s", tracker.sender_id, ", ".join(invalid))
            dispatcher.utter_message(
                text=f"抱歉，转人工请求没有提交：{'、'.join(FIELD_LABELS[f] for f in invalid)}缺失或格式不对。"
                "请点“转人工”重新填写，或直接联系所在区发展改革部门。",
                buttons=[button("转人工", "human_handoff")],
            )
            return [*reset, ActiveLoop(None)]
        contact = fields["handoff_contact"]
        phone, email = (None, contact) if "@" in contact else (contact, None)
        try:
            from bot.storage import default_store

            request_id = await asyncio.to_thread(
                lambda: default_store().create_handoff(
                    sender_id=tracker.sender_id,
                    company=fields["handoff_company"],
                    contact_person=fields["handoff_person"],
                    phone=phone,
                    email=email,
                    district=fields["handoff_district"],
                    last_verdict=verdict_summary(tracker.get_slot("last_verdict")),
                    consent=True,
                )
            )
        except Exception:
            logger.exception("could not store the hand-off request")
            dispatcher.utter_message(
                text="抱歉，转人工请求暂时没有提交成功。请稍后再试，或直接联系所在区发展改革部门。",
                buttons=[button("再试一次", "human_handoff")],
            )
            return [*reset, ActiveLoop(None)]
        dispatcher.utter_message(
            text=f"已为您提交转人工请求（编号 {request_id}），{fields['handoff_district']}的工作人员会在工作时间内在这里回复您，也可能通过您留下的方式联系您。"
            "请保持页面打开，或稍后回到本页面查看。"
        )
        dispatcher.utter_message(json_message={"type": "handoff", "status": "created", "request_id": request_id})
        return reset
