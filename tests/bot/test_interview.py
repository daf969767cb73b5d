"""The eligibility form's validation action: what it records, what it asks, what it refuses."""

import pytest
from bot_harness import PARK_BASICS, PARK_FIGURES, make_tracker, run_action, slot_updates, texts

from bot.actions.common import UNKNOWN
from bot.actions.interview import ValidateEligibilityForm, next_slot

FORM = ValidateEligibilityForm()


def step(text, intent="inform", slots=None, **kwargs):
    events, messages = run_action(FORM, make_tracker(text, intent, slots, **kwargs))
    return slot_updates(events), texts(messages), messages


def test_a_park_is_asked_for_its_revenue_first():
    updates, said, _ = step("我是园区管委会的", "identify_park", active_loop=None)
    assert updates["applicant_type"] == "park"
    assert updates["requested_slot"] == "annual_revenue"
    assert "年营业收入" in said


def test_a_question_about_the_conditions_with_facts_gets_the_conditions_then_the_check():
    text = "请问示范园区需要满足什么？我们园区去年营业收入合计1520000万元"
    updates, said, _ = step(text, "inform", active_loop=None, routed_from="ask_criteria")
    assert said.index("第五条 示范园区的申报条件") < said.index("已记录：年营业收入 152亿元")
    assert updates["annual_revenue"] == 152e8 and updates["requested_slot"] == "advanced_manufacturing_share"
    _, said, _ = step(text, "inform", active_loop=None)
    assert "第五条 示范园区的申报条件" not in said


def test_several_facts_in_one_message_are_all_recorded_and_echoed():
    slots = {"applicant_type": "park", "requested_slot": "annual_revenue"}
    updates, said, _ = step("营收120亿，先进制造占35%，现代服务占40%", slots=slots)
    assert updates["annual_revenue"] == 12e9
    assert updates["advanced_manufacturing_share"] == 35.0
    assert updates["modern_services_share"] == 40.0
    assert "已记录：年营业收入 120亿元" in said
    assert "已记录：先进制造年营业收入占比 35%" in said
    assert updates["requested_slot"] == "revenue_per_square_meter"


def test_a_bare_answer_fills_the_question_asked():
    slots = {"applicant_type": "park", "requested_slot": "annual_revenue"}
    updates, said, _ = step("大概120个亿", slots=slots)
    assert updates["annual_revenue"] == 12e9
    assert "已记录：年营业收入 120亿元" in said
    updates, _said, _ = step("三成五", slots={**slots, "annual_revenue": 12e9, "requested_slot": "advanced_manufacturing_share"})
    assert updates["advanced_manufacturing_share"] == 35.0


def test_a_number_without_unit_is_not_guessed():
    slots = {"applicant_type": "park", "requested_slot": "annual_revenue"}
    updates, said, _ = step("120", slots=slots)
    assert "annual_revenue" not in updates
    assert "单位" in said
    assert updates["requested_slot"] == "annual_revenue"


def test_impossible_values_are_refused_and_nothing_already_answered_is_lost():
    slots = {"applicant_type": "park", "annual_revenue": 12e9, "requested_slot": "advanced_manufacturing_share"}
    updates, said, _ = step("先进制造占120%", slots=slots)
    assert "advanced_manufacturing_share" not in updates and "annual_revenue" not in updates
    assert "0% 到 100%" in said
    slots["advanced_manufacturing_share"] = 70.0
    slots["requested_slot"] = "modern_services_share"
    updates, said, _ = step("现代服务占40%", slots=slots)
    assert "modern_services_share" not in updates
    assert "超过 100%" in said


def test_dont_know_is_recorded_and_the_interview_moves_on():
    slots = {
        "applicant_type": "leading_enterprise",
        "key_field": "integrated_circuits",
        "annual_revenue": 5e8,
        "requested_slot": "national_market_share_rank",
    }
    updates, _said, _ = step("不清楚", "dont_know", slots=slots)
    assert updates["national_market_share_rank"] == UNKNOWN
    assert updates["requested_slot"] == "service_input_share"


