"""Verdict, knowledge and hand-off actions: replies built from liangye_rules, with articles and figures."""

import pytest
from bot_harness import ELIGIBLE_PARK, make_tracker, run_action, slot_updates, texts

from bot.actions.handoff import ValidateHandoffForm
from bot.actions.knowledge import ActionAnswerKnowledge
from bot.actions.session import ActionNotUnderstood, ActionOutOfScope
from bot.actions.subsidy import ValidateSubsidyForm
from bot.actions.verdict import ActionGiveVerdict, verdict_messages
from bot.nlu.extract import extract
from bot.nlu.routing import route

PARK = ELIGIBLE_PARK


def ask(text, intent, slots=None, active_loop=None):
    events, messages = run_action(ActionAnswerKnowledge(), make_tracker(text, intent, slots, active_loop=active_loop))
    return texts(messages), messages, events


def test_the_verdict_text_starts_with_the_conclusion_and_lists_each_criterion():
    events, messages = run_action(ActionGiveVerdict(), make_tracker("确认", "affirm", PARK, active_loop=None))
    text = messages[0]["text"]
    lines = text.splitlines()
    assert lines[0] == "结论：符合申报条件"
    assert any("第五条（二）" in line and "120亿元" in line and "不低于100亿元" in line for line in lines)
    assert any("第五条（四）" in line and "超过2万元/平方米" in line for line in lines)
    assert "区发展改革部门" in text
    card = messages[1]["custom"]
    assert card["type"] == "verdict" and card["verdict"]["verdict"] == "eligible"
    assert slot_updates(events)["last_verdict"]["verdict"] == "eligible"


def test_a_short_park_gets_the_gap():
    slots = {**PARK, "annual_revenue": 88e8, "newly_established": False}
    _, messages = run_action(ActionGiveVerdict(), make_tracker("确认", "affirm", slots, active_loop=None))
    text = messages[0]["text"]
    assert text.startswith("结论：不符合申报条件")
    assert "还差12亿元" in text


def test_a_new_park_with_a_commitment():
    slots = {**PARK, "annual_revenue": 50e8, "newly_established": True, "commits_within_3_years": True}
    verdict, text = verdict_messages(slots)
    assert verdict.verdict == "eligible_with_commitment"
    assert text.startswith("结论：可按新设园区承诺申报")


def test_missing_facts_are_named_with_where_to_find_them():
    slots = {
        "applicant_type": "leading_enterprise",
        "key_field": "integrated_circuits",
        "annual_revenue": 20e8,
        "service_input_share": "unknown",
    }
    _verdict, text = verdict_messages(slots)
    assert text.startswith("结论：信息不足，暂无法判断")
    assert "服务投入占企业总投入比重" in text and "第六条（一）2" in text


def test_a_company_without_a_track_gets_the_best_fitting_one():
    slots = {
        "applicant_type": "enterprise",
        "key_field": "integrated_circuits",
        "annual_revenue": 20e8,
        "service_input_share": 25.0,
        "titles": [],
    }
    verdict, text = verdict_messages(slots)
    assert verdict.applicant_type == "leading_enterprise"
    assert text.startswith("结论：符合申报条件")
    assert "最适合的申报类型：领跑型试点企业" in text
    assert "成长型试点企业" in text.splitlines()[2]


def test_subsidy_question_with_type_and_amount():
    said, _, _ = ask("我们园区老旧厂房改造投资2亿，能补多少？", "ask_subsidy")
    assert "第十一条" in said and "30%" in said and "5000万元" in said and "6000万元" in said


def test_subsidy_for_a_low_efficiency_building_states_the_ambiguity():
    said, _, _ = ask("低效楼宇改造投资8亿能补多少", "ask_subsidy")
    assert "8000万元" in said and "原文未明确" in said and "市发展改革委" in said


def test_subsidy_form_asks_for_what_is_missing():
    events, messages = run_action(
        ValidateSubsidyForm(), make_tracker("数字基础设施项目补贴多少", "ask_subsidy", active_loop=None)
    )
    updates = slot_updates(events)
    assert updates["subsidy_project_type"] == "digital_infrastructure"
    assert updates["requested_slot"] == "subsidy_investment"
    assert "固定资产投资总额" in texts(messages)


def test_subsidy_form_says_why_a_bound_is_not_taken_as_the_investment():
    slots = {"subsidy_project_type": "old_factory", "requested_slot": "subsidy_investment"}
    events, messages = run_action(ValidateSubsidyForm(), make_tracker("投资2亿多", "inform", slots, active_loop="subsidy_form"))
    updates = slot_updates(events)
    assert "subsidy_investment" not in updates and updates["requested_slot"] == "subsidy_investment"
    assert "“2亿多”是一个范围" in texts(messages) and "没有理解" not in texts(messages)


