"""Figures as people say them (bot.nlu.extract): spoken numbers, ranges, hedges, corrections, yearly growth in words."""

import pytest

from bot.nlu.extract import extract
from liangye_rules.ranges import Range


def _range(low, high, *, low_open=False, high_open=False):
    return (low, high, low_open, high_open)


def _shape(value):
    """A fact value as (low, high, low_open, high_open) for ranges, else the value."""
    if isinstance(value, dict) and "range" in value:
        return (*value["range"], *value["open"])
    return value


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        ("营收八亿八", "annual_revenue", 8.8e8),
        ("营收一百五十个亿", "annual_revenue", 1.5e10),
        ("营收98000万元", "annual_revenue", 9.8e8),
        ("每平米两万三", "revenue_per_square_meter", 2.3e4),
        ("两万三一平米", "revenue_per_square_meter", 2.3e4),
        ("单位面积产出两万四左右", "revenue_per_square_meter", 2.4e4),
        ("制造占四成二", "advanced_manufacturing_share", 42.0),
        ("先进制造占一半左右", "advanced_manufacturing_share", 50.0),
        ("全国排第十二", "national_market_share_rank", 12),
        ("营收十五六个亿", "annual_revenue", _range(1.5e9, 1.6e9)),
        ("营收现在才十几个亿", "annual_revenue", _range(1.1e9, 1.9e9)),
        ("营收二十几个亿", "annual_revenue", _range(2.1e9, 2.9e9)),
        ("营收几十个亿", "annual_revenue", _range(2e9, 9e9)),
        ("今年全年营收预计二三十个亿", "annual_revenue", _range(2e9, 3e9)),
        ("去年营收大概一百六七十亿", "annual_revenue", _range(1.6e10, 1.7e10)),
        ("现代服务大概占三分之一", "modern_services_share", 33.33),
        ("平均下来一平米一年差不多三万块钱", "revenue_per_square_meter", 3e4),
        ("市场占有率全国大概二十名上下，前十肯定进不去", "national_market_share_rank", 20),
        ("市场占有率前十肯定进不去", "national_market_share_rank", _range(10, None, low_open=True)),
        ("营收近三年平均增长是23%，不是10%", "avg_revenue_growth", 23.0),
        ("先进制造这块占得多，占园区营收大概四成二", "advanced_manufacturing_share", 42.0),
        ("营收从前往后：1.0亿、1.3亿、1.7亿、2.2亿", "revenue_history", [1e8, 1.3e8, 1.7e8, 2.2e8]),
        ("营收20年8000万 21年1个亿 22年1.3亿 23年1.7亿", "revenue_history", [8e7, 1e8, 1.3e8, 1.7e8]),
        ("先进制造那块三成多 主要是高端装备", "advanced_manufacturing_share", _range(30.0, 40.0, low_open=True, high_open=True)),
        ("利润这几年是1000万、1020万、1035万、1050万", "profit_history", [1e7, 1.02e7, 1.035e7, 1.05e7]),
        ("每平方米一年两万六七千块", "revenue_per_square_meter", _range(2.6e4, 2.7e4)),
        ("利润近三年平均增长只有百分之五左右", "avg_profit_growth", 5.0),
        ("细分行业全国排名大概十五名左右", "national_market_share_rank", 15),
        ("营收十一二个亿", "annual_revenue", _range(1.1e9, 1.2e9)),
        ("营收七八千万", "annual_revenue", _range(7e7, 8e7)),
        ("每平米两万七八", "revenue_per_square_meter", _range(2.7e4, 2.8e4)),
        ("服务投入占百分之二十四五", "service_input_share", _range(24.0, 25.0)),
        ("服务业占三四成", "modern_services_share", _range(30.0, 40.0)),
        ("重点领域企业七成往上", "key_field_revenue_share", _range(70.0, None)),
        ("现代服务三成出头", "modern_services_share", _range(30.0, 35.0, low_open=True, high_open=True)),
        ("去年收入一百一十多个亿", "annual_revenue", _range(1.1e10, 1.2e10, low_open=True, high_open=True)),
        ("营收将近10亿", "annual_revenue", _range(8e8, 1e9, high_open=True)),
        ("营收至少20亿", "annual_revenue", _range(2e9, None)),
        ("营收没有10个亿", "annual_revenue", _range(None, 1e9, high_open=True)),
        ("全国排名三十名开外", "national_market_share_rank", _range(30, None, low_open=True)),
        ("市场占有率进不去前十", "national_market_share_rank", _range(10, None, low_open=True)),
        ("市场份额全国前二十", "national_market_share_rank", _range(1, 20)),
        ("利润没涨，还稍微降了一点", "avg_profit_growth", _range(None, 0.0)),
        ("营收这两年一直在下滑", "avg_revenue_growth", _range(None, 0.0, high_open=True)),
        ("园区企业营收合计一百零几个亿", "annual_revenue", _range(1.01e10, 1.09e10)),
        ("营收一百零五六个亿", "annual_revenue", _range(1.05e10, 1.06e10)),
        ("我們企業營收是九點八個億", "annual_revenue", 9.8e8),
        ("服务投入占百分之十二点五", "service_input_share", 12.5),
        ("重点领域企业营收六成五左右", "key_field_revenue_share", 65.0),
        ("利润增长也就三个点", "avg_profit_growth", 3.0),
        ("每平米营收两万零五百", "revenue_per_square_meter", 20500.0),
        ("每平米年营收3万1千元左右", "revenue_per_square_meter", 31000.0),
        ("两块加一起一年营收一百三十亿左右", "annual_revenue", 1.3e10),
        ("我估计服务投入在三成到五成之间", "service_input_share", _range(30.0, 50.0)),
        ("服务投入占百分之三十到百分之五十", "service_input_share", _range(30.0, 50.0)),
        ("单位面积营收两万零几百", "revenue_per_square_meter", _range(20100.0, 20900.0)),
        ("营收三到五亿", "annual_revenue", _range(3e8, 5e8)),
        ("单位面积年营收我们刚好两万整", "revenue_per_square_meter", 2e4),
        ("制造占了七成还多，装备和电池为主", "advanced_manufacturing_share", _range(70.0, None, low_open=True)),
        ("营收3亿到5亿之间吧", "annual_revenue", _range(3e8, 5e8)),
        ("年营收八千万到一点二亿", "annual_revenue", _range(8e7, 1.2e8)),
        ("园区营收十到十二个亿", "annual_revenue", _range(1e9, 1.2e9)),
        ("单位面积营收两到三万", "revenue_per_square_meter", _range(2e4, 3e4)),
    ],
)
def test_spoken_figures_and_ranges(text, fact, expected):
    assert _shape(extract(text).facts.get(fact)) == expected, text