def test_a_correction_is_echoed_with_the_old_value():
    slots = {"applicant_type": "park", "annual_revenue": 12e9, "requested_slot": "advanced_manufacturing_share"}
    updates, said, _ = step("刚才说错了，营收是150亿", "correct", slots=slots)
    assert updates["annual_revenue"] == 15e9
    assert "已更正：年营业收入 150亿元（原为120亿元）" in said


def test_a_side_question_is_left_to_the_rules_and_the_question_is_asked_again_after():
    slots = {"applicant_type": "park", "requested_slot": "annual_revenue"}
    events, messages = run_action(FORM, make_tracker("什么是专精特新", "ask_term", slots))
    assert events == [] and messages == []
    answered = [{"event": "action", "name": "action_answer_knowledge"}]
    tracker = make_tracker("什么是专精特新", "ask_term", slots)
    tracker.events.extend(answered)
    events, messages = run_action(FORM, tracker)
    assert slot_updates(events) == {"requested_slot": "annual_revenue"}
    assert "我们继续" in texts(messages)


def test_leading_enterprise_with_enough_revenue_is_never_asked_its_rank():
    slots = {"applicant_type": "leading_enterprise", "key_field": "integrated_circuits", "annual_revenue": 20e8}
    assert next_slot(slots) == "service_input_share"


def test_growth_enterprise_with_enough_revenue_growth_is_never_asked_profit_growth():
    slots = {
        "applicant_type": "growth_enterprise",
        "key_field": "pharma_health",
        "titles": ["little_giant"],
        "avg_revenue_growth": 25.0,
    }
    assert next_slot(slots) == "service_input_share"


def test_the_review_comes_before_the_verdict_and_affirm_finishes():
    slots = {
        "applicant_type": "leading_enterprise",
        "key_field": "integrated_circuits",
        "annual_revenue": 20e8,
        "requested_slot": "service_input_share",
    }
    updates, said, _ = step("25%", slots=slots)
    assert updates["requested_slot"] == "answers_confirmed"
    assert "请核对" in said and "服务投入占企业总投入比重：25%" in said
    slots.update(updates)
    updates, said, _ = step("确认", "affirm", slots=slots)
    assert updates["answers_confirmed"] is True
    assert updates["requested_slot"] is None


def test_a_change_at_review_is_recorded_and_reviewed_again():
    slots = {
        "applicant_type": "leading_enterprise",
        "key_field": "integrated_circuits",
        "annual_revenue": 20e8,
        "service_input_share": 25.0,
        "requested_slot": "answers_confirmed",
    }
    updates, _said, _ = step("营收改为8亿", "correct", slots=slots)
    assert updates["annual_revenue"] == 8e8
    assert updates["requested_slot"] == "national_market_share_rank"


def test_a_business_description_is_matched_and_confirmed():
    updates, said, _ = step("我们是一家做集成电路设计的企业", "identify_enterprise", active_loop=None)
    assert updates["applicant_type"] == "enterprise"
    assert updates["key_field_candidate"]["id"] == "integrated_circuits"
    assert updates["requested_slot"] == "key_field"
    assert "集成电路" in said and "对吗" in said
    slots = {k: v for k, v in updates.items() if k != "requested_slot"} | {"requested_slot": "key_field"}
    updates, said, _ = step("是的", "affirm", slots=slots)
    assert updates["key_field"] == "integrated_circuits"
    assert updates["requested_slot"] == "annual_revenue"


def test_a_key_field_chosen_with_a_button_is_taken_as_is():
    slots = {"applicant_type": "leading_enterprise", "requested_slot": "key_field"}
    updates, _, _ = step(
        '/inform{"key_field":"modern_logistics"}', slots=slots, entities=[{"entity": "key_field", "value": "modern_logistics"}]
    )
    assert updates["key_field"] == "modern_logistics"


def test_another_fact_given_at_the_key_field_question_is_recorded_without_a_no_match_note():
    slots = {"applicant_type": "leading_enterprise", "requested_slot": "key_field"}
    updates, said, _ = step("市场占有率全国第三", slots=slots)
    assert updates["national_market_share_rank"] == 3
    assert "看起来不属于其中任何一个" not in said and "key_field_candidate" not in updates
    assert updates["requested_slot"] == "key_field"
    updates, said, _ = step("我们主要卖盒饭", slots=slots)
    assert "从您的描述（“我们主要卖盒饭”）中，我没有找到" in said and "看起来不属于其中任何一个，对吗" in said