def test_article_text_is_quoted_literally():
    said, _, events = ask("第十一条讲的是什么", "ask_article")
    assert "最高不超过5000万元" in said and "【通俗解释】" in said
    assert slot_updates(events)["last_article"] == 11


def test_terms_say_where_their_meaning_comes_from():
    said, _, _ = ask("什么是专精特新？", "ask_term")
    assert "专精特新" in said and "非办法原文" in said
    said, _, _ = ask("服务投入包括哪些", "ask_term")
    assert "研发设计、检验检测、数字化运营管理、品牌建设" in said and "出自办法原文" in said


def test_key_field_questions_give_the_reason_or_an_honest_none():
    said, _, _ = ask("我们做冷链物流的，属于哪个领域", "ask_key_fields")
    assert "现代物流" in said and "冷链" in said
    said, _, _ = ask("我们做餐饮的属于哪个领域", "ask_key_fields")
    assert "没有找到明显对应" in said


def test_process_materials_obligations_validity():
    said, _, _ = ask("怎么申报", "ask_process")
    assert (
        "区发展改革部门" in said
        and "5个工作日" in said
        and said.index("形式审查") < said.index("专家评审") < said.index("联席会议")
    )
    said, messages, _ = ask("园区申报要准备哪些材料", "ask_materials")
    assert "参考" in said and any(m.get("custom", {}).get("type") == "materials" for m in messages)
    said, _, _ = ask("什么情况会被撤销称号", "ask_obligations")
    assert "连续两年" in said and "追回" in said and "第十九条（四）" in said
    said, _, _ = ask("这个办法还有效吗", "ask_validity")
    assert "2025年7月2日" in said and "市发展改革委" in said


def test_a_process_question_naming_the_applicant_offers_its_check():
    said, _, events = ask("园区是去年新建的，想了解下示范园区怎么申报", "ask_process")
    assert "第七条" in said and "开始资格自查" in said
    assert slot_updates(events)["offered_check"] == "park"
    said, _, events = ask("怎么申报", "ask_process")
    assert "offered_check" not in slot_updates(events)


@pytest.mark.parametrize(
    ("text", "intent", "note"),
    [
        ("协议出让的工业用地能用第九条增容吗", "ask_support", "按字面不在第九条所写的范围内"),
        ("园区外面的老旧厂房改造也能申请支持吗", "ask_support", "示范园区以外的项目不能按这两条获得支持"),
        ("某一年评价不合格，称号会被撤销吗", "ask_obligations", "只有一年评价不合格的，不会因此依第十八条被撤销称号"),
        ("连续两年不合格，但整改按时完成了，还会撤销吗", "ask_obligations", "按时完成了整改的，不会依第十八条被撤销称号"),
        ("出了一起一般安全事故，不算重大，称号会被撤吗", "ask_obligations", "一般事故或轻伤事故按字面不属于这一情形"),
        ("领跑型对注册资本有没有要求", "ask_criteria", "没有关于注册资本的要求"),
    ],
)
def test_answers_read_the_texts_own_conditions_for_the_case_asked(text, intent, note):
    said, _, _ = ask(text, intent)
    assert note in said


def test_handoff_rejects_a_bad_phone_then_accepts_a_good_one():
    form = ValidateHandoffForm()
    slots = {
        "handoff_consent": True,
        "handoff_company": "某某科技有限公司",
        "handoff_person": "张伟",
        "requested_slot": "handoff_contact",
    }
    events, messages = run_action(form, make_tracker("12345", "inform", slots, active_loop="handoff_form"))
    assert "handoff_contact" not in slot_updates(events)
    assert "格式不对" in texts(messages)
    events, messages = run_action(form, make_tracker("13800138000", "give_contact", slots, active_loop="handoff_form"))
    updates = slot_updates(events)
    assert updates["handoff_contact"] == "13800138000"
    assert updates["requested_slot"] == "handoff_district"


def answer_the_district_question(answer: str) -> tuple[dict, str]:
    """Slot updates and reply when ``answer`` is sent at the hand-off's last question."""
    slots = {
        "handoff_consent": True,
        "handoff_company": "某某科技有限公司",
        "handoff_person": "张伟",
        "handoff_contact": "13800138000",
        "requested_slot": "handoff_district",
    }
    events, messages = run_action(ValidateHandoffForm(), make_tracker(answer, "give_contact", slots, active_loop="handoff_form"))
    return slot_updates(events), texts(messages)