def test_from_one_figure_to_another_is_a_change_not_a_range():
    assert extract("营收从3亿到5亿").facts.get("annual_revenue") == 3e8


@pytest.mark.parametrize(
    ("text", "history", "revenue"),
    [
        ("2022年营收七千万，2025年一亿六", [7e7, None, None, 1.6e8], 1.6e8),
        ("营收23年是2亿，25年3个亿", [2e8, None, 3e8], 3e8),
        ("2024年营收1亿，2025年1.3亿", None, 1.3e8),  # one year apart: no 近三年 average, the later year is the revenue
    ],
)
def test_two_years_figures_are_a_history_with_the_years_between_missing(text, history, revenue):
    facts = extract(text).facts
    assert facts.get("revenue_history") == history
    assert facts.get("annual_revenue") == revenue


def test_a_yearly_revenue_series_gives_the_latest_year_as_the_revenue():
    result = extract("园区营收2023年1,050,000万元，2024年1,180,000万元，2025年1,260,000万元。")
    assert result.facts["revenue_history"] == [1.05e10, 1.18e10, 1.26e10] and result.facts["annual_revenue"] == 1.26e10
    assert "最近一年" in result.notes[0]


def test_profit_and_revenue_series_in_one_message_are_kept_apart():
    facts = extract("利润22年800万，23年820万，24年840万，25年850万；营收22年5000万到25年5900万").facts
    assert facts["profit_history"] == [8e6, 8.2e6, 8.4e6, 8.5e6]
    assert facts["revenue_history"] == [5e7, None, None, 5.9e7] and facts["annual_revenue"] == 5.9e7


