"""The two "or" criteria (第六条（一）1 and 第六条（二）2) over every combination of side states, and the
missing-facts contract: insufficient_information lists exactly the facts still needed, not_eligible none."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_helpers import GROWTH_OK, LEADING_OK, PARK_OK, check, criterion, missing_facts, with_

from liangye_rules.facts import FACT_SPECS

# For each "or" criterion: (base, criterion id, [(fact, met value, not_met value), (fact, met, not_met)])
OR_CRITERIA = [
    (LEADING_OK, "leading_scale", [("annual_revenue", "15亿", "9亿"), ("national_market_share_rank", 4, 12)]),
    (GROWTH_OK, "growth_rate", [("avg_revenue_growth", 30, 12), ("avg_profit_growth", 9, 5)]),
]
STATES = ("met", "not_met", "unknown")


def _expected(a: str, b: str) -> str:
    if "met" in (a, b):
        return "met"
    if a == b == "not_met":
        return "not_met"
    return "unknown"


COMBOS = [
    (base, cid, sides, a, b) for (base, cid, sides), (a, b) in itertools.product(OR_CRITERIA, itertools.product(STATES, STATES))
]


@pytest.mark.parametrize(("base", "cid", "sides", "a", "b"), COMBOS, ids=[f"{c[1]}:{c[3]}+{c[4]}" for c in COMBOS])
def test_or_criterion(base, cid, sides, a, b):
    values = {}
    for (fact, met, not_met), state in zip(sides, (a, b), strict=True):
        values[fact] = {"met": met, "not_met": not_met, "unknown": ...}[state]
    result = check(with_(base, **values))
    c = criterion(result, cid)
    want = _expected(a, b)
    assert c["status"] == want
    unknown_facts = [fact for (fact, _, _), state in zip(sides, (a, b), strict=True) if state == "unknown"]
    if want == "met":
        # Once one side is met the other side is never asked, even if unknown.
        assert result["verdict"] == "eligible"
        assert result["missing"] == []
        assert c["gap"] is None
    elif want == "not_met":
        assert result["verdict"] == "not_eligible"
        assert result["missing"] == []
        assert c["gap"] and c["gap"].count("还差") == 2
    else:
        assert result["verdict"] == "insufficient_information"
        assert missing_facts(result) == unknown_facts
        both_unknown = len(unknown_facts) == 2
        for m in result["missing"]:
            others = [f for f in unknown_facts if f != m["fact"]] if both_unknown else []
            assert m["alternative_to"] == others
            assert m["article"] == c["article"]


# ---- missing facts ------------------------------------------------------------------------------

# Facts that, removed alone from a complete input, must be the only missing fact.
SINGLY_NEEDED = {
    "park": [
        "land_legally_obtained",
        "boundaries_defined_and_contiguous",
        "management_body_qualified",
        "operating_mechanism_established",
        "annual_revenue",
        "advanced_manufacturing_share",
        "modern_services_share",
        "revenue_per_square_meter",
        "key_field_revenue_share",
    ],
    "leading_enterprise": ["key_field", "service_input_share"],
    "growth_enterprise": ["key_field", "titles", "service_input_share"],
}
BASES = {"park": PARK_OK, "leading_enterprise": LEADING_OK, "growth_enterprise": GROWTH_OK}
ONE_REMOVED = [(kind, fact) for kind, facts in SINGLY_NEEDED.items() for fact in facts]


@pytest.mark.parametrize(("kind", "fact"), ONE_REMOVED, ids=[f"{k}-{f}" for k, f in ONE_REMOVED])
def test_one_unknown_fact_is_exactly_what_is_missing(kind, fact):
    result = check(with_(BASES[kind], **{fact: ...}))
    assert result["verdict"] == "insufficient_information"
    assert missing_facts(result) == [fact]
    m = result["missing"][0]
    spec = FACT_SPECS[fact]
    assert (m["label"], m["question"], m["hint"]) == (spec.label, spec.question, spec.hint)


@pytest.mark.parametrize(
    ("kind", "fact"),
    [("park", "key_field"), ("leading_enterprise", "national_market_share_rank"), ("growth_enterprise", "avg_profit_growth")],
)
def test_unknown_fact_that_another_fact_settles_is_not_asked(kind, fact):
    result = check(with_(BASES[kind], **{fact: ...}))
    assert result["verdict"] == "eligible"
    assert result["missing"] == []


EMPTY_MISSING = {
    "park": [
        "land_legally_obtained",
        "boundaries_defined_and_contiguous",
        "management_body_qualified",
        "operating_mechanism_established",
        "key_field_revenue_share",
        "annual_revenue",
        "advanced_manufacturing_share",
        "modern_services_share",
        "revenue_per_square_meter",
    ],
    "leading_enterprise": ["key_field", "annual_revenue", "national_market_share_rank", "service_input_share"],
    "growth_enterprise": ["key_field", "titles", "avg_revenue_growth", "avg_profit_growth", "service_input_share"],
}


@pytest.mark.parametrize("kind", list(EMPTY_MISSING))
def test_nothing_known_asks_every_fact_once_in_order(kind):
    result = check({"applicant_type": kind, "as_of": "2024-01-01"})
    assert result["verdict"] == "insufficient_information"
    assert missing_facts(result) == EMPTY_MISSING[kind]
    assert all(c["status"] == "unknown" for c in result["criteria"])


# A not_met value for one fact of each applicant type; any of these makes the verdict not_eligible.
NOT_MET = {
    "park": {"land_legally_obtained": False},
    "leading_enterprise": {"service_input_share": 5},
    "growth_enterprise": {"titles": []},
}


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(list(BASES)), data=st.data())
def test_any_not_met_is_not_eligible_with_nothing_missing(kind, data):
    base = BASES[kind]
    removable = [f for f in base if f not in ("applicant_type", "as_of", *NOT_MET[kind])]
    removed = data.draw(st.lists(st.sampled_from(removable), unique=True), label="removed")
    result = check(with_(base, **NOT_MET[kind], **dict.fromkeys(removed, ...)))
    assert result["verdict"] == "not_eligible"
    assert result["missing"] == []
    assert any(c["status"] == "not_met" for c in result["criteria"])


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(list(BASES)), data=st.data())
def test_missing_facts_are_unknown_given_facts_are_not_asked(kind, data):
    base = BASES[kind]
    removable = [f for f in base if f not in ("applicant_type", "as_of")]
    removed = data.draw(st.lists(st.sampled_from(removable), unique=True), label="removed")
    result = check(with_(base, **dict.fromkeys(removed, ...)))
    asked = missing_facts(result)
    assert len(asked) == len(set(asked))
    assert set(asked) <= set(removed)  # never asks for something already given
    if result["verdict"] == "insufficient_information":
        assert asked
        # Every asked fact belongs to a criterion that is still unknown.
        unknown_needs = {n for c in result["criteria"] if c["status"] == "unknown" for n in c["needs"]}
        assert set(asked) <= unknown_needs
    else:
        assert asked == []
        assert result["verdict"] == "eligible"  # the base has everything met, so nothing can fail


def test_park_insufficient_information_reports_labels_and_articles():
    result = check(with_(PARK_OK, annual_revenue=..., land_legally_obtained=...))
    assert [(m["fact"], m["article"]) for m in result["missing"]] == [
        ("land_legally_obtained", "第五条（一）"),
        ("annual_revenue", "第五条（二）"),
    ]


def test_the_new_park_route_is_shown_only_where_it_decides():
    from liangye_rules.evaluate import evaluate
    from liangye_rules.facts import parse_facts

    base = {
        "applicant_type": "park",
        "advanced_manufacturing_share": 35,
        "modern_services_share": 40,
        "revenue_per_square_meter": 25000,
        "key_field_revenue_share": 60,
        "land_legally_obtained": True,
        "boundaries_defined_and_contiguous": True,
        "management_body_qualified": True,
        "operating_mechanism_established": True,
        "newly_established": False,
    }
    eligible = evaluate(parse_facts({**base, "annual_revenue": "150亿"}))
    assert eligible.verdict == "eligible"
    assert "park_new_park_commitment" not in [c.id for c in eligible.criteria]
    short = evaluate(parse_facts({**base, "annual_revenue": "50亿"}))
    assert short.verdict == "not_eligible"
    assert [c.status for c in short.criteria if c.id == "park_new_park_commitment"] == ["not_met"]
