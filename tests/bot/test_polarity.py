"""Yes/no answers given as sentences (bot.nlu.polarity): many phrasings per condition of 第五条."""

import pytest

from bot.nlu.polarity import answer_to_condition, conditions_answered, general_polarity, polarity

YES_NO = {
    "land_legally_obtained": (
        [
            "对，用地手续都齐全",
            "土地都是合法拿的",
            "地都是合法的 范围清楚",
            "出让合同、不动产证都有",
            "地是依法取得的，没问题",
            "用地这块没毛病",
            "是的",
        ],
        ["有一部分地的手续还在办", "土地还没有取得产权证", "用地不是依法取得的", "否", "没有"],
    ),
    "boundaries_defined_and_contiguous": (
        ["四至清清楚楚，集中连片", "边界明确，成片开发的", "范围明确，也是连片的", "四至范围很清处，整片连在一起的"],
        ["分了三块，不是连片的", "四至还没划定", "有两块飞地，不集中"],
    ),
    "management_body_qualified": (
        ["我们是区里派出的管委会", "管理机构是在海淀注册的国有平台公司", "管委会是区政府的派出机构", "区政府派出机构管委会在管"],
        ["管理公司是在天津注册的", "还没有正式的管理机构", "运营公司注册在外省"],
    ),
    "operating_mechanism_established": (
        ["运营那块早就理顺了", "运营管理机制已经建立，有专门的服务体系", "机制很健全", "运营机制很成熟", "运营公司也已经成立了"],
        ["还没有成型的运营机制", "运营机制正在建，还没建好", "管理制度还不完善", "运营公司还没成立"],
    ),
    "newly_established": (
        ["刚成立一年", "是新设的园区", "去年新设立的", "刚成立没多久", "我们园区2023年刚成立", "今年刚挂牌"],
        ["不是，老园区了", "园区成立十几年了", "不是新设的", "不是新园区，建成好些年了", "不是新设园区，运营十来年了。"],
    ),
    "commits_within_3_years": (
        ["可以，三年内肯定能达标", "我们可以承诺", "能保证三年内达到条件", "我们承诺3年内达到各项申报条件"],
        ["这个承诺不了", "三年内达标没把握，不敢承诺", "达不到"],
    ),
}
NOT_KNOWN = ["不清楚", "没留意过", "这个我得问问国土那边", "说不好", "不太确定"]


@pytest.mark.parametrize(
    ("fact", "text", "expected"),
    [(f, t, "yes") for f, (yes, _) in YES_NO.items() for t in yes]
    + [(f, t, "no") for f, (_, no) in YES_NO.items() for t in no]
    + [(f, t, "unknown") for f in YES_NO for t in NOT_KNOWN],
)
def test_each_condition_is_read_from_a_sentence(fact, text, expected):
    assert answer_to_condition(fact, text) == expected, text


def test_a_message_answers_every_condition_it_speaks_of():
    assert conditions_answered("对，用地手续都齐全，边界也清楚") == {
        "land_legally_obtained": "yes",
        "boundaries_defined_and_contiguous": "yes",
    }
    assert conditions_answered("刚成立一年，我们可以承诺三年内达标") == {
        "newly_established": "yes",
        "commits_within_3_years": "yes",
    }
    assert conditions_answered("土地没问题，但边界不太连片") == {
        "land_legally_obtained": "yes",
        "boundaries_defined_and_contiguous": "no",
    }


def test_the_body_named_as_the_subject_of_a_promise_is_no_answer_about_the_body():
    said = conditions_answered("对，是新设园区，管委会预计并愿意书面承诺未来三年达到申报条件")
    assert said == {"newly_established": "yes", "commits_within_3_years": "yes"}


def test_questions_and_figures_answer_no_condition():
    for text in ("新设园区怎么申报？", "土地是租的能报吗", "园区用地3平方公里", "四至范围怎么算"):
        assert conditions_answered(text) == {}, text


