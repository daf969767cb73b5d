"""The deterministic extractor: figures go to the right fact, vocabulary is recognised."""

import pytest

from bot.nlu.extract import extract
from liangye_rules.ranges import Range


def _range(low, high, *, low_open=False, high_open=False, said=""):
    return Range(low, high, low_open, high_open, said).to_dict()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "营收120亿，先进制造占35%，现代服务占40%",
            {"annual_revenue": 12e9, "advanced_manufacturing_share": 35.0, "modern_services_share": 40.0},
        ),
        ("先进制造和现代服务分别占35%和40%", {"advanced_manufacturing_share": 35.0, "modern_services_share": 40.0}),
        ("每平米2.5万", {"revenue_per_square_meter": 25000.0}),
        ("地均产出2.5万元/平方米", {"revenue_per_square_meter": 25000.0}),
        ("园区年营收一百二十亿元，单位面积营收2万", {"annual_revenue": 12e9, "revenue_per_square_meter": 20000.0}),
        ("重点领域企业营收占比百分之五十五", {"key_field_revenue_share": 55.0}),
        ("园区里主营业务属于八大重点领域的企业，营收占园区总营收45%", {"key_field_revenue_share": 45.0}),
        ("刚才说错了，营收是150亿", {"annual_revenue": 15e9}),
        ("服务投入占比大概45%", {"service_input_share": 45.0}),
        ("近三年营收平均增长25%，利润增长10%", {"avg_revenue_growth": 25.0, "avg_profit_growth": 10.0}),
        ("营收增长三年分别是20%、25%、30%", {"revenue_growth_rates": [20.0, 25.0, 30.0]}),
        ("营收、利润分别增长20%、10%", {"avg_revenue_growth": 20.0, "avg_profit_growth": 10.0}),
        ("营收不到100亿", {"annual_revenue": _range(None, 1e10, high_open=True, said="不到100亿")}),
        ("营收超过100亿", {"annual_revenue": _range(1e10, None, low_open=True, said="超过100亿")}),
        ("营收100多亿", {"annual_revenue": _range(1e10, 2e10, low_open=True, high_open=True, said="100亿多")}),
        ("每平米2万多", {"revenue_per_square_meter": _range(2e4, 3e4, low_open=True, high_open=True, said="2万多")}),
        ("先进制造占比30%以上", {"advanced_manufacturing_share": _range(30, None, said="30%以上")}),
        ("营收大概在100亿左右", {"annual_revenue": 10e9}),
        ("近三年营收1亿、1.3亿、1.6亿、2亿", {"revenue_history": [1e8, 1.3e8, 1.6e8, 2e8], "annual_revenue": 2e8}),
        ("利润率15%", {}),
        ("排名全国前5%", {}),
        ("营收下降5%", {"avg_revenue_growth": -5.0}),
        ("利润增长率负5%", {"avg_profit_growth": -5.0}),
        ("全国排名第12", {"national_market_share_rank": 12}),
        ("市场占有率全国前三", {"national_market_share_rank": _range(1, 3, said="前三")}),
        ("第8名", {"national_market_share_rank": 8}),
        ("现代服务业占四成", {"modern_services_share": 40.0}),
        ("2021到2024年营收分别是1亿、1.3亿、1.6亿、2亿", {"revenue_history": [1e8, 1.3e8, 1.6e8, 2e8], "annual_revenue": 2e8}),
        ("營收一百二十億", {"annual_revenue": 12e9}),
        ("服务投入两千万，总投入一亿", {"service_input_share": 20.0}),
        ("总投入1亿，其中研发设计等服务投入2500万", {"service_input_share": 25.0}),
        ("营收5亿，服务投入1999万，总投入1亿", {"annual_revenue": 5e8, "service_input_share": 19.99}),
        ("服务投入2000万，占总投入20%", {"service_input_share": 20.0}),
    ],
)
def test_figures_go_to_their_fact(text, expected):
    assert extract(text).facts == expected


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("大概120个亿", "amounts", [12e9]),
        ("一百二十亿元", "amounts", [12e9]),
        ("3000万", "amounts", [3e7]),
        ("35%", "percents", [35.0]),
        ("三成五", "percents", [35.0]),
        ("百分之三十五", "percents", [35.0]),
        ("120", "bare_numbers", [120.0]),
    ],
)
def test_bare_values_are_kept_for_the_question_asked(text, field, value):
    result = extract(text)
    assert result.facts == {}
    assert getattr(result, field) == value


def test_years_counts_and_articles_are_not_figures():
    result = extract("近三年我们有5家子公司，2023年成立，第十一条怎么说")
    assert result.facts == {} and result.amounts == [] and result.bare_numbers == []
    assert result.article == 11


def test_vocabulary():
    assert extract("我们是高新技术企业，也是小巨人").titles == ["national_high_tech", "little_giant"]
    assert extract("没有小巨人称号").titles_absent == ["little_giant"]
    assert extract("我们是一家做集成电路设计的企业").key_fields[0]["id"] == "integrated_circuits"
    assert extract("老旧厂房改造投资2亿能补多少").project_types == ["old_factory"]
    assert extract("我们在亦庄").district == "北京经济技术开发区"
    contact = extract("我是张伟，电话13800138000，邮箱zw@example.com，海淀区")
    assert (contact.phone, contact.email, contact.district) == ("13800138000", "zw@example.com", "海淀区")
    assert contact.bare_numbers == [] and contact.amounts == []


def test_history_of_the_wrong_length_is_explained():
    result = extract("营收分别是1亿、1.3亿、1.6亿、2亿、2.5亿")
    assert "revenue_history" not in result.facts
    assert any("3 到 4 年" in e for e in result.errors)


def test_three_yearly_figures_are_a_history():
    result = extract("营收2021年6000万，2022年7500万，2023年9400万")
    assert result.facts["revenue_history"] == [6e7, 7.5e7, 9.4e7]


def test_a_service_input_share_computed_from_amounts_says_how():
    found = extract("服务投入两千万，总投入一亿")
    assert found.notes == ["按服务投入2000万元 ÷ 企业总投入1亿元 计算，服务投入占企业总投入比重为20%。"]


@pytest.mark.parametrize(
    ("text", "explanation"),
    [
        ("服务投入3000万", "只凭服务投入金额3000万元还算不出"),
        ("服务投入2亿，总投入1亿", "对不上"),
        ("服务投入2000万，总投入0元", "对不上"),
    ],
)
def test_a_service_input_amount_that_gives_no_share_is_explained_not_recorded(text, explanation):
    found = extract(text)
    assert "service_input_share" not in found.facts
    assert any(explanation in e for e in found.errors)
    assert found.amounts == []  # not left over for another question either


def test_huge_and_garbage_messages_do_not_break():
    assert extract("啊" * 10000).facts == {}
    assert extract("%%%亿亿亿万万 ,,, ???").facts == {}


def test_three_yearly_growth_rates_are_kept_for_the_rules_with_both_readings_shown():
    found = extract("近三年利润增长分别为10%、5%、12%")
    assert found.facts == {"profit_growth_rates": [10.0, 5.0, 12.0]}
    assert "算术平均为9.00%" in found.notes[0] and "复合年均增长率为8.96%" in found.notes[0]
    assert "市发展改革委" in found.notes[0]
    short = extract("营收增长20%、25%")
    assert short.facts == {} and "连续 3 年的增长率" in short.errors[0]