def test_a_figure_wondered_about_is_not_said_of_oneself():
    result = extract("市场占有率排名我们说不好，行业里没有权威排名，不知道能不能算进全国前十。")
    assert "national_market_share_rank" not in result.facts
    assert result.uncertain == [{"fact": "national_market_share_rank", "said": "不知道能不能算进全国前十"}]


def test_a_doubt_before_a_colon_is_about_the_question_not_the_figure():
    facts = extract("有个指标拿不准：入驻企业平均单位面积年营收算下来刚好是2万元/平方米，这个算达标吗？").facts
    assert facts["revenue_per_square_meter"] == 2e4


def test_the_figure_said_instead_of_a_denied_one_is_of_the_fact_denied():
    assert extract("刚才说错了，营收增长不是18%，财务说是28%").facts == {"avg_revenue_growth": 28.0}


def test_a_line_asked_about_with_a_not_b_is_no_figure_and_no_bound():
    assert "avg_revenue_growth" not in extract("这个平均增长率够不够20%啊").facts
    assert extract("营收不够20亿").facts["annual_revenue"]["range"] == [None, 2e9]


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [("利润这两年也是往下走的，年均掉了一成左右。", "avg_profit_growth", -10.0), ("营收下滑了3%", "avg_revenue_growth", -3.0)],
)
def test_a_fall_said_in_words_is_negative_growth(text, fact, value):
    assert extract(text).facts[fact] == value


def test_a_figure_after_a_not_a_in_its_clause_is_asked_about():
    facts = extract("我们营收八个亿，在北京市同行里排第二，这个算不算市场占有率前十？").facts
    assert facts == {"annual_revenue": 8e8}


def test_dui_bu_dui_asks_and_corrects_nothing():
    found = extract("低效楼宇改造我们投了3000来万，按十个点算是300万左右对不对，还是说也是30%呀")
    assert not found.correction and "annual_revenue" not in found.facts


def test_ceng_typed_for_cheng_is_a_share_but_floors_are_not():
    assert extract("先进制造占比四层左右").facts == {"advanced_manufacturing_share": 40.0}
    assert extract("我们是四层楼的厂房").facts == {}


def test_wondering_whether_a_figure_suffices_is_not_saying_it_is_not_known():
    assert extract("成长型试点企业，我们高新有，增长也快，就是不知道服务投入够不够").not_known == []


def test_figures_offered_as_alternatives_across_clauses_are_not_asserted():
    assert extract("先进制造占比跟现代服务占比是加起来够60%就行，还是要各自都30%以上啊").facts == {}


def test_a_span_of_years_from_one_figure_to_another_is_a_history_with_the_years_between_missing():
    assert extract("利润三年从1000万涨到1300万，平均增长够不够8%？").facts == {"profit_history": [1e7, None, None, 1.3e7]}


def test_a_line_asked_with_gou_is_no_figure():
    text = "营收是2022年2億、2023年2.6億、2024年3.4億、2025年4.4億，這個近三年平均增長夠20%嗎"
    assert "avg_revenue_growth" not in extract(text).facts


def test_two_profit_figures_years_apart_are_a_profit_history():
    assert extract("利润2022年500万，2025年800万").facts.get("profit_history") == [5e6, None, None, 8e6]


def test_another_sum_beside_a_years_revenue_is_no_history():
    facts = extract("2023年成立，注册资本5000万，2025年营收3亿").facts
    assert "revenue_history" not in facts and facts["annual_revenue"] == 3e8


@pytest.mark.parametrize("text", ["如果我们项目总投资5000万，能补多少钱", "假如老旧厂房改造投资5000万，能补多少"])
def test_a_supposed_investment_is_kept_for_an_estimate_only(text):
    result = extract(text)
    assert result.supposed_amounts == [5e7]
    assert not result.amounts and not result.facts