@pytest.mark.parametrize(
    ("answer", "district"),
    [("西城", "西城区"), ("在怀柔", "怀柔区"), ("我们在朝阳", "朝阳区"), ("朝阳区", "朝阳区"), ("亦庄", "北京经济技术开发区")],
)
def test_a_short_district_name_answers_the_district_question(answer, district):
    updates, said = answer_the_district_question(answer)
    assert updates["handoff_district"] == district
    assert "没有识别出区名" not in said


def test_a_place_that_is_no_district_is_refused_at_the_district_question():
    updates, said = answer_the_district_question("天津滨海")
    assert updates.get("handoff_district") is None
    assert "没有识别出区名" in said


def test_a_rejected_contact_still_changes_a_slot_so_rasa_keeps_the_explanation():
    slots = {
        "handoff_consent": True,
        "handoff_company": "某某科技有限公司",
        "handoff_person": "张伟",
        "requested_slot": "handoff_contact",
    }
    events, _ = run_action(ValidateHandoffForm(), make_tracker("12345", "give_contact", slots, active_loop="handoff_form"))
    assert slot_updates(events)["unparsed_count"] == 1


def test_several_projects_and_a_certified_investment():
    said, _, _ = ask("我们园区今年两个项目：老厂房改造固投1亿，低效楼宇改造固投2亿，分别能拿多少支持？", "ask_subsidy")
    assert "3000万元" in said and "2000万元" in said and "合计" in said
    said, _, _ = ask("共性技术服务平台和老厂房改造，两个项目认定投资各4000万，总共能拿多少？", "ask_subsidy")
    assert "2400万元" in said
    said, _, _ = ask("老厂房改造项目总投资1亿，但是经认定的固定资产投资只有7000万，能拿多少", "ask_subsidy")
    assert "2100万元" in said


def test_strong_topic_words_win_over_the_intent_in_the_router_and_the_answer_follows():
    from bot.nlu.extract import extract
    from bot.nlu.routing import route

    for text, classified, topic, words in (
        ("对经认定的固定资产投资总额的口径理解有分歧，以谁的解释为准？", "ask_term", "ask_validity", ("市发展改革委", "解释")),
        ("年度评价结果优秀的有没有什么奖励？", "ask_support", "ask_obligations", ("表彰", "第十八条")),
    ):
        assert route(classified, text, extract(text).entities()) == topic
        said, _, _ = ask(text, topic)
        assert all(w in said for w in words), text


def test_consent_is_understood_from_the_words_when_the_nlu_is_unsure():
    slots = {"requested_slot": "handoff_consent"}
    events, _ = run_action(ValidateHandoffForm(), make_tracker("同意", "nlu_fallback", slots, active_loop="handoff_form"))
    assert slot_updates(events)["handoff_consent"] is True
    events, _ = run_action(ValidateHandoffForm(), make_tracker("不用了", "nlu_fallback", slots, active_loop="handoff_form"))
    assert slot_updates(events)["handoff_consent"] is False


OTHER_REGION_QUESTIONS = [
    ("上海市两业融合试点怎么申报", "ask_process", "上海"),
    ("江蘇兩業融合試點怎麼申報", "ask_process", "江苏"),
    ("广东两业融合试点申报条件", "ask_criteria", "广东"),
    ("深圳的企业扶持政策", "ask_support", "深圳"),
    ("天津的两业融合政策", "ask_support", "天津"),
    ("河北的产业园补贴多少", "ask_subsidy", "河北"),
]


def test_questions_about_another_regions_programme_get_the_beijing_scope_not_beijing_rules():
    for text, intent, region in OTHER_REGION_QUESTIONS:
        reply, messages, events = ask(text, intent)
        assert f"您问的是{region}的政策" in reply and "当地发展改革部门" in reply, text
        assert "北京市的两业融合试点示范（第一条）" in reply and "组织辖区内的申报（第七条）" in reply, text
        assert "第五条" not in reply and "%" not in reply, text
        assert events == [] and messages[0]["buttons"], text


def test_the_scope_reply_also_comes_when_the_nlu_says_out_of_scope():
    events, messages = run_action(
        ActionOutOfScope(), make_tracker("浙江两业融合试点条件是什么", "out_of_scope", active_loop=None)
    )
    assert "您问的是浙江的政策" in texts(messages) and events == []


def _fallback_tracker(text: str, runners_up: list[str]):
    tracker = make_tracker(text, "nlu_fallback", active_loop=None)
    ranking = [{"name": "nlu_fallback", "confidence": 0.35}]
    ranking += [{"name": name, "confidence": 0.4 - 0.02 * i} for i, name in enumerate(runners_up)]
    tracker.latest_message["intent_ranking"] = ranking
    return tracker


