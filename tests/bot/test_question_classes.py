"""Questions the router must place by their words: a criterion's threshold, how a figure is defined, an article
reference, how 不低于 and 超过 compare, other schemes' own rules, and money for pilot enterprises."""

import pytest
from bot_harness import make_tracker, run_action, texts
from test_interview import step

from bot.actions.knowledge import ActionAnswerKnowledge
from bot.nlu.extract import extract
from bot.nlu.routing import route


def routed(text: str, intent: str) -> str:
    return route(intent, text, extract(text).entities()) or intent


def answer(text: str, intent: str) -> str:
    tracker = make_tracker(text, routed(text, intent), slots={}, active_loop=None)
    _, messages = run_action(ActionAnswerKnowledge(), tracker)
    return texts(messages)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("成长型 服务投入门槛？", "choose_growth"),
        ("重点领域企业占比要到几成", "identify_park"),
        ("现代服务占比的标准是多少来着", "inform"),
        ("示范园区营收要多大才够？", "identify_park"),
    ],
)
def test_a_criterions_threshold_asked_is_a_criteria_question(text, intent):
    assert routed(text, intent) == "ask_criteria"


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("服务投入占比的分母是总投入还是营业收入？", "总投入"),
        ("每平米营收按占地面积还是建筑面积算？", "没有规定面积"),
        ("营收是按合并报表还是单体报表？", "单体报表"),
        ("近三年平均增长率怎么算？复合的还是算术平均", "两种算法"),
    ],
)
def test_how_a_figure_is_defined_is_a_term_question_and_the_answer_says_what_the_text_leaves_open(text, term):
    assert routed(text, "ask_criteria") == "ask_term"
    assert term in answer(text, "ask_criteria")


def test_not_below_and_above_are_explained_from_the_thresholds():
    said = answer("不低于和超过到底差在哪？等于门槛算不算", "affirm")
    assert "恰好等于门槛也算达到" in said and "第五条（四）" in said and "超过 2 万元/平方米" in said


def test_an_article_reference_without_figures_gets_the_article():
    assert routed("第六条第二项 成长型 服务投入", "choose_growth") == "ask_article"


@pytest.mark.parametrize(
    "text",
    ["北交所上市的利润指标是多少", "北京自贸试验区有什么优惠", "工业用地出让金怎么计算", "服务业扩大开放试点的政策"],
)
def test_other_schemes_own_rules_are_out_of_scope(text):
    assert routed(text, "ask_criteria") == "out_of_scope"


def test_our_own_beijing_stock_exchange_support_stays_ours():
    assert routed("试点企业进北交所上市储备库有什么条件", "ask_support") != "out_of_scope"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("新设园区的承诺期限是多长", "ask_criteria"),
        ("增容的地出让到期以后怎么办", "ask_support"),
        ("申报数据不实会怎样", "ask_obligations"),
        ("年度评价优秀有啥好处", "ask_obligations"),
        ("形审重点看什么", "ask_process"),
    ],
)
def test_topic_words_that_decide(text, topic):
    assert routed(text, "ask_validity") == topic


def test_a_requirement_pointed_at_is_not_the_applicants_figure():
    assert extract("成长型那个增长率20%，是按几年算的").facts == {}
    assert extract("我们那个营收十亿左右").facts == {"annual_revenue": 1e9}


def test_money_for_pilot_enterprises_says_there_is_no_direct_award_and_what_there_is():
    said = answer("评上领跑型试点企业政府给多少钱？", "ask_subsidy")
    assert "没有规定给试点企业的直接资金奖励" in said and "第十三条" in said and "第十四条" in said


def test_a_park_only_figure_makes_the_applicant_a_park_and_is_compared():
    updates, said, _ = step("我们每平米营收刚好2万，够吗", "inform", slots={}, active_loop=None)
    assert updates["applicant_type"] == "park"
    assert "超过2万元/平方米：未达到" in said


def test_a_figure_no_condition_of_the_track_uses_says_what_counts_instead():
    slots = {"applicant_type": "growth_enterprise", "requested_slot": "titles"}
    _, said, _ = step("我们营收才五千来万", slots=slots)
    assert "成长型试点企业的条件中没有年营业收入的要求" in said and "近三年营业收入平均增长率" in said


def test_an_unlisted_title_with_facts_and_a_check_asked_starts_the_check():
    text = "我们有中关村高新证书，服务投入占六成，营收年均增长三成，能报成长型吗？"
    assert routed(text, "choose_growth") in ("choose_growth", "inform")


def test_these_few_years_is_no_question():
    from bot.nlu.questions import is_question

    assert not is_question("营收这几年基本持平") and not is_question("近几年利润都在涨")


@pytest.mark.parametrize("text", ["占总投入多少我们真不知道", "重点领域企业占多少，这个说不准", "称号是高新还是专精特新我不清楚"])
def test_not_knowing_said_with_a_question_word_is_an_answer(text):
    assert routed(text, "inform") == "inform"


def test_facts_after_the_criteria_of_one_track_are_for_that_track():
    updates, said, _ = step("利润平均增长6%", slots={"offered_check": "growth_enterprise"}, active_loop=None)
    assert updates["applicant_type"] == "growth_enterprise" and updates["offered_check"] is None
    assert "第六条（二）2" in said


def test_a_sectors_revenue_is_a_part_and_the_share_is_derived():
    slots = {"applicant_type": "park", "annual_revenue": 1.2e10, "requested_slot": "advanced_manufacturing_share"}
    updates, said, _ = step("先进制造那几家营收加起来36亿，比例没算", slots=slots)
    assert "annual_revenue" not in updates and updates["advanced_manufacturing_share"] == 30.0
    assert "÷ 园区年营业收入120亿元" in said
    updates, said, _ = step("现代服务营收40亿", slots={"applicant_type": "park", "requested_slot": "modern_services_share"})
    assert "modern_services_share" not in updates and "还需要园区年营业收入" in said


def test_yearly_figures_said_from_to_are_a_history():
    assert extract("营收从一亿二到一亿五，再到去年一亿九").facts["revenue_history"] == [1.2e8, 1.5e8, 1.9e8]


def test_an_article_asked_how_its_threshold_compares_says_how_at_the_threshold():
    said = answer("第五条（四）写的是超过还是不低于？刚好2万的算不算", "ask_article")
    assert "第五条（四）要求超过2万元/平方米，恰好等于门槛不算达到" in said and "【第五条原文】" in said
    said = answer("第六条里写的不低于，等于算不算", "ask_article")
    assert "恰好等于门槛也算达到" in said and "成长型试点企业的条件中没有营业收入规模的要求" in said
    assert "门槛怎么读" not in answer("第五条讲的是什么", "ask_article")


def test_the_principles_are_article_two():
    said = answer("认定要遵循什么原则", "ask_article")
    assert "【第二条原文】" in said and "择优认定" in said


@pytest.mark.parametrize("text", ["国家级专精特新小巨人企业今年申报截止是哪天？", "高新技术企业认定今年第二批什么时候开始申报"])
def test_another_titles_own_round_is_out_of_scope(text):
    assert routed(text, "ask_process") == "out_of_scope"
