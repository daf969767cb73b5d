"""Answers about the measures, built from liangye_rules data, each citing its article."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.nlu.extract import extract, normalise
from bot.nlu.topics import OUTSIDE_WORDS, REGIONS
from liangye_rules.articles import BASIS, DOCUMENT_NUMBER, ISSUERS, TITLE, article
from liangye_rules.facts import APPLICANT_TYPES, TITLES
from liangye_rules.key_fields import KEY_FIELDS, match_key_fields
from liangye_rules.parse import format_amount
from liangye_rules.process import (
    APPLICATION_STAGES,
    COMMON_MATERIALS,
    INTERPRETING_AUTHORITY,
    MATERIALS_DISCLAIMER,
    MINOR_ACCIDENT_NOTE,
    OBLIGATIONS,
    ONE_BAD_YEAR_NOTE,
    PRINCIPLES,
    PUBLIC_NOTICE_WORKING_DAYS,
    RECEIVING_AUTHORITY,
    REGISTRATION_NOTE,
    REVOCATION_18_NOTE,
    UNREQUIRED_ITEMS,
    MaterialItem,
    materials_for,
    unrequired_note,
)
from liangye_rules.ranges import is_range
from liangye_rules.render import criteria_overview, reading_notes, unlisted_title_note
from liangye_rules.silences import silence_notes
from liangye_rules.summaries import article_summary
from liangye_rules.support import (
    ARTICLE_3_NOTE,
    ARTICLE_9_LAND_NOTE,
    INSIDE_PARK_NOTE,
    SUBSIDY_RULES,
    SubsidyRule,
    estimate_subsidy,
    support_policies,
)
from liangye_rules.terms import SOURCE_LABELS, TERMS, find_term
from liangye_rules.validity import DESIGNATION_TERM, validity_on
from liangye_rules.vocabulary import other_region_named

from .common import ENTERPRISE, MAIN_MENU, button, entity_values, intent_of, materials_payload, message_text

Answer = tuple[str, list[dict], list[dict[str, Any]], list[EventType]]  # text, buttons, custom payloads, events


def _types_in(tracker: Tracker) -> list[str]:
    """Applicant types the question is about: named in it, else the conversation's, else none."""
    named = [t for t in entity_values(tracker, "applicant_type") if t in APPLICANT_TYPES]
    text = message_text(tracker)
    if re.search(r"重点领域的?企业", text):  # the share of key-field companies is a park's condition (第五条（五）)
        named.append("park")
        text = re.sub(r"重点领域的?企业", "", text)
    if not named and re.search(r"试点企业|企业", text):
        named = ["leading_enterprise", "growth_enterprise"]
    if named:
        return list(dict.fromkeys(named))
    current = tracker.get_slot("applicant_type")
    if current == ENTERPRISE:
        return ["leading_enterprise", "growth_enterprise"]
    return [current] if current in APPLICANT_TYPES else []


def answer_term(tracker: Tracker) -> Answer:
    text = message_text(tracker)
    term = find_term(text)
    if term is None and entity_values(tracker, "term"):
        term = find_term(str(entity_values(tracker, "term")[0]))
    if term is None:
        names = "、".join(t.name for t in TERMS)
        return (
            f"您想了解哪个名词？我可以解释：{names}。",
            [button(t.name, "ask_term", {"term": t.name}) for t in TERMS[:6]],
            [],
            [],
        )
    source = SOURCE_LABELS[term.source]
    cites = "、".join(term.articles)
    return f"【{term.name}】{term.explanation}\n（{source}；相关条款：{cites}）", [], [], []


def answer_criteria(tracker: Tracker) -> Answer:
    named = _types_in(tracker)
    types = named or list(APPLICANT_TYPES)
    parts = []
    for applicant_type in types:
        lines = "\n".join(f"· {line}" for line in criteria_overview(applicant_type))
        notes = "".join(reading_notes(applicant_type))
        parts.append(f"【{APPLICANT_TYPES[applicant_type]}的申报条件】\n{lines}\n说明：{notes}")
    said = normalise(message_text(tracker))
    if _REGISTRATION_QUESTION.search(said):
        parts.insert(0, REGISTRATION_NOTE)
    if not entity_values(tracker, "silence"):  # 净利润还是利润总额: how a required figure is counted, not another one
        parts[:0] = [unrequired_note(item) for item in UNREQUIRED_ITEMS if item in said]
    parts[:0] = [unlisted_title_note(name) for name in dict.fromkeys(entity_values(tracker, "unlisted_title"))]
    if entity_values(tracker, "title_mentioned") and "leading_enterprise" in types and "growth_enterprise" not in types:
        parts.insert(0, LEADING_NEEDS_NO_TITLE)  # 领跑型要不要有高新证书？
    parts.append("想知道自己是否符合，回复“好的”或点“开始资格自查”，我会逐条对照并算出差距。")
    offered = named[0] if len(named) == 1 else ENTERPRISE if named else "any"
    return "\n\n".join(parts), [button("开始资格自查", "start_check")], [], [SlotSet("offered_check", offered)]


