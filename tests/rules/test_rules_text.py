"""The bundled text (articles.py), the trial period (第二十条, validity.py), the key fields (第四条,
key_fields.py), and the Chinese rendering (render.py, process.py)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from rules_helpers import GROWTH_OK, LEADING_OK, PARK_OK, check, with_

from liangye_rules.articles import DOCUMENT_NUMBER, all_articles, article, parse_article_number, ref_label
from liangye_rules.evaluate import evaluate
from liangye_rules.facts import parse_facts
from liangye_rules.key_fields import KEY_FIELDS, key_field_ids, match_key_fields
from liangye_rules.process import APPLICATION_STAGES, MATERIALS, PUBLIC_NOTICE_WORKING_DAYS, materials_for
from liangye_rules.render import render_verdict
from liangye_rules.validity import TRIAL_LAST_DAY, validity_on
from liangye_rules.vocabulary import fold_homophones, other_region_named

SHARED_TEXT = Path("/work/shared/policy/measures.txt")
BUNDLED_TEXT = Path(__file__).resolve().parents[2] / "liangye_rules" / "data" / "measures.txt"
# sha256 of the policy text as published in shared/policy, recorded when these tests were written.
MEASURES_SHA256 = "6fc8fc2976b2409b3981c10fd4802a26a3c65f104bef2349a53136f0ce458dc0"

# ---- articles ----------------------------------------------------------------------------------------


def test_bundled_text_is_the_shared_policy_text():
    bundled = BUNDLED_TEXT.read_bytes()
    if SHARED_TEXT.exists():
        assert bundled == SHARED_TEXT.read_bytes()
    assert hashlib.sha256(bundled).hexdigest() == MEASURES_SHA256


def test_all_twenty_articles_in_order_with_labels():
    articles = all_articles()
    assert list(articles) == list(range(1, 21))
    labels = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    labels += ["十" + d for d in labels[:9]] + ["二十"]
    for number, cn in zip(range(1, 21), labels, strict=True):
        assert articles[number].label == f"第{cn}条"
        assert articles[number].text.startswith(f"第{cn}条")


def test_articles_are_in_their_chapters():
    assert article(1).chapter == "第一章 总则"
    assert article(5).chapter == article(6).chapter == "第二章 试点示范领域及标准"
    assert article(11).chapter == "第四章 支持政策"
    assert article(20).chapter == "第六章 附则"


def test_article_5_clauses():
    a5 = article(5)
    assert len(a5.clauses) == 5
    assert "不低于 100 亿元" in a5.clause(2)
    assert a5.clause(4).startswith("（四）") and "超过 2 万元/平方米" in a5.clause(4)
    assert a5.text.splitlines()[-1].startswith("此外，两业融合特征鲜明")


def test_article_6_clauses_include_their_items():
    a6 = article(6)
    assert len(a6.clauses) == 2
    one = a6.clause(1).splitlines()
    assert one[0].startswith("（一）申报领跑型试点企业")
    assert one[1].startswith("1.年营业收入不低于 10亿元")
    assert one[2].startswith("2.研发设计") and "不低于 20%" in one[2]
    two = a6.clause(2).splitlines()
    assert len(two) == 4
    assert "不低于 40%" in two[3]


def test_article_19_and_20_text():
    assert len(article(19).clauses) == 4
    assert "试行期 2年" in article(20).text
    assert DOCUMENT_NUMBER == "京发改规〔2023〕7号"
    assert DOCUMENT_NUMBER in BUNDLED_TEXT.read_text("utf-8")


def test_unknown_article_raises_key_error():
    with pytest.raises(KeyError):
        article(21)


@pytest.mark.parametrize(
    ("args", "label"),
    [((5,), "第五条"), ((5, 2), "第五条（二）"), ((6, 1, 1), "第六条（一）1"), ((11,), "第十一条"), ((20,), "第二十条")],
)
def test_ref_label(args, label):
    assert ref_label(*args) == label


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("第十一条怎么说", 11),
        ("第11条", 11),
        ("11条", 11),
        ("看看第二十条", 20),
        ("第三十条", None),
        ("没有条号", None),
        ("十三条讲什么", 13),
        ("十四条对接哪个交易所", 14),
        ("有三条要求", None),
        ("一条一条来", None),
    ],
)
def test_parse_article_number(text, number):
    assert parse_article_number(text) == number


# ---- validity (第二十条) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (date(2023, 7, 2), "not_yet"),
        (date(2023, 7, 3), "in_trial"),
        (date(2024, 1, 1), "in_trial"),
        (date(2025, 7, 2), "in_trial"),
        (date(2025, 7, 3), "expired"),
        (date(2026, 1, 1), "expired"),
    ],
)
def test_validity_states(day, state):
    assert date(2025, 7, 2) == TRIAL_LAST_DAY
    v = validity_on(day)
    assert v.state == state
    assert v.to_dict()["article"] == "第二十条"


def test_expired_note_tells_the_user_to_confirm_with_the_commission():
    result = check(with_(PARK_OK, as_of="2025-07-03"))
    assert result["validity"]["state"] == "expired"
    assert result["verdict"] == "eligible"  # still judged by the measures' conditions
    assert "试行期已经届满" in result["notes"][0]
    assert "请向市发展改革委" in result["notes"][0]


def test_in_trial_and_not_yet_notes():
    assert "仍在试行期内" in check(with_(PARK_OK, as_of="2025-07-02"))["notes"][0]
    early = check(with_(PARK_OK, as_of="2023-07-02"))
    assert early["validity"]["state"] == "not_yet"
    assert "尚未实施" in early["notes"][0]


# ---- key fields (第四条) -----------------------------------------------------------------------------


def test_eight_key_fields_follow_article_4():
    assert len(KEY_FIELDS) == 8
    assert len(set(key_field_ids())) == 8
    text = article(4).text
    positions = [text.index(f.phrase) for f in KEY_FIELDS]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("description", "first", "reason"),
    [
        ("集成电路设计", "integrated_circuits", "集成电路"),
        ("医疗器械研发生产", "pharma_health", "医疗器械"),
        ("新能源汽车整车制造", "intelligent_connected_vehicles", "新能源汽车"),
        ("冷链物流和仓储服务", "modern_logistics", "冷链"),
        ("工业互联网平台", "new_generation_it", "工业互联网"),
    ],
)
def test_match_key_fields(description, first, reason):
    matches = match_key_fields(description)
    assert matches and matches[0].field.id == first
    assert reason in matches[0].matched
    assert all(word in description for m in matches for word in m.matched)


def test_vehicle_description_does_not_also_suggest_new_energy():
    matches = match_key_fields("新能源汽车整车制造")
    assert [m.field.id for m in matches] == ["intelligent_connected_vehicles"]
    assert set(matches[0].matched) == {"新能源汽车", "整车"}  # 汽车 inside 新能源汽车 is not repeated


def test_medical_devices_reason_drops_the_shorter_word_inside_it():
    assert match_key_fields("医疗器械研发生产")[0].matched == ("医疗器械",)


def test_testing_equipment_is_high_end_equipment():
    assert match_key_fields("工业检测设备和第三方检验检测服务")[0].field.id == "high_end_equipment"


@pytest.mark.parametrize("description", ["餐饮连锁", "房地产开发", "", "主营住宅开发，这两年也在搞数字化运营和品牌建设"])
def test_no_key_field(description):
    assert match_key_fields(description) == []


def test_ascii_keywords_need_word_boundaries():
    assert [m.field.id for m in match_key_fields("AI 视觉检测")] == ["new_generation_it"]
    assert match_key_fields("MAIL 服务") == []  # AI inside MAIL is not a match


# ---- rendering and process ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "first_line"),
    [
        (PARK_OK, "结论：符合申报条件"),
        (with_(LEADING_OK, service_input_share=5), "结论：不符合申报条件"),
        (with_(GROWTH_OK, titles=...), "结论：信息不足，暂无法判断"),
        (
            with_(PARK_OK, annual_revenue="30亿", newly_established=True, commits_within_3_years=True),
            "结论：可按新设园区承诺申报",
        ),
    ],
)
def test_render_verdict(data, first_line):
    verdict = evaluate(parse_facts(data))
    text = render_verdict(verdict)
    lines = text.splitlines()
    assert lines[0] == first_line
    assert len([line for line in lines if line.startswith(("✅", "❌", "❔"))]) == len(verdict.criteria)
    if verdict.verdict == "insufficient_information":
        assert "还需要以下信息才能判断：" in lines
    if verdict.verdict in ("eligible", "eligible_with_commitment"):
        assert any(line.startswith("申报渠道：") and "第七条" in line for line in lines)


def test_render_shows_gap():
    text = render_verdict(evaluate(parse_facts(with_(PARK_OK, annual_revenue="88亿", newly_established=False))))
    assert "❌ 不符合｜第五条（二）｜园区年营业收入：填报：88亿元；要求：不低于100亿元；差距：还差12亿元" in text


def test_application_stages_follow_articles_7_and_8():
    assert [s.article for s in APPLICATION_STAGES] == ["第七条", "第八条（一）", "第八条（二）", "第八条（三）", "第八条（四）"]
    assert [s.order for s in APPLICATION_STAGES] == [1, 2, 3, 4, 5]
    assert PUBLIC_NOTICE_WORKING_DAYS == 5 and "5 个工作日" in article(8).text


def test_materials_cover_each_quantitative_criterion():
    articles = {m.article for m in materials_for("park")}
    assert {"第五条（一）", "第五条（二）", "第五条（三）", "第五条（四）", "第五条（五）"} <= articles
    assert {"第六条（一）1", "第六条（一）2"} <= {m.article for m in materials_for("leading_enterprise")}
    assert {"第六条（二）1", "第六条（二）2", "第六条（二）3"} <= {m.article for m in materials_for("growth_enterprise")}
    assert set(MATERIALS) == {"park", "leading_enterprise", "growth_enterprise"}


def test_other_regions_are_named_but_beijing_places_and_jinji_projects_are_not():
    assert other_region_named("上海的两业融合政策是什么") == "上海"
    assert other_region_named("浙江两业融合试点企业怎么申报") == "浙江"
    assert other_region_named("天津滨海新区招商政策") == "天津"
    assert other_region_named("去天津河北投资有政策吗") is None  # 第十五条: 津冀落地项目
    assert other_region_named("在河北建分厂有政策吗") is None
    assert other_region_named("北京到上海多远") is None
    assert other_region_named("我们在海淀，上海也有分公司") is None
    assert other_region_named("苏州街的园区能报吗") is None
    assert other_region_named("八成都是医药健康的企业") is None  # 八成 + 都, not 成都
    assert other_region_named("成都的两业融合政策") == "成都"
    assert other_region_named("怎么申报示范园区") is None


def test_an_applicant_based_in_another_region_is_not_a_question_about_that_regions_programme():
    assert other_region_named("我们是上海的企业，能报吗") is None
    assert other_region_named("深圳公司在亦庄设厂") is None
    assert other_region_named("上海的两业融合试点企业怎么申报") == "上海"


def test_a_new_park_with_key_fields_under_half_can_commit_and_an_old_one_cannot():
    """第五条（五）'s share below half leaves 符合八个重点领域 open; a new park's commitment covers both."""
    short = with_(PARK_OK, annual_revenue="30亿", key_field_revenue_share="40%")
    assert evaluate(parse_facts(with_(short, newly_established=True, commits_within_3_years=True))).verdict == (
        "eligible_with_commitment"
    )
    assert evaluate(parse_facts(with_(short, newly_established=False))).verdict == "not_eligible"
    asked = evaluate(parse_facts(short))
    assert asked.verdict == "insufficient_information"
    assert "key_field_revenue_share" not in [m.fact for m in asked.missing]  # never asked again for what was given


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("想报两页融合师范园区", "想报两业融合示范园区"),
        ("心设的科学仪器园区，我们能成诺三年达标", "新设的科学仪器园区，我们能承诺三年达标"),
        ("成长形企业，有专精特心", "成长型企业，有专精特新"),
        ("精心设计的方案，成长行业，信设备", "精心设计的方案，成长行业，信设备"),
    ],
)
def test_mistyped_words_of_the_measures_are_folded_to_their_twins(typed, meant):
    assert fold_homophones(typed) == meant
