"""Support policies (第九条至第十六条) and the fixed-asset-investment subsidy estimator (第十条、第十一条).

Article 3 (第三条) limits all funding: a project that already had other municipal fiscal funding gets none.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .articles import article
from .parse import ParseError, format_amount, parse_amount


@dataclass(frozen=True)
class SupportPolicy:
    """One support article in plain words: who benefits, and a short summary."""

    article_number: int
    label: str
    title: str
    beneficiary: str  # park | enterprise | both
    summary: str

    @property
    def text(self) -> str:
        """The literal text of the article."""
        return article(self.article_number).text

    def to_dict(self) -> dict:
        return {**asdict(self), "text": self.text}


SUPPORT_POLICIES: tuple[SupportPolicy, ...] = (
    SupportPolicy(
        9,
        "第九条",
        "弹性年期+弹性规模增容",
        "park",
        "示范园区内以招拍挂方式取得、已建成运营的工业或物流仓储用地，出让容积率低于基准开发强度的，"
        "可试点“弹性年期+弹性规模”增容，在用地范围内新建、扩建生产性用房；新增面积由区政府统筹，到期后视效益商议续期或拆除。",
    ),
    SupportPolicy(
        10,
        "第十条",
        "产业服务平台与数字基础设施项目支持",
        "park",
        "示范园区内围绕八个重点领域建设“一站式”产业服务平台、共性技术服务平台等共性服务设施的项目，"
        "以及数字基础设施提升项目，按经认定的固定资产投资总额的30%给予支持；符合其他市级园区政策的不重复支持。",
    ),
    SupportPolicy(
        11,
        "第十一条",
        "低效楼宇、老旧厂房和配套基础设施改造支持",
        "park",
        "示范园区内低效楼宇改造按固定资产投资总额的10%支持；老旧厂房改造和园区配套基础设施改造按经认定的固定资产投资总额的30%支持，"
        "最高不超过5000万元。",
    ),
    SupportPolicy(
        12,
        "第十二条",
        "建筑用途转换和土地用途兼容",
        "park",
        "示范园区实施城市更新时可探索建筑用途转换、土地用途兼容，相关部门提供政策和技术支撑并办理手续。",
    ),
    SupportPolicy(
        13,
        "第十三条",
        "毕业生引进计划单列",
        "enterprise",
        "试点企业经综合评价后可纳入重点支持范围，引进符合条件的毕业生实行计划单列。",
    ),
    SupportPolicy(
        14,
        "第十四条",
        "上市服务与专项金融支持",
        "enterprise",
        "试点企业可纳入北交所上市重点企业储备库，享受上市管家式服务；加强专项信贷支持，鼓励银行等金融机构面向市级两业融合试点示范开发专项金融产品。",
    ),
    SupportPolicy(
        15,
        "第十五条",
        "京津冀产业链协同",
        "enterprise",
        "试点企业在津冀落地的产业链延伸项目，与津冀共同支持；产业链龙头企业在京津冀首次采购配套企业产品的，"
        "可通过北京市高精尖产业发展资金给予产业强链补链协同奖励。",
    ),
    SupportPolicy(
        16,
        "第十六条",
        "优先推荐国家级试点与宣传推广",
        "both",
        "优先推荐示范园区和试点企业申报国家级两业融合试点；优秀案例多种形式宣传推广。",
    ),
)

ARTICLE_3_NOTE = "第三条：北京市域内国家级两业融合试点区域和企业可享受市级两业融合试点示范相应支持政策。对获得过其他市级财政资金支持的项目不再予以资金支持。"


# 第九条 to 第十一条 each name where and what they support; a question outside that is answered from the wording.
ARTICLE_9_LAND_NOTE = (
    "第九条写的是“以招拍挂方式取得工业或物流仓储用地”的地块；划拨、协议出让、租赁等其他方式取得的用地，"
    "按字面不在第九条所写的范围内。具体能否适用，以市发展改革委的解释和所在区的规定为准。"
)
INSIDE_PARK_NOTE = "第十条、第十一条写明支持的是“在示范园区内”的项目；示范园区以外的项目不能按这两条获得支持。"


def support_policies(beneficiary: str | None = None) -> tuple[SupportPolicy, ...]:
    """The support articles, optionally only those for ``park`` or ``enterprise`` (``both`` counts for each)."""
    if beneficiary is None:
        return SUPPORT_POLICIES
    return tuple(p for p in SUPPORT_POLICIES if p.beneficiary in (beneficiary, "both"))


@dataclass(frozen=True)
class SubsidyRule:
    """How one project type is supported: rate, cap, whether the investment must be 经认定, and the article."""

    project_type: str
    name: str
    article: str
    rate_pct: float
    cap_yuan: float | None
    certified_investment: bool
    cap_ambiguous: bool = False

    def cap_reached_at(self) -> float | None:
        """The investment at which the rate reaches the cap (5000万元 ÷ 30% ≈ 1.67亿元), or None without a cap."""
        return self.cap_yuan / (self.rate_pct / 100) if self.cap_yuan else None


ARTICLE_11_CAP_YUAN = 5000e4

SUBSIDY_RULES: dict[str, SubsidyRule] = {
    rule.project_type: rule
    for rule in (
        SubsidyRule("platform", "产业共性服务设施（“一站式”产业服务平台、共性技术服务平台等）建设项目", "第十条", 30, None, True),
        SubsidyRule("digital_infrastructure", "数字基础设施提升项目", "第十条", 30, None, True),
        SubsidyRule("low_efficiency_building", "低效楼宇改造项目", "第十一条", 10, None, False, cap_ambiguous=True),
        SubsidyRule("old_factory", "老旧厂房改造项目", "第十一条", 30, ARTICLE_11_CAP_YUAN, True),
        SubsidyRule("park_infrastructure", "产业园区内配套基础设施改造项目", "第十一条", 30, ARTICLE_11_CAP_YUAN, True),
    )
}


class SubsidyInputError(ValueError):
    """Bad subsidy input: ``field`` names the culprit, ``message`` is Chinese."""

    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class SubsidyEstimate:
    """An estimate of support for one project, with the reasoning in Chinese notes."""

    project_type: str
    support_yuan: float
    rate_pct: float
    cap_yuan: float | None
    article: str
    notes: tuple[str, ...]
    fixed_asset_investment: float
    uncapped_yuan: float
    support_yuan_if_cap_applies: float | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["notes"] = list(self.notes)
        return data


_FIELDS = {"project_type", "fixed_asset_investment", "in_demonstration_park", "other_municipal_funding"}


def estimate_subsidy(
    project_type: str,
    fixed_asset_investment: float,
    in_demonstration_park: bool | None = None,
    other_municipal_funding: bool | None = None,
) -> SubsidyEstimate:
    """Estimate support under 第十条/第十一条. ``None`` for a condition means not yet confirmed."""
    rule = SUBSIDY_RULES[project_type]
    investment = fixed_asset_investment
    uncapped = investment * rule.rate_pct / 100
    base = "经认定的固定资产投资总额" if rule.certified_investment else "固定资产投资总额"
    notes = [f"{rule.article}：{rule.name}按{base}的{rule.rate_pct:g}% 给予支持。"]
    support = uncapped
    if_cap = None
    if rule.cap_yuan is not None and uncapped > rule.cap_yuan:
        support = rule.cap_yuan
        notes.append(
            f"按{rule.rate_pct:g}% 计算为{format_amount(uncapped)}，超过“最高不超过5000万元”的上限，按{format_amount(rule.cap_yuan)} 计。"
        )
    if rule.cap_ambiguous:
        notes.append(
            "原文：“对低效楼宇改造项目按照固定资产投资总额10%的比例给予支持，对老旧厂房改造和产业园区内配套基础设施改造项目"
            "按照经认定的固定资产投资总额30%的比例给予支持，最高不超过5000万元。”原文未明确“最高不超过5000万元”是否也适用于低效楼宇改造，"
            "请以市发展改革委的解释为准。"
        )
        if uncapped > ARTICLE_11_CAP_YUAN:
            if_cap = ARTICLE_11_CAP_YUAN
            notes.append(f"如上限同样适用，则支持金额为{format_amount(ARTICLE_11_CAP_YUAN)}。")
    if rule.article == "第十条":
        notes.append(
            "第十条：项目需围绕北京市两业融合八个重点领域；符合其他相关市级园区支持政策的项目，可按相关政策予以支持，不重复支持。"
        )
    if rule.certified_investment:
        notes.append("“经认定的固定资产投资总额”以主管部门认定的金额为准，实际支持金额可能与本估算不同。")
    if in_demonstration_park is False:
        support, if_cap = 0.0, None
        notes.append(f"{rule.article}的支持仅适用于市级两业融合示范园区内的项目，该项目不在示范园区内，不能按此条获得支持。")
    elif in_demonstration_park is None:
        notes.append(f"前提：项目位于市级两业融合示范园区内（{rule.article}“在示范园区内”）。")
    if other_municipal_funding is True:
        support, if_cap = 0.0, None
        notes.append(ARTICLE_3_NOTE + "该项目已获得过其他市级财政资金支持，不能再获得资金支持。")
    elif other_municipal_funding is None:
        notes.append("前提：项目未获得过其他市级财政资金支持（第三条）。")
    notes.append("以上为按办法条文的估算，不构成承诺；请向所在区发展改革部门咨询。")
    return SubsidyEstimate(
        project_type, support, rule.rate_pct, rule.cap_yuan, rule.article, tuple(notes), investment, uncapped, if_cap
    )


def parse_subsidy_request(data: object) -> dict:
    """Validate the CLI/API subsidy input; returns keyword arguments for ``estimate_subsidy``."""
    if not isinstance(data, dict):
        raise SubsidyInputError("input", "输入应为一个 JSON 对象。")
    for name in data:
        if name not in _FIELDS:
            raise SubsidyInputError(name, f"无法识别的字段 {name}。")
    project_type = data.get("project_type")
    if not isinstance(project_type, str) or project_type not in SUBSIDY_RULES:
        raise SubsidyInputError("project_type", f"字段 project_type 必填，应为以下之一：{'、'.join(SUBSIDY_RULES)}。")
    if data.get("fixed_asset_investment") is None:
        raise SubsidyInputError("fixed_asset_investment", '字段 fixed_asset_investment（固定资产投资总额）必填，例如 "2亿元"。')
    try:
        investment = parse_amount(data["fixed_asset_investment"], what="固定资产投资总额")
    except ParseError as exc:
        raise SubsidyInputError("fixed_asset_investment", f"字段 fixed_asset_investment：{exc.message}") from exc
    flags = {}
    for name in ("in_demonstration_park", "other_municipal_funding"):
        value = data.get(name)
        if value is not None and not isinstance(value, bool):
            raise SubsidyInputError(name, f"字段 {name} 应为 true 或 false。")
        flags[name] = value
    return {"project_type": project_type, "fixed_asset_investment": investment, **flags}