LEADING_NEEDS_NO_TITLE = (
    "领跑型试点企业的条件（第六条（一））不要求获得称号；"
    f"{'、'.join(TITLES.values())}这三个称号是成长型试点企业的条件（第六条（二）1，获得其一即可）。"
)


# Questions about where an applicant is registered or based (the text is silent for enterprises).
_ELSEWHERE = f"{OUTSIDE_WORDS}|{REGIONS}"
_REGISTRATION_QUESTION = re.compile(
    rf"分公司|子公司|总部|注册地|注册在|在北京注册|在京|北京有|({_ELSEWHERE}).{{0,3}}(企业|公司|集团)"
)


_SUPPORT_TOPICS = {
    9: ("增容", "弹性年期", "弹性规模", "容积率", "招拍挂", "生产性用房", "续期", "拆除"),
    10: ("一站式", "共性技术", "服务平台", "数字基础设施", "市级园区", "园区政策", "重复支持"),
    11: ("低效楼宇", "老旧厂房", "配套基础设施", "改造"),
    12: ("用途转换", "用途兼容", "土地用途", "建筑用途", "城市更新", "办公用途", "研发用途", "改用途", "改变用途", "功能转换"),
    13: ("毕业生", "计划单列", "人才"),
    14: ("北交所", "上市", "信贷", "金融", "银行", "贷款"),
    15: ("津冀", "京津冀", "首次采购", "第一次", "采购", "河北", "天津", "强链补链", "产业链延伸", "龙头企业", "高精尖"),
    16: ("国家级", "推荐", "宣传", "优秀案例", "优先推荐", "申报国家级"),
    3: (
        "高精尖资金",
        "已获",
        "获得过",
        "再申请",
        "其他市级",
        "市级财政",
        "重复支持",
        "拿过",
        "已获得",
        "已经是国家级",
        "国家级两业融合试点",
        "国家级试点企业",
        "国家级试点区域",
        "市级的支持",
    ),
}


_MONEY = re.compile(r"现金|补贴|补助|资金|奖励|奖金|给多少|多少钱|多少万|给钱|拿钱")
_TOWARDS_NATIONAL = re.compile(r"(往|推荐?|冲|升|申报|报|评)(到|上|为|成)?国家级|国家级.{0,16}推荐|优先推荐")


def _support_article(text: str) -> int | None:
    """The support article a question is about, by its keywords; None for a general question."""
    if _TOWARDS_NATIONAL.search(text):
        return 16  # 往国家级推 / 申报国家级: being recommended for the national pilots, not 第三条's national pilots
    scores = {n: sum(len(word) for word in words if word in text) for n, words in _SUPPORT_TOPICS.items()}
    best = max(scores, key=lambda n: scores[n])
    return best if scores[best] else None


_OTHER_LAND = re.compile(r"划拨|协议出让|协议方式|租赁|租的|租用|集体(?:建设)?用地")
OUTSIDE_PARK = re.compile(r"不在.{0,4}(?:示范)?园区|(?:示范)?园区(?:外|以外|外面)|园区之外")


def answer_support(tracker: Tracker) -> Answer:
    said = message_text(tracker)
    number = _support_article(said)
    if number is not None:
        art = article(number)
        text = f"【{art.label}】{article_summary(number)}\n\n原文：{art.text}"
        if number == 9 and _OTHER_LAND.search(said):
            text = f"{ARTICLE_9_LAND_NOTE}\n\n{text}"  # 划拨取得的工业用地能适用第九条增容吗
        elif number in (10, 11) and OUTSIDE_PARK.search(said):
            text = f"{INSIDE_PARK_NOTE}\n\n{text}"  # 老厂房不在示范园区里，也能申请改造支持吗
        return text, [button("全部支持政策", "ask_support"), button("补助估算", "ask_subsidy")], [], []
    types = _types_in(tracker)
    beneficiary = None
    if types and all(t == "park" for t in types):
        beneficiary = "park"
    elif types and all(t != "park" for t in types):
        beneficiary = "enterprise"
    if beneficiary == "enterprise" and _MONEY.search(message_text(tracker)):
        return _enterprise_money()  # 认定为试点企业之后有没有直接的现金补贴: none is named
    heading = {None: "示范园区和试点企业", "park": "示范园区", "enterprise": "试点企业"}[beneficiary]
    lines = [f"· {p.label} {p.title}：{p.summary}" for p in support_policies(beneficiary)]
    text = f"【{heading}可享受的支持政策（第九条至第十六条）】\n" + "\n".join(lines) + f"\n\n另：{ARTICLE_3_NOTE}"
    return text, [button("补助估算", "ask_subsidy"), button("查看第十一条原文", "ask_article", {"article": 11})], [], []