def test_boolean_questions_take_yes_and_no():
    slots = {"applicant_type": "park", **PARK_FIGURES, "requested_slot": "land_legally_obtained"}
    updates, _, _ = step("是的", "affirm", slots=slots)
    assert updates["land_legally_obtained"] is True
    assert updates["requested_slot"] == "boundaries_defined_and_contiguous"


def test_not_knowing_read_as_yes_or_no_is_recorded_as_unknown():
    slots = {"applicant_type": "park", **PARK_FIGURES, "requested_slot": "land_legally_obtained"}
    for answer in ("没留意过", "记不清了", "这个不是我负责的"):
        updates, _, _ = step(answer, "deny", slots=slots)
        assert updates["land_legally_obtained"] == UNKNOWN, answer
    updates, _, _ = step("没有", "deny", slots=slots)
    assert updates["land_legally_obtained"] is False
    titles = {"applicant_type": "growth_enterprise", "key_field": "pharma_health", "requested_slot": "titles"}
    updates, _, _ = step("没印象了", "deny", slots=titles)
    assert updates["titles"] == UNKNOWN


def test_a_park_short_of_revenue_hears_it_at_once_and_is_asked_about_the_new_park_route_first():
    slots = {"applicant_type": "park", "requested_slot": "annual_revenue", **PARK_BASICS}
    updates, said, _ = step("80亿", slots=slots)
    assert "按常规条件第五条（二）“园区年营业收入”未达到" in said and "还差20亿元" in said
    assert "新设园区" in said and updates["requested_slot"] == "newly_established"  # the route still open decides now
    slots = {**slots, **updates, "requested_slot": "newly_established"}
    updates, _, _ = step("是新设的", slots=slots)
    assert updates["newly_established"] is True and updates["requested_slot"] == "commits_within_3_years"
    slots = {**slots, **updates, "requested_slot": "commits_within_3_years"}
    updates, _, _ = step("可以承诺", slots=slots)
    assert updates["requested_slot"] == "key_field_revenue_share"  # 第五条 key field: asked even on the new-park route
    assert "advanced_manufacturing_share" not in updates


def test_an_old_park_short_of_revenue_is_told_it_does_not_qualify():
    slots = {"applicant_type": "park", "requested_slot": "annual_revenue", **PARK_BASICS}
    updates, _, _ = step("80亿", slots=slots)
    slots = {**slots, **updates}
    updates, said, _ = step("不是，园区成立十几年了", "deny", slots=slots)
    assert updates["newly_established"] is False
    assert "已可以判断不符合示范园区的申报条件" in said and updates["requested_slot"] == "answers_confirmed"


def test_titles_answer_no():
    slots = {"applicant_type": "growth_enterprise", "key_field": "pharma_health", "requested_slot": "titles"}
    updates, _, _ = step("都没有", "deny", slots=slots)
    assert updates["titles"] == []
    assert updates["requested_slot"] == "answers_confirmed"


def test_two_misunderstandings_offer_a_person():
    slots = {"applicant_type": "park", "requested_slot": "annual_revenue"}
    updates, said, messages = step("嗯嗯嗯", "nlu_fallback", slots=slots)
    assert updates["unparsed_count"] == 1 and "没有理解" in said
    updates, said, messages = step("嗯嗯嗯", "nlu_fallback", slots={**slots, "unparsed_count": 1})
    assert updates["unparsed_count"] == 2
    assert any(b["payload"] == "/human_handoff" for m in messages for b in (m.get("buttons") or []))


