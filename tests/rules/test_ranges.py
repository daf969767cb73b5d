"""A figure known only within bounds decides a threshold when it lies wholly on one side of it (liangye_rules.ranges)."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liangye_rules.evaluate import evaluate, holds, straddled_thresholds
from liangye_rules.facts import Facts, InputError, parse_facts, validate_fact
from liangye_rules.ranges import Range
from liangye_rules.thresholds import LEADING_MARKET_RANK, LEADING_REVENUE, PARK_REVENUE_PER_M2, PARK_SERVICES_SHARE


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        # 不低于 30 %: at, just below and just above the threshold, closed and open ends
        (Range(30, 40), True),
        (Range(30, 40, low_open=True), True),
        (Range(29.9, 40), None),
        (Range(20, 30), None),
        (Range(20, 30, high_open=True), False),
        (Range(20, 29.99), False),
        (Range(None, 30, high_open=True), False),
        (Range(30, None), True),
    ],
)
def test_a_range_against_not_lower_than(figure, expected):
    assert holds(PARK_SERVICES_SHARE, figure) is expected


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        # 超过 2万元/平方米: the threshold itself does not count
        (Range(2e4, 3e4), None),
        (Range(2e4, 3e4, low_open=True), True),
        (Range(2.0001e4, 3e4), True),
        (Range(1.5e4, 2e4), False),
        (Range(None, 2e4), False),
    ],
)
def test_a_range_against_more_than(figure, expected):
    assert holds(PARK_REVENUE_PER_M2, figure) is expected


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (Range(1, 10), True),  # 前十
        (Range(1, 11), None),  # 前十一
        (Range(10, None, low_open=True), False),  # 进不去前十
        (Range(20, None, low_open=True), False),  # 二十名开外
        (Range(9, None, low_open=True), None),
    ],
)
def test_a_rank_range_against_the_top_ten(figure, expected):
    assert holds(LEADING_MARKET_RANK, figure) is expected


def test_a_decided_range_gives_the_same_verdict_as_any_value_in_it():
    ruled_out = evaluate(Facts("leading_enterprise", values={"annual_revenue": Range(9e8, 1e9, True, True, "九亿多")}))
    scale = next(c for c in ruled_out.criteria if c.id == "leading_scale")
    assert scale.status == "unknown"  # the rank may still meet the "or"
    ruled_out = evaluate(
        Facts(
            "leading_enterprise",
            values={
                "annual_revenue": Range(9e8, 1e9, True, True, "九亿多"),
                "national_market_share_rank": Range(20, None, low_open=True, said="二十名开外"),
                "key_field": "integrated_circuits",
                "service_input_share": 30.0,
            },
        )
    )
    assert ruled_out.verdict == "not_eligible"
    scale = next(c for c in ruled_out.criteria if c.id == "leading_scale")
    assert "九亿多" in scale.actual and "二十名开外" in scale.actual


def test_a_straddling_range_leaves_the_criterion_open_and_names_the_fact():
    verdict = evaluate(Facts("park", values={"modern_services_share": Range(25, 35, said="三成左右")}))
    services = next(c for c in verdict.criteria if c.id == "park_services_share")
    assert services.status == "unknown" and services.needs == ("modern_services_share",)
    assert "跨过了门槛" in services.explanation
    assert straddled_thresholds("park", "modern_services_share", Range(25, 35)) == [PARK_SERVICES_SHARE]
    assert straddled_thresholds("park", "modern_services_share", Range(30, 35)) == []


def test_ranges_come_in_through_the_api_form_and_bad_ones_are_refused_in_chinese():
    facts = parse_facts({"applicant_type": "leading_enterprise", "annual_revenue": {"range": ["15亿", "16亿"]}})
    assert facts.get("annual_revenue") == Range(1.5e9, 1.6e9)
    assert holds(LEADING_REVENUE, facts.get("annual_revenue")) is True
    for bad in ({"range": [None, None]}, {"range": ["16亿", "15亿"]}, {"range": [1]}, {"range": ["a", None]}):
        with pytest.raises(InputError) as caught:
            validate_fact("annual_revenue", bad)
        assert caught.value.field == "annual_revenue" and caught.value.message
    with pytest.raises(InputError):
        validate_fact("land_legally_obtained", {"range": [0, 1]})


_bounds = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(_bounds, _bounds, st.booleans(), st.booleans())
def test_a_range_decides_only_what_every_value_in_it_would(a, b, low_open, high_open):
    low, high = min(a, b), max(a, b)
    if low == high and (low_open or high_open):
        return
    figure = Range(low, high, low_open, high_open)
    decided = holds(PARK_SERVICES_SHARE, figure)
    inside = [x for x in (low, (low + high) / 2, high) if not (x == low and low_open) and not (x == high and high_open)]
    outcomes = {PARK_SERVICES_SHARE.holds(x) for x in inside}
    if decided is not None:
        assert outcomes == {decided}
    else:  # it holds values on both sides of 30 %
        assert low < PARK_SERVICES_SHARE.value <= high and not (high == PARK_SERVICES_SHARE.value and high_open)


def test_a_verdict_with_ranges_is_plain_json():
    verdict = evaluate(Facts("leading_enterprise", values={"annual_revenue": Range(1.2e9, 1.3e9, True, True, "十二三个亿")}))
    data = json.loads(json.dumps(verdict.to_dict(), ensure_ascii=False))
    assert data["facts"]["annual_revenue"] == {"range": [1.2e9, 1.3e9], "open": [True, True], "said": "十二三个亿"}


def test_the_verdict_says_which_figures_were_ranges_and_which_facts_were_not_known():
    facts = Facts(
        "leading_enterprise",
        values={"annual_revenue": Range(1.2e9, 1.3e9, True, True, "十二三个亿")},
        not_known=["national_market_share_rank"],
    )
    notes = "".join(evaluate(facts).notes)
    assert "按您给出的范围判断" in notes and "年营业收入（您说“十二三个亿”）" in notes
    assert "您说不清楚，没有用于判断：细分行业市场占有率全国排名" in notes
