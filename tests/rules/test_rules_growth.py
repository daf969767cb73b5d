"""近三年平均增长率 (第六条（二）2) from four yearly figures: both readings, the split case and its note,
undefined readings, and the direct figure taking precedence over the history."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_helpers import GROWTH_OK, check, criterion, missing_facts, with_

from liangye_rules.evaluate import growth_feedback
from liangye_rules.growth import growth_readings, index_of_rates, yearly_rates

REVENUE_WORDING = "近三年营业收入平均增长率不低于 20%"
PROFIT_WORDING = "利润平均增长率不低于 8%"

# Revenue and profit growth given directly are removed; the test supplies histories instead.
NO_DIRECT = with_(GROWTH_OK, avg_revenue_growth=..., avg_profit_growth=...)


def test_yearly_rates_and_both_readings():
    readings = growth_readings([100, 125, 150, 180])
    assert readings.yearly == pytest.approx((25.0, 20.0, 20.0))
    assert readings.mean == pytest.approx(65 / 3)
    assert readings.compound == pytest.approx((1.8 ** (1 / 3) - 1) * 100)


def test_split_history_readings():
    readings = growth_readings([100, 300, 100, 150])
    assert readings.mean == pytest.approx((200 - 200 / 3 + 50) / 3)
    assert readings.compound == pytest.approx((1.5 ** (1 / 3) - 1) * 100)
    assert readings.mean >= 20 > readings.compound


@pytest.mark.parametrize("history", [[0, 100, 120, 150], [-50, 100, 120, 150], [100, 0, 120, 150], [100, -20, 120, 150]])
def test_non_positive_base_year_makes_the_mean_undefined(history):
    readings = growth_readings(history)
    assert None in readings.yearly
    assert readings.mean is None


def test_yearly_rate_is_none_only_where_the_previous_year_is_not_positive():
    assert yearly_rates([100, 0, 50, 100]) == (-100.0, None, 100.0)


def test_negative_last_year_makes_the_compound_reading_undefined():
    readings = growth_readings([100, 120, 130, -10])
    assert readings.compound is None
    assert readings.mean is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=1, max_value=1e12), min_size=4, max_size=4))
def test_mean_of_yearly_rates_is_never_below_the_compound_rate(history):
    readings = growth_readings(history)
    assert readings.mean is not None and readings.compound is not None
    # AM–GM on the growth factors: the arithmetic mean of rates is at least the compound rate.
    assert readings.mean >= readings.compound - 1e-9 * max(1.0, abs(readings.compound))
    assert math.isclose(history[0] * (1 + readings.compound / 100) ** 3, history[-1], rel_tol=1e-9)


# ---- through evaluate() ---------------------------------------------------------------------------


def test_history_above_on_both_readings_is_met():
    result = check(with_(NO_DIRECT, revenue_history=[100, 125, 150, 180]))
    c = criterion(result, "growth_rate")
    assert c["status"] == "met"
    assert result["verdict"] == "eligible"
    assert "逐年增长率平均21.67%" in c["actual"] and "复合年均增长率21.64%" in c["actual"]
    assert not any(REVENUE_WORDING in note for note in result["notes"])


def test_history_below_on_both_readings_is_not_met_with_the_gap_to_the_better_reading():
    result = check(with_(NO_DIRECT, revenue_history=[100, 110, 120, 130], profit_history=[100, 101, 102, 103]))
    c = criterion(result, "growth_rate")
    assert c["status"] == "not_met"
    assert result["verdict"] == "not_eligible"
    mean = growth_readings([100, 110, 120, 130]).mean
    profit_mean = growth_readings([100, 101, 102, 103]).mean
    assert c["gap"] == f"还差{round(20 - mean, 2):g}个百分点；或还差{round(8 - profit_mean, 2):g}个百分点"


def test_split_revenue_history_is_unknown_with_a_note_citing_the_text():
    result = check(with_(NO_DIRECT, revenue_history=[100, 300, 100, 150], avg_profit_growth=3))
    c = criterion(result, "growth_rate")
    assert c["status"] == "unknown"
    assert result["verdict"] == "insufficient_information"
    notes = [n for n in result["notes"] if "两种算法结论不同" in n]
    assert len(notes) == 1
    assert f"“{REVENUE_WORDING}”" in notes[0]
    assert "市发展改革委" in notes[0]
    assert "61.11%" in notes[0] and "14.47%" in notes[0]
    # Nothing the user could add settles it: the missing entry is the method, to confirm with the authority.
    assert missing_facts(result) == ["growth_rate_method"]
    assert "市发展改革委" in result["missing"][0]["hint"]


def test_split_profit_history_cites_the_profit_wording():
    # Profit 100 → 150 → 90 → 110: yearly mean ≈ 10.7 %, compound ≈ 3.2 %.
    result = check(with_(NO_DIRECT, avg_revenue_growth=10, profit_history=[100, 150, 90, 110]))
    assert criterion(result, "growth_rate")["status"] == "unknown"
    assert any(f"“{PROFIT_WORDING}”" in n and "市发展改革委" in n for n in result["notes"])


def test_split_side_does_not_matter_when_the_other_side_is_met():
    result = check(with_(NO_DIRECT, revenue_history=[100, 300, 100, 150], avg_profit_growth=9))
    assert criterion(result, "growth_rate")["status"] == "met"
    assert result["verdict"] == "eligible"
    assert not any("两种算法结论不同" in n for n in result["notes"])


def test_split_side_with_the_other_side_unknown_asks_the_other_side():
    result = check(with_(NO_DIRECT, revenue_history=[100, 300, 100, 150]))
    assert criterion(result, "growth_rate")["status"] == "unknown"
    assert missing_facts(result) == ["avg_profit_growth"]


@pytest.mark.parametrize(
    ("field", "history"),
    [
        ("revenue_history", [0, 100, 120, 150]),
        ("profit_history", [-100, 50, 80, 120]),
        ("profit_history", [100, 0, 80, 120]),
        ("profit_history", [100, 120, 130, -10]),
    ],
)
def test_non_positive_base_is_unknown(field, history):
    other = {"avg_profit_growth": 3} if field == "revenue_history" else {"avg_revenue_growth": 10}
    result = check(with_(NO_DIRECT, **{field: history}, **other))
    c = criterion(result, "growth_rate")
    assert c["status"] == "unknown"
    assert "无法计算" in c["actual"]
    assert "基数为零或负数" in c["explanation"]
    assert result["verdict"] == "insufficient_information"
    assert missing_facts(result) == ["growth_rate_method"]


def test_direct_value_is_preferred_over_history_when_not_met():
    result = check(with_(NO_DIRECT, avg_revenue_growth=10, revenue_history=[100, 200, 400, 800], avg_profit_growth=3))
    c = criterion(result, "growth_rate")
    assert c["status"] == "not_met"
    assert "近三年营业收入平均增长率：10%" in c["actual"]
    assert any("按直接提供的近三年营业收入平均增长率（10%）判断" in n for n in result["notes"])


def test_direct_value_is_preferred_over_history_when_met():
    # A flat history would not meet 20 %, but the direct 25 % is what counts; the user is told.
    result = check(with_(NO_DIRECT, avg_revenue_growth=25, revenue_history=[100, 100, 100, 100], avg_profit_growth=3))
    assert criterion(result, "growth_rate")["status"] == "met"
    assert result["verdict"] == "eligible"
    assert any("按直接提供的近三年营业收入平均增长率（25%）判断" in n for n in result["notes"])


def test_direct_profit_value_is_preferred_over_profit_history():
    result = check(with_(NO_DIRECT, avg_revenue_growth=10, avg_profit_growth=5, profit_history=[100, 150, 200, 300]))
    assert criterion(result, "growth_rate")["status"] == "not_met"
    assert any("按直接提供的近三年利润平均增长率（5%）判断" in n for n in result["notes"])


def test_history_given_as_chinese_amounts():
    result = check(with_(NO_DIRECT, revenue_history=["1亿", "1.25亿", "1.5亿", "1.8亿元"]))
    assert criterion(result, "growth_rate")["status"] == "met"


def test_history_needs_three_or_four_years():
    from liangye_rules.facts import InputError, parse_facts

    for bad in ([100, 120], [100, 120, 140, 160, 180], "100,120,140,160"):
        with pytest.raises(InputError) as info:
            parse_facts(with_(NO_DIRECT, revenue_history=bad))
        assert info.value.field == "revenue_history"
        assert "3 个或 4 个年度数值" in info.value.message


@pytest.mark.parametrize(
    ("history", "status"),
    [([6000, 7500, 9400], "met"), ([6000, 7000, 8000], "not_met"), ([100, 120, 144], "met"), ([100, 119, 141], "not_met")],
)
def test_three_yearly_figures_give_two_rates_and_say_the_reading(history, status):
    result = check(with_(NO_DIRECT, revenue_history=history, profit_history=[100, 101, 102]))
    assert criterion(result, "growth_rate")["status"] == status
    assert any("3 年数据（2 个年度增长率）" in note and "市发展改革委" in note for note in result["notes"])


def test_revenue_history_rejects_negative_years_but_profit_history_accepts_losses():
    from liangye_rules.facts import InputError, parse_facts

    with pytest.raises(InputError) as info:
        parse_facts(with_(NO_DIRECT, revenue_history=[100, -5, 120, 130]))
    assert info.value.field == "revenue_history"
    assert "不能为负数" in info.value.message
    facts = parse_facts(with_(NO_DIRECT, profit_history=[100, -5, "亏损20万", 130]))
    assert facts.get("profit_history") == [100, -5, -200000, 130]


# ---- two figures years apart (2022年七千万，2025年一亿六): the years between missing -------------------------
# Boundary of the compound rate at 20 %: 100 → 172.8 over three years is exactly 20 % a year.


@pytest.mark.parametrize(("last", "status"), [(172.8, "met"), (172.7, "unknown"), (172.9, "met")])
def test_two_figures_three_years_apart_meet_only_by_the_compound_rate(last, status):
    result = check(with_(NO_DIRECT, revenue_history=[100, None, None, last], avg_profit_growth=3))
    c = criterion(result, "growth_rate")
    assert c["status"] == status
    assert "复合年均增长率" in c["actual"] and "相隔 3 年" in c["actual"]
    if status == "met":
        assert result["verdict"] == "eligible"
        assert "算术平均不会低于复合年均增长率" in c["explanation"]
    else:  # the mean of the yearly rates may still be higher: the years between (or the rate) are asked for
        assert result["verdict"] == "insufficient_information"
        assert missing_facts(result) == ["avg_revenue_growth"]
        assert "中间各年" in c["explanation"]


def test_two_profit_figures_two_years_apart_meet_the_profit_side():
    # 100 → 117 over two years: about 8.2 % a year, not below 8 %.
    result = check(with_(NO_DIRECT, avg_revenue_growth=5, profit_history=[100, None, 117]))
    assert criterion(result, "growth_rate")["status"] == "met"


@pytest.mark.parametrize(
    ("rates", "status"), [([30, 10, 20], "unknown"), ([20, 25, 30], "met"), ([10, 12, 15], "not_met"), ([25, 30], "met")]
)
def test_yearly_rates_are_read_both_ways_like_yearly_figures(rates, status):
    result = check(with_(NO_DIRECT, revenue_growth_rates=rates, avg_profit_growth=3))
    assert criterion(result, "growth_rate")["status"] == status
    assert check(with_(NO_DIRECT, revenue_history=index_of_rates(rates), avg_profit_growth=3))["verdict"] == result["verdict"]


def test_the_first_and_last_years_cannot_be_missing():
    from liangye_rules.facts import InputError, parse_facts

    for bad in ([None, 100, 120, 130], [100, 120, 130, None]):
        with pytest.raises(InputError) as info:
            parse_facts(with_(NO_DIRECT, revenue_history=bad))
        assert "第一年和最后一年不能缺少" in info.value.message


def test_yearly_rates_are_none_around_a_missing_year():
    readings = growth_readings([100, None, 150, 180])
    assert readings.yearly[:2] == (None, None) and readings.yearly[2] == pytest.approx(20.0)
    assert readings.mean is None
    assert readings.compound == pytest.approx((1.8 ** (1 / 3) - 1) * 100)


@pytest.mark.parametrize(
    ("fact", "value", "status"),
    [
        ("revenue_history", [8e7, 1e8, 1.25e8, 1.6e8], "第六条（二）2：已达到"),
        ("revenue_history", [1e8, 1.05e8, 1.1e8, 1.16e8], "第六条（二）2：未达到"),
        ("profit_history", [2e7, 2.2e7, 2.4e7, 2.7e7], "第六条（二）2：已达到"),
    ],
)
def test_growth_feedback_says_whether_the_line_is_reached(fact, value, status):
    assert growth_feedback(fact, value).endswith(status)


def test_growth_feedback_names_no_status_when_the_readings_disagree():
    said = growth_feedback("revenue_growth_rates", [30.0, 10.0, 20.0])
    assert "第六条（二）2：" not in said and "办法未规定算法" in said