def subsidy_overview() -> str:
    """Rates and caps of every project type, from liangye_rules."""
    lines = []
    for rule in SUBSIDY_RULES.values():
        cap = f"，最高不超过{format_amount(rule.cap_yuan)}" if rule.cap_yuan else ""
        base = "经认定的固定资产投资总额" if rule.certified_investment else "固定资产投资总额"
        lines.append(f"· {rule.name}（{rule.article}）：{base}的{rule.rate_pct:g}%{cap}")
    return (
        "【示范园区内项目的资金支持】\n"
        + "\n".join(lines)
        + "\n注：低效楼宇改造是否同样适用“最高不超过5000万元”，原文未明确，请以市发展改革委解释为准。"
        "以上支持仅适用于示范园区内的项目；已获得其他市级财政资金支持的项目不再支持（第三条）。"
    )


def subsidy_rule_text(rule: SubsidyRule) -> str:
    """One project type's support: article, base, rate, cap, and the literal caveats."""
    base = "经认定的固定资产投资总额" if rule.certified_investment else "固定资产投资总额"
    cap = (
        f"，最高不超过{format_amount(rule.cap_yuan)}{_cap_reached(rule)}"
        if rule.cap_yuan
        else ("" if rule.cap_ambiguous else "（条文未规定上限）")
    )
    lines = [f"{rule.name}：按{rule.article}，{base}的{rule.rate_pct:g}% 给予支持{cap}。"]
    if rule.cap_ambiguous:
        lines.append("第十一条的“最高不超过5000万元”是否也适用于低效楼宇改造，原文未明确，请以市发展改革委的解释为准。")
    if rule.article == "第十条":
        lines.append("第十条：符合其他相关市级园区支持政策的项目，可按相关政策予以支持，不重复支持。")
    lines.append("仅适用于示范园区内的项目；已获得过其他市级财政资金支持的项目不再予以资金支持（第三条）。")
    return "\n".join(lines)


def _cap_reached(rule: SubsidyRule) -> str:
    """``（按30%计算，投资额约1.67亿元时达到上限）``: where the rate meets the cap."""
    at = rule.cap_reached_at()
    return f"（按{rule.rate_pct:g}%计算，投资额约{format_amount(round(at, -6))}时达到上限）" if at else ""


def subsidy_text(project_type: str, investment: float) -> str:
    """The estimate for one project in chat text."""
    estimate = estimate_subsidy(project_type, investment)
    rule = SUBSIDY_RULES[project_type]
    lines = [
        f"【补助估算】{rule.name}，固定资产投资{format_amount(investment)}：",
        f"按{estimate.article}，支持比例{estimate.rate_pct:g}%，估算支持金额约{format_amount(estimate.support_yuan)}。",
    ]
    if estimate.cap_yuan:
        lines.append(f"上限：{format_amount(estimate.cap_yuan)}{_cap_reached(rule)}。")
    elif not rule.cap_ambiguous:
        lines.append(f"上限：{rule.article}没有规定支持金额的上限。")
    lines += [f"· {note}" for note in estimate.notes]
    return "\n".join(lines)


def subsidy_pairs(tracker: Tracker) -> list[tuple[str, float]]:
    """(project type, investment) pairs named in the message: one each, in order; "各" gives every type the amount;
    with a total and a certified figure, the certified one (经认定的固定资产投资总额) counts."""
    text = message_text(tracker)
    types = list(dict.fromkeys(t for t in entity_values(tracker, "project_type") if t in SUBSIDY_RULES))
    given = entity_values(tracker, "amount") + entity_values(tracker, "annual_revenue")
    amounts = [float(a) for a in given + entity_values(tracker, "supposed_amount") if not is_range(a)]
    if not types or not amounts:
        return []
    if len(types) == len(amounts):
        return list(zip(types, amounts, strict=True))
    if len(amounts) == 1 and ("各" in text or len(types) == 1):
        return [(t, amounts[0]) for t in types]
    if len(types) == 1 and "认定" in text:
        certified = extract(text[text.index("认定") :]).amounts
        return [(types[0], certified[0] if certified else amounts[0])]
    return [(types[0], amounts[0])] if len(types) == 1 else []


