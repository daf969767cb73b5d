"""Parsing amounts and percentages, validation of raw input, and round-trip / robustness properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_helpers import PARK_OK, with_

from liangye_rules.facts import FACTS, InputError, parse_facts, validate_fact
from liangye_rules.parse import (
    MAX_AMOUNT_YUAN,
    ParseError,
    format_amount,
    format_area_revenue,
    format_percent,
    format_points,
    parse_amount,
    parse_percent,
)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("120亿", 120e8),
        ("120亿元", 120e8),
        ("一百二十亿", 120e8),
        ("1.2e10", 1.2e10),
        ("3000万", 3000e4),
        ("2.5万元", 2.5e4),
        ("大概120个亿", 120e8),
        ("约3,000万元", 3000e4),
        ("1亿2000万", 1.2e8),
        ("每平米2.5万", 2.5e4),
        ("2.5万元/平方米", 2.5e4),
        ("１２０亿", 120e8),  # full-width digits
        ("120億", 120e8),  # traditional character
        ("两千万", 2000e4),
        (12000000000, 120e8),
        (2.5, 2.5),
    ],
)
def test_parse_amount(text, yuan):
    assert parse_amount(text) == pytest.approx(yuan)


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("35%", 35),
        ("35％", 35),
        ("百分之三十五", 35),
        ("三成五", 35),
        ("三成", 30),
        ("35", 35),
        (35, 35),
        ("一半", 50),
        ("-5%", -5),
        ("负5%", -5),
        ("下降5%", -5),
        ("增长12.5%", 12.5),
        ("大约40%左右", 40),
        ("百分之八点一", 8.1),
    ],
)
def test_parse_percent(text, percent):
    assert parse_percent(text) == pytest.approx(percent)


@pytest.mark.parametrize("text", ["很多", "abc", "", "亿", "百分之", "12亿35%", "1.2.3亿", "一亿亿", "1e400"])
def test_parse_amount_rejects_garbage_in_chinese(text):
    with pytest.raises(ParseError) as info:
        parse_amount(text)
    assert _has_chinese(info.value.message)


@pytest.mark.parametrize("text", ["很多", "abc", "", "%", "成", "35%%", "1e400%", "1e400成"])
def test_parse_percent_rejects_garbage_in_chinese(text):
    with pytest.raises(ParseError) as info:
        parse_percent(text)
    assert _has_chinese(info.value.message)


@pytest.mark.parametrize("value", [True, None, [1], {"a": 1}, float("nan"), float("inf")])
def test_parse_rejects_non_numbers(value):
    with pytest.raises(ParseError):
        parse_amount(value)
    with pytest.raises(ParseError):
        parse_percent(value)


def test_negative_amount_needs_allow_negative():
    with pytest.raises(ParseError) as info:
        parse_amount("-5亿", what="年营业收入")
    assert info.value.message == "年营业收入不能为负数，请检查后重新输入。"
    assert parse_amount("亏损5000万", allow_negative=True) == -5000e4


def test_absurd_amount_is_rejected():
    assert parse_amount(MAX_AMOUNT_YUAN) == MAX_AMOUNT_YUAN
    with pytest.raises(ParseError) as info:
        parse_amount("200万亿")
    assert "检查单位" in info.value.message


def test_formats():
    assert format_amount(120e8) == "120亿元"
    assert format_amount(3000e4) == "3000万元"
    assert format_amount(800) == "800元"
    assert format_amount(-5e8) == "-5亿元"
    assert format_area_revenue(25000) == "2.5万元/平方米"
    assert format_area_revenue(5000) == "5000元/平方米"
    assert format_percent(35.0) == "35%"
    assert format_percent(12.345) == "12.35%"
    assert format_percent(-0.001) == "0%"
    assert format_points(3.5) == "3.5个百分点"


# ---- validation of raw input (facts.py) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"annual_revenue": "-5亿"}, "annual_revenue", "不能为负数"),
        ({"annual_revenue": -1}, "annual_revenue", "不能为负数"),
        ({"key_field_revenue_share": 120}, "key_field_revenue_share", "应在 0% 到 100% 之间"),
        ({"key_field_revenue_share": "-3%"}, "key_field_revenue_share", "应在 0% 到 100% 之间"),
        ({"advanced_manufacturing_share": 70, "modern_services_share": 40}, "modern_services_share", "之和超过 100%"),
        ({"annual_revenue": "一大笔钱"}, "annual_revenue", "无法识别"),
        ({"revenue_per_square_meter": "挺高"}, "revenue_per_square_meter", "无法识别"),
        ({"land_legally_obtained": "是"}, "land_legally_obtained", "应为 true 或 false"),
        ({"key_field": "biotech"}, "key_field", "字段 key_field 应为以下之一"),
        ({"sales": 1}, "sales", "无法识别的字段 sales"),
        ({"applicant_type": "company"}, "applicant_type", "applicant_type 必填"),
        ({"as_of": "2024/01/01"}, "as_of", "ISO 日期"),
    ],
)
def test_invalid_park_input_names_the_field(changes, field, fragment):
    with pytest.raises(InputError) as info:
        parse_facts(with_(PARK_OK, **changes))
    assert info.value.field == field
    assert fragment in info.value.message
    assert _has_chinese(info.value.message)


@pytest.mark.parametrize(
    ("fact", "value", "fragment"),
    [
        ("national_market_share_rank", 3.5, "不小于 1 的整数"),
        ("national_market_share_rank", "10.5", "不小于 1 的整数"),  # not silently truncated to 10
        ("national_market_share_rank", 0, "不小于 1 的整数"),
        ("national_market_share_rank", True, "正整数"),
        ("national_market_share_rank", "1e400成", "不小于 1 的整数"),
        ("titles", "national_high_tech", "称号代码列表"),
        ("titles", ["gold_medal"], "无法识别的称号 gold_medal"),
        ("avg_revenue_growth", "-120%", "不可能超过 100%"),
        ("avg_profit_growth", 1e6, "明显不符合实际"),
        ("service_input_share", "百分之一百二十", "0% 到 100%"),
    ],
)
def test_invalid_fact_values(fact, value, fragment):
    with pytest.raises(InputError) as info:
        validate_fact(fact, value)
    assert info.value.field == fact
    assert fragment in info.value.message


@pytest.mark.parametrize(("value", "rank"), [(3, 3), (3.0, 3), ("3", 3), ("第3名", 3), ("第十名", 10), ("2位", 2)])
def test_rank_forms(value, rank):
    assert validate_fact("national_market_share_rank", value) == rank


def test_profit_growth_may_fall_more_than_100_percent():
    assert validate_fact("avg_profit_growth", "下降150%") == -150


def test_facts_for_another_applicant_type_are_ignored_with_a_note():
    facts = parse_facts(with_(PARK_OK, titles=["little_giant"], service_input_share=30))
    assert facts.ignored == ["titles", "service_input_share"]
    assert "titles" not in facts.values
    from liangye_rules.evaluate import evaluate

    notes = evaluate(facts).notes
    assert any("未用于判断" in n and "已获称号" in n for n in notes)


def test_null_means_unknown():
    facts = parse_facts(with_(PARK_OK, annual_revenue=None))
    assert facts.get("annual_revenue") is None
    assert "annual_revenue" not in facts.values


# ---- properties --------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-MAX_AMOUNT_YUAN, max_value=MAX_AMOUNT_YUAN, allow_nan=False))
def test_format_amount_round_trips(yuan):
    text = format_amount(yuan)
    back = parse_amount(text, allow_negative=True)
    # 亿 shows 4 decimals (±5000 yuan), 万 2 decimals (±50 yuan), 元 2 decimals.
    assert math.isclose(back, yuan, abs_tol=0.51e4 if abs(yuan) >= 1e8 else 51)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_format_area_revenue_round_trips(yuan_per_m2):
    back = parse_amount(format_area_revenue(yuan_per_m2))
    assert math.isclose(back, yuan_per_m2, abs_tol=0.51 if yuan_per_m2 >= 1e4 else 0.0051)


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e5, max_value=1e5, allow_nan=False))
def test_format_percent_round_trips(percent):
    assert math.isclose(parse_percent(format_percent(percent)), percent, abs_tol=0.0051)


_ALPHABET = "0123456789.-+%％e亿万千百十元块零一二两三四五六七八九点成半负下降增长约大概个左右/平方米每第名abc ,，"
GARBAGE = st.one_of(st.text(alphabet=_ALPHABET, max_size=12), st.text(max_size=12))


@settings(max_examples=300, deadline=None)
@given(GARBAGE)
def test_parsing_garbage_only_raises_parse_error(text):
    for parse in (parse_amount, parse_percent):
        try:
            value = parse(text)
        except ParseError as exc:
            assert exc.message
        else:
            assert math.isfinite(value)


JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    GARBAGE,
    st.lists(st.one_of(st.integers(-1000, 1000), GARBAGE), max_size=5),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([f.id for f in FACTS]), JSON_VALUES)
def test_validating_any_value_only_raises_input_error(fact, value):
    try:
        validate_fact(fact, value)
    except InputError as exc:
        assert exc.field == fact
        assert _has_chinese(exc.message)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([f.id for f in FACTS] + ["applicant_type", "as_of", "x"]), JSON_VALUES, max_size=6))
def test_parse_facts_on_any_object_only_raises_input_error(data):
    data.setdefault("applicant_type", "park")
    try:
        parse_facts(data)
    except InputError as exc:
        assert _has_chinese(exc.message)


def test_a_share_from_a_part_given_as_a_range_is_a_range():
    from liangye_rules.parse import share_of_figure

    share = share_of_figure({"range": [4e9, 5e9], "open": [True, True], "said": "四十亿出头"}, 1.08e10, "先进制造营收占比")
    assert share == {"range": [37.04, 46.3], "open": [True, True], "said": "四十亿出头"}
    assert share_of_figure(4.8e9, 1.2e10) == 40.0
    assert share_of_figure({"range": [5e9, None], "open": [False, False], "said": "五十亿以上"}, 1e10)["range"] == [50.0, None]


def test_chinese_decimals_are_read():
    assert parse_amount("九点八亿") == 9.8e8
    assert parse_percent("百分之十二点五") == 12.5