@pytest.mark.parametrize("runners_up", [["inform", "identify_park"], ["identify_park", "start_check"]])
def test_a_message_torn_between_two_interview_intents_starts_the_interview(runners_up):
    tracker = _fallback_tracker("我们是一个产业集聚区", runners_up)
    text, ranking = tracker.latest_message["text"], tracker.latest_message["intent_ranking"]
    assert route("nlu_fallback", text, extract(text).entities(), ranking) == runners_up[0]


def test_a_message_torn_between_the_interview_and_a_question_is_not_taken_as_the_interview():
    tracker = _fallback_tracker("我们是一个产业集聚区", ["ask_term", "inform"])
    text, ranking = tracker.latest_message["text"], tracker.latest_message["intent_ranking"]
    assert route("nlu_fallback", text, extract(text).entities(), ranking) in (None, "ask_term")
    events, messages = run_action(ActionNotUnderstood(), tracker)
    assert all(e.get("event") != "followup" for e in events)
    assert "没有理解" in texts(messages)


def test_jinji_projects_and_beijing_companies_with_branches_elsewhere_get_the_beijing_answer():
    reply, _, _ = ask("试点企业去河北建分厂有什么支持", "ask_support")
    assert "第十五条" in reply and "您问的是" not in reply
    reply, _, _ = ask("我们在海淀，上海也有分公司，申报条件是什么", "ask_criteria")
    assert "第五条" in reply or "第六条" in reply
    assert "您问的是" not in reply


@pytest.mark.parametrize(
    ("text", "wrong_intent", "markers"),
    [
        ("我是朝阳区发改委的，两业融合试点示范申报这块区里具体要负责啥", "ask_criteria", ["第七条", "初审"]),
        ("形式审查主要看什么？怕材料被打回来", "ask_materials", ["第八条", "完整性"]),
        ("按属地管理原则申报是啥意思，是不是必须通过所在区报上去？", "ask_criteria", ["第七条", "区发展改革"]),
        ("如果企业申报时数据造假被查出来，怎么处理？会公开吗", "ask_process", ["第十九条", "撤销"]),
        ("我们做冷链仓储和制造业供应链管理的，归到哪个领域", "ask_process", ["第四条", "现代物流"]),
        ("我们做自动驾驶车辆的测试验证和车联网服务，对应哪个领域", "out_of_scope", ["智能网联汽车"]),
        ("办法里提到的“专精特新”在申报里有什么用？", "ask_support", ["成长型", "第六条"]),
        ("政府部门派出机构能当示范园区的管理机构吗", "out_of_scope", ["第五条", "派出机构"]),
    ],
)
def test_questions_whose_words_name_the_topic_get_that_topic_whatever_the_nlu_said(text, wrong_intent, markers):
    reply, _, _ = ask(text, route(wrong_intent, text, extract(text).entities()) or wrong_intent)
    assert all(m in reply for m in markers), reply[:120]


def test_applicants_based_elsewhere_get_the_criteria_and_what_the_text_does_not_say_about_registration():
    for text, intent in [
        ("我们是上海的企业，在北京有分公司，能报吗", "out_of_scope"),
        ("我们是上海的公司，能申报试点企业吗", "ask_criteria"),
        ("外地企业有资格申报吗", "ask_criteria"),
    ]:
        reply, _, _ = ask(text, intent)
        assert "您问的是" not in reply, text
        assert "办法原文没有写明" in reply and "第七条" in reply and "所在区发展改革部门" in reply, text
        assert "第六条（一）1" in reply, text  # the enterprise criteria follow
    reply, _, _ = ask("试点企业的申报条件是什么", "ask_criteria")
    assert "办法原文没有写明" not in reply


def test_asking_for_the_assistant_back_during_the_handoff_form_ends_it_instead_of_being_taken_as_an_answer():
    for requested in ("handoff_consent", "handoff_company", "handoff_person"):
        slots = {"requested_slot": requested, "handoff_consent": requested != "handoff_consent"}
        tracker = make_tracker("返回智能助手", "nlu_fallback", slots, active_loop="handoff_form")
        events, _ = run_action(ValidateHandoffForm(), tracker)
        updates = slot_updates(events)
        assert updates["handoff_consent"] is False and updates["requested_slot"] is None, requested
        assert "handoff_company" not in updates and "handoff_person" not in updates, requested


