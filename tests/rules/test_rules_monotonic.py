"""Monotonicity: improving one figure (more revenue, higher shares or growth, a better rank, one more title,
true instead of false) never makes things worse — an eligible verdict stays eligible, and a met criterion
stays met."""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rules_helpers import AS_OF, check

from liangye_rules.facts import TITLES
from liangye_rules.key_fields import key_field_ids

VERDICT_RANK = {"not_eligible": 0, "insufficient_information": 1, "eligible_with_commitment": 2, "eligible": 3}


def _optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def _around(*thresholds: float, low: float, high: float) -> st.SearchStrategy:
    """Values clustered on the thresholds (at, just below, just above) plus anything in [low, high]."""
    near = [t + d for t in thresholds for d in (-1, -0.01, 0, 0.01, 1) if low <= t + d <= high]
    return st.one_of(st.sampled_from(near), st.floats(min_value=low, max_value=high, allow_nan=False))


BOOL = _optional(st.booleans())
KEY_FIELD = _optional(st.sampled_from([*key_field_ids(), "none"]))
SHARE = _around(20, 30, 40, 50, low=0, high=100)
GROWTH = _around(8, 20, low=-60, high=120)
HISTORY = st.lists(st.floats(min_value=-50, max_value=500, allow_nan=False), min_size=4, max_size=4)

PARK = st.fixed_dictionaries(
    {
        "land_legally_obtained": BOOL,
        "boundaries_defined_and_contiguous": BOOL,
        "management_body_qualified": BOOL,
        "operating_mechanism_established": BOOL,
        "key_field": KEY_FIELD,
        "annual_revenue": _optional(_around(100e8, low=0, high=500e8)),
        "advanced_manufacturing_share": _optional(SHARE),
        "modern_services_share": _optional(SHARE),
        "revenue_per_square_meter": _optional(_around(2e4, low=0, high=1e5)),
        "key_field_revenue_share": _optional(SHARE),
        "newly_established": BOOL,
        "commits_within_3_years": BOOL,
    }
)
LEADING = st.fixed_dictionaries(
    {
        "key_field": KEY_FIELD,
        "annual_revenue": _optional(_around(10e8, low=0, high=50e8)),
        "national_market_share_rank": _optional(st.integers(min_value=1, max_value=30)),
        "service_input_share": _optional(SHARE),
    }
)
GROWTH_ENTERPRISE = st.fixed_dictionaries(
    {
        "key_field": KEY_FIELD,
        "titles": _optional(st.lists(st.sampled_from(list(TITLES)), unique=True)),
        "avg_revenue_growth": _optional(GROWTH),
        "avg_profit_growth": _optional(GROWTH),
        "service_input_share": _optional(SHARE),
        "revenue_history": _optional(st.lists(st.floats(min_value=1, max_value=500, allow_nan=False), min_size=4, max_size=4)),
        "profit_history": _optional(HISTORY),
    }
)
RANDOM = {"park": PARK, "leading_enterprise": LEADING, "growth_enterprise": GROWTH_ENTERPRISE}
# Complete inputs meeting every condition, in canonical units; perturbing a few of their fields explores the
# region around "eligible", which fully random inputs rarely reach.
GOOD = {
    "park": {
        "land_legally_obtained": True,
        "boundaries_defined_and_contiguous": True,
        "management_body_qualified": True,
        "operating_mechanism_established": True,
        "key_field": "integrated_circuits",
        "annual_revenue": 120e8,
        "advanced_manufacturing_share": 35,
        "modern_services_share": 40,
        "revenue_per_square_meter": 2.5e4,
        "key_field_revenue_share": 60,
        "newly_established": None,
        "commits_within_3_years": None,
    },
    "leading_enterprise": {
        "key_field": "pharma_health",
        "annual_revenue": 12e8,
        "national_market_share_rank": 3,
        "service_input_share": 25,
    },
    "growth_enterprise": {
        "key_field": "new_generation_it",
        "titles": ["little_giant"],
        "avg_revenue_growth": 25,
        "avg_profit_growth": 10,
        "service_input_share": 45,
        "revenue_history": None,
        "profit_history": None,
    },
}