def test_a_share_typed_as_a_decimal_fraction_is_read_as_one_with_a_note():
    slots = {"applicant_type": "park", "annual_revenue": 12e9, "requested_slot": "advanced_manufacturing_share"}
    for text in ("0.35", "先进制造营收占全园营收的0.35", "领导给的数是先进制造占比0.35。"):
        updates, said, _ = step(text, slots=slots)
        assert updates["advanced_manufacturing_share"] == 35.0, text
        assert "您说的 0.35 我按小数比例记为 35%。如果您指的是 0.35%，请回复“0.35%”" in said, text
    for text, value in (("35%", 35.0), ("0.35%", 0.35), ("三成五", 35.0), ("百分之0.35", 0.35)):
        updates, said, _ = step(text, slots=slots)
        assert updates["advanced_manufacturing_share"] == value and "小数比例" not in said, text
    slots = {"applicant_type": "growth_enterprise", "requested_slot": "service_input_share"}
    updates, _, _ = step("研发设计这些服务投入占总投入0.45。", slots=slots)
    assert updates["service_input_share"] == 45.0


def test_yearly_growth_rates_are_recorded_and_both_readings_explained():
    slots = {"applicant_type": "growth_enterprise", "requested_slot": "avg_revenue_growth"}
    updates, said, _ = step("营收增长三年分别是20%、25%、30%", slots=slots)
    assert updates["revenue_growth_rates"] == [20.0, 25.0, 30.0] and "avg_revenue_growth" not in updates
    assert "已记录：营业收入逐年增长率（从早到晚） 20%、25%、30%（从早到晚，逐年）" in said and "复合年均增长率" in said
    # the two readings either side of 20 %: the measures do not say which counts, so the verdict cannot be "met"
    updates, said, _ = step("营收每年增长分别是百分之三十、百分之十、百分之二十，这个平均增长率够不够20%啊", slots=slots)
    assert updates["revenue_growth_rates"] == [30.0, 10.0, 20.0] and "avg_revenue_growth" not in updates


def test_a_service_input_share_is_computed_from_the_two_amounts_and_the_sum_is_shown():
    slots = {"applicant_type": "leading_enterprise", "annual_revenue": 2e9, "requested_slot": "service_input_share"}
    updates, said, _ = step("服务投入两千万，总投入一亿", slots=slots)
    assert updates["service_input_share"] == 20.0
    assert "2000万元 ÷ 企业总投入1亿元" in said and "20%" in said
    updates, said, _ = step("服务投入3000万", slots=slots)
    assert "service_input_share" not in updates and "还算不出" in said


def test_a_range_on_one_side_of_the_threshold_is_recorded_as_a_range():
    slots = {"applicant_type": "park", "requested_slot": "annual_revenue"}
    for text, low, high in (
        ("不到100亿", None, 1e10),
        ("100多亿", 1e10, 2e10),
        ("超过一百亿", 1e10, None),
        ("十五六个亿", 1.5e9, 1.6e9),
    ):
        updates, said, _ = step(f"营收{text}", slots=slots)
        assert updates["annual_revenue"]["range"] == [low, high], text
        assert "已记录：年营业收入" in said and "您说" in said, text
    updates, said, _ = step("每平米2万多", slots={**slots, "requested_slot": "revenue_per_square_meter"})
    assert updates["revenue_per_square_meter"]["range"] == [2e4, 3e4] and "已达到" in said


def test_a_range_across_the_threshold_is_asked_again_saying_why():
    slots = {"applicant_type": "leading_enterprise", "requested_slot": "annual_revenue"}
    updates, said, _ = step("营收不到20亿", slots=slots)
    assert "annual_revenue" not in updates
    assert "跨过了门槛 第六条（一）1“不低于10亿元”" in said and "更具体的数字" in said


def test_only_an_unlisted_title_is_no_listed_title_and_the_user_hears_why():
    slots = {"applicant_type": "growth_enterprise", "key_field": "pharma_health", "requested_slot": "titles"}
    updates, said, _ = step("我们只有中关村高新技术企业证书", slots=slots)
    assert updates["titles"] == [] and "不属于第六条（二）1 所列的称号" in said


def test_only_an_unlisted_title_beside_listed_ones_not_held_is_no_listed_title():
    slots = {"applicant_type": "growth_enterprise", "key_field": "pharma_health", "requested_slot": "titles"}
    updates, said, _ = step("只有北京市创新型中小企业的认定，专精特新还在申请中，也不是国家高新", slots=slots)
    assert updates["titles"] == [] and "“北京市创新型中小企业”不属于第六条（二）1 所列的称号" in said
    assert "请问" not in said.split("已记录")[0]