@pytest.mark.parametrize(
    ("text", "article_label"),
    [
        ("市级试点以后还能往国家级两业融合试点推吗", "【第十六条】"),
        ("评上以后能不能推荐申报国家级试点", "【第十六条】"),
        ("已经是国家级两业融合试点了，还能享受市里的支持吗", "【第三条】"),
    ],
)
def test_going_up_to_the_national_pilots_is_article_16_being_one_already_is_article_3(text, article_label):
    reply, _, _ = ask(text, "ask_support")
    assert reply.startswith(article_label), reply[:40]


def test_materials_without_a_type_list_what_every_type_prepares_and_ask_for_the_type():
    said, messages, _ = ask("材料里要写试点示范方案吗", "ask_materials")
    assert "申报书及试点示范方案（第七条）" in said and "第八条（二）" in said and "营业执照" in said
    assert "请问您要准备哪一类申报的材料？" in said and "不是官方清单" in said
    assert [b["title"] for b in messages[0]["buttons"]] == ["示范园区", "领跑型试点企业", "成长型试点企业"]
    assert not any(m.get("custom") for m in messages)  # the full checklist card comes once the type is known


def test_the_share_of_key_field_companies_is_answered_as_a_park_condition():
    said, _, _ = ask("重点领域企業的营收占比要多少才行？", "ask_criteria")
    assert "示范园区的申报条件" in said and "不低于 50%" in said


def test_other_municipal_park_policies_are_not_paid_twice():
    said, _, _ = ask("拿了两业融合的支持，还能再申请其他市级园区政策吗", "ask_support")
    assert "第十条" in said and "不重复支持" in said


def test_changing_a_building_to_office_use_names_the_departments():
    said, _, _ = ask("园区里想把厂房改成研发办公用途，哪些部门会支持？", "ask_support")
    assert "第十二条" in said and "住房城乡建设" in said


def test_a_yes_to_the_check_offered_after_the_criteria_starts_it_for_that_track():
    from bot.actions.knowledge import ActionAnswerKnowledge
    from bot.actions.session import ActionShortAnswer

    events, messages = run_action(
        ActionAnswerKnowledge(), make_tracker("成长型的条件有哪些", "ask_criteria", slots={}, active_loop=None)
    )
    offered = slot_updates(events)["offered_check"]
    assert offered == "growth_enterprise" and "好的" in messages[0]["text"]
    events, _ = run_action(
        ActionShortAnswer(), make_tracker("好的", "affirm", slots={"offered_check": offered}, active_loop=None)
    )
    assert any(e["event"] == "followup" and e["name"] == "eligibility_form" for e in events)
    assert slot_updates(events)["applicant_type"] == "growth_enterprise"


def test_a_no_that_gives_a_fact_after_the_offer_starts_the_check():
    from bot.actions.session import ActionShortAnswer

    tracker = make_tracker("不是新设的，老园区了", "deny", slots={"offered_check": "park"}, active_loop=None)
    events, _ = run_action(ActionShortAnswer(), tracker)
    assert any(e["event"] == "followup" and e["name"] == "eligibility_form" for e in events)
    events, messages = run_action(
        ActionShortAnswer(), make_tracker("不用了", "deny", slots={"offered_check": "park"}, active_loop=None)
    )
    assert not any(e.get("event") == "followup" for e in events) and "还有什么可以帮您" in messages[0]["text"]


def test_a_yes_with_nothing_offered_starts_nothing():
    from bot.actions.session import ActionShortAnswer

    events, messages = run_action(ActionShortAnswer(), make_tracker("好的", "affirm", slots={}, active_loop=None))
    assert not any(e.get("event") == "followup" for e in events) and "还有什么可以帮您" in messages[0]["text"]


def test_another_answer_withdraws_the_offer():
    from bot.actions.knowledge import ActionAnswerKnowledge

    events, _ = run_action(
        ActionAnswerKnowledge(),
        make_tracker("申报流程是什么", "ask_process", slots={"offered_check": "park"}, active_loop=None),
    )
    assert slot_updates(events)["offered_check"] is None


def test_a_project_outside_the_park_is_told_no_before_the_estimate_is_offered():
    tracker = make_tracker("我们的试点企业厂房不在示范园区里，能申请老旧厂房改造补助吗", "ask_subsidy", active_loop=None)
    _, messages = run_action(ValidateSubsidyForm(), tracker)
    assert texts(messages).startswith("第十条、第十一条写明支持的是“在示范园区内”的项目；示范园区以外的项目不能")


def test_article_twenty_says_what_the_trial_means_today():
    said, _, _ = ask("第二十条试行期？目前状态？", "ask_article")
    assert "试行期 2年" in said and "2025年7月2日" in said and "【按今天（" in said
