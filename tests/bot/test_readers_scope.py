"""Where a statement stops and what it speaks of: clauses about today are no commitment, a following clause can say a
title is pending, a question asserts nothing, and a message that says both yes and no about a condition says neither."""

import pytest
from test_interview import step

from bot.nlu.extract import extract, normalise
from bot.nlu.polarity import conditions_answered
from bot.nlu.questions import is_question
from bot.nlu.tracks import switched_track


@pytest.mark.parametrize(
    "text",
    ["这个比例算不算达标", "营收够不够", "达不达标啊", "北京市专精特新的行不", "能不能报", "要几年", "咋算的"],
)
def test_a_not_a_and_other_questions_are_questions(text):
    assert is_question(text)


@pytest.mark.parametrize("text", ["几十个亿", "营收十几亿", "我们达标了", "排名不算靠前"])
def test_statements_are_not_questions(text):
    assert not is_question(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开园二十多年了，算老园区", {"newly_established": "no"}),
        ("园区运营12年了", {"newly_established": "no"}),
        ("建成8年了，不是新建的", {"newly_established": "no"}),
        ("刚成立两个月", {"newly_established": "yes"}),
        ("园区是前年新设立的，不过规模还小", {"newly_established": "yes"}),
    ],
)
def test_the_age_of_a_park_answers_whether_it_is_new(text, expected):
    assert conditions_answered(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "现在好几项都不达标",  # today, not the commitment for the next three years
        "目前各项指标都没达到",
        "这个比例到底算不算达标",  # a question
        "园区不是我们公司运营的",  # who operates, not whether a mechanism exists
        "我们不是园区的运营方",
    ],
)
def test_clauses_that_do_not_speak_of_a_condition_answer_none_unasked(text):
    answered = conditions_answered(text)
    assert "commits_within_3_years" not in answered and "operating_mechanism_established" not in answered


def test_a_condition_answered_both_ways_is_not_answered():
    assert "newly_established" not in conditions_answered("园区是新设的，成立已经十年了")


@pytest.mark.parametrize(
    ("text", "held", "not_held"),
    [
        ("小巨人的材料上个月刚报上去，还在审", [], ["little_giant"]),
        ("国家高新我们去年递了材料，到现在还没下来", [], ["national_high_tech"]),
        ("专精特新有一个，不过记不清是市级还是区级的", [], []),
        ("有国家高新，年底到期之前会复审", ["national_high_tech"], []),
        ("国家高新有，小巨人还在评审中", ["national_high_tech"], ["little_giant"]),
        ("国家高新有的，能报成长型吗", ["national_high_tech"], []),
        ("有国家高新，别的还没有", ["national_high_tech"], []),
    ],
)
def test_a_titles_status_may_follow_in_the_next_clause(text, held, not_held):
    found = extract(text)
    assert found.titles == held
    assert found.titles_absent == not_held


def test_a_title_asked_about_is_not_held():
    found = extract("成长型要求的称号里，北京市专精特新的算不")
    assert found.titles == [] and found.titles_mentioned == ["beijing_specialized_sme"]


@pytest.mark.parametrize(
    ("text", "track"),
    [
        ("那领跑型就算了，换成按成长型帮我算算", "growth_enterprise"),
        ("我搞错了，应该是报领跑型", "leading_enterprise"),
        ("还是按示范园区来看吧", "park"),
        ("那领跑型我们肯定够不上，帮我按成长型测一下吧", "growth_enterprise"),
        ("那领跑型肯定不行，麻烦按成长型帮我们测一下。我们是国家级专精特新小巨人。", "growth_enterprise"),
        ("哦不对，刚问了领导，我们营收都过十五亿了，而且没拿过高新那些称号，领导说报领跑型", "leading_enterprise"),
        ("哦不对，园区是集团的，这次是下面一家子公司要报成长型试点企业", "growth_enterprise"),
        ("哦不对，说错了，我们是园区运营公司，要报的是示范园区，不是企业", "park"),
        ("我分不清是报领跑型企业还是报示范园区", None),
        ("想报成长型", None),
        ("想按成长型看看", None),
        ("我们是园区里的一家企业", None),
    ],
)
def test_a_switch_of_track_is_read_from_the_words(text, track):
    assert switched_track(normalise(text)) == track


def test_a_track_switch_answers_no_pending_question():
    slots = {"applicant_type": "leading_enterprise", "requested_slot": "national_market_share_rank"}
    updates, _, _ = step("排名肯定够不上领跑型了，换成按成长型帮我看", slots=slots)
    assert updates["applicant_type"] == "growth_enterprise"
    assert "national_market_share_rank" not in updates


def test_a_correction_that_names_the_recorded_figure_replaces_it():
    slots = {"applicant_type": "leading_enterprise", "annual_revenue": 1.5e9, "requested_slot": "service_input_share"}
    updates, _, _ = step("更正：15亿是合并报表的，申报主体自己只有9.2亿", slots=slots)
    assert updates["annual_revenue"] == 9.2e8 and "service_input_share" not in updates