def answer_subsidy(tracker: Tracker) -> Answer:
    types = list(dict.fromkeys(entity_values(tracker, "project_type")))
    pairs = subsidy_pairs(tracker)
    if pairs:
        parts = [subsidy_text(t, a) for t, a in pairs]
        if len(pairs) > 1:
            total = sum(estimate_subsidy(t, a).support_yuan for t, a in pairs)
            parts.append(f"合计估算支持金额约{format_amount(total)}（各项目分别按其条款计算）。")
        return "\n\n".join(parts), [], [], []
    if types:
        return "\n\n".join(subsidy_rule_text(SUBSIDY_RULES[t]) for t in types), [], [], []
    if _types_in(tracker) and all(t != "park" for t in _types_in(tracker)):
        return _enterprise_money()
    buttons = [button(rule.name.split("（")[0], "ask_subsidy", {"project_type": key}) for key, rule in SUBSIDY_RULES.items()]
    return (
        subsidy_overview() + "\n\n告诉我项目类型和固定资产投资额（例如“老旧厂房改造投资2亿”），我可以帮您估算。",
        buttons,
        [],
        [],
    )


def _enterprise_money() -> Answer:
    """Money for pilot enterprises: the measures name no direct award; their support is 第十三条 to 第十六条."""
    projects = "、".join(dict.fromkeys(rule.article for rule in SUBSIDY_RULES.values()))
    lines = [f"· {p.label} {p.title}：{p.summary}" for p in support_policies("enterprise")]
    text = (
        f"办法没有规定给试点企业的直接资金奖励或补贴金额；按比例给予的资金支持（{projects}）针对的是示范园区内的项目。"
        "试点企业可享受的支持是：\n"
        + "\n".join(lines)
        + f"\n\n另：{ARTICLE_3_NOTE}\n具体支持方式以主管部门的规定为准，可咨询所在区发展改革部门。"
    )
    return text, [button("全部支持政策", "ask_support")], [], []


def answer_process(tracker: Tracker) -> Answer:
    steps = "\n".join(f"{s.order}. {s.name}（{s.article}，{s.who}）：{s.checks}" for s in APPLICATION_STAGES)
    text = (
        f"【申报和认定流程】\n按照属地管理原则，向{RECEIVING_AUTHORITY}申报（第七条）。流程依次为：\n{steps}\n"
        f"公示期为{PUBLIC_NOTICE_WORKING_DAYS}个工作日（第八条（四））。具体申报时间以区发展改革部门的通知为准。\n{PRINCIPLES}"
    )
    return text, [button("需要哪些材料", "ask_materials"), button("开始资格自查", "start_check")], [], []


def _checklist(items: tuple[MaterialItem, ...]) -> str:
    return "\n".join(f"☐ {m.item}（{m.article}）：{m.evidence}" for m in items)


def answer_materials(tracker: Tracker) -> Answer:
    types = _types_in(tracker)
    if len(types) != 1:  # what every type prepares now; the rest once the type is known
        buttons = [button(name, "ask_materials", {"applicant_type": key}) for key, name in APPLICANT_TYPES.items()]
        text = (
            f"【各类申报都要准备的材料（参考）】\n{_checklist(COMMON_MATERIALS)}\n\n"
            "示范园区、领跑型和成长型试点企业还各有与申报条件对应的证明材料。请问您要准备哪一类申报的材料？\n"
            f"{MATERIALS_DISCLAIMER}"
        )
        return text, buttons, [], []
    applicant_type = types[0]
    items = _checklist(materials_for(applicant_type))
    text = f"【{APPLICANT_TYPES[applicant_type]}申报材料参考清单】\n{items}\n{MATERIALS_DISCLAIMER}"
    return text, [], [materials_payload(applicant_type)], []


