"""Application and recognition (第七条、第八条), obligations and revocation (第十七条至第十九条),
and a materials checklist per applicant type derived from the criteria (guidance, not an official list)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .thresholds import LEADING_MARKET_RANK, LEADING_REVENUE


@dataclass(frozen=True)
class Stage:
    """One step from application to recognition, with who acts and what is checked."""

    order: int
    article: str
    name: str
    who: str
    checks: str

    def to_dict(self) -> dict:
        return asdict(self)


APPLICATION_STAGES: tuple[Stage, ...] = (
    Stage(
        1,
        "第七条",
        "申报和初审",
        "各区发展改革部门（按属地管理原则）",
        "组织辖区内试点示范申报并进行初审；初审合格后向市发展改革委提出申请并报送相关材料。",
    ),
    Stage(2, "第八条（一）", "形式审查", "市发展改革委", "重点审查申报材料的完整性、方向符合性等；通过的进入专家评审。"),
    Stage(
        3,
        "第八条（二）",
        "专家评审",
        "市发展改革委委托的第三方机构",
        "重点审查申报单位资质情况、申报材料的合规情况、试点示范方案的创新性和可行性等，提出评审意见和推荐名单。",
    ),
    Stage(
        4,
        "第八条（三）",
        "联席会议审议",
        "市级两业融合发展联席会议",
        "对进入专家推荐名单的申报单位进行审议，确定拟认定试点示范单位名单。",
    ),
    Stage(
        5,
        "第八条（四）",
        "公示和确认",
        "市发展改革委",
        "拟认定名单在市发展改革委网站公示5个工作日；公示期满无异议的确定为正式试点示范单位并公开发布。",
    ),
)

PRINCIPLES = "第二条：认定遵循“自愿申报、择优认定、分类分批、动态管理”的原则。"
PUBLIC_NOTICE_WORKING_DAYS = 5
RECEIVING_AUTHORITY = "所在区发展改革部门"
INTERPRETING_AUTHORITY = "市发展改革委"
# The text is silent on where a pilot enterprise must be registered (only a park's management body must be
# "北京市内合法注册", 第五条（一）); applications go through the district where the applicant is (第七条).
REGISTRATION_NOTE = (
    "关于注册地：办法只要求示范园区的管理机构是“北京市内合法注册的法人单位或政府部门派出机构”（第五条（一））；"
    "对试点企业的注册地，办法原文没有写明。第七条规定“按照属地管理原则”由各区发展改革部门组织辖区内的申报，"
    "所以外地企业在京的分公司、子公司或工厂能否以及以哪个主体申报，请向所在区发展改革部门确认，"
    "办法由市发展改革委负责解释。"
)


@dataclass(frozen=True)
class Obligation:
    """A duty after recognition, or a ground for revoking the title."""

    article: str
    kind: str  # duty | revocation
    text: str
    consequence: str

    def to_dict(self) -> dict:
        return asdict(self)


OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation(
        "第十七条",
        "duty",
        "市里开展统计监测和年度评价，并适时组织第三方机构开展试点示范建设综合评价",
        "评价结果用于动态管理（第十八条）：综合评价结果优秀的予以表彰。",
    ),
    Obligation(
        "第十七条",
        "duty",
        "按要求开展年度自评，做好统计信息报送，参加统计监测和年度评价",
        "未按要求参加统计监测和年度评价的，视同为评价结果不合格。",
    ),
    Obligation(
        "第十八条",
        "revocation",
        "连续两年评价结果不合格且不能按时完成整改要求",
        "撤销已授予的两业融合试点示范称号，并追回已支持的市政府固定资产投资补助资金。",
    ),
    Obligation("第十九条（一）", "revocation", "在申请认定和年度评价中提供虚假材料或数据", "撤销称号并予以公开发布。"),
    Obligation("第十九条（二）", "revocation", "单位或法定代表人违反有关法律法规，受到刑事处罚", "撤销称号并予以公开发布。"),
    Obligation("第十九条（三）", "revocation", "单位或法定代表人存在司法、行政机关认定的失信行为", "撤销称号并予以公开发布。"),
    Obligation("第十九条（四）", "revocation", "未能落实安全生产责任，出现重大生产安全事故", "撤销称号并予以公开发布。"),
)


# 第十九条（四） names a 重大 accident; a lesser one is, by the wording, not that case
MINOR_ACCIDENT_NOTE = (
    "第十九条（四）写的是“未能落实安全生产责任，出现重大生产安全事故”；一般事故或轻伤事故按字面不属于这一情形，"
    "不会仅因此依第十九条（四）被撤销称号。事故等级的认定以有关部门的结论为准，办法由市发展改革委负责解释。"
)
# Requirements the conditions of 第五条、第六条 do not contain (注册资本, 成立年限, 员工人数 ...)
UNREQUIRED_ITEMS = ("注册资本", "成立年限", "成立时间", "员工人数", "职工人数", "纳税额", "资产总额", "净资产", "利润总额")


def unrequired_note(item: str) -> str:
    """That 第五条、第六条 set no requirement on ``item`` (注册资本 ...)."""
    return f"第五条、第六条规定的申报条件中没有关于{item}的要求；以下是各类申报的全部条件。"


# 第十八条 joins its two conditions with 且: both must hold before a title is revoked under it
REVOCATION_18_NOTE = (
    "第十八条的撤销要同时满足两点：“连续两年评价结果不合格”且“不能按时完成整改要求”。"
    "按时完成了整改的，不会依第十八条被撤销称号；第十九条所列的情形另行适用。"
)
ONE_BAD_YEAR_NOTE = (
    "只有一年评价不合格的，不会因此依第十八条被撤销称号：第十八条要求“连续两年评价结果不合格”且“不能按时完成整改要求”；"
    "但要按要求整改，第十九条所列的情形另行适用。"
)


@dataclass(frozen=True)
class MaterialItem:
    """One piece of evidence to prepare, and the criterion it supports."""

    article: str
    item: str
    evidence: str

    def to_dict(self) -> dict:
        return asdict(self)


MATERIALS_DISCLAIMER = "办法没有明确列出申报材料清单；以下材料清单是根据办法条件整理的参考建议，不是官方清单；具体材料要求以所在区发展改革部门的通知为准。"

COMMON_MATERIALS: tuple[MaterialItem, ...] = (  # every applicant type prepares these
    MaterialItem("第七条", "申报书及试点示范方案", "说明融合发展基础、模式和创新性、可行性（专家评审重点审查，第八条（二））。"),
    MaterialItem("第八条（二）", "申报单位资质材料", "营业执照或法人证书等，证明主体资格。"),
    MaterialItem("第十九条", "信用与合规情况说明", "单位及法定代表人无刑事处罚、无失信记录、无重大安全事故的说明或查询结果。"),
)

MATERIALS: dict[str, tuple[MaterialItem, ...]] = {
    "park": (
        MaterialItem("第五条（一）", "土地或空间依法取得的证明", "土地出让合同、不动产权证书或租赁备案等。"),
        MaterialItem("第五条（一）", "园区四至范围说明和规划图", "显示四至范围明确、空间集中连片。"),
        MaterialItem("第五条（一）", "管理机构主体资格证明", "北京市内合法注册的法人证照，或政府部门派出机构的设立文件。"),
        MaterialItem("第五条（一）", "运营管理机制说明", "运营主体、管理制度和服务体系。"),
        MaterialItem("第五条（二）", "园区年营业收入统计数据", "园区内企业年营业收入合计，注明统计口径和来源。"),
        MaterialItem("第五条（三）", "先进制造、现代服务营业收入占比测算", "分别列出两类企业名单及营业收入合计。"),
        MaterialItem("第五条（四）", "单位面积年营业收入测算", "入驻企业营业收入合计与使用建筑面积。"),
        MaterialItem("第五条（五）", "重点领域企业营业收入占比测算", "按第四条八个重点领域列出企业名单和营业收入。"),
        MaterialItem("第五条", "新设园区的承诺及发展规划（如适用）", "预计并承诺未来3年达到申报条件的依据和措施。"),
        *COMMON_MATERIALS,
    ),
    "leading_enterprise": (
        MaterialItem("第六条", "主营业务与重点领域说明", "说明主营业务属于第四条八个重点领域中的哪一个。"),
        MaterialItem(
            "第六条（一）1",
            "营业收入或市场占有率排名的证明",
            f"“{LEADING_REVENUE.wording}”和“{LEADING_MARKET_RANK.wording}”满足其一即可，准备已满足那一项的证明："
            "经审计的年度财务报告等；或细分行业市场占有率排名的证明（行业协会、权威机构排名）。",
        ),
        MaterialItem(
            "第六条（一）2", "服务投入占比测算", "研发设计、检验检测、数字化运营管理、品牌建设等服务投入及企业总投入的明细。"
        ),
        MaterialItem("第六条", "核心技术和融合发展模式材料", "专利、标准、典型案例等，体现行业优势地位和引领带动作用。"),
        *COMMON_MATERIALS,
    ),
    "growth_enterprise": (
        MaterialItem("第六条", "主营业务与重点领域说明", "说明主营业务属于第四条八个重点领域中的哪一个。"),
        MaterialItem(
            "第六条（二）1",
            "称号证明",
            "三个称号获得其一即可：国家高新技术企业证书，或国家级专精特新“小巨人”、北京市“专精特新”中小企业认定文件。",
        ),
        MaterialItem("第六条（二）2", "近三年营业收入和利润数据", "最近4个年度的财务报表，用于计算近三年平均增长率。"),
        MaterialItem(
            "第六条（二）3", "服务投入占比测算", "研发设计、检验检测、数字化运营管理、品牌建设等服务投入及企业总投入的明细。"
        ),
        MaterialItem("第六条", "核心技术和创新能力材料", "专利、研发投入、典型案例等，体现创新能力和关键节点作用。"),
        *COMMON_MATERIALS,
    ),
}


def materials_for(applicant_type: str) -> tuple[MaterialItem, ...]:
    """The guidance checklist for ``park``, ``leading_enterprise`` or ``growth_enterprise``."""
    return MATERIALS[applicant_type]