def test_a_switch_of_track_said_in_words_is_taken():
    slots = {"applicant_type": "leading_enterprise", "requested_slot": "annual_revenue"}
    updates, said, _ = step("哦不对，我们营收才两个多亿，肯定够不上领跑型，还是改报成长型吧", slots=slots)
    assert updates["applicant_type"] == "growth_enterprise" and "已切换申报类型为：成长型试点企业" in said


def test_a_description_matching_no_field_is_none_once_the_user_confirms_it():
    slots = {"applicant_type": "leading_enterprise", "annual_revenue": 5e9, "requested_slot": "key_field"}
    updates, said, _ = step("主营是商业地产开发和物业管理", slots=slots)
    assert updates["key_field_candidate"] == {"id": "none", "matched": [], "said": "主营是商业地产开发和物业管理"}
    assert "key_field" not in updates and "看起来不属于其中任何一个，对吗" in said
    slots = {**slots, **updates}
    for filler in ("等一下", "我想想"):  # says nothing of the business: decides nothing
        updates, _, _ = step(filler, "nlu_fallback", slots=slots)
        assert updates.get("key_field") is None, filler
    for confirmation, intent in (("对", "affirm"), ("确实都不属于", "inform"), ("主营是商业地产开发和物业管理", "inform")):
        updates, _, _ = step(confirmation, intent, slots=slots)
        assert updates["key_field"] == "none", confirmation
    updates, _, _ = step("不是", "deny", slots=slots)
    assert updates.get("key_field") is None and updates["key_field_candidate"] is None


def test_a_business_named_in_the_opening_with_no_fields_words_is_asked_about_first():
    updates, said, _ = step(
        "我们是做商业地产开发的公司，能申报领跑型试点企业吗", "identify_enterprise", slots={}, active_loop=None
    )
    assert updates["applicant_type"] == "leading_enterprise"
    assert updates["key_field_candidate"] == {"id": "none", "matched": [], "said": "商业地产开发"}
    assert updates["requested_slot"] == "key_field" and "（“商业地产开发”）" in said and "不属于其中任何一个" in said
    for text in ("我们是一家成立5年的企业，想报成长型", "主营业务收入15亿，想报领跑型"):  # no business named
        updates, _, _ = step(text, "identify_enterprise", slots={}, active_loop=None)
        assert not updates.get("key_field_candidate"), text


def test_a_check_started_with_facts_says_what_is_still_to_check():
    text = "我們公司營收九億八千萬，差一點點10億，但細分行業全國排第七，這樣能報領跑型嗎"
    _, said, _ = step(text, slots={}, active_loop=None)
    assert "还需要确认：所属重点领域；服务投入占企业总投入比重（第六条（一）2 不低于20%）。" in said


def test_the_revenue_line_of_one_track_named_beside_the_revenue_chooses_that_track():
    updates, said, _ = step("我们营收九亿八千多万，就差一点点到十个亿，四舍五入能不能算达标啊？", slots={}, active_loop=None)
    assert updates["applicant_type"] == "leading_enterprise" and "未达到" in said and "前10名" in said


@pytest.mark.parametrize(
    ("text", "track"),
    [
        ("北京专精特新企业，营收年均增长30%，服务投入三成五，行吗？", "growth_enterprise"),  # only growth's conditions
        ("我们营收八个亿，在北京市同行里排第二，这个算不算市场占有率前十？", "leading_enterprise"),  # only leading ranks
        ("我们是国家高新，营收30亿，能报吗", "enterprise"),  # a revenue too: either track
    ],
)
def test_the_track_is_the_one_whose_conditions_alone_are_named(text, track):
    updates, _, _ = step(text, slots={}, active_loop=None)
    assert updates["applicant_type"] == track


