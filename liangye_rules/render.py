"""Plain Chinese text for a Verdict: the chat message and the printable summary share this rendering."""

from __future__ import annotations

from .facts import APPLICANT_TYPES
from .process import APPLICATION_STAGES, MATERIALS_DISCLAIMER, RECEIVING_AUTHORITY, materials_for
from .verdict import STATUS_LABELS, Verdict

STATUS_MARKS = {"met": "✅", "not_met": "❌", "unknown": "❔"}


def criterion_lines(verdict: Verdict) -> list[str]:
    """One line per criterion: mark, status, article, label, figure, threshold, gap."""
    lines = []
    for c in verdict.criteria:
        parts = [
            f"{STATUS_MARKS[c.status]} {STATUS_LABELS[c.status]}｜{c.article}｜{c.label}",
            f"填报：{c.actual or '未提供'}",
            f"要求：{c.required}",
        ]
        if c.gap:
            parts.append(f"差距：{c.gap}")
        lines.append("；".join(parts[:1]) + "：" + "；".join(parts[1:]))
    return lines


def next_steps(verdict: Verdict) -> list[str]:
    """What to do next, depending on the verdict."""
    who = APPLICANT_TYPES[verdict.applicant_type]
    if verdict.verdict == "insufficient_information":
        lines = ["还需要以下信息才能判断："]
        for m in verdict.missing:
            alt = "（与其他标注项满足其一即可）" if m.alternative_to else ""
            lines.append(f"· {m.label}（{m.article}）{alt}：{m.hint}")
        return lines
    if verdict.verdict == "not_eligible":
        return [
            f"目前暂不符合{who}的申报条件。可以对照上面的差距改进后再评估，或看看其他类型是否更合适；"
            f"如有疑问，可咨询{RECEIVING_AUTHORITY}。"
        ]
    stages = " → ".join(f"{s.name}（{s.article}）" for s in APPLICATION_STAGES)
    return [
        f"申报渠道：按属地管理原则，向{RECEIVING_AUTHORITY}申报（第七条）。",
        f"流程：{stages}。",
        f"建议准备的材料（{len(materials_for(verdict.applicant_type))}项，可回复“材料清单”查看）。{MATERIALS_DISCLAIMER}",
    ]


def render_verdict(verdict: Verdict) -> str:
    """The full chat text: 结论 line, one line per criterion, notes, next steps."""
    who = APPLICANT_TYPES[verdict.applicant_type]
    lines = [f"结论：{verdict.label}", f"（申报类型：{who}）", *criterion_lines(verdict)]
    lines += ["", *next_steps(verdict)]
    lines += ["", *(f"注：{note}" for note in verdict.notes)]
    return "\n".join(lines)


def unlisted_title_note(name: str) -> str:
    """Why a title the measures do not list (中关村高新技术企业) does not count for 第六条（二）1."""
    from .facts import TITLES

    listed = "、".join(TITLES.values())
    return (
        f"“{name}”不属于第六条（二）1 所列的称号，不能代替所列称号；所列的三个称号是：{listed}，获得其一即可。"
        "以认定证书或主管部门公布的名单为准，拿不准可咨询所在区发展改革部门。"
    )


def titles_feedback(held: bool) -> str:
    """How the titles answer fares against 第六条（二）1 (one of the three listed titles), for the echo line."""
    from .facts import TITLES

    if held:
        return "第六条（二）1 获得所列三个称号之一即可：已满足"
    return f"第六条（二）1 成长型试点企业须获得{'、'.join(TITLES.values())}称号之一：目前不满足"


def reading_notes(applicant_type: str) -> list[str]:
    """How to read the conditions of one applicant type: 不低于 vs 超过 at the threshold, and what is not required."""
    from .evaluate import required_text
    from .thresholds import ALL_THRESHOLDS

    prefix = {"park": "park_", "leading_enterprise": "leading_", "growth_enterprise": "growth_"}[applicant_type]
    own = [th for th in ALL_THRESHOLDS if th.id.startswith(prefix)]
    notes = []
    if any(th.op == ">=" for th in own):
        notes.append("“不低于”包含门槛本身：恰好等于门槛也算达到。")
    for th in (th for th in own if th.op == ">"):
        notes.append(f"“超过”不包含门槛本身：{th.article}要求{required_text(th)}，恰好等于门槛不算达到。")
    if not any(th.fact == "annual_revenue" for th in own):
        notes.append(f"{APPLICANT_TYPES[applicant_type]}的条件中没有营业收入规模的要求。")
    return notes


def unused_fact_note(applicant_type: str, fact: str) -> str | None:
    """What to say of a figure no condition of ``applicant_type`` uses (成长型 has no revenue threshold), or None."""
    from .facts import FACT_SPECS
    from .thresholds import ALL_THRESHOLDS

    prefix = {"park": "park_", "leading_enterprise": "leading_", "growth_enterprise": "growth_"}.get(applicant_type)
    if prefix is None or fact not in FACT_SPECS or any(th.id.startswith(prefix) and th.fact == fact for th in ALL_THRESHOLDS):
        return None
    if FACT_SPECS[fact].kind not in ("amount", "area_revenue", "share", "rank"):
        return None
    used = "、".join(dict.fromkeys(FACT_SPECS[th.fact].label for th in ALL_THRESHOLDS if th.id.startswith(prefix)))
    return f"{APPLICANT_TYPES[applicant_type]}的条件中没有{FACT_SPECS[fact].label}的要求（其数量门槛是：{used}）"


def criteria_overview(applicant_type: str) -> list[str]:
    """The conditions for one applicant type, one line each with its article, from the thresholds."""
    from .thresholds import ALL_THRESHOLDS

    lines = []
    if applicant_type == "park":
        lines.append(
            "第五条 示范园区是指符合北京市两业融合八个重点领域、融合发展基础较好、具有较强的产业集群特征和辐射带动作用的产业园区"
            "（定性要求由专家评审）"
        )
        lines.append(
            "第五条（一）园区土地或空间依法取得、四至范围明确、空间集中连片；管理机构是北京市内合法注册的法人单位或政府部门派出机构，已建立运营管理机制"
        )
    if applicant_type == "growth_enterprise":
        lines.append("第六条（二）1 获得国家高新技术企业、国家级专精特新“小巨人”企业、北京市“专精特新”中小企业称号之一")
    prefix = {"park": "park_", "leading_enterprise": "leading_", "growth_enterprise": "growth_"}[applicant_type]
    joined: dict[str, list[str]] = {}
    for th in ALL_THRESHOLDS:
        if th.id.startswith(prefix):
            joined.setdefault(th.article, []).append(th.wording)
    for art, wordings in joined.items():
        either = art in ("第六条（一）1", "第六条（二）2")
        lines.append(f"{art} {('，或' if either else '；').join(wordings)}" + ("（“或”：满足其一即可）" if either else ""))
    if applicant_type == "park":
        lines.append("第五条 新设园区：两业融合特征鲜明、对融合发展带动作用明显，预计并承诺未来3年可达到申报条件的，也可申报")
    else:
        definition = {
            "leading_enterprise": "领跑型试点企业指行业优势地位突出、在产业链融合中发挥引领带动作用的企业",
            "growth_enterprise": "成长型试点企业指发展速度快、创新能力突出、在融合发展中发挥关键节点作用的企业",
        }[applicant_type]
        lines.insert(
            0,
            f"第六条 {definition}；主营业务符合北京市两业融合八个重点领域，掌握核心技术、融合发展模式典型（定性要求由专家评审）",
        )
    lines.append("以上各项须同时满足；写明“或”的一项，满足其一即可")
    return lines