def test_a_correction_naming_no_recorded_figure_guesses_nothing():
    slots = {"applicant_type": "leading_enterprise", "annual_revenue": 1.5e9, "requested_slot": "service_input_share"}
    updates, _, _ = step("更正一下：集团是20亿，我们自己是9亿", slots=slots)
    assert "annual_revenue" not in updates


@pytest.mark.parametrize(("text", "value"), [("营收大概12个忆", 1.2e9), ("去年收入3忆多", None)])
def test_the_homophone_of_yi_is_read_as_yi(text, value):
    found = extract(text).facts["annual_revenue"]
    assert found == value if value is not None else found["range"][0] == 3e8


def test_the_homophone_of_the_high_tech_title_is_read():
    assert extract("我们是国家高薪技术企业").titles == ["national_high_tech"]


@pytest.mark.parametrize(
    ("text", "track"),
    [
        ("emm看了下领跑型没戏，那换成长型吧", "growth_enterprise"),
        ("本来想报示范园区，营收才六十来个亿，不够。那用运营公司自己的名义报领跑型行不行", "leading_enterprise"),
    ],
)
def test_a_track_given_up_for_another_is_a_switch(text, track):
    from bot.nlu.extract import extract

    assert extract(text).track_switch == track


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("土地都是依法取得的，每个片区四至也清楚，但三个片区之间相距几十公里，并不连片。", "no"),
        ("每个片区四至也清楚，但三个片区之间隔了十几公里，不是集中连片的", "no"),
        ("园区用地均系依法通过出让方式取得，四至范围清晰，整体集中连片，不存在飞地。", "yes"),
    ],
)
def test_a_compound_condition_is_not_met_when_one_part_is_not(text, expected):
    from bot.nlu.polarity import conditions_answered

    assert conditions_answered(text)["boundaries_defined_and_contiguous"] == expected


def test_a_subject_named_before_a_bare_growth_in_words_is_kept():
    from bot.nlu.extract import extract

    assert "avg_profit_growth" in extract("利润还是亏的，没啥增长可说").facts
    assert extract("国高去年拿到了").titles == ["national_high_tech"]
    assert extract("园区的事先不问了，帮我们园区里一家企业看看能不能报领跑型试点企业").track_switch == "leading_enterprise"


def test_a_title_whose_certificate_lapsed_while_renewed_is_neither_held_nor_not():
    found = extract("高新技術企業證書今年剛過期，正在重新認定，這段時間能報嗎")
    assert found.titles == [] and found.titles_absent == [] and found.titles_mentioned == ["national_high_tech"]
    assert found.silences == ["称号证书到期、重新认定期间是否算作已获得称号"]
    held = extract("我們是國家級專精特新小巨人，但高企證書過期了，成長型還能報嗎")  # the lapsed one only
    assert held.titles == ["little_giant"] and held.titles_mentioned == ["national_high_tech"]


def test_a_title_said_both_held_and_not_held_is_not_held():
    found = extract("只有创新型中小企业 还有河北省认定的专精特新 没有国家高新 没有小巨人 也没有北京市专精特新")
    assert found.titles == [] and "beijing_specialized_sme" in found.titles_absent
    assert found.unlisted_titles == ["河北省认定的专精特新企业", "创新型中小企业"]


def test_a_bare_zhuanjingtexin_beside_another_region_is_asked_about_not_taken_for_beijings():
    found = extract("我们去年从保定搬到大兴，有专精特新称号，想报成长型。")
    assert found.titles == [] and found.titles_mentioned == ["beijing_specialized_sme"]
    assert extract("我们是专精特新，高新还没评").titles == ["beijing_specialized_sme"]


@pytest.mark.parametrize(
    ("text", "held", "not_held"),
    [
        ("高新还在申请 小巨人 专精特新都没有", [], ["national_high_tech", "little_giant", "beijing_specialized_sme"]),
        (
            "只有创新型中小企业 高新 小巨人 北京专精特新都没有",
            [],
            ["national_high_tech", "little_giant", "beijing_specialized_sme"],
        ),
        ("小巨人有 专精特新都没有", ["little_giant"], ["beijing_specialized_sme"]),
        ("国家高新、小巨人都有", ["national_high_tech", "little_giant"], []),
    ],
)
def test_a_list_of_titles_before_dou_meiyou_is_not_held(text, held, not_held):
    found = extract(text)
    assert found.titles == held and sorted(found.titles_absent) == sorted(not_held)


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("我是海淀温泉智能制造服务园财务科的", True),
        ("我是朝阳东坝数字消费与时尚制造园企业服务部的", True),
        ("我们公司在中关村软件园", False),
        ("我们是软件园里的企业", False),
    ],
)
def test_a_parks_own_name_makes_the_applicant_a_park(text, park):
    assert ("park" in extract(text).applicant_types) == park


def test_the_clause_saying_where_the_body_is_registered_decides_over_one_naming_it():
    said = conditions_answered(
        "园区的管理机构是一家运营公司，注册地在河北三河市，北京这边没有注册法人，只设了一个办事处", asked=True
    )
    assert said["management_body_qualified"] == "no"
