"""Every numeric threshold of 第五条 and 第六条: the comparison, the article label and the literal wording,
then each criterion at, just below and just above its boundary through evaluate()."""

from __future__ import annotations

import re

import pytest
from rules_helpers import GROWTH_OK, LEADING_OK, PARK_OK, check, criterion, with_

from liangye_rules import thresholds as th
from liangye_rules.articles import article

# (threshold, op as the text words it, value in canonical units, article label, clause text that must hold the wording)
EXPECTED = [
    (th.PARK_REVENUE, ">=", 100e8, "第五条（二）", (5, 2)),
    (th.PARK_MANUFACTURING_SHARE, ">=", 30, "第五条（三）", (5, 3)),
    (th.PARK_SERVICES_SHARE, ">=", 30, "第五条（三）", (5, 3)),
    (th.PARK_REVENUE_PER_M2, ">", 2e4, "第五条（四）", (5, 4)),
    (th.PARK_KEY_FIELD_SHARE, ">=", 50, "第五条（五）", (5, 5)),
    (th.LEADING_REVENUE, ">=", 10e8, "第六条（一）1", (6, 1)),
    (th.LEADING_MARKET_RANK, "<=", 10, "第六条（一）1", (6, 1)),
    (th.LEADING_SERVICE_INPUT, ">=", 20, "第六条（一）2", (6, 1)),
    (th.GROWTH_REVENUE_GROWTH, ">=", 20, "第六条（二）2", (6, 2)),
    (th.GROWTH_PROFIT_GROWTH, ">=", 8, "第六条（二）2", (6, 2)),
    (th.GROWTH_SERVICE_INPUT, ">=", 40, "第六条（二）3", (6, 2)),
]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_threshold_is_listed_once():
    assert [e[0] for e in EXPECTED] == list(th.ALL_THRESHOLDS)
    assert len({t.id for t in th.ALL_THRESHOLDS}) == len(th.ALL_THRESHOLDS)


@pytest.mark.parametrize(("threshold", "op", "value", "label", "where"), EXPECTED, ids=[e[0].id for e in EXPECTED])
def test_threshold_matches_the_text(threshold, op, value, label, where):
    assert threshold.op == op
    assert threshold.value == value
    assert threshold.article == label
    number, clause = where
    assert _squash(threshold.wording) in _squash(article(number).clause(clause))


@pytest.mark.parametrize(("threshold", "op", "value", "label", "where"), EXPECTED, ids=[e[0].id for e in EXPECTED])
def test_threshold_holds_at_below_and_above(threshold, op, value, label, where):
    step = 1e-6 * max(1.0, value)
    better, worse = (value - step, value + step) if op == "<=" else (value + step, value - step)
    assert threshold.holds(better)
    assert not threshold.holds(worse)
    # 超过 is strict; 不低于 and 前10名 include the value itself.
    assert threshold.holds(value) is (op != ">")