def test_a_correction_naming_a_bound_said_before_replaces_that_fact():
    slots = {
        "applicant_type": "growth_enterprise",
        "avg_revenue_growth": {"range": [25.0, None], "open": [False, False], "said": "25%以上"},
        "requested_slot": "key_field",
        "key_field_candidate": {"id": "intelligent_connected_vehicles", "matched": ["汽车"]},
    }
    updates, said, _ = step("不好意思，前面说错了，25%只是去年一年的，近三年平均算下来只有12%左右。", "correct", slots=slots)
    assert updates["avg_revenue_growth"] == 12.0 and "已更正" in said


def test_yearly_figures_are_echoed_with_both_readings_against_the_line():
    slots = {"applicant_type": "growth_enterprise", "requested_slot": "avg_revenue_growth"}
    _, said, _ = step("营收是2022年2億、2023年2.6億、2024年3.4億、2025年4.4億", slots=slots)
    assert "逐年增长率平均30.06%，复合年均增长率30.06%，两种算法均不低于20%" in said


def test_a_figure_that_cannot_be_given_is_not_known():
    slots = {"applicant_type": "leading_enterprise", "annual_revenue": 25e8, "key_field": "pharma_health"}
    text = "服务投入占总投入的比重，财务从来没按研发设计、检验检测、数字化、品牌这个口径归集过，现在真给不出数。"
    updates, _, _ = step(text, slots={**slots, "requested_slot": "service_input_share"})
    assert updates["service_input_share"] == "unknown"


def test_a_revenue_too_small_to_be_meant_is_not_recorded():
    slots = {"applicant_type": "park", "requested_slot": "annual_revenue"}
    updates, said, _ = step("营收6000元", slots=slots)
    assert "annual_revenue" not in updates and "明显偏小" in said


def test_who_is_speaking_is_no_answer_about_the_management_body():
    updates, _, _ = step("我是园区管委会的，想看看能不能申报示范园区", "identify_park", slots={})
    assert "management_body_qualified" not in updates
    slots = {"applicant_type": "park", **PARK_FIGURES, "requested_slot": "management_body_qualified"}
    updates, _, _ = step("我们就是管委会", slots=slots)
    assert updates["management_body_qualified"] is True


def test_a_figure_that_does_not_exist_is_not_known():
    slots = {"applicant_type": "leading_enterprise", "annual_revenue": 5e8, "requested_slot": "national_market_share_rank"}
    updates, said, _ = step("没有全国排名", "deny", slots=slots)
    assert updates["national_market_share_rank"] == UNKNOWN and "不清楚" in said


def test_one_title_not_held_is_not_all_titles_not_held():
    slots = {"applicant_type": "growth_enterprise", "key_field": "pharma_health", "requested_slot": "titles"}
    updates, said, _ = step("小巨人还没评下来", slots=slots)
    assert "titles" not in updates and "目前还没有" in said and updates["requested_slot"] == "titles"
    updates, _, _ = step("小巨人还没评下来，别的称号也没有", slots=slots)
    assert updates["titles"] == []
    updates, _, _ = step("国家高新有，小巨人还没评下来", slots=slots)
    assert updates["titles"] == ["national_high_tech"]


def test_a_floor_area_gives_the_revenue_per_square_metre_from_the_revenue():
    slots = {"applicant_type": "park", "annual_revenue": 1.08e10, "requested_slot": "revenue_per_square_meter"}
    updates, said, _ = step("单位面积的没单独算过，入驻企业用房总面积四十万平米左右，按营收除一下就行", "dont_know", slots=slots)
    assert updates["revenue_per_square_meter"] == 27000.0 and "÷ 入驻企业用房面积 40万平方米" in said
    updates, said, _ = step("入驻企业用房总面积四十万平米", slots={"applicant_type": "park", "requested_slot": "annual_revenue"})
    assert "revenue_per_square_meter" not in updates and "还需要入驻企业年营业收入合计" in said


def test_a_sectors_hedged_revenue_gives_a_share_range():
    slots = {"applicant_type": "park", "annual_revenue": 1.08e10, "requested_slot": "advanced_manufacturing_share"}
    updates, _, _ = step("先进制造营收四十个亿出头", slots=slots)
    assert updates["advanced_manufacturing_share"]["range"] == [37.04, 41.67] and "annual_revenue" not in updates