@st.composite
def _near_good(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    values = dict(GOOD[kind])
    random = draw(RANDOM[kind])
    for field in draw(st.lists(st.sampled_from(sorted(values)), unique=True, max_size=4)):
        values[field] = random[field]
    return values


APPLICANTS = {kind: st.one_of(RANDOM[kind], _near_good(kind)) for kind in RANDOM}

SHARE_FIELDS = {"advanced_manufacturing_share", "modern_services_share", "key_field_revenue_share", "service_input_share"}
AMOUNT_FIELDS = {"annual_revenue", "revenue_per_square_meter"}
GROWTH_FIELDS = {"avg_revenue_growth", "avg_profit_growth"}


IMPROVABLE: dict[str, st.SearchStrategy] = {
    "key_field": st.just("none"),
    "national_market_share_rank": st.integers(min_value=2, max_value=30),
    "titles": st.lists(st.sampled_from(list(TITLES)), unique=True, max_size=len(TITLES) - 1),
    "revenue_history": st.lists(st.floats(min_value=1, max_value=500, allow_nan=False), min_size=4, max_size=4),
    "profit_history": HISTORY,
    "annual_revenue": st.one_of(_around(100e8, low=0, high=500e8), _around(10e8, low=0, high=50e8)),
    "revenue_per_square_meter": _around(2e4, low=0, high=1e5),
    **dict.fromkeys(GROWTH_FIELDS, GROWTH),
    **dict.fromkeys(SHARE_FIELDS, st.floats(min_value=0, max_value=99.99)),
}


def _before(field: str, data: st.DataObject) -> Any:
    """A value of ``field`` that can still be improved (never unknown, never already the best)."""
    strategy = IMPROVABLE.get(field, st.just(False))  # the booleans start at false
    return data.draw(strategy, label="value before")


def _improve(field: str, value: Any, data: st.DataObject) -> Any:
    """A strictly better value for ``field``."""
    if isinstance(value, bool):
        return True
    if field == "key_field":
        return data.draw(st.sampled_from(key_field_ids()), label="new key_field")
    if field == "national_market_share_rank":
        return data.draw(st.integers(min_value=1, max_value=value - 1), label="better rank")
    if field == "titles":
        return [*value, data.draw(st.sampled_from([t for t in TITLES if t not in value]), label="new title")]
    if field.endswith("_history"):
        # A higher latest year raises every reading of 近三年 growth.
        return [*value[:3], value[3] + data.draw(st.floats(min_value=0.5, max_value=500), label="more in last year")]
    if field in SHARE_FIELDS:
        return data.draw(st.floats(min_value=value, max_value=100, exclude_min=True), label="higher share")
    if field in AMOUNT_FIELDS:
        return value + data.draw(st.sampled_from([0.01, 1, 1e4, 1e8, 10e8]), label="more")
    assert field in GROWTH_FIELDS
    return value + data.draw(st.sampled_from([0.01, 0.5, 5, 30]), label="more growth")


def _input(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    return {"applicant_type": kind, "as_of": AS_OF, **{k: v for k, v in values.items() if v is not None}}


@settings(max_examples=400, deadline=None)
@given(kind=st.sampled_from(list(APPLICANTS)), data=st.data())
def test_improving_one_figure_never_makes_the_verdict_worse(kind, data):
    values = data.draw(APPLICANTS[kind], label="facts")
    field = data.draw(st.sampled_from(sorted(values)), label="field to improve")
    values[field] = _before(field, data)
    better = dict(values, **{field: _improve(field, values[field], data)})
    if kind == "park":  # manufacturing + services above 100 % is rejected as input (checked in the parse tests)
        m, s = better["advanced_manufacturing_share"], better["modern_services_share"]
        assume(m is None or s is None or m + s <= 100)

    before, after = check(_input(kind, values)), check(_input(kind, better))

    if before["verdict"] == "eligible":
        assert after["verdict"] != "not_eligible"
        assert after["verdict"] == "eligible"
    if not field.endswith("_history"):
        # A history can turn from not computable (unknown) into computable and short: see the test below.
        assert VERDICT_RANK[after["verdict"]] >= VERDICT_RANK[before["verdict"]], (before["verdict"], after["verdict"])
    after_status = {c["id"]: c["status"] for c in after["criteria"]}
    for c in before["criteria"]:
        if c["status"] == "met" and c["id"] in after_status:
            assert after_status[c["id"]] == "met", c["id"]


def test_a_park_meeting_every_condition_is_eligible_whatever_it_says_about_the_new_park_route():
    for newly in (None, False, True):
        for commits in (None, False, True):
            data = _input("park", dict(GOOD["park"], newly_established=newly, commits_within_3_years=commits))
            result = check(data)
            assert result["verdict"] == "eligible", (newly, commits)
            assert result["missing"] == []


def test_a_better_last_year_can_make_an_uncomputable_history_computable_and_short():
    # The one legitimate "worse" verdict: with a loss in the last year the compound rate is undefined
    # (unknown); a better last year makes both readings computable, and both fall short of 8 %.
    base = dict(GOOD["growth_enterprise"], avg_revenue_growth=5, avg_profit_growth=None)
    before = check(_input("growth_enterprise", dict(base, profit_history=[10, 11, 12, -10])))
    after = check(_input("growth_enterprise", dict(base, profit_history=[10, 11, 12, 10.5])))
    assert before["verdict"] == "insufficient_information"
    assert after["verdict"] == "not_eligible"
    assert [c["status"] for c in after["criteria"] if c["id"] == "growth_rate"] == ["not_met"]