# 连续两年不合格，但整改按时完成了，还会被撤销吗 / 有一年评价不合格会不会马上被撤销: 第十八条's two conditions
_REMEDIED = re.compile(r"整改.{0,12}(完成|做完|到位|按时)")
_MINOR_ACCIDENT = re.compile(
    r"(一般|轻伤|轻微|小|不是重大|不算重大|非重大).{0,10}事故|事故.{0,10}(不是重大|不算重大|轻伤|轻微|划伤)"
)
_ONE_BAD_YEAR = re.compile(r"(一年|一次|有一年|某一年|某年|头一年|第一年|偶尔|一回).{0,8}(不合格|没合格|不达标|没通过)")


def answer_obligations(tracker: Tracker) -> Answer:
    duties = [o for o in OBLIGATIONS if o.kind == "duty"]
    revocations = [o for o in OBLIGATIONS if o.kind == "revocation"]
    text = "【认定后的义务】\n" + "\n".join(f"· {o.text}（{o.article}）：{o.consequence}" for o in duties)
    by_article = Counter(o.article[:4] for o in revocations)  # 第十八条, 第十九条（一）…（四）
    count = "，".join(f"{a}{n}种" for a, n in by_article.items())
    text += f"\n\n【撤销称号的情形（共{len(revocations)}种：{count}）】\n" + "\n".join(
        f"· {o.text}（{o.article}）：{o.consequence}" for o in revocations
    )
    said = message_text(tracker)
    if _MINOR_ACCIDENT.search(said):
        text = f"{MINOR_ACCIDENT_NOTE}\n\n{text}"
    if _REMEDIED.search(said):
        text = f"{REVOCATION_18_NOTE}\n\n{text}"
    elif _ONE_BAD_YEAR.search(said):
        text = f"{ONE_BAD_YEAR_NOTE}\n\n{text}"
    return (
        text,
        [button("查看第十八条原文", "ask_article", {"article": 18}), button("查看第十九条原文", "ask_article", {"article": 19})],
        [],
        [],
    )


_ASKS_MATCH = re.compile(r"属于|算不算|符合|是不是|能不能算|归类|哪个领域|哪一个领域|哪类|算哪")


def answer_key_fields(tracker: Tracker) -> Answer:
    text = message_text(tracker)
    fields = "\n".join(f"{i}. {f.name}：{f.phrase}" for i, f in enumerate(KEY_FIELDS, 1))
    listing = f"【第四条 八个重点领域】\n{fields}"
    matches = match_key_fields(text)
    if matches:
        best = matches[0]
        reason = "、".join(best.matched)
        others = "；也可能涉及" + "、".join(f"“{m.field.name}”" for m in matches[1:3]) if len(matches) > 1 else ""
        return (
            f"根据您提到的“{reason}”，可能属于第四条的“{best.field.name}”领域（{best.field.phrase}）{others}。"
            f"这是按关键词做的初步判断，最终以申报时的审核为准。\n\n{listing}",
            [],
            [],
            [],
        )
    if _ASKS_MATCH.search(text):
        return (
            f"根据您的描述，我没有找到明显对应的重点领域，可能不在第四条八个领域之内。如果您的业务与下列某个领域有关，"
            f"可以告诉我更具体的主营业务，或向所在区发展改革部门确认。\n\n{listing}",
            [],
            [],
            [],
        )
    return listing + "\n\n可以告诉我您的主营业务，我帮您判断属于哪个领域。", [], [], []


_ARTICLE_TRACKS = {5: ("park",), 6: ("leading_enterprise", "growth_enterprise")}
_HOW_COMPARED = re.compile(r"超过|不低于|正好|恰好|刚好|等于|包含|包括本数|含本数|算不算|[>≥]")


def answer_article(tracker: Tracker) -> Answer:
    numbers = [n for n in entity_values(tracker, "article") if isinstance(n, int | float)]
    if not numbers and find_term(message_text(tracker)):  # "招拍挂出现在哪一条": the term's entry names its articles
        return answer_term(tracker)
    number = int(numbers[0]) if numbers else tracker.get_slot("last_article")
    if number is None or not 1 <= int(number) <= 20:
        buttons = [button(f"第{n}条", "ask_article", {"article": n}) for n in (5, 6, 10, 11, 18, 20)]
        return (
            "您想看哪一条？办法共二十条，例如第五条是示范园区条件，第六条是试点企业条件，第十一条是改造项目支持。",
            buttons,
            [],
            [],
        )
    art = article(int(number))
    text = f"【{art.label}原文】\n{art.text}\n\n【通俗解释】{article_summary(art.number)}"
    if art.number in _ARTICLE_TRACKS and _HOW_COMPARED.search(message_text(tracker)):
        # 第五条（四）写的是“超过”还是“不低于”？正好2万的算不算: how the threshold is read, at the threshold itself
        notes = dict.fromkeys(n for track in _ARTICLE_TRACKS[art.number] for n in reading_notes(track))
        text += "\n\n【门槛怎么读】" + "".join(notes)
    if art.number == 20:  # 第二十条试行期？目前状态？: what the two-year trial means on the day asked
        today = date.today()
        text += f"\n\n【按今天（{today:%Y年%-m月%-d日}）看】{validity_on(today).message}"
    return text, [], [], [SlotSet("last_article", art.number)]