# (base input, field, value, criterion id, status, article, gap)
BOUNDARY_CASES = [
    # 第五条（二） 园区年营业收入不低于 100亿元
    (PARK_OK, "annual_revenue", "100亿", "park_revenue", "met", "第五条（二）", None),
    (PARK_OK, "annual_revenue", "99.5亿", "park_revenue", "not_met", "第五条（二）", "还差5000万元"),
    (PARK_OK, "annual_revenue", "88亿", "park_revenue", "not_met", "第五条（二）", "还差12亿元"),
    (PARK_OK, "annual_revenue", "100.5亿", "park_revenue", "met", "第五条（二）", None),
    # 第五条（三） 先进制造 / 现代服务 不低于30%
    (PARK_OK, "advanced_manufacturing_share", 30, "park_manufacturing_share", "met", "第五条（三）", None),
    (PARK_OK, "advanced_manufacturing_share", 26.5, "park_manufacturing_share", "not_met", "第五条（三）", "还差3.5个百分点"),
    (PARK_OK, "advanced_manufacturing_share", 30.5, "park_manufacturing_share", "met", "第五条（三）", None),
    (PARK_OK, "modern_services_share", "30%", "park_services_share", "met", "第五条（三）", None),
    (PARK_OK, "modern_services_share", "29.9%", "park_services_share", "not_met", "第五条（三）", "还差0.1个百分点"),
    (PARK_OK, "modern_services_share", "31%", "park_services_share", "met", "第五条（三）", None),
    # 第五条（四） 超过 2万元/平方米 — exactly 20000 is not met
    (
        PARK_OK,
        "revenue_per_square_meter",
        20000,
        "park_revenue_per_m2",
        "not_met",
        "第五条（四）",
        "需超过2万元/平方米，目前恰好等于门槛",
    ),
    (PARK_OK, "revenue_per_square_meter", 19500, "park_revenue_per_m2", "not_met", "第五条（四）", "还差500元/平方米"),
    (PARK_OK, "revenue_per_square_meter", 20000.5, "park_revenue_per_m2", "met", "第五条（四）", None),
    # 第五条（五） 重点领域企业营收占比不低于 50%
    (PARK_OK, "key_field_revenue_share", 50, "park_key_field_share", "met", "第五条（五）", None),
    (PARK_OK, "key_field_revenue_share", 47, "park_key_field_share", "not_met", "第五条（五）", "还差3个百分点"),
    (PARK_OK, "key_field_revenue_share", 51, "park_key_field_share", "met", "第五条（五）", None),
    # 第六条（一）1 年营业收入不低于 10亿元 (rank left unknown: it is never needed once revenue is met)
    (with_(LEADING_OK, national_market_share_rank=...), "annual_revenue", "10亿", "leading_scale", "met", "第六条（一）1", None),
    (
        with_(LEADING_OK, national_market_share_rank=20),
        "annual_revenue",
        "9亿",
        "leading_scale",
        "not_met",
        "第六条（一）1",
        "还差1亿元；或需进入全国前10名，还差10名",
    ),
    (
        with_(LEADING_OK, national_market_share_rank=...),
        "annual_revenue",
        "10.2亿",
        "leading_scale",
        "met",
        "第六条（一）1",
        None,
    ),
    # 第六条（一）1 细分行业市场占有率全国前10名 (revenue short)
    (with_(LEADING_OK, annual_revenue="1亿"), "national_market_share_rank", 10, "leading_scale", "met", "第六条（一）1", None),
    (
        with_(LEADING_OK, annual_revenue="1亿"),
        "national_market_share_rank",
        11,
        "leading_scale",
        "not_met",
        "第六条（一）1",
        "还差9亿元；或需进入全国前10名，还差1名",
    ),
    (with_(LEADING_OK, annual_revenue="1亿"), "national_market_share_rank", 9, "leading_scale", "met", "第六条（一）1", None),
    # 第六条（一）2 服务投入不低于 20%
    (LEADING_OK, "service_input_share", 20, "leading_service_input", "met", "第六条（一）2", None),
    (LEADING_OK, "service_input_share", 16.5, "leading_service_input", "not_met", "第六条（一）2", "还差3.5个百分点"),
    (LEADING_OK, "service_input_share", 21, "leading_service_input", "met", "第六条（一）2", None),
    # 第六条（二）1 titles
    (GROWTH_OK, "titles", [], "growth_title", "not_met", "第六条（二）1", "需获得所列三个称号之一"),
    (GROWTH_OK, "titles", ["little_giant"], "growth_title", "met", "第六条（二）1", None),
    (
        GROWTH_OK,
        "titles",
        ["little_giant", "national_high_tech", "beijing_specialized_sme"],
        "growth_title",
        "met",
        "第六条（二）1",
        None,
    ),
    # 第六条（二）2 营业收入平均增长率不低于 20% (profit short)
    (with_(GROWTH_OK, avg_profit_growth=5), "avg_revenue_growth", 20, "growth_rate", "met", "第六条（二）2", None),
    (
        with_(GROWTH_OK, avg_profit_growth=5),
        "avg_revenue_growth",
        18,
        "growth_rate",
        "not_met",
        "第六条（二）2",
        "还差2个百分点；或还差3个百分点",
    ),
    (with_(GROWTH_OK, avg_profit_growth=5), "avg_revenue_growth", 21, "growth_rate", "met", "第六条（二）2", None),
    # 第六条（二）2 利润平均增长率不低于 8% (revenue short)
    (with_(GROWTH_OK, avg_revenue_growth=10), "avg_profit_growth", 8, "growth_rate", "met", "第六条（二）2", None),
    (
        with_(GROWTH_OK, avg_revenue_growth=10),
        "avg_profit_growth",
        7.5,
        "growth_rate",
        "not_met",
        "第六条（二）2",
        "还差10个百分点；或还差0.5个百分点",
    ),
    (with_(GROWTH_OK, avg_revenue_growth=10), "avg_profit_growth", 8.5, "growth_rate", "met", "第六条（二）2", None),
    # 第六条（二）3 服务投入不低于 40%
    (GROWTH_OK, "service_input_share", 40, "growth_service_input", "met", "第六条（二）3", None),
    (GROWTH_OK, "service_input_share", 36.5, "growth_service_input", "not_met", "第六条（二）3", "还差3.5个百分点"),
    (GROWTH_OK, "service_input_share", 41, "growth_service_input", "met", "第六条（二）3", None),
]