def test_two_ranges_for_one_fact_narrow_it():
    value = extract("市场占有率前二十吧 前十肯定进不了").facts["national_market_share_rank"]
    assert _shape(value) == _range(10, 20, low_open=True)


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        (
            "重点领域企业营收占比差不多一半，精确算下来还差一两个点，不到50%",
            "key_field_revenue_share",
            _range(None, 50.0, high_open=True),
        ),
        ("营收大概十个亿，还不到10亿", "annual_revenue", _range(None, 1e9, high_open=True)),
        ("先进制造占三成，超过30%", "advanced_manufacturing_share", _range(30.0, None, low_open=True)),
    ],
)
def test_a_bound_at_the_figure_just_said_tells_its_side(text, fact, expected):
    assert _shape(extract(text).facts.get(fact)) == expected, text


def test_a_rank_asked_about_is_not_sharpened_by_the_top_ten_it_is_compared_with():
    assert extract("细分行业市场占有率全国第十，这算不算前10名啊").facts.get("national_market_share_rank") == 10


def test_service_inputs_said_as_a_range_of_a_total_give_a_share_range():
    said = extract("去年总投入差不多六个亿，研发设计、数字化运营、品牌这些服务投入加起来一亿七八")
    assert _shape(said.facts["service_input_share"]) == _range(28.33, 30.0)


def test_in_a_correction_the_last_figure_for_a_fact_is_meant():
    said = extract("刚才营收说错了，十二个亿是集团合并的数，我们公司自己是九亿多")
    assert _shape(said.facts["annual_revenue"]) == _range(9e8, 1e9, low_open=True, high_open=True)
    assert extract("不好意思更正一下，服务投入刚才说高了，实际只有三成五").facts == {"service_input_share": 35.0}


def test_a_money_figure_corrected_without_its_name_is_the_revenue():
    said = extract("更正一下，刚才说的105亿把区外的子公司也算进去了，按园区本身口径是九十六亿多一点")
    assert _shape(said.facts["annual_revenue"]) == _range(9.6e9, 9.65e9, low_open=True, high_open=True)
    said = extract("哎呀不对，我看错报表了，十一个亿是集团合并口径，申报主体自己去年只有九亿三，93000万元")
    assert said.facts["annual_revenue"] == 9.3e8  # the figure pointed at as wrong never replaces the one meant


def test_each_gives_the_figure_to_every_fact_named_before_it():
    said = extract("先進製造和現代服務各佔四成左右")
    assert said.facts == {"advanced_manufacturing_share": 40.0, "modern_services_share": 40.0}


def test_a_bound_is_not_a_yearly_growth_rate():
    assert extract("营收年均增长12%左右，不到20%").facts == {"avg_revenue_growth": 12.0}


def test_a_figure_whose_cue_sits_in_an_earlier_clause_still_goes_to_it():
    said = extract("服务投入占比是研发检测这些加起来除以总投入吧，我们算出来19.5%")
    assert said.facts == {"service_input_share": 19.5}


def test_a_rank_within_beijing_is_not_the_national_rank():
    said = extract("我们在北京市内同行里排第二")
    assert "national_market_share_rank" not in said.facts and said.local_ranks
    assert extract("北京的企业，全国排名第五").facts["national_market_share_rank"] == 5


def test_said_words_are_kept_for_the_echo():
    value = extract("营收十五六个亿").facts["annual_revenue"]
    assert Range(1.5e9, 1.6e9, said=value["said"]).said == "15到16亿"


def test_a_title_the_measures_do_not_list_is_named_as_such():
    said = extract("我们有中关村高新技术企业证书，别的称号都没有")
    assert said.unlisted_titles == ["中关村高新技术企业"] and said.titles == []


def test_a_requirement_asked_about_is_not_a_fact():
    said = extract("成长型是不是也得营收十个亿以上？我们才两个亿")
    assert said.facts.get("annual_revenue") == 2e8  # the requirement (十个亿) is not recorded; our own figure is
    assert extract("成长型是不是也得营收十个亿以上？").facts == {}