def answer_validity(tracker: Tracker) -> Answer:
    validity = validity_on(date.today())
    text = (
        f"【有效期（第二十条）】{validity.message}\n本办法由{INTERPRETING_AUTHORITY}负责解释；申报事宜请咨询{RECEIVING_AUTHORITY}。\n"
        f"【认定后的称号】{DESIGNATION_TERM}\n"
        f"【文件信息】《{TITLE}》，文号{DOCUMENT_NUMBER}，由{ISSUERS}印发；依据（第一条）：为落实{BASIS}制定。"
    )
    return text, [button("查看第二十条原文", "ask_article", {"article": 20})], [], []


ANSWERS = {
    "ask_term": answer_term,
    "ask_criteria": answer_criteria,
    "ask_support": answer_support,
    "ask_subsidy": answer_subsidy,
    "ask_process": answer_process,
    "ask_materials": answer_materials,
    "ask_obligations": answer_obligations,
    "ask_key_fields": answer_key_fields,
    "ask_article": answer_article,
    "ask_validity": answer_validity,
}


def topic_of(tracker: Tracker) -> str:
    """The knowledge intent to answer: the one the NLU decided (bot/nlu/routing.py), else the criteria."""
    intent = intent_of(tracker) or ""
    return intent if intent in ANSWERS else "ask_criteria"


def sent_other_region_scope(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Reply with the measures' scope (第一条, 第七条) if the message asks about another region's programme."""
    region = other_region_named(normalise(message_text(tracker)))
    if region is None:
        return False
    dispatcher.utter_message(
        text=f"您问的是{region}的政策。我只解答《{TITLE}》（{DOCUMENT_NUMBER}）：它开展的是北京市的两业融合试点示范"
        f"（第一条），由北京各区发展改革部门组织辖区内的申报（第七条），不能代表{region}的规定；"
        f"{region}的相关政策，请向当地发展改革部门咨询。"
        "如果您的园区或企业在北京，可以继续问我：",
        buttons=MAIN_MENU,
    )
    return True


_OFFER_AFTER = frozenset({"ask_process", "ask_materials", "ask_support"})  # answers an applicant may ask before a check


def send_answer(dispatcher: CollectingDispatcher, tracker: Tracker, topic: str) -> list[EventType]:
    """Answer ``topic`` (an ask_* intent) to the user; return the answer's slot events."""
    if sent_other_region_scope(dispatcher, tracker):
        return []
    text, buttons, payloads, events = ANSWERS[topic](tracker)
    silent = silence_notes(entity_values(tracker, "silence"))
    if silent:  # the detail asked about is one the text leaves open: say so first
        text = "\n".join(f"【办法未明确】{note}" for note in silent) + "\n\n" + text
    offers = any(isinstance(e, dict) and e.get("name") == "offered_check" for e in events)
    types = list(dict.fromkeys(t for t in entity_values(tracker, "applicant_type") if t in APPLICANT_TYPES))
    if not offers and topic in _OFFER_AFTER and len(types) == 1 and not tracker.active_loop.get("name"):
        # 园区是去年新建的……想了解下示范园区怎么申报: the answer, then the check of this applicant offered
        text += f"\n\n想知道{APPLICANT_TYPES[types[0]]}的条件您是否符合，回复“好的”或点“开始资格自查”，我会逐条对照。"
        events, offers = [*events, SlotSet("offered_check", types[0])], True
    dispatcher.utter_message(text=text, buttons=buttons or None)
    for payload in payloads:
        dispatcher.utter_message(json_message=payload)
    if not offers and tracker.get_slot("offered_check") is not None:
        events = [*events, SlotSet("offered_check", None)]  # an offer stands only until the next answer
    return events


class ActionAnswerKnowledge(Action):
    """Answer a question about the measures according to its intent."""

    def name(self) -> str:
        return "action_answer_knowledge"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        topic = topic_of(tracker)
        return send_answer(dispatcher, tracker, topic if topic in ANSWERS else "ask_criteria")