@pytest.mark.parametrize(
    ("base", "field", "value", "cid", "status", "label", "gap"),
    BOUNDARY_CASES,
    ids=[f"{c[3]}={c[2]}" for c in BOUNDARY_CASES],
)
def test_criterion_boundary(base, field, value, cid, status, label, gap):
    result = check(with_(base, **{field: value}))
    c = criterion(result, cid)
    assert c["status"] == status
    assert c["article"] == label
    assert c["gap"] == gap
    if status == "met":
        assert result["verdict"] == "eligible"
    elif base is PARK_OK:
        # A short park figure leaves only the new-park route of 第五条's closing paragraph.
        assert result["verdict"] == "insufficient_information"
        assert [m["fact"] for m in result["missing"]] == ["newly_established", "commits_within_3_years"]
    else:
        assert result["verdict"] == "not_eligible"
        assert result["missing"] == []


def test_exact_threshold_explanations_say_so():
    exactly = criterion(check(with_(PARK_OK, annual_revenue="100亿")), "park_revenue")
    assert "恰好达到门槛" in exactly["explanation"]
    strict = criterion(check(with_(PARK_OK, revenue_per_square_meter=20000)), "park_revenue_per_m2")
    assert "等于门槛不算达到" in strict["explanation"]
    assert strict["required"] == "超过2万元/平方米"
    assert strict["actual"] == "2万元/平方米"


def test_required_texts():
    result = check(PARK_OK)
    assert criterion(result, "park_revenue")["required"] == "不低于100亿元"
    assert criterion(result, "park_key_field_share")["required"] == "不低于50%"
    leading = criterion(check(LEADING_OK), "leading_scale")
    assert leading["required"] == "年营业收入不低于10亿元，或细分行业市场占有率全国前10名"


@pytest.mark.parametrize("threshold", [t for t in th.ALL_THRESHOLDS if t.op == ">="], ids=lambda t: t.id)
def test_a_figure_exactly_at_a_not_lower_than_threshold_is_said_to_count(threshold):
    from liangye_rules.evaluate import threshold_feedback

    applicant = {"park": "park", "leading": "leading_enterprise", "growth": "growth_enterprise"}[threshold.id.split("_")[0]]
    at = threshold_feedback(applicant, threshold.fact, threshold.value)
    above = threshold_feedback(applicant, threshold.fact, threshold.value * 1.01 + 0.01)
    assert any("已达到（恰好等于门槛" in line for line in at)
    assert not any("恰好等于门槛" in line for line in above)


@pytest.mark.parametrize("threshold", [t for t in th.ALL_THRESHOLDS if t.op == ">"], ids=lambda t: t.id)
def test_a_figure_exactly_at_an_above_threshold_is_said_not_to_count(threshold):
    from liangye_rules.evaluate import threshold_feedback

    applicant = {"park": "park", "leading": "leading_enterprise", "growth": "growth_enterprise"}[threshold.id.split("_")[0]]
    at = threshold_feedback(applicant, threshold.fact, threshold.value)
    assert any("未达到" in line and "“超过”不包含等于，不满足这一条" in line for line in at)