@pytest.mark.parametrize("text", ["目前三十五亿左右", "之前营收八个亿", "以前三年都亏", "当前十亿出头"])
def test_qian_in_a_time_word_is_no_rank(text):
    assert "national_market_share_rank" not in extract(text).facts


def test_a_sectors_revenue_is_a_part_even_when_hedged():
    said = extract("先进制造营收四十个亿出头")
    assert "annual_revenue" not in said.facts
    assert said.part_amounts == [
        {"fact": "advanced_manufacturing_share", "amount": {"range": [4e9, 4.5e9], "open": [True, True], "said": "四十亿出头"}}
    ]


def test_service_inputs_given_by_parts_are_summed_against_the_total():
    said = extract("研发设计一年投2亿，检验检测3000万，数字化运营5000万，品牌建设2000万，公司总投入十亿左右")
    assert said.facts == {"service_input_share": 30.0}


def test_the_figure_said_before_is_not_asserted_again():
    said = extract("更正一下，营收年均增长其实是百分之十五，利润增长也就三个点，前面说的25%是预算数")
    assert said.facts == {"avg_revenue_growth": 15.0, "avg_profit_growth": 3.0}


@pytest.mark.parametrize("text", ["我们是天津市专精特新中小企业", "河北省专精特新企业", "区级的专精特新"])
def test_another_places_specialised_sme_title_is_not_beijings(text):
    said = extract(text)
    assert said.titles == [] and said.unlisted_titles


def test_an_area_is_not_money():
    said = extract("单位面积的没单独算过，入驻企业用房总面积四十万平米左右，按营收除一下就行")
    assert said.floor_areas == [4e5] and said.amounts == [] and "revenue_per_square_meter" not in said.facts
    assert extract("每平米两万三").facts["revenue_per_square_meter"] == 2.3e4


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("u1s1我们服务投入占比卡在40%整", {"service_input_share": 40.0}),
        ("做5G通信模组，营收12亿", {"annual_revenue": 1.2e9}),
        ("营收3.5亿RMB", {"annual_revenue": 3.5e8}),
        ("更正一下，刚才利润9%是去年单年的增速，近三年平均只有5%左右", {"avg_profit_growth": 5.0}),
    ],
)
def test_letters_words_and_single_years_are_no_facts(text, facts):
    assert extract(text).facts == facts


def test_a_figure_after_one_pointed_at_replaces_it():
    said = extract("等下 服务投入刚才说的45%把外包生产费用也算进去了 去掉以后实际是38%")
    assert said.facts == {"service_input_share": 38.0}


def test_both_shares_said_together_and_not_knowing_whether_it_suffices():
    said = extract("我们园区营收112亿 先进制造和现代服务占比都过了四成 就是地均产出这块不知道够不够")
    assert said.facts["advanced_manufacturing_share"] == said.facts["modern_services_share"] == 40.0
    assert said.not_known == []


def test_a_figure_pointed_at_in_quotation_marks_is_the_old_one():
    said = extract("不好意思更正一下：刚让财务重新核了单位面积营收，是整整两万元每平方米，没有多出来，前面说的“两万多”不准确。")
    assert said.facts == {"revenue_per_square_meter": 20000.0}


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        ("利润22年两千万，23年两千二，24年两千四百出头，25年两千七左右", "profit_history", [2e7, 2.2e7, 2.4e7, 2.7e7]),
        ("利润22年2000万，23年2200，24年2400，25年2700", "profit_history", [2e7, 2.2e7, 2.4e7, 2.7e7]),
        ("营收分别是1亿、1.3、1.6、2亿", "revenue_history", [1e8, 1.3e8, 1.6e8, 2e8]),
        ("22年营收八千万，23年九千，24年一亿一，25年一亿三", "revenue_history", [8e7, 9e7, 1.1e8, 1.3e8]),
    ],
)
def test_a_yearly_figure_said_without_its_unit_takes_the_runs_unit(text, fact, expected):
    assert extract(text).facts[fact] == expected


def test_a_bare_chinese_numeral_after_a_year_alone_is_no_amount():
    assert extract("23年两千二").amounts == []


