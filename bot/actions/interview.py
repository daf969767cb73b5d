"""The eligibility interview: a Rasa form whose questions come from liangye_rules.

``ValidateEligibilityForm`` reads every fact the user gives (not just the one asked), validates it
with liangye_rules, echoes it back normalised, and asks only for what can still change the verdict.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.commands import says_not_known
from bot.nlu.questions import is_question
from liangye_rules.articles import ref_label
from liangye_rules.evaluate import (
    condition_feedback,
    evaluate,
    growth_feedback,
    required_text,
    requirement_text,
    straddled_thresholds,
    threshold_feedback,
)
from liangye_rules.facts import (
    APPLICANT_TYPES,
    FACT_SPECS,
    RANGE_KINDS,
    TITLES,
    YEARLY_FACTS,
    InputError,
    check_consistency,
    validate_fact,
)
from liangye_rules.key_fields import KEY_FIELDS, NONE_ID, key_field
from liangye_rules.parse import ParseError, format_amount, per_square_meter, share_of_figure
from liangye_rules.ranges import Range, is_range
from liangye_rules.render import titles_feedback, unlisted_title_note, unused_fact_note
from liangye_rules.silences import silence_notes
from liangye_rules.summaries import article_summary
from liangye_rules.thresholds import LEADING_MARKET_RANK, LEADING_REVENUE, PARK_REVENUE
from liangye_rules.verdict import Verdict

from .common import (
    ENTERPRISE,
    FACT_SLOTS,
    TRACK_LABELS,
    UNKNOWN,
    activating_form,
    applies,
    button,
    entities_of,
    entity_values,
    facts_for,
    format_fact,
    intent_of,
    message_text,
    tracks_for,
)

ANSWER_INTENTS = {
    "inform",
    "correct",
    "affirm",
    "deny",
    "dont_know",
    "nlu_fallback",
    "give_contact",
    "identify_park",
    "identify_enterprise",
    "choose_leading",
    "choose_growth",
    "unsure_track",
    "start_check",
}
TYPE_INTENTS = {
    "identify_park": "park",
    "choose_leading": "leading_enterprise",
    "choose_growth": "growth_enterprise",
    "identify_enterprise": ENTERPRISE,
    "unsure_track": ENTERPRISE,
}
# The order questions are asked in: the figures that most often decide first. A growth-track company is
# asked for its title and growth before the service-input share, every other company the other way round.
_ENTERPRISE_ORDER = (
    "annual_revenue",
    "national_market_share_rank",
    "key_field",
    "service_input_share",
    "titles",
    "avg_revenue_growth",
    "avg_profit_growth",
)
INTERVIEW_ORDER = {
    "park": (
        "annual_revenue",
        "advanced_manufacturing_share",
        "modern_services_share",
        "revenue_per_square_meter",
        "key_field_revenue_share",
        "land_legally_obtained",
        "boundaries_defined_and_contiguous",
        "management_body_qualified",
        "operating_mechanism_established",
        "newly_established",
        "commits_within_3_years",
    ),
    "leading_enterprise": _ENTERPRISE_ORDER,
    ENTERPRISE: _ENTERPRISE_ORDER,
    "growth_enterprise": ("key_field", "titles", "avg_revenue_growth", "avg_profit_growth", "service_input_share"),
}
_PARK_ONLY = (
    "advanced_manufacturing_share",
    "modern_services_share",
    "revenue_per_square_meter",
    "key_field_revenue_share",
)
_ENTERPRISE_ONLY = ("national_market_share_rank", "service_input_share", "title", "avg_revenue_growth", "avg_profit_growth")
# Facts only the growth track asks for, and those both enterprise tracks share
_GROWTH_ONLY = {"title", "titles", "avg_revenue_growth", "avg_profit_growth", *YEARLY_FACTS}
_EITHER_TRACK = {"service_input_share", "key_field"}
_INTERRUPTION_FREE = {"eligibility_form", "action_listen", "action_extract_slots", "validate_eligibility_form", None}
_YES = {
    "是",
    "是的",
    "对",
    "有",
    "嗯",
    "好",
    "好的",
    "确认",
    "确认无误",
    "无误",
    "正确",
    "没问题",
    "可以",
    "没错",
    "对的",
    "yes",
    "y",
}
_NO = {"否", "不是", "没有", "无", "不", "没", "不对", "要修改", "我要修改", "no", "n"}


# 还是改报成长型吧, 换成领跑型: the track named after a verb of switching is the one meant


def verdicts(slots: dict[str, Any]) -> dict[str, Verdict]:
    """The verdict of every track the applicant is being checked against."""
    return {track: evaluate(facts_for(slots, track)) for track in tracks_for(slots.get("applicant_type"))}


def facts_still_needed(slots: dict[str, Any]) -> list[str]:
    """Unanswered facts that can still change the verdict, in interview order."""
    results = verdicts(slots)
    if slots.get("applicant_type") == ENTERPRISE and any(v.verdict == "eligible" for v in results.values()):
        needed: list[str] = []
    else:
        open_tracks = [v for v in results.values() if v.verdict != "not_eligible"]
        needed = [m.fact for v in open_tracks for m in v.missing]
    if slots.get("full_assessment"):
        needed += [f for f in FACT_SLOTS if applies(f, slots.get("applicant_type")) and not f.endswith(("_history", "_rates"))]
    needed = [f for f in dict.fromkeys(needed) if f in FACT_SPECS and slots.get(f) is None]
    order = INTERVIEW_ORDER.get(slots.get("applicant_type"), ())
    first = _route_facts(results)
    return sorted(needed, key=lambda f: (f not in first, order.index(f) if f in order else len(order)))


def _route_facts(results: dict[str, Verdict]) -> tuple[str, ...]:
    """Facts to ask first: once a figure rules out the usual route, those of the route still open (第五条's new park)."""
    for verdict in results.values():
        if any(c.waivable_by_commitment and c.status == "not_met" for c in verdict.criteria):
            return tuple(need for c in verdict.criteria if c.id == "park_new_park_commitment" for need in c.needs)
    return ()


def decided_notes(before: dict[str, Verdict], after: dict[str, Verdict]) -> list[str]:
    """What this message settled: each criterion it made unmet (article, gap), and a track it ruled out."""
    notes = []
    for track, verdict in after.items():
        was = before.get(track)
        label = TRACK_LABELS[track]
        newly_unmet = [c for c in verdict.criteria if c.status == "not_met" and (was is None or _status(was, c.id) != "not_met")]
        for c in newly_unmet:
            gap = f"，{c.gap}" if c.gap and "差" in c.gap else ""  # a distance to the threshold, not a restatement
            usual = "按常规条件" if c.waivable_by_commitment else ""
            notes.append(f"{usual}{c.article}“{c.label}”未达到（要求：{c.required}{gap}）。")
        if verdict.verdict == "not_eligible" and (was is None or was.verdict != "not_eligible"):
            notes.append(f"按您提供的信息，已可以判断不符合{label}的申报条件。核对信息后我给出完整结论；您也可以继续问其他问题。")
        elif any(c.waivable_by_commitment for c in newly_unmet):
            route = next((c for c in verdict.criteria if c.id == "park_new_park_commitment"), None)
            if route is not None and route.status == "unknown":
                notes.append(
                    f"按常规条件已不符合{label}的申报条件；但{route.article}规定：{route.required}的，也可以申报。我先确认这一点。"
                )
    return notes


def _status(verdict: Verdict, criterion_id: str) -> str | None:
    return next((c.status for c in verdict.criteria if c.id == criterion_id), None)


def next_slot(slots: dict[str, Any]) -> str | None:
    """The next slot to ask for, or None when the interview is complete."""
    applicant_type = slots.get("applicant_type")
    if applicant_type is None:
        return "applicant_type"
    if applicant_type != "park" and slots.get("key_field_candidate") and slots.get("key_field") is None:
        return "key_field"
    needed = facts_still_needed(slots)
    if needed:
        return needed[0]
    if slots.get("answers_confirmed") is not True:
        return "answers_confirmed"
    return None


def review_lines(slots: dict[str, Any]) -> list[str]:
    """The answers so far, one line each, for the review before the verdict."""
    applicant_type = slots.get("applicant_type")
    lines = [f"· 申报类型：{TRACK_LABELS.get(applicant_type, '未选择')}"]
    for fact in FACT_SLOTS:
        value = slots.get(fact)
        if value is not None and applies(fact, applicant_type):
            lines.append(f"· {FACT_SPECS[fact].label}：{format_fact(fact, value)}")
    return lines


def ask(dispatcher: CollectingDispatcher, slot: str, slots: dict[str, Any], resuming: bool = False) -> None:
    """Ask for ``slot`` with the question from liangye_rules and quick replies."""
    prefix = "我们继续自查。" if resuming else ""
    dont_know = button("不清楚", "dont_know")
    if slot == "applicant_type":
        dispatcher.utter_message(
            text=prefix + "请问您是代表园区还是企业来申报？如果是企业但不确定报哪一类，我可以帮您判断。",
            buttons=[
                button("示范园区", "identify_park"),
                button("领跑型试点企业", "choose_leading"),
                button("成长型试点企业", "choose_growth"),
                button("企业，不确定哪类", "unsure_track"),
            ],
        )
    elif slot == "key_field" and (slots.get("key_field_candidate") or {}).get("id") == NONE_ID:
        said = (slots.get("key_field_candidate") or {}).get("said")
        described = f"（“{said}”）" if said else ""
        dispatcher.utter_message(
            text=f"{prefix}从您的描述{described}中，我没有找到第四条八个重点领域的对应内容，看起来不属于其中任何一个，对吗？"
            "如果确实都不属于，请回复“对”或点“都不属于”；如果属于其中某个领域，请点选：",
            buttons=[button(f.name, "inform", {"key_field": f.id}) for f in KEY_FIELDS]
            + [button("都不属于", "inform", {"key_field": NONE_ID})],
        )
    elif slot == "key_field" and slots.get("key_field_candidate"):
        candidate = slots["key_field_candidate"]
        field = key_field(candidate["id"])
        words = "、".join(candidate.get("matched", []))
        dispatcher.utter_message(
            text=f"{prefix}根据您的描述（提到“{words}”），主营业务可能属于第四条八个重点领域中的“{field.name}”"
            f"（{field.phrase}）。对吗？",
            buttons=[button("是的", "affirm"), button("不是", "deny")],
        )
    elif slot == "key_field":
        dispatcher.utter_message(
            text=prefix + FACT_SPECS["key_field"].question + "也可以直接点选：",
            buttons=[button(f.name, "inform", {"key_field": f.id}) for f in KEY_FIELDS]
            + [button("都不属于", "inform", {"key_field": NONE_ID})],
        )
    elif slot == "answers_confirmed":
        dispatcher.utter_message(
            text=prefix
            + "请核对您提供的信息：\n"
            + "\n".join(review_lines(slots))
            + "\n如需修改，直接告诉我新的内容即可（例如“营收改为150亿”）。确认无误后我给出结论。",
            buttons=[button("确认，查看结论", "affirm"), button("我要修改", "deny")],
        )
    elif FACT_SPECS[slot].kind == "bool":
        dispatcher.utter_message(
            text=prefix + FACT_SPECS[slot].question,
            buttons=[button("是", "affirm"), button("否", "deny"), dont_know],
        )
    elif slot == "titles":
        dispatcher.utter_message(
            text=prefix + FACT_SPECS[slot].question,
            buttons=[button(name, "inform", {"title": tid}) for tid, name in TITLES.items()]
            + [button("都没有", "deny"), dont_know],
        )
    else:
        dispatcher.utter_message(text=prefix + FACT_SPECS[slot].question, buttons=[dont_know])


class _Reading:
    """What one user message changes: slot updates and messages back to the user."""

    def __init__(self) -> None:
        self.updates: dict[str, Any] = {}
        self.errors: list[str] = []
        self.notes: list[str] = []


def _smallest(value: Any) -> float:
    """A figure, or the lower bound of a range (its JSON form), for unit checks."""
    if is_range(value):
        low, high = value["range"]
        return low if low is not None else high
    return value


def _bare_value(slot: str, by_name: dict[str, list], reading: _Reading) -> Any:
    kind = FACT_SPECS[slot].kind
    if kind in ("amount", "area_revenue"):
        if by_name.get("amount"):
            return by_name["amount"][0]
        if by_name.get("number"):
            number = by_name["number"][0]
            if kind == "area_revenue" and _smallest(number) >= 1000:
                return number
            shown = f"{_smallest(number):g}"
            unit = "元/平方米" if kind == "area_revenue" else "元"
            reading.errors.append(f"“{shown}”没有单位，请带上单位再说一次，例如“{shown}亿元”“{shown}万元”或“{shown}{unit}”。")
        return None
    if kind in ("share", "growth"):
        values = by_name.get("percent") or by_name.get("number")
        return values[0] if values else None
    if kind == "rank":
        values = by_name.get("rank") or by_name.get("number")
        if not values:
            return None
        if is_range(values[0]):
            return values[0]
        return int(values[0]) if float(values[0]).is_integer() else None
    return None


def read_message(tracker: Tracker, slots: dict[str, Any], requested: str | None) -> _Reading:
    """Interpret the latest message as answers: facts given anywhere in it, plus the answer to ``requested``."""
    reading = _Reading()
    intent = intent_of(tracker)
    text = message_text(tracker)
    by_name: dict[str, list] = {}
    for entity in entities_of(tracker):
        by_name.setdefault(entity.get("entity"), []).append(entity.get("value"))
    reading.errors += [str(e) for e in by_name.get("parse_error", [])]
    # 这个包括买软件的钱吗 beside the answer: what the text leaves open, said with the answer
    reading.notes += silence_notes(by_name.get("silence", []))
    reading.notes += [str(n) for n in by_name.get("parse_note", [])]
    for revenue, profit in (("revenue_history", "profit_history"), ("revenue_growth_rates", "profit_growth_rates")):
        if requested in _PROFIT_SLOTS and revenue in by_name and not _NAMES_REVENUE.search(text):
            by_name.setdefault(profit, by_name.pop(revenue))  # 2023年2000万…: asked for profit

    current_type = slots.get("applicant_type")
    new_type = TYPE_INTENTS.get(intent)
    if by_name.get("track_switch"):
        new_type = by_name["track_switch"][0]  # 改成按成长型看: a switch said in words wins over the intent
    offered = slots.get("offered_check")
    named_types = list(dict.fromkeys(by_name.get("applicant_type", [])))
    if new_type in (None, ENTERPRISE) and current_type is None and len(named_types) == 1:
        new_type = named_types[0]  # 有个专精特新的证……能报成长型吗 / 不对，我们是给园区报示范园区: the track named
    if new_type in (None, ENTERPRISE) and current_type is None and offered in TRACK_LABELS and offered != ENTERPRISE:
        new_type = offered  # 成长型的条件？ … 利润平均增长7.5%: the facts are for the track just asked about
    if offered:
        reading.updates["offered_check"] = None  # the check has started: the offer is taken
    given = {f for f in (*FACT_SLOTS, "title", "key_field") if by_name.get(f)}
    if "revenue_history" in given:
        given.discard("annual_revenue")  # the latest of yearly figures, given for growth: no sign of the leading track
    if new_type is None and current_type is None and given & _GROWTH_ONLY and given <= _GROWTH_ONLY | _EITHER_TRACK:
        new_type = "growth_enterprise"  # 北京专精特新企业，营收年均增长30%，服务投入三成五，行吗: only growth's conditions
    if new_type is None and current_type is None and any(by_name.get(f) for f in _ENTERPRISE_ONLY):
        new_type = ENTERPRISE
    if new_type is None and current_type is None and "national_market_share_rank" in by_name.get("fact_named", []):
        new_type = "leading_enterprise"  # 营收八个亿……这个算不算市场占有率前十: only the leading track ranks
    area_of_tenants = by_name.get("floor_area") and (
        "入驻" in text or "revenue_per_square_meter" in by_name.get("fact_named", [])
    )
    if (
        new_type is None
        and current_type is None
        and (any(by_name.get(f) for f in (*_PARK_ONLY, "part_amount")) or area_of_tenants)
    ):
        new_type = "park"  # 单位面积营收正好2万，够吗 / 先进制造45亿 / 入驻企业面积50万平米: only a park is asked for that
    quoted = {_TRACK_OF_REVENUE_LINE.get(a) for a in by_name.get("amount", []) if isinstance(a, int | float)} - {None}
    if new_type is None and current_type is None and by_name.get("annual_revenue") and len(quoted) == 1:
        new_type = quoted.pop()  # 营收九亿八千多万，就差一点点到十个亿: the revenue line named is the leading track's
    keeps_track = new_type == ENTERPRISE and current_type in ("leading_enterprise", "growth_enterprise")
    if new_type and new_type != current_type and not keeps_track:
        reading.updates["applicant_type"] = new_type
        if current_type is not None:
            reading.notes.append(f"已切换申报类型为：{TRACK_LABELS[new_type]}。")
        elif new_type != ENTERPRISE:
            reading.notes.append(f"申报类型：{TRACK_LABELS[new_type]}。")
    applicant_type = reading.updates.get("applicant_type", current_type)

    if "all" in by_name.get("scope", []):
        reading.updates["full_assessment"] = True
        reading.notes.append("好的，我们继续评估其余条件。")
    candidates: dict[str, Any] = {f: by_name[f][0] for f in FACT_SLOTS if by_name.get(f) and f != "key_field"}
    if by_name.get("title"):
        candidates["titles"] = sorted(set(by_name["title"]) | set(_known_list(slots.get("titles"))))
    elif by_name.get("title_absent") and (requested == "titles" or slots.get("titles") is None):
        absent = set(by_name["title_absent"])
        if absent >= set(TITLES) or _NONE_OF_THEM.search(text):
            candidates["titles"] = []  # 没有高企、也没有专精特新称号，别的也没有
        elif applies("titles", applicant_type) and not (requested == "titles" and by_name.get("unlisted_title")):
            # 小巨人还没评下来: that one is not held; the others are still open (只有创新型中小企业: none is held)
            names = "、".join(TITLES[t] for t in TITLES if t in absent)
            others = "、".join(TITLES[t] for t in TITLES if t not in absent)
            reading.notes.append(f"好的，{names}目前还没有。请问{others}称号有吗？")
    key_field_values = [e for e in entities_of(tracker) if e.get("entity") == "key_field"]
    if key_field_values and applicant_type != "park":
        chosen = key_field_values[0]
        if "matched" in chosen:  # found in a description: confirm with the user first
            if slots.get("key_field") in (None, UNKNOWN) or intent == "correct":
                reading.updates["key_field_candidate"] = {"id": chosen["value"], "matched": chosen["matched"]}
                reading.updates["key_field"] = None
        else:  # chosen with a button
            candidates["key_field"] = chosen["value"]
    elif (
        applicant_type not in (None, "park")
        and requested != "key_field"
        and slots.get("key_field") is None
        and not slots.get("key_field_candidate")
        and (business := _OWN_BUSINESS.search(text))
        and _COMPANY.search(text[max(0, business.start() - 8) : business.start()])
        and not _THIRD_PARTY.search(text)
    ):  # 我们是做商业地产开发的公司，能报领跑型吗: no field's words, so ask first whether it is none of the eight
        reading.updates["key_field_candidate"] = {"id": NONE_ID, "matched": [], "said": business.group(1)}

    for doubt in by_name.get("uncertain_figure", []):
        fact = doubt.get("fact") or (requested if requested in FACT_SPECS and FACT_SPECS[requested].kind in RANGE_KINDS else None)
        if fact and fact not in candidates and slots.get(fact) not in (None, UNKNOWN):
            continue  # 营收十个亿好像够领跑型了: a doubt about the track, never a reason to forget a recorded figure
        if fact and fact not in candidates:
            candidates[fact] = UNKNOWN
            reading.notes.append(f"您说“{doubt.get('said', '')}”，听起来还不确定，所以我不按这个数字判断。")
    for clause in by_name.get("local_rank", []):
        if applies("national_market_share_rank", applicant_type):
            reading.notes.append(
                f"您说的“{clause}”不是全国排名；{LEADING_MARKET_RANK.article}看的是“{LEADING_MARKET_RANK.wording}”，"
                "所以我没有记录。全国排第几？不清楚可以说“不清楚”。"
            )
    for name in dict.fromkeys(by_name.get("unlisted_title", [])):
        if applies("titles", applicant_type):
            reading.notes.append(unlisted_title_note(name))
            if requested == "titles" and "titles" not in candidates and not by_name.get("title") and not is_question(text):
                # 我们是天津市专精特新中小企业 as the answer to "which of the three": the title held is none of them
                candidates["titles"] = _known_list(slots.get("titles"))
    if by_name.get("correction"):
        candidates.update(_corrected_by_reference(slots, by_name, candidates))
    for part in by_name.get("part_amount", []):
        _share_from_part(part, slots, candidates, reading)
    if by_name.get("floor_area"):
        _per_square_meter_from_area(by_name["floor_area"][0], slots, candidates, reading)
    said = _said(intent, text, by_name)
    switching = current_type is not None and reading.updates.get("applicant_type") not in (None, current_type)
    for fact in by_name.get("fact_not_known", []):
        if fact in FACT_SPECS and fact != requested and fact not in candidates and applies(fact, applicant_type):
            candidates[fact] = UNKNOWN  # 营收9个亿 服务投入占22% 排名不清楚: that one is not known
    if said == "unknown" and requested not in FACT_SPECS:
        named = [f for f in by_name.get("fact_named", []) if f in FACT_SPECS and applies(f, applicant_type)]
        yearly_given = any(by_name.get(f) for f in YEARLY_FACTS)
        if len(named) == 1 and named[0] not in candidates and not (named[0] in _GROWTH_ONLY and yearly_given):
            # 排名没统计过，不清楚 as the check starts: that fact is not known (增长率没算过，给你年份数: it is computed)
            candidates[named[0]] = UNKNOWN
    if requested in FACT_SPECS and requested not in candidates and not switching:  # 领跑型够不上，改成成长型 answers nothing
        kind = FACT_SPECS[requested].kind
        if said == "unknown":
            candidates[requested] = UNKNOWN  # 没留意过 read as deny must not record 'no'
        elif kind == "bool" and (named := _named(by_name, requested)) is not None:
            candidates[requested] = _BOOL_OF[named]  # 我们是管委会 at the management question
        elif requested == "operating_mechanism_established" and _named(by_name, "management_body_qualified") == "yes":
            # 有管委会，是区里的派出机构 at the mechanism question: a body that runs the park, said as the answer
            candidates[requested] = True
            reading.notes.append(
                "您介绍的是园区的管理机构；我按“已有机构负责园区运营管理”理解，运营管理机制记为已建立。"
                "如果运营管理制度其实还没有建立，请直接告诉我。"
            )
        elif kind == "bool" and said is not None and not (by_name.get("correction") and candidates):
            candidates[requested] = said == "yes"  # (哦不对，去年实际才三十二亿: the 不对 is about the figure corrected)
        elif kind == "titles" and said == "no" and not by_name.get("title_absent"):
            candidates[requested] = []  # 都没有 (a no about one named title is not a no about all three)
        elif kind in RANGE_KINDS and said == "no" and not _figures_in(by_name):
            candidates[requested] = UNKNOWN  # 没有全国排名, 没有统计过: nothing to compare, so not known
        elif requested == "key_field" and not key_field_values and _NONE_OF_THE_FIELDS.search(text):
            candidates["key_field"] = NONE_ID  # 主营是建筑施工总承包……也不属于那八个领域: said outright
        elif requested == "key_field" and slots.get("key_field_candidate") and "key_field_candidate" not in reading.updates:
            if slots["key_field_candidate"]["id"] == NONE_ID:
                # said outright, confirmed when asked (对), or the business described again in words of no field
                described_again = not key_field_values and _describes_business(text, by_name) and _BUSINESS.search(text)
                if _NONE_OF_THE_FIELDS.search(text) or said == "yes" or described_again:
                    candidates["key_field"] = NONE_ID
                elif said == "no":
                    reading.updates["key_field_candidate"] = None
            elif said == "yes":
                candidates["key_field"] = slots["key_field_candidate"]["id"]
            elif said == "no":
                reading.updates["key_field_candidate"] = None
        elif requested == "key_field" and not key_field_values and intent in ("inform", "nlu_fallback", "identify_enterprise"):
            if not candidates and _describes_business(text, by_name):
                # 主营商业地产开发: none of the eight fields' words; ask the user to confirm "none", or to pick one
                reading.updates["key_field_candidate"] = {"id": NONE_ID, "matched": [], "said": text[:40]}
        else:
            value = _bare_value(requested, by_name, reading)
            if value is not None:
                candidates[requested] = value
    elif requested == "answers_confirmed" and not candidates and not switching:
        if said == "yes":
            reading.updates["answers_confirmed"] = True
        elif said == "no":
            reading.notes.append("好的，请直接告诉我要修改的内容，例如“营收改为150亿”或“服务投入占比是25%”。")

    _accept(candidates, slots, applicant_type, reading, text)
    return reading


_BOOL_OF = {"yes": True, "no": False, "unknown": UNKNOWN}


def _named(by_name: dict[str, list], fact: str) -> str | None:
    """How the message answers the condition it names, read as the answer to the question asked about it."""
    named = (by_name.get("condition_named") or [{}])[0]
    return named.get(fact) if isinstance(named, dict) else None


def _said(intent: str | None, text: str, by_name: dict[str, list]) -> str | None:
    """``yes``, ``no`` or ``unknown`` as the answer to a yes/no question: the NLU's polarity reading of the whole
    message first, then the intent (a button press or a bare 是/否). None when the message is no such answer."""
    if intent == "dont_know" or says_not_known(text):
        return "unknown"
    if by_name.get("polarity"):
        return by_name["polarity"][0]
    if intent in ("affirm", "deny"):
        return "yes" if intent == "affirm" else "no"
    if text in _YES:
        return "yes"
    if text in _NO:
        return "no"
    return None


def _figures_said(value: Any) -> list[float]:
    """The figures a recorded value was said with: the number, or a range's bounds (25%以上 → 25)."""
    if is_range(value):
        return [float(b) for b in (value.get("range") or []) if b is not None]
    return [float(value)] if isinstance(value, int | float) and not isinstance(value, bool) else []


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6 * max(1.0, abs(b))


def _corrected_by_reference(slots: dict[str, Any], by_name: dict[str, list], candidates: dict[str, Any]) -> dict[str, Any]:
    """A correction that names the figure recorded and then the right one, with no cue word (11亿是集团口径，单体只有
    8.7亿): the last other figure of the same kind replaces the recorded one. Only when exactly one recorded fact of
    that kind holds the figure named, so that nothing is guessed."""
    found: dict[str, Any] = {}
    for entity, kinds in (("amount", ("amount",)), ("percent", ("share", "growth"))):
        values = [v for v in by_name.get(entity, []) if not is_range(v)]
        if len(values) < 2:
            continue
        named = [
            f
            for f in FACT_SLOTS
            if FACT_SPECS[f].kind in kinds
            and f not in candidates
            and any(_same(said, v) for said in _figures_said(slots.get(f)) for v in values)
        ]
        others = [v for v in values if len(named) == 1 and not any(_same(s, v) for s in _figures_said(slots[named[0]]))]
        if len(named) == 1 and others:
            found[named[0]] = others[-1]
    return found


_TRACK_OF_REVENUE_LINE = {PARK_REVENUE.value: "park", LEADING_REVENUE.value: "leading_enterprise"}
_PROFIT_SLOTS = ("avg_profit_growth", "profit_history")
_NAMES_REVENUE = re.compile(r"营收|营业收入|收入|销售额")


def _share_from_part(part: dict, slots: dict[str, Any], candidates: dict[str, Any], reading: _Reading) -> None:
    """先进制造营收48亿 with the park's revenue known: the share, derived by liangye_rules; else ask for the revenue."""
    fact, amount = part["fact"], part["amount"]
    label = FACT_SPECS[fact].label
    whole = candidates.get("annual_revenue", slots.get("annual_revenue"))
    if fact in candidates:
        return
    if not (is_range(whole) or isinstance(whole, int | float)) or isinstance(whole, bool):
        reading.notes.append(
            f"{amount['said'] if is_range(amount) else format_amount(amount)} 是这部分企业的营业收入；要算{label}，还需要园区年营业收入的具体数字，请告诉我（例如“园区营收120亿”）。"
        )
        return
    try:
        share = share_of_figure(amount, whole, label)
    except ParseError as exc:
        reading.errors.append(exc.message)
        return
    candidates[fact] = share
    if is_range(amount) or is_range(whole):
        said = f"（您说“{whole['said']}”）" if is_range(whole) else f" {format_amount(whole)}"
        reading.notes.append(f"按这部分企业的营业收入 ÷ 园区年营业收入{said} 计算{label}。")
    else:
        reading.notes.append(f"按{format_amount(amount)} ÷ 园区年营业收入{format_amount(whole)} 计算，{label}为{share:g}%。")


# The business named outright (是做…的公司, 主营…, 从事…行业), as an opening or a side remark may say it.
_OWN_BUSINESS = re.compile(
    r"(?:是做|是搞|主要做|主营(?:业务)?(?:是|为)?|主业是|从事|专门做)((?:(?!收入|营收|占|的)[^，。,；;！!？?\s\d%％]){2,16})"
    r"(?:的(?:公司|企业|厂)?|行业|业务|为主|生意|(?=[，。,；;！!？?]|$))"
)
# Whose business: the applicant company's (我们是做…的公司), not the speaker's (我是做申报咨询的，帮客户看看)
_COMPANY = re.compile(r"我们|我司|本公司|公司|企业|集团|单位")
_THIRD_PARTY = re.compile(r"客户|帮.{0,4}(?:家|个)?(?:企业|公司)|替.{0,4}(?:企业|公司)")
_BUSINESS = re.compile(r"主营|业务|从事|经营|生产|制造|开发|研发|销售|服务|加工|运营|做")


def _describes_business(text: str, by_name: dict[str, list]) -> bool:
    """Whether the message reads as a description of the business: a few words, no figures, no question."""
    return len(text) >= 4 and not is_question(text) and not by_name.get("amount") and not by_name.get("percent")


def _per_square_meter_from_area(area: float, slots: dict[str, Any], candidates: dict[str, Any], reading: _Reading) -> None:
    """入驻企业用房面积四十万平米 with the revenue known: the revenue per m², derived by liangye_rules."""
    fact = "revenue_per_square_meter"
    revenue = candidates.get("annual_revenue", slots.get("annual_revenue"))
    if fact in candidates or (slots.get(fact) is not None and slots.get(fact) != UNKNOWN):
        return
    area_text = f"{area / 1e4:g}万平方米" if area >= 1e4 else f"{area:g}平方米"
    if not isinstance(revenue, int | float) or isinstance(revenue, bool):
        reading.notes.append(
            f"面积 {area_text} 已知；要算{FACT_SPECS[fact].label}，还需要入驻企业年营业收入合计的具体数字（例如“园区营收120亿”）。"
        )
        return
    try:
        candidates[fact] = per_square_meter(revenue, area)
    except ParseError as exc:
        reading.errors.append(exc.message)
        return
    reading.notes.append(
        f"按园区年营业收入{format_amount(revenue)} ÷ 入驻企业用房面积 {area_text} 计算{FACT_SPECS[fact].label}"
        "（如果入驻企业营业收入合计与园区营业收入不同，请告诉我入驻企业的合计数）。"
    )


def _figures_in(by_name: dict[str, list]) -> bool:
    return any(by_name.get(k) for k in ("amount", "percent", "number", "rank", *FACT_SPECS))


def _known_list(value: Any) -> list:
    return value if isinstance(value, list) else []


_NONE_OF_THE_FIELDS = re.compile(
    r"都不属于|都不是|都不沾|都不在|不属于.{0,8}(?:任何|八个|这些|重点领域)|不属于(?:什么|哪个|哪一个)|不在.{0,6}八个"
)
_NONE_OF_THEM = re.compile(
    r"(?:没有|没|无)任何(?:称号|资质|认定)?|都没有|都没|一个也没|一个都没|均无|全都没|别的.{0,4}没|其他.{0,4}没|其余.{0,4}没"
)
_LEAST_REVENUE = 1e5  # a year's revenue under 10 万元 said in chat is a lost unit, not a fact
_PERCENT_WORDS = re.compile(r"%|％|百分|成|个点|pct", re.IGNORECASE)


def _as_fraction(fact: str, value: Any, text: str) -> tuple[Any, str]:
    """A share or rate below 1 typed without a percent word is a decimal fraction (0.42 is 42 %); say so."""
    if FACT_SPECS[fact].kind not in ("share", "growth") or not isinstance(value, int | float) or isinstance(value, bool):
        return value, ""
    if not 0 < value < 1 or _PERCENT_WORDS.search(text):
        return value, ""
    meant = round(value * 100, 4)
    typed = format_fact(fact, value)
    return meant, f"\n提示：您说的 {value:g} 我按小数比例记为 {format_fact(fact, meant)}。如果您指的是 {typed}，请回复“{typed}”。"


def _accept(candidates: dict[str, Any], slots: dict[str, Any], applicant_type: str | None, reading: _Reading, text: str) -> None:
    """Validate each candidate with liangye_rules; keep the good ones, explain the bad ones."""
    merged = {**slots, **reading.updates}
    for fact, value in candidates.items():
        if not applies(fact, applicant_type):
            continue
        if value == UNKNOWN:
            reading.updates[fact] = UNKNOWN
            reading.notes.append(f"好的，{FACT_SPECS[fact].label}暂记为“不清楚”。{FACT_SPECS[fact].hint}")
            continue
        value, fraction_note = _as_fraction(fact, value, text)
        try:
            checked = validate_fact(fact, value)
            trial = {
                k: validate_fact(k, v) if is_range(v) else v
                for k, v in {**merged, fact: checked}.items()
                if k in FACT_SPECS and v not in (None, UNKNOWN)
            }
            check_consistency(applicant_type or "", trial)
        except InputError as exc:
            reading.errors.append(_plain(exc.message) + f"{FACT_SPECS[fact].label}没有记录，请重新输入。")
            continue
        if (
            fact == "annual_revenue"
            and 0 < (_smallest(checked.to_dict()) if isinstance(checked, Range) else checked) < _LEAST_REVENUE
        ):
            reading.errors.append(
                f"年营业收入{format_fact(fact, checked.to_dict() if isinstance(checked, Range) else checked)} 明显偏小，"
                "可能是单位没有说清，我没有记录。请带上单位再说一次，例如“12亿元”“3000万元”。"
            )
            continue
        if isinstance(checked, Range):
            straddled = [th for track in tracks_for(applicant_type) for th in straddled_thresholds(track, fact, checked)]
            if straddled and says_not_known(text):
                # 估计在三成到五成之间吧，说不准: not known more closely than a range that cannot decide
                reading.updates[fact] = merged[fact] = UNKNOWN
                shown = format_fact(fact, checked.to_dict())
                reading.notes.append(f"好的，{FACT_SPECS[fact].label}暂记为“不清楚”（您说的{shown}跨过了门槛，判断不了）。")
                continue
            if straddled:
                shown = format_fact(fact, checked.to_dict())
                rules = "、".join(f"{th.article}“{required_text(th)}”" for th in straddled)
                reading.errors.append(
                    f"{FACT_SPECS[fact].label}{shown}，这个范围跨过了门槛 {rules}，还判断不了是否达到。"
                    "请告诉我一个更具体的数字（估计值也可以）；实在不清楚可以说“不清楚”。"
                )
                if (old := merged.get(fact)) not in (None, UNKNOWN):
                    # 两成多是去年的预算数，实际…一个亿出头: the figure recorded is taken back, so it must not decide
                    reading.updates[fact] = merged[fact] = None
                    reading.notes.append(f"原来记录的{FACT_SPECS[fact].label}{format_fact(fact, old)}已撤下。")
                continue
            checked = checked.to_dict()
        old = merged.get(fact)
        if old == checked:
            continue
        reading.updates[fact] = checked
        merged[fact] = checked
        label = FACT_SPECS[fact].label
        if old not in (None, UNKNOWN):
            line = f"已更正：{label} {format_fact(fact, checked)}（原为{format_fact(fact, old)}）"
        else:
            line = f"已记录：{label} {format_fact(fact, checked)}"
        reading.notes.append(line + _feedback(fact, checked, applicant_type) + fraction_note)


def _feedback(fact: str, value: Any, applicant_type: str | None) -> str:
    """How the figure fares against its threshold(s), for the echo line; empty when not applicable."""
    if fact == "titles" and value == [] and applies("titles", applicant_type):
        return f"（{titles_feedback(held=False)}）"
    if fact == "titles" and value and applies("titles", applicant_type):
        return f"（{titles_feedback(held=True)}）"
    if fact in YEARLY_FACTS and applies(fact, applicant_type):
        return f"（{growth_feedback(fact, value)}）"  # 2亿、2.6亿、3.4亿、4.4亿: both readings of the average, against 20%
    if isinstance(value, bool):
        return f"（{note}）" if (note := condition_feedback(fact, value)) else ""  # 派出机构管理: 第五条（一）符合
    if is_range(value):
        value = validate_fact(fact, value)
    elif not isinstance(value, int | float):
        return ""
    tracks = tracks_for(applicant_type)
    lines = []
    for track in tracks:
        for line in threshold_feedback(track, fact, value):
            lines.append(f"{TRACK_LABELS[track]}：{line}" if len(tracks) > 1 else line)
    if not lines and len(tracks) == 1 and (note := unused_fact_note(tracks[0], fact)):
        lines.append(note)  # 成长型 with its revenue: no threshold, and the user hears what counts instead
    return "（" + "；".join(lines) + "）" if lines else ""


def _plain(message: str) -> str:
    """Drop the technical 'field xyz：' prefix of a rules error for chat users."""
    if message.startswith("字段 ") and "：" in message:
        return message.split("：", 1)[1]
    return message


def _resuming(tracker: Tracker) -> bool:
    """True when another action ran after the latest user message (we come back after a side question)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in _INTERRUPTION_FREE:
            return True
    return False


class ValidateEligibilityForm(FormValidationAction):
    """Reads answers, validates them with liangye_rules and asks the next question that matters."""

    def name(self) -> str:
        return "validate_eligibility_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slots = dict(tracker.slots)
        requested = slots.get("requested_slot")
        intent = intent_of(tracker)
        activating = activating_form(tracker, "eligibility_form")
        resuming = not activating and _resuming(tracker)
        events: list[EventType] = []
        describes_business = intent == "ask_key_fields" and requested == "key_field"
        if activating and tracker.latest_message.get("routed_from") == "ask_criteria":
            # 需要满足什么？我们园区营收152亿: the conditions asked about, then the check of the facts given
            article = 5 if slots.get("applicant_type") == "park" or "park" in entity_values(tracker, "applicant_type") else 6
            dispatcher.utter_message(text=f"{ref_label(article)} {article_summary(article)}\n下面按您说的情况逐条对照：")
        if not resuming and (activating or intent in ANSWER_INTENTS or describes_business):
            reading = read_message(tracker, slots, requested)
            changed_facts = any(k in FACT_SPECS or k == "applicant_type" for k in reading.updates)
            if changed_facts:  # compared under the applicant type the message leaves, so a first message counts too
                track = reading.updates.get("applicant_type", slots.get("applicant_type"))
                reading.notes += decided_notes(
                    verdicts({**slots, "applicant_type": track}), verdicts({**slots, **reading.updates})
                )
            if changed_facts and slots.get("answers_confirmed"):
                reading.updates["answers_confirmed"] = None
            for line in reading.errors:
                dispatcher.utter_message(text=line)
            if reading.notes:
                dispatcher.utter_message(text="\n".join(reading.notes))
            understood = bool(reading.updates) or bool(reading.notes)
            if not understood and not activating:
                count = int(slots.get("unparsed_count") or 0) + 1
                reading.updates["unparsed_count"] = count
                if not reading.errors:
                    dispatcher.utter_message(text="抱歉，我没有理解您的回答。")
                if count >= 2:
                    dispatcher.utter_message(
                        text="如果不方便回答，可以说“不清楚”跳过这一项；也可以转人工咨询。",
                        buttons=[button("不清楚，跳过", "dont_know"), button("转人工", "human_handoff")],
                    )
            elif understood:
                reading.updates["unparsed_count"] = 0
            # Only real changes (a slot set to its own value is one more event every later message reloads), but
            # unparsed_count always: Rasa rejects a form whose validation sets no slot, and falls back in silence.
            events += [SlotSet(k, v) for k, v in reading.updates.items() if slots.get(k) != v or k == "unparsed_count"]
            slots.update(reading.updates)
            if activating and any(k in FACT_SPECS for k in reading.updates) and slots.get("applicant_type") in APPLICANT_TYPES:
                # 营收九亿八千万……排第七，能报领跑型吗: what is still to check, before the first question about it
                needed = [requirement_text(slots["applicant_type"], f) for f in facts_still_needed(slots)]
                if needed:
                    dispatcher.utter_message(text="还需要确认：" + "；".join(needed) + "。")
        elif not resuming:
            return []  # not an answer: let the rules handle the side question, then come back
        following = next_slot(slots)
        if following is not None:
            ask(dispatcher, following, slots, resuming=resuming)
        events.append(SlotSet("requested_slot", following))
        return events