def test_a_doubt_about_the_track_keeps_the_recorded_figure():
    slots = {"applicant_type": "growth_enterprise", "annual_revenue": 1e9, "requested_slot": "key_field"}
    updates, said, _ = step("等一下，营收十个亿好像够领跑型了？那我们改报领跑型吧", slots=slots)
    assert updates["applicant_type"] == "leading_enterprise" and updates.get("annual_revenue", 1e9) == 1e9
    assert "听起来还不确定" not in said


def test_another_places_title_as_the_answer_holds_none_of_the_three():
    slots = {"applicant_type": "growth_enterprise", "key_field": "pharma_health", "requested_slot": "titles"}
    text = "我们是天津市专精特新中小企业，北京的还没申请；国家高新正在申请，还没批下来"
    updates, said, _ = step(text, slots=slots)
    assert updates["titles"] == [] and "天津市专精特新中小企业" in said


@pytest.mark.parametrize("text", ["营收120亿", "emm看了下领跑型没戏，那换成长型吧", "我们看看吧"])
def test_the_form_always_sets_a_slot_so_rasa_never_rejects_it_in_silence(text):
    slots = {"applicant_type": "leading_enterprise", "annual_revenue": 1.2e10, "requested_slot": "answers_confirmed"}
    events, _ = run_action(FORM, make_tracker(text, "inform", slots))
    assert [e for e in events if e.get("event") == "slot" and e["name"] != "requested_slot"], text


def test_yearly_figures_at_the_profit_question_are_profits():
    slots = {"applicant_type": "growth_enterprise", "requested_slot": "avg_profit_growth"}
    updates, _, _ = step("2023年2000万，2024年2200万，2025年2420万。", slots=slots)
    assert updates.get("profit_history") == [2e7, 2.2e7, 2.42e7] and "revenue_history" not in updates


def test_none_of_the_fields_said_outright_is_recorded():
    slots = {"applicant_type": "leading_enterprise", "requested_slot": "key_field"}
    updates, _, _ = step("主营是建筑施工总承包，房建和市政工程，不涉及制造，也不属于那八个领域里的哪一个。", slots=slots)
    assert updates["key_field"] == "none"


def test_a_sector_amount_with_a_ranged_park_revenue_gives_a_share_range():
    slots = {
        "applicant_type": "park",
        "requested_slot": "advanced_manufacturing_share",
        "annual_revenue": {"range": [1.5e10, 1.6e10], "open": [False, False], "said": "150到160亿"},
    }
    updates, _, _ = step("先进制造35亿。", slots=slots)
    assert updates["advanced_manufacturing_share"]["range"] == [21.88, 23.33]


def test_a_fact_said_not_known_beside_others_is_recorded_as_not_known():
    updates, _, _ = step("申报领跑型 营收9个亿 服务投入占22% 细分行业排名不清楚", "choose_leading", slots={}, active_loop=None)
    assert updates["national_market_share_rank"] == "unknown" and updates["service_input_share"] == 22.0


def test_a_range_across_the_threshold_said_with_a_doubt_is_recorded_as_not_known():
    slots = {"applicant_type": "growth_enterprise", "requested_slot": "service_input_share"}
    updates, said, _ = step("服务投入占比具体没算过，我估计在三成到五成之间吧，说不准。", slots=slots)
    assert updates["service_input_share"] == UNKNOWN and "暂记为“不清楚”" in said
    updates, said, _ = step("服务投入在三成到五成之间", slots=slots)
    assert "service_input_share" not in updates and "跨过了门槛" in said


@pytest.mark.parametrize(
    "text",
    [
        "国家高新技术企业正在申报，还没有批下来；专精特新也还没有评上，目前没有任何称号。",
        "目前还没有高新，也没有专精特新，高新正在申请中",
    ],
)
def test_no_title_at_all_said_in_a_sentence_records_none(text):
    slots = {"applicant_type": "growth_enterprise", "requested_slot": "titles"}
    updates, said, _ = step(text, slots=slots)
    assert updates["titles"] == [] and "请问" not in said.split("\n")[0]