@pytest.mark.parametrize("text", ["利润这三年一直往下走，去年还亏了点", "利润一年不如一年", "营收走下坡路了"])
def test_a_falling_trend_in_words_bounds_growth_below_zero(text):
    said = extract(text).facts
    (fact,) = said
    assert fact in ("avg_profit_growth", "avg_revenue_growth") and said[fact]["range"] == [None, 0.0]


def test_a_rate_not_worked_out_beside_yearly_figures_at_hand_is_not_unknown():
    said = extract("我公司是小巨人企业，增长率我没算过，只有每年的营收数，帮着看看成长型能不能报")
    assert said.not_known == []
    assert extract("增长率不清楚").not_known == ["avg_revenue_growth"]


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("一亿二千五", [1.25e8]),
        ("一亿二千", [1.2e8]),
        ("十亿零五百", [1.005e9]),
        ("老厂房改造投了一个亿二，能补多少", [1.2e8]),
        ("一亿两千五百万", [1.25e8]),
        ("一亿零五百万", [1.05e8]),
    ],
)
def test_thousands_after_yi_are_of_wan_as_people_say_them(text, amounts):
    assert extract(text).amounts == amounts


def test_a_yearly_series_with_an_elided_wan_is_read_whole():
    said = extract("营收2022年八千万，2023年一个亿，2024年一亿二千五，2025年一亿六")
    assert said.facts["revenue_history"] == [8e7, 1e8, 1.25e8, 1.6e8]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("九成营收来自重点领域企业。", "key_field_revenue_share"),
        ("园区九成的营收来自汽车整车、零部件和相关软件企业，都在八个重点领域里。", "key_field_revenue_share"),
        ("四成营收来自先进制造企业", "advanced_manufacturing_share"),
    ],
)
def test_a_share_of_revenue_coming_from_a_group_is_no_growth(text, fact):
    said = extract(text).facts
    assert fact in said and "avg_revenue_growth" not in said


def test_a_rank_said_with_pai_alone_is_a_rank():
    assert extract("细分行业全过大概排十五名左右。").facts == {"national_market_share_rank": 15}
    assert extract("安排十五名员工").facts == {}


def test_ping_alone_after_an_area_is_square_metres():
    assert extract("我们园区营收130亿，面积50万平，够不够两万啊").floor_areas == [5e5]


def test_a_sector_named_alone_in_the_clause_before_owns_the_amount():
    said = extract("先进制造就是医药制造这块，九十个亿。")
    assert said.part_amounts == [{"fact": "advanced_manufacturing_share", "amount": 9e9}]


def test_a_figure_put_aside_as_another_years_is_not_the_one_meant():
    assert extract("不好意思，刚才说错了，服务投入占比是28%左右，18%是前年的数。").facts == {"service_input_share": 28.0}
    assert extract("服务投入18%是前年的数").facts == {"service_input_share": 18.0}  # nothing else said: kept
    said = extract("更正一下：刚才说的重点领域企业营收占比五成五是前年的数字，今年重新核对后只有百分之四十五左右")
    assert said.facts == {"key_field_revenue_share": 45.0}


def test_a_little_over_is_half_a_step():
    said = extract("实际总投入八个亿，研发设计检测这些服务投入一个亿出头")
    assert _shape(said.facts["service_input_share"]) == _range(12.5, 18.75, low_open=True, high_open=True)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("去年全园一百三十几个亿", 1.31e10, 1.39e10), ("营收二十几亿", 2.1e9, 2.9e9), ("一百十几亿的营收", 1.11e10, 1.19e10)],
)
def test_hundreds_and_some_tens_are_a_range(text, low, high):
    assert extract(text).facts["annual_revenue"]["range"] == [low, high]