def test_the_general_answer_comes_from_clauses_that_name_no_condition():
    assert general_polarity("是的，不过边界不太连片") == "yes"
    assert general_polarity("不是") == "no"
    assert general_polarity("用地手续齐全") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("没问题", "yes"),
        ("没错", "yes"),
        ("不错，都符合", "yes"),
        ("都符合", "yes"),
        ("已经有了", "yes"),
        ("尚未", "no"),
        ("还没", "no"),
        ("不符合", "no"),
        ("不是没有", "yes"),
        ("记不清了", "unknown"),
        ("嗯嗯", "yes"),
        ("您好", None),
    ],
)
def test_polarity_of_common_answers(text, expected):
    assert polarity(text) == expected


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("我是园区管委会的，想看看能不能申报示范园区", "management_body_qualified"),
        ("我是园区运营方的", "management_body_qualified"),
        ("管委会是区政府派出机构，运营公司也已经成立了", "operating_mechanism_established"),
        ("我们园区产业比较集中", "boundaries_defined_and_contiguous"),
        ("新建了一栋研发楼", "newly_established"),
    ],
)
def test_a_condition_only_named_is_an_answer_only_when_it_was_asked(text, fact):
    assert fact not in conditions_answered(text)
    assert conditions_answered(text, asked=True)[fact] == "yes"


def test_a_side_question_is_no_answer():
    assert general_polarity("我们要是领跑型和成长型同时报，行不行？还是只能选一个？") is None


def test_plots_apart_say_nothing_of_how_the_land_was_obtained():
    said = conditions_answered("园区土地有两块不挨着")
    assert said == {"boundaries_defined_and_contiguous": "no"}
    assert conditions_answered("土地是依法出让取得的，但有两块不挨着")["land_legally_obtained"] == "yes"


def test_lines_of_business_counted_in_pieces_say_nothing_of_the_boundaries():
    assert conditions_answered("医药健康、高端装备、新一代信息技术这几块是大头") == {}
    assert conditions_answered("主要是现代物流和高端装备这两块") == {}


def test_a_park_founded_long_ago_is_not_new_and_hearsay_asserts_nothing():
    said = conditions_answered("我们园区2010年就有了。听说新园区可以承诺三年达标，我们能不能也走承诺这条路？")
    assert said == {"newly_established": "no"}
    assert conditions_answered("园区2025年刚开园") == {"newly_established": "yes"}


def test_a_question_quoted_inside_an_answer_leaves_the_answer():
    text = "是2024年新设的园区。至于三年内能不能达到申报条件、要不要做承诺，得等领导开会定，我现在说不好。"
    assert answer_to_condition("commits_within_3_years", text) == "unknown"


def test_two_parts_apart_are_not_contiguous_though_the_boundaries_are_clear():
    text = "土地都是依法拿的，四至也清楚，但是园区分南北两片，中间隔了七八公里，不连着"
    assert conditions_answered(text) == {"land_legally_obtained": "yes", "boundaries_defined_and_contiguous": "no"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("园区管理公司注册在天津可以吗", {"management_body_qualified": "no"}),
        ("园区是区政府派出机构管理的，可以吗", {"management_body_qualified": "yes"}),
        ("如果管理公司注册在天津可以吗", {}),
        ("管理机构是派出机构吗", {}),
        ("土地是租的能报吗", {}),
    ],
)
def test_a_fact_stated_before_asking_whether_it_will_do_is_read_as_said(text, expected):
    assert conditions_answered(text) == expected


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2025年园区营业收入约18亿元，园区成立还不到两年。", "yes"),
        ("园区成立才一年", "yes"),
        ("替辖区一个2025年新设的园区问问示范园区的申报", "yes"),
        ("成立十年了", "no"),
    ],
)
def test_how_young_a_park_is_said_with_a_negation_is_new(text, said):
    assert conditions_answered(text)["newly_established"] == said