def test_a_park_body_stated_then_asked_about_is_recorded_with_its_verdict():
    updates, said, _ = step("园区管理机构是区政府的派出机构，这个符合要求吗？", "inform", active_loop=None)
    assert updates["management_body_qualified"] is True
    assert "第五条（一）这一项：符合" in said
    updates, said, _ = step("园区管理公司注册在天津可以吗", "inform", active_loop=None)
    assert updates["management_body_qualified"] is False
    assert "第五条（一）这一项：不符合" in said


def test_sector_revenues_make_the_applicant_a_park():
    updates, said, _ = step(
        "你好，经开区某集成电路装备园。去年营收150亿元，先进制造45亿，现代服务60亿，帮我看下够不够？", active_loop=None
    )
    assert updates["applicant_type"] == "park"
    assert updates["advanced_manufacturing_share"] == 30.0 and updates["modern_services_share"] == 40.0
    assert "申报类型：示范园区" in said


def test_the_no_of_a_correction_answers_no_yes_no_question():
    slots = {
        "applicant_type": "park",
        "annual_revenue": 5e9,
        "newly_established": True,
        "requested_slot": "commits_within_3_years",
    }
    updates, said, _ = step("哦不对，五十亿是今年的预计，去年实际才三十二亿。", slots=slots)
    assert updates["annual_revenue"] == 3.2e9 and "已更正：年营业收入 32亿元" in said
    assert "commits_within_3_years" not in updates


def test_a_figure_taken_back_for_one_that_straddles_is_not_kept():
    slots = {
        "applicant_type": "leading_enterprise",
        "annual_revenue": 4e9,
        "service_input_share": {"range": [20.0, 30.0], "open": [True, True], "said": "两成多"},
        "requested_slot": "answers_confirmed",
    }
    text = "我刚才说错了，两成多是去年的预算数。实际总投入八个亿，研发设计检测这些服务投入一个亿出头。"
    updates, said, _ = step(text, slots=slots)
    assert updates["service_input_share"] == {"range": [12.5, 18.75], "open": [True, True], "said": "一亿出头"}
    slots["service_input_share"] = 25.0
    updates, said, _ = step("不对，25%是去年的预算数，实际服务投入占比在一成到三成之间", slots=slots)
    assert updates["service_input_share"] is None and "原来记录的服务投入占企业总投入比重25%已撤下" in said


def test_the_body_described_at_the_mechanism_question_is_read_as_a_body_that_runs_the_park():
    slots = {"applicant_type": "park", "management_body_qualified": True, "requested_slot": "operating_mechanism_established"}
    updates, said, _ = step("有管委会 是区里的派出机构", slots=slots)
    assert updates["operating_mechanism_established"] is True and "运营管理机制记为已建立" in said
    updates, _, _ = step("管委会是有的，但运营管理机制还没建立", slots=slots)
    assert updates["operating_mechanism_established"] is False


def test_an_operator_registered_elsewhere_opening_a_park_check_is_recorded():
    updates, said, _ = step(
        "平谷 物流和食品加工园区 运营方是河北那边的公司 能报两业融合示范园区不", "identify_park", active_loop=None
    )
    assert updates["management_body_qualified"] is False and "第五条（一）这一项：不符合" in said


def test_yearly_figures_given_beside_a_rate_not_worked_out_decide_the_growth_track():
    updates, said, _ = step(
        "小巨人企业 增长率没算过 给你年份数 二二年五千万 23年6200万 二四年七千八百万 25年9600万", active_loop=None
    )
    assert updates["applicant_type"] == "growth_enterprise" and "avg_revenue_growth" not in updates
    assert "第六条（二）2：已达到" in said


def test_a_figure_with_a_doubt_about_its_scope_is_recorded_and_the_open_point_said():
    slots = {"applicant_type": "leading_enterprise", "requested_slot": "service_input_share"}
    updates, said, _ = step("百分之十七八吧 这个包括买软件的钱吗", slots=slots)
    assert updates["service_input_share"]["range"] == [17.0, 18.0]
    assert "办法没有明确规定哪些支出算作服务投入" in said
