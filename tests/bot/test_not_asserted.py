"""A wrong fact is worse than no fact: figures and titles the user does not assert are never recorded as values.

A matrix of every fact kind × doubt, negation and supposition templates × values on both sides of the threshold,
read by the interview as the NLU would pass them (whatever intent the classifier picked); and a property: adding
such a marker to an answer never makes the verdict more favourable.
"""

import pytest
from bot_harness import PARK_BASICS, make_tracker, run_action, slot_updates
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.actions.common import UNKNOWN
from bot.actions.interview import ValidateEligibilityForm, verdicts
from bot.nlu.extract import extract

FORM = ValidateEligibilityForm()

# fact: (applicant type, how people name it, a value below and one above the threshold)
FIGURES = {
    "annual_revenue": ("leading_enterprise", "营收", ("8亿", "12亿")),
    "advanced_manufacturing_share": ("park", "先进制造占", ("25%", "35%")),
    "modern_services_share": ("park", "现代服务占", ("两成五", "三成五")),
    "revenue_per_square_meter": ("park", "每平米", ("1.5万", "2.5万")),
    "key_field_revenue_share": ("park", "重点领域企业占", ("40%", "60%")),
    "national_market_share_rank": ("leading_enterprise", "全国排名第", ("十五", "五")),
    "service_input_share": ("leading_enterprise", "服务投入占", ("15%", "25%")),
    "avg_revenue_growth": ("growth_enterprise", "营收平均增长", ("15%", "25%")),
    "avg_profit_growth": ("growth_enterprise", "利润平均增长", ("5%", "10%")),
}
DOUBTS = (
    "{cue}可能有{v}？",
    "如果{cue}{v}，能报吗",
    "假如{cue}{v}呢",
    "{cue}不确定，说不好有没有{v}",
    "{cue}也许{v}吧，具体不记得了",
    "不敢说{cue}{v}",
    "{cue}要达到{v}才能报吗",
    "{cue}大概{v}？",
    "{cue}好像是{v}，记不清了",
    "要是{cue}{v}的话",
    "{cue}估计有{v}？不太确定",
    "{cue}是不是得{v}才行",
)
TITLES_NOT_HELD = (
    "还没拿到{t}",
    "{t}在申请中",
    "{t}还没批下来",
    "没有{t}",
    "{t}去年过期了",
    "不是{t}",
    "正在申报{t}",
    "{t}准备明年申请",
    "不确定是不是{t}",
    "{t}的事我不清楚",
    "{t}还在公示中",
    "想问问{t}怎么申请？",
)
TITLE_WORDS = {"national_high_tech": "国家高新", "little_giant": "小巨人", "beijing_specialized_sme": "北京市专精特新"}


def _answer(text, fact, applicant_type, intent="inform"):
    slots = {"applicant_type": applicant_type, "requested_slot": fact}
    events, _ = run_action(FORM, make_tracker(text, intent, slots))
    return slot_updates(events)


@pytest.mark.parametrize("template", DOUBTS)
@pytest.mark.parametrize("fact", sorted(FIGURES))
def test_a_doubted_or_supposed_figure_is_never_recorded(fact, template):
    applicant_type, cue, values = FIGURES[fact]
    for value in values:
        text = template.format(cue=cue, v=value)
        facts = extract(text).facts
        assert fact not in facts, text
        for intent in ("inform", "affirm"):
            updates = _answer(text, fact, applicant_type, intent)
            assert updates.get(fact) in (None, UNKNOWN), (text, intent, updates.get(fact))


@pytest.mark.parametrize("template", TITLES_NOT_HELD)
@pytest.mark.parametrize("title", sorted(TITLE_WORDS))
def test_a_title_not_held_or_only_asked_about_is_never_recorded_as_held(title, template):
    text = template.format(t=TITLE_WORDS[title])
    assert title not in extract(text).titles, text
    for intent in ("inform", "affirm"):
        updates = _answer(text, "titles", "growth_enterprise", intent)
        assert title not in (updates.get("titles") or []) or updates.get("titles") == UNKNOWN, (text, intent)


# How favourable a verdict is to the applicant: only a "you may apply" counts (not knowing is no better than no).
_RANK = {"eligible": 2, "eligible_with_commitment": 1, "insufficient_information": 0, "not_eligible": 0}
_GROWTH_BASE = {"applicant_type": "growth_enterprise", "key_field": "pharma_health", "titles": ["national_high_tech"]}
_PARK_BASE = {"applicant_type": "park", **PARK_BASICS, "key_field_revenue_share": 60.0}


@settings(max_examples=60, deadline=None)
@given(
    fact=st.sampled_from(sorted(FIGURES)),
    template=st.sampled_from(DOUBTS),
    above=st.booleans(),
)
def test_a_doubt_marker_never_makes_the_verdict_more_favourable(fact, template, above):
    applicant_type, cue, values = FIGURES[fact]
    value = values[above]
    base = {
        "park": _PARK_BASE,
        "growth_enterprise": _GROWTH_BASE,
        "leading_enterprise": {"applicant_type": "leading_enterprise", "key_field": "pharma_health"},
    }[applicant_type]
    base = {k: v for k, v in base.items() if k != fact}
    slots = {**base, "requested_slot": fact}

    def best(text):
        events, _ = run_action(FORM, make_tracker(text, "inform", slots))
        after = {**slots, **slot_updates(events)}
        return max(_RANK[v.verdict] for v in verdicts(after).values())

    asserted = best(f"{cue}{value}")
    doubted = best(template.format(cue=cue, v=value))
    assert doubted <= asserted, (template, value)
