"""The last word on what a message means, after the classifiers: facts first, other programmes out.

- A message that carries interview facts (我们园区去年收入一百一十多个亿……能报吗) is an answer to the
  self-check, whatever question the classifiers heard in it: its intent becomes ``inform``, so every fact
  is recorded and the check starts or continues. A key-field description typed as an answer
  (智能网联汽车零部件制造和测试服务) counts too when the classifiers could not place it.
- A question about another programme's own rules (专精特新中小企业申报需要准备哪些材料) is out of scope,
  even though it names a title that 第六条 lists.

The original intent is kept in the parse data as ``routed_from`` so the actions and the logs can see why.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from liangye_rules.facts import FACT_SPECS

# Facts a message can carry; key fields and titles are also words of questions, so they count only where
# the classifiers could not place the message.
_FACTS = frozenset(f for f, spec in FACT_SPECS.items() if spec.kind not in ("key_field", "titles"))
_WEAK_FACTS = frozenset({"key_field", "title", "title_absent"})
# Intents that a message with facts is read as an answer instead of.
_OVERRIDDEN = frozenset(
    {"ask_criteria", "out_of_scope", "nlu_fallback", "bot_capabilities", "greet", "ask_key_fields", "ask_term"}
)
_UNPLACED = frozenset({"out_of_scope", "nlu_fallback"})
_QUESTION = re.compile(r"吗|呢|怎么|如何|什么|哪|多少|是否|能否|可否|是不是|有没有|能不能|算不算|[?？]")
_OTHER_PROGRAMME = re.compile(
    r"(专精特新|小巨人|高新技术企业|高企|国家高新|瞪羚|独角兽|单项冠军|企业技术中心)[^，。；,.;]{0,12}"
    r"(申报|认定|评定|申请|复核|复审|评选)[^，。；,.;]{0,10}(材料|条件|流程|标准|要求|门槛|补贴|奖励|时间|多久|怎么|如何)"
)
_THIS_PROGRAMME = re.compile(r"两业|融合|试点|示范|本办法|这个办法|成长型|领跑型|京发改")


def route(intent: str | None, text: str, entities: list[dict]) -> str | None:
    """The intent the message should have instead of ``intent``, or None to keep it."""
    names = {e.get("entity") for e in entities}
    if _OTHER_PROGRAMME.search(text) and not _THIS_PROGRAMME.search(text):
        return "out_of_scope" if intent != "out_of_scope" else None
    if intent in _OVERRIDDEN and names & _FACTS:
        return "inform"
    if intent in _UNPLACED and names & _WEAK_FACTS and not _QUESTION.search(text):
        return "inform"
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class MessageRouter(GraphComponent):
    """Runs after the classifiers and the fallback: applies ``route`` to every message."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MessageRouter:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            routed = route(intent, message.get(TEXT) or "", message.get(ENTITIES) or [])
            if routed is None:
                continue
            message.set(INTENT, {"name": routed, "confidence": 1.0}, add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != routed]
            message.set(INTENT_RANKING_KEY, [{"name": routed, "confidence": 1.0}, *ranking], add_to_output=True)
            message.set("routed_from", intent, add_to_output=True)
        return messages
