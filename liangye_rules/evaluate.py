"""Eligibility under articles 5 and 6: one result per criterion, then the verdict.

Named exception (Catala style): 第五条's closing paragraph lets a newly established park that commits to
meeting the conditions within three years apply even though its current figures fall short.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from . import RULES_VERSION
from .articles import article
from .facts import APPLICANT_TYPES, FACT_SPECS, HISTORY_YEARS, TITLES, Facts
from .growth import growth_readings, index_of_rates, missing_years
from .key_fields import NONE_ID, key_field
from .parse import format_amount, format_area_revenue, format_percent, format_points
from .ranges import Range
from .thresholds import (
    ALL_THRESHOLDS,
    GROWTH_PROFIT_GROWTH,
    GROWTH_REVENUE_GROWTH,
    GROWTH_SERVICE_INPUT,
    LEADING_MARKET_RANK,
    LEADING_REVENUE,
    LEADING_SERVICE_INPUT,
    PARK_KEY_FIELD_SHARE,
    PARK_MANUFACTURING_SHARE,
    PARK_REVENUE,
    PARK_REVENUE_PER_M2,
    PARK_SERVICES_SHARE,
    Threshold,
)
from .validity import validity_on
from .verdict import CriterionResult, MissingFact, ReviewItem, Verdict

_OP_WORDS = {">=": "不低于", ">": "超过"}


@dataclass
class _Side:
    """One side of a criterion (one threshold, one boolean, ...)."""

    status: str
    actual: str | None
    gap: str | None
    explanation: str
    needs: tuple[str, ...] = ()
    actual_value: float | None = None
    gap_value: float | None = None
    name: str = ""


def _named(side: _Side, name: str) -> _Side:
    side.name = name
    return side


def _fmt(unit: str, value: float) -> str:
    if unit == "yuan":
        return format_amount(value)
    if unit == "yuan_per_m2":
        return format_area_revenue(value)
    if unit == "rank":
        return f"第{value:g}名"
    return format_percent(value)


def _fmt_gap(unit: str, value: float) -> str:
    return format_points(value) if unit == "percent" else _fmt(unit, value)


def required_text(th: Threshold) -> str:
    """``不低于100亿元`` / ``超过2万元/平方米`` / ``全国前10名``."""
    if th.unit == "rank":
        return f"全国前{th.value:g}名"
    return f"{_OP_WORDS[th.op]}{_fmt(th.unit, th.value)}"


def _threshold_side(th: Threshold, facts: Facts) -> _Side:
    return _named(_threshold_side_unnamed(th, facts), FACT_SPECS[th.fact].label)


def holds(th: Threshold, actual: float | Range) -> bool | None:
    """Whether a figure meets ``th``; for a range, None when it lies on both sides of the threshold."""
    if isinstance(actual, Range):
        return actual.decide(th.holds)
    return th.holds(actual)


def _range_side(th: Threshold, actual: Range) -> _Side:
    label = FACT_SPECS[th.fact].label
    shown = actual.describe(lambda v: _fmt(th.unit, v))
    decided = holds(th, actual)
    if decided:
        return _Side("met", shown, None, f"{label}为{shown}，整个范围都{required_text(th)}。")
    if decided is False:
        return _Side("not_met", shown, f"需{required_text(th)}", f"{label}为{shown}，整个范围都未达到“{required_text(th)}”。")
    return _Side(
        "unknown",
        shown,
        None,
        f"{label}为{shown}，这个范围跨过了门槛“{required_text(th)}”，需要一个更具体的数字才能判断。",
        needs=(th.fact,),
    )


def _threshold_side_unnamed(th: Threshold, facts: Facts) -> _Side:
    label = FACT_SPECS[th.fact].label
    actual = facts.get(th.fact)
    if actual is None:
        return _Side("unknown", None, None, f"尚未提供{label}。", needs=(th.fact,))
    if isinstance(actual, Range):
        return _range_side(th, actual)
    shown = _fmt(th.unit, actual)
    if th.unit == "rank":
        if th.holds(actual):
            return _Side("met", shown, None, f"{label}为第{actual}名，在全国前{th.value:g}名之内。", actual_value=actual)
        behind = actual - th.value
        return _Side(
            "not_met",
            shown,
            f"需进入全国前{th.value:g}名，还差{behind:g}名",
            f"{label}为第{actual}名，未进入全国前{th.value:g}名。",
            actual_value=actual,
            gap_value=behind,
        )
    margin = actual - th.value
    if th.holds(actual):
        over = f"，高出{_fmt_gap(th.unit, margin)}" if margin > 0 else "，恰好达到门槛"
        return _Side("met", shown, None, f"{label}为{shown}，{required_text(th)}{over}。", actual_value=actual)
    if th.op == ">" and margin == 0:
        gap = f"需超过{_fmt(th.unit, th.value)}，目前恰好等于门槛"
        return _Side(
            "not_met", shown, gap, f"{label}为{shown}，条件是“超过”，等于门槛不算达到。", actual_value=actual, gap_value=0.0
        )
    gap = f"还差{_fmt_gap(th.unit, -margin)}"
    return _Side(
        "not_met", shown, gap, f"{label}为{shown}，未达到“{required_text(th)}”，{gap}。", actual_value=actual, gap_value=-margin
    )


def _bool_side(fact: str, facts: Facts) -> _Side:
    return _named(_bool_side_unnamed(fact, facts), FACT_SPECS[fact].label)


def _bool_side_unnamed(fact: str, facts: Facts) -> _Side:
    label = FACT_SPECS[fact].label
    value = facts.get(fact)
    if value is None:
        return _Side("unknown", None, None, f"尚未确认：{label}。", needs=(fact,))
    if value:
        return _Side("met", "是", None, f"已确认：{label}。")
    return _Side("not_met", "否", "需满足该条件", f"不满足：{label}。")


def _combine(sides: list[_Side], any_of: bool) -> tuple[str, tuple[str, ...]]:
    statuses = [s.status for s in sides]
    if any_of:
        if "met" in statuses:
            return "met", ()
        if all(s == "not_met" for s in statuses):
            return "not_met", ()
    else:
        if "not_met" in statuses:
            return "not_met", ()
        if all(s == "met" for s in statuses):
            return "met", ()
    needs = tuple(n for s in sides if s.status == "unknown" for n in s.needs)
    return "unknown", needs


def _from_sides(
    cid: str,
    art: str,
    label: str,
    required: str,
    quote: str,
    sides: list[_Side],
    any_of: bool = False,
    waivable: bool = False,
    required_value: float | None = None,
) -> CriterionResult:
    status, needs = _combine(sides, any_of)
    single = len(sides) == 1
    actual = sides[0].actual if single else "；".join(f"{s.name}：{s.actual or '未提供'}" for s in sides)
    if status == "met":
        gap = None
        explanation = (
            " ".join(s.explanation for s in sides if s.status == "met") if any_of else " ".join(s.explanation for s in sides)
        )
    else:
        gaps = [s.gap for s in sides if s.gap]
        gap = ("；或" if any_of else "；").join(gaps) if gaps else None
        explanation = " ".join(s.explanation for s in sides)
        if any_of and status == "unknown" and len(needs) > 1:
            explanation += " 两项满足其一即可。"
    return CriterionResult(
        id=cid,
        article=art,
        label=label,
        status=status,
        required=required,
        actual=actual,
        gap=gap,
        explanation=explanation,
        quote=quote,
        needs=needs,
        alternatives=any_of and len(needs) > 1,
        waivable_by_commitment=waivable,
        actual_value=sides[0].actual_value if single else None,
        gap_value=sides[0].gap_value if single and status == "not_met" else None,
        required_value=required_value,
    )


def _threshold_criterion(th: Threshold, label: str, facts: Facts, waivable: bool = False) -> CriterionResult:
    return _from_sides(
        th.id,
        th.article,
        label,
        required_text(th),
        th.wording,
        [_threshold_side(th, facts)],
        waivable=waivable,
        required_value=th.value,
    )


# ---- park (第五条) -------------------------------------------------------------------------------

_PARK_BASICS = (
    ("park_land", "land_legally_obtained"),
    ("park_boundaries", "boundaries_defined_and_contiguous"),
    ("park_management_body", "management_body_qualified"),
    ("park_operating_mechanism", "operating_mechanism_established"),
)


def _park_key_field(facts: Facts) -> CriterionResult:
    field_id = facts.get("key_field")
    share = facts.get("key_field_revenue_share")
    quote = "示范园区是指符合北京市两业融合八个重点领域……的产业园区"
    if field_id is not None and field_id != NONE_ID:
        side = _Side("met", key_field(field_id).name, None, f"园区主导领域属于第四条的“{key_field(field_id).name}”。")
    elif share is not None and holds(PARK_KEY_FIELD_SHARE, share):
        side = _Side(
            "met",
            f"重点领域企业营收占比 {_shown(share)}",
            None,
            "园区内重点领域企业营业收入占比已过半，园区整体符合八个重点领域。",
        )
    elif field_id == NONE_ID:
        side = _Side("not_met", "不属于八个重点领域", "需符合八个重点领域", "园区主导产业不属于第四条的八个重点领域。")
    elif share is not None:
        # 重点领域企业 under half: whether the park as a whole 符合八个重点领域 rests on 第五条（五）, and a new park
        # that commits to reach the conditions within 3 years commits to that share as well
        side = _Side(
            "unknown",
            f"重点领域企业营收占比 {_shown(share)}",
            None,
            "重点领域企业营收占比未过半，园区整体是否符合八个重点领域取决于第五条（五）。",
        )
        return _from_sides(
            "park_key_field", "第五条", "符合两业融合八个重点领域", "符合八个重点领域之一", quote, [side], waivable=True
        )
    else:
        side = _Side("unknown", None, None, "尚未确认园区是否符合八个重点领域。", needs=("key_field_revenue_share",))
    return _from_sides("park_key_field", "第五条", "符合两业融合八个重点领域", "符合八个重点领域之一", quote, [side])


def _park_commitment(facts: Facts) -> CriterionResult:
    sides = [_bool_side("newly_established", facts), _bool_side("commits_within_3_years", facts)]
    quote = article(5).text.splitlines()[-1]
    return _from_sides(
        "park_new_park_commitment",
        "第五条",
        "新设园区预计并承诺未来3年达到申报条件",
        "新设园区，且预计并承诺未来3年达到申报条件",
        quote,
        sides,
    )


def _park_criteria(facts: Facts) -> list[CriterionResult]:
    clause_one = article(5).clause(1)
    results = [
        _from_sides(cid, "第五条（一）", FACT_SPECS[fact].label, "是", clause_one, [_bool_side(fact, facts)])
        for cid, fact in _PARK_BASICS
    ]
    results.append(_park_key_field(facts))
    results += [
        _threshold_criterion(PARK_REVENUE, "园区年营业收入", facts, waivable=True),
        _threshold_criterion(PARK_MANUFACTURING_SHARE, "先进制造营收占比", facts, waivable=True),
        _threshold_criterion(PARK_SERVICES_SHARE, "现代服务营收占比", facts, waivable=True),
        _threshold_criterion(PARK_REVENUE_PER_M2, "入驻企业平均单位面积年营业收入", facts, waivable=True),
        _threshold_criterion(PARK_KEY_FIELD_SHARE, "重点领域企业营收占比", facts, waivable=True),
    ]
    return results


# ---- enterprises (第六条) ---------------------------------------------------------------------------


def _enterprise_key_field(facts: Facts) -> CriterionResult:
    field_id = facts.get("key_field")
    if field_id is None:
        side = _Side("unknown", None, None, "尚未确认企业主营业务所属的重点领域。", needs=("key_field",))
    elif field_id == NONE_ID:
        side = _Side("not_met", "不属于八个重点领域", "需符合八个重点领域", "企业主营业务不属于第四条的八个重点领域。")
    else:
        name = key_field(field_id).name
        side = _Side("met", name, None, f"企业主营业务属于第四条的“{name}”。")
    return _from_sides(
        "enterprise_key_field",
        "第六条",
        "符合两业融合八个重点领域",
        "符合八个重点领域之一",
        "试点企业是指符合北京市两业融合八个重点领域……的企业",
        [side],
    )


def _leading_criteria(facts: Facts) -> list[CriterionResult]:
    scale = _from_sides(
        "leading_scale",
        "第六条（一）1",
        "企业规模或行业地位",
        f"年营业收入{required_text(LEADING_REVENUE)}，或细分行业市场占有率{required_text(LEADING_MARKET_RANK)}",
        article(6).clause(1).splitlines()[1],
        [_threshold_side(LEADING_REVENUE, facts), _threshold_side(LEADING_MARKET_RANK, facts)],
        any_of=True,
    )
    return [
        _enterprise_key_field(facts),
        scale,
        _threshold_criterion(LEADING_SERVICE_INPUT, "服务投入占比", facts),
    ]


def _titles_side(facts: Facts) -> _Side:
    titles = facts.get("titles")
    if titles is None:
        return _Side("unknown", None, None, "尚未确认是否获得所列称号。", needs=("titles",))
    if titles:
        names = "、".join(TITLES[t] for t in titles)
        return _Side("met", names, None, f"已获得{names}。")
    return _Side("not_met", "无", "需获得所列三个称号之一", "尚未获得所列三个称号中的任何一个。")


def _growth_across_a_gap(th: Threshold, history: list[float | None], compound: float, label: str) -> _Side:
    """Two figures years apart: the compound rate decides only when it holds, as the mean of the yearly rates is
    never below it; otherwise the years in between (or the average itself) are needed."""
    years = len(history) - 1
    shown = f"按相隔 {years} 年的两个数字（{format_amount(history[0])} → {format_amount(history[-1])}）算，复合年均增长率{format_percent(compound)}"
    if th.holds(round(compound, 6)):
        return _Side(
            "met",
            shown,
            None,
            f"{label}：{shown}，达到“{required_text(th)}”；逐年增长率的算术平均不会低于复合年均增长率，两种算法均达到。",
            actual_value=compound,
        )
    return _Side(
        "unknown",
        shown,
        None,
        f"{label}：{shown}，未达到“{required_text(th)}”；但逐年增长率的算术平均取决于中间年份的数字，可能更高。"
        f"请补充中间各年的数字，或直接告诉我{label}。",
        needs=(th.fact,),
    )


def _growth_side(th: Threshold, history_fact: str, facts: Facts) -> tuple[_Side, list[str]]:
    """One side of 第六条（二）2, from a direct average or from four yearly figures."""
    side, notes = _growth_side_unnamed(th, history_fact, facts)
    return _named(side, FACT_SPECS[th.fact].label), notes


def _yearly(facts: Facts, history_fact: str) -> list[float | None] | None:
    """The yearly figures of a growth side: as given, or as an index from the yearly rates given instead."""
    history = facts.get(history_fact)
    rates = facts.get(history_fact.replace("_history", "_growth_rates"))
    return history if history is not None or rates is None else index_of_rates(rates)


def _growth_side_unnamed(th: Threshold, history_fact: str, facts: Facts) -> tuple[_Side, list[str]]:
    label = FACT_SPECS[th.fact].label
    notes: list[str] = []
    direct = facts.get(th.fact)
    history = _yearly(facts, history_fact)
    if direct is not None:
        return _threshold_side(th, facts), notes
    if history is None:
        return _Side("unknown", None, None, f"尚未提供{label}（或最近4年的逐年数据）。", needs=(th.fact,)), notes
    readings = growth_readings(history)
    if missing_years(history) and readings.compound is not None:
        return _growth_across_a_gap(th, history, readings.compound, label), notes
    if readings.mean is None or readings.compound is None:
        return _Side(
            "unknown",
            "无法计算",
            None,
            f"{label}无法按常规口径计算（某一年的基数为零或负数）。请向所在区发展改革部门咨询计算口径。",
        ), notes
    # rounded well below what is shown: 100, 120, 144 grows by 20 % a year, though 1.44 ** 0.5 - 1 is 0.1999…
    mean_ok, compound_ok = th.holds(round(readings.mean, 6)), th.holds(round(readings.compound, 6))
    shown = f"逐年增长率平均{format_percent(readings.mean)}，复合年均增长率{format_percent(readings.compound)}"
    if mean_ok and compound_ok:
        return _Side(
            "met",
            shown,
            None,
            f"{label}：{shown}，两种算法均{required_text(th)}。",
            actual_value=min(readings.mean, readings.compound),
        ), notes
    if not mean_ok and not compound_ok:
        short = th.value - max(readings.mean, readings.compound)
        gap = f"还差{format_points(short)}"
        return _Side(
            "not_met",
            shown,
            gap,
            f"{label}：{shown}，两种算法均未达到“{required_text(th)}”，{gap}。",
            actual_value=max(readings.mean, readings.compound),
            gap_value=short,
        ), notes
    notes.append(
        f"办法原文只写“{th.wording}”，没有规定“平均增长率”的计算方法。按逐年增长率的算术平均为 "
        f"{format_percent(readings.mean)}，按复合年均增长率为{format_percent(readings.compound)}，"
        f"两种算法结论不同。请以市发展改革委（负责解释本办法）或区发展改革部门确认的口径为准。"
    )
    return _Side(
        "unknown", shown, None, f"{label}：{shown}。两种算法一个达到、一个未达到门槛，办法未规定算法，需向主管部门确认。"
    ), notes


def _growth_criteria(facts: Facts) -> tuple[list[CriterionResult], list[str]]:
    revenue_side, revenue_notes = _growth_side(GROWTH_REVENUE_GROWTH, "revenue_history", facts)
    profit_side, profit_notes = _growth_side(GROWTH_PROFIT_GROWTH, "profit_history", facts)
    growth = _from_sides(
        "growth_rate",
        "第六条（二）2",
        "近三年增长",
        f"近三年营业收入平均增长率{required_text(GROWTH_REVENUE_GROWTH)}，或利润平均增长率{required_text(GROWTH_PROFIT_GROWTH)}",
        article(6).clause(2).splitlines()[2],
        [revenue_side, profit_side],
        any_of=True,
    )
    criteria = [
        _enterprise_key_field(facts),
        _from_sides(
            "growth_title",
            "第六条（二）1",
            "已获称号",
            "获得所列三个称号之一",
            article(6).clause(2).splitlines()[1],
            [_titles_side(facts)],
        ),
        growth,
        _threshold_criterion(GROWTH_SERVICE_INPUT, "服务投入占比", facts),
    ]
    # The split-reading notes only matter while the criterion is open; that the direct figure was used
    # instead of the yearly history is said whatever the outcome.
    notes = _preference_notes(facts) + _short_history_notes(facts)
    notes += revenue_notes + profit_notes if growth.status != "met" else []
    return criteria, notes


def _shown(percent: float | Range) -> str:
    return percent.describe(format_percent) if isinstance(percent, Range) else format_percent(percent)


def _short_history_notes(facts: Facts) -> list[str]:
    """Which reading of 近三年 a three-year history was computed with (the measures do not say)."""
    notes = []
    for th, history_fact in ((GROWTH_REVENUE_GROWTH, "revenue_history"), (GROWTH_PROFIT_GROWTH, "profit_history")):
        history = _yearly(facts, history_fact)
        if facts.get(th.fact) is None and history is not None and len(history) < HISTORY_YEARS:
            notes.append(
                f"{FACT_SPECS[th.fact].label}按您给出的 {len(history)} 年数据（{len(history) - 1} 个年度增长率）计算。"
                f"办法原文只写“{th.wording}”，没有说明“近三年”是按 3 年的数据还是按 {HISTORY_YEARS} 年的数据"
                "（3 个年度增长率）计算；如按后者，结论可能不同，请以市发展改革委（负责解释本办法）或区发展改革部门确认的口径为准。"
            )
    return notes


def _preference_notes(facts: Facts) -> list[str]:
    notes = []
    for th, history_fact in ((GROWTH_REVENUE_GROWTH, "revenue_history"), (GROWTH_PROFIT_GROWTH, "profit_history")):
        direct, label = facts.get(th.fact), FACT_SPECS[th.fact].label
        if direct is not None and _yearly(facts, history_fact) is not None:
            notes.append(f"同时提供了{label}和逐年数据，按直接提供的{label}（{_shown(direct)}）判断。")
    return notes


# ---- qualitative conditions for the expert review ----------------------------------------------------

_REVIEW = {
    "park": (ReviewItem("第五条", "融合发展基础较好、具有较强的产业集群特征和辐射带动作用"),),
    "leading_enterprise": (
        ReviewItem("第六条", "掌握核心技术、融合发展模式典型"),
        ReviewItem("第六条", "行业优势地位突出、在产业链融合中发挥引领带动作用"),
    ),
    "growth_enterprise": (
        ReviewItem("第六条", "掌握核心技术、融合发展模式典型"),
        ReviewItem("第六条", "发展速度快、创新能力突出、在融合发展中发挥关键节点作用"),
    ),
}
_REVIEW_NEW_PARK = ReviewItem("第五条", "新设园区：两业融合特征鲜明、对融合发展带动作用明显")
_REVIEW_NOTE = "以上为可量化条件的自查结果；“{items}”等定性要求由专家评审环节（第八条（二））评估，本工具不作判断。"


# ---- the verdict -------------------------------------------------------------------------------------


def _missing(criteria: list[CriterionResult]) -> tuple[MissingFact, ...]:
    seen: dict[str, MissingFact] = {}
    for c in criteria:
        if c.status != "unknown":
            continue
        for fact in c.needs:
            if fact in seen:
                continue
            spec = FACT_SPECS[fact]
            others = tuple(n for n in c.needs if n != fact) if c.alternatives else ()
            seen[fact] = MissingFact(fact, spec.label, c.article, spec.question, spec.hint, others)
        if not c.needs:
            key = f"{c.id}_method"
            seen.setdefault(
                key,
                MissingFact(
                    key,
                    f"{c.label}的计算口径",
                    c.article,
                    "",
                    "办法原文未规定该项的计算方法，请向市发展改革委或所在区发展改革部门确认。",
                ),
            )
    return tuple(seen.values())


def _still_open(criteria: list[CriterionResult]) -> list[CriterionResult]:
    """The criteria whose unknown facts are still worth asking for.

    Once a figure of 第五条（二）至（五） falls short, or the new-park commitment is met, only the commitment
    route can carry the park and the remaining figures no longer change the verdict, so they are not asked.
    """
    route_decides = any(c.waivable_by_commitment and c.status == "not_met" for c in criteria) or any(
        c.id == "park_new_park_commitment" and c.status == "met" for c in criteria
    )
    return [c for c in criteria if not c.waivable_by_commitment] if route_decides else criteria


def _decide(applicant_type: str, criteria: list[CriterionResult], facts: Facts) -> tuple[str, list[CriterionResult], list[str]]:
    """The verdict from the criteria; the new-park route (第五条 last paragraph) is shown only where it decides."""
    hard = [c for c in criteria if not c.waivable_by_commitment]
    soft = [c for c in criteria if c.waivable_by_commitment]
    if any(c.status == "not_met" for c in hard):
        return "not_eligible", criteria, []
    soft_short = any(c.status == "not_met" for c in soft)
    soft_open = any(c.status == "unknown" for c in soft)
    route = _park_commitment(facts) if applicant_type == "park" else None
    if route is not None and (soft_short or (soft_open and route.status == "met")):
        notes = [
            "第五条末段：两业融合特征鲜明、对融合发展带动作用明显的新设园区，预计并承诺未来3年可达到示范园区申报条件的也可申报。"
            "本工具把第五条（一）（土地、四至、管理机构、运营机制）视为新设园区也须满足的基本条件；"
            "是否可一并承诺，请向所在区发展改革部门确认。"
        ]
        with_route = [*criteria, route]
        if route.status == "not_met":
            return "not_eligible", with_route, notes
        if route.status == "unknown" or any(c.status == "unknown" for c in hard):
            return "insufficient_information", with_route, notes
        return "eligible_with_commitment", with_route, notes
    # With no figure short, the route is not needed: an unknown or refused commitment changes nothing.
    if any(c.status == "unknown" for c in criteria):
        return "insufficient_information", criteria, []
    return "eligible", criteria, []


_ALTERNATIVES = {
    "leading_revenue": "或细分行业市场占有率全国前10名",
    "leading_market_rank": "或年营业收入不低于10亿元",
    "growth_revenue_growth": "或利润平均增长率不低于8%",
    "growth_profit_growth": "或营业收入平均增长率不低于20%",
}


def _thresholds_of(applicant_type: str, fact: str) -> list[Threshold]:
    prefix = {"park": "park_", "leading_enterprise": "leading_", "growth_enterprise": "growth_"}[applicant_type]
    return [th for th in ALL_THRESHOLDS if th.fact == fact and th.id.startswith(prefix)]


def straddled_thresholds(applicant_type: str, fact: str, value: Range) -> list[Threshold]:
    """The thresholds of this applicant type that a range of ``fact`` lies on both sides of (it cannot decide them)."""
    return [th for th in _thresholds_of(applicant_type, fact) if holds(th, value) is None]


def growth_feedback(fact: str, value: list) -> str:
    """How yearly figures or rates (revenue_history, profit_growth_rates …) fare against 第六条（二）2, both readings."""
    th = GROWTH_PROFIT_GROWTH if fact.startswith("profit") else GROWTH_REVENUE_GROWTH
    history_fact = "profit_history" if fact.startswith("profit") else "revenue_history"
    side, _ = _growth_side_unnamed(th, history_fact, Facts("growth_enterprise", values={fact: value}))
    status = {"met": "已达到", "not_met": "未达到"}.get(side.status)
    return f"{side.explanation.rstrip('。')}；{th.article}：{status}" if status else side.explanation


def requirement_text(applicant_type: str, fact: str) -> str:
    """A fact still needed with what it must reach: ``服务投入占企业总投入比重（第六条（一）2 不低于20%）``."""
    thresholds = _thresholds_of(applicant_type, fact)
    wanted = "；".join(f"{th.article} {required_text(th)}" for th in thresholds)
    return f"{FACT_SPECS[fact].label}（{wanted}）" if wanted else FACT_SPECS[fact].label


def condition_feedback(fact: str, value: bool) -> str:
    """``第五条（一）这一项：符合`` for a yes/no condition of 第五条（一）; empty for the others (the new-park route)."""
    if fact not in dict(_PARK_BASICS).values():
        return ""
    return f"第五条（一）这一项：{'符合' if value else '不符合'}"


def threshold_feedback(applicant_type: str, fact: str, value: float | Range) -> list[str]:
    """Short lines saying how one figure fares against the thresholds it enters, e.g.
    ``第五条（二）年营业收入不低于100亿元：还差20亿元``. Empty when the fact has no threshold for this type."""
    lines = []
    for th in _thresholds_of(applicant_type, fact):
        side = _threshold_side(th, Facts(applicant_type, values={fact: value}))
        verdict = {"met": "已达到", "not_met": f"未达到，{side.gap}"}.get(side.status, "这个范围跨过了门槛，需要更具体的数字")
        if isinstance(value, int | float) and math.isclose(value, th.value, rel_tol=1e-9):
            verdict += {
                ">=": "（恰好等于门槛：“不低于”包含等于，满足这一条）",
                ">": "（恰好等于门槛：“超过”不包含等于，不满足这一条）",
            }.get(th.op, "")
        alternative = f"（{_ALTERNATIVES[th.id]}亦可）" if th.id in _ALTERNATIVES and side.status != "met" else ""
        lines.append(f"{th.article} {FACT_SPECS[fact].label}{required_text(th)}：{verdict}{alternative}")
    return lines


def evaluate(facts: Facts) -> Verdict:
    """Evaluate validated facts against the measures and return the Verdict."""
    notes: list[str] = []
    applicant_type = facts.applicant_type
    if applicant_type == "park":
        criteria = _park_criteria(facts)
    elif applicant_type == "leading_enterprise":
        criteria = _leading_criteria(facts)
    else:
        criteria, growth_notes = _growth_criteria(facts)
        notes += growth_notes
    outcome, criteria, route_notes = _decide(applicant_type, criteria, facts)
    notes += route_notes
    review = _REVIEW[applicant_type]
    if any(c.id == "park_new_park_commitment" for c in criteria):
        review = (*review, _REVIEW_NEW_PARK)
    notes.append(_REVIEW_NOTE.format(items="；".join(r.text for r in review)))
    ranged = [
        f"{FACT_SPECS[f].label}（您说“{v.said}”）" if v.said else FACT_SPECS[f].label
        for f, v in facts.values.items()
        if isinstance(v, Range)
    ]
    if ranged:
        notes.append(f"以下数字按您给出的范围判断（范围整个落在门槛一侧才算确定）：{'、'.join(ranged)}。")
    if facts.not_known:
        notes.append(f"以下信息您说不清楚，没有用于判断：{'、'.join(FACT_SPECS[f].label for f in facts.not_known)}。")
    if facts.ignored:
        who = APPLICANT_TYPES[applicant_type]
        notes.append(f"以下信息与{who}的条件无关，未用于判断：{'、'.join(FACT_SPECS[f].label for f in facts.ignored)}。")
    validity = validity_on(facts.as_of)
    notes.insert(0, validity.message)
    missing = _missing(_still_open(criteria)) if outcome == "insufficient_information" else ()
    return Verdict(
        applicant_type=applicant_type,
        verdict=outcome,
        criteria=tuple(criteria),
        missing=missing,
        notes=tuple(notes),
        expert_review=review,
        validity=validity.to_dict(),
        rules_version=RULES_VERSION,
        as_of=facts.as_of.isoformat(),
        facts=_facts_json(facts),
    )


def _facts_json(facts: Facts) -> dict[str, Any]:
    return {"applicant_type": facts.applicant_type, "as_of": facts.as_of.isoformat(), **facts.values}