@pytest.mark.parametrize(
    ("text", "share"),
    [
        (
            "客户2024年研发设计18,200万元、检验检测3,500万元、数字化运营管理4,100万元、品牌建设2,600万元，合计28,400万元；企业总投入121,000万元。",
            23.47,
        ),
        ("2024年研发设计1,520万、检验检测310万、数字化运营管理420万、品牌建设270万，合计2,520万；企业总投入6,630万元。", 38.01),
    ],
)
def test_one_years_itemised_service_inputs_are_no_history(text, share):
    said = extract(text)
    assert said.facts == {"service_input_share": share} and said.errors == []


def test_the_exact_figure_inside_a_range_just_said_is_the_figure():
    assert extract("我们园区营收是一百零几个亿，具体101.3亿").facts == {"annual_revenue": 1.013e10}


def test_saying_the_share_cannot_be_given_is_not_knowing_it():
    said = extract("服务投入占总投入的比重我们没法给：研发设计和检验检测的钱能拆出来，但“企业总投入”的口径财务还没定。")
    assert said.not_known == ["service_input_share"]


def test_a_figure_ends_where_its_characters_end_not_at_the_space_after_it():
    said = extract("那个低效楼宇改造 固定资产投资是500万 补助就是五十万吧？")
    assert said.amounts == [5e6]  # 五十万 is the figure asked about; 500万 is said


def test_a_revenue_series_beside_a_service_share_of_the_total_is_a_history():
    said = extract("客户营收：2023年92,000万元，2024年104,000万元，2025年118,000万元；服务投入占总投入27%。")
    assert said.facts["revenue_history"] == [9.2e8, 1.04e9, 1.18e9] and said.facts["annual_revenue"] == 1.18e9


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        ("去年revenue三个亿左右", "annual_revenue", 3e8),
        ("Revenue 12亿", "annual_revenue", 1.2e9),
        ("先进制造的share三成五", "advanced_manufacturing_share", 35.0),
        ("现代服务share四成多，主要是设计服务", "modern_services_share", _range(40.0, 50.0, low_open=True, high_open=True)),
        ("YoY增长25%", "avg_revenue_growth", 25.0),
        ("营收两个半亿", "annual_revenue", 2.5e8),
        ("营收一个半亿", "annual_revenue", 1.5e8),
        ("营收半个亿", "annual_revenue", 5e7),
        ("园区总共150亿，先进制造营收50亿", "annual_revenue", 1.5e10),
        ("先进制造营收50亿，我们园区合计180亿", "annual_revenue", 1.8e10),
    ],
)
def test_english_names_halves_and_wholes(text, fact, expected):
    assert _shape(extract(text).facts.get(fact)) == expected, text


def test_a_sum_of_service_inputs_is_no_revenue():
    facts = extract("研发设计800万、检验检测200万，合计1000万；企业总投入4000万元。").facts
    assert "annual_revenue" not in facts and facts["service_input_share"] == 25.0


@pytest.mark.parametrize(
    "text",
    [
        "领跑型要营收不低于10亿，我们9.6个亿",
        "我们营收9.6个亿，四舍五入算10亿行不",
        "门槛要营收超过10亿吧，我们9.6亿，凑个整就10亿了",
    ],
)
def test_a_rounding_or_a_requirement_is_not_the_applicants_figure(text):
    assert extract(text).facts.get("annual_revenue") == 9.6e8, text


def test_a_list_of_rates_is_the_clause_that_lists_them():
    facts = extract("营收增长只有10%，不过利润三年分别涨了7%、8%、11%").facts
    assert facts["avg_revenue_growth"] == 10.0 and facts["profit_growth_rates"] == [7.0, 8.0, 11.0]
    assert "avg_profit_growth" not in facts


def test_letters_before_a_chinese_numeral_make_no_word_but_before_digits_they_do():
    assert extract("5G基站").facts == {} and extract("B2B平台").facts == {}
    assert extract("营收share中制造占四成").facts.get("advanced_manufacturing_share") == 40.0


@pytest.mark.parametrize(
    "text",
    [
        "是新设园区，管委会预计三年内单位面积营收能超过两万，愿意承诺",
        "未来三年营收有望达到120亿",
        "明年服务投入占比能做到45%",
    ],
)
def test_a_target_for_the_years_ahead_is_not_todays_figure(text):
    assert extract(text).facts == {}, text
