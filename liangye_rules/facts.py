"""The facts an applicant gives, their kinds, questions and hints, and validation of raw input.

Validation turns loose input (numbers, Chinese amount strings, percent strings) into canonical units and
rejects impossible values with a Chinese message naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .key_fields import NONE_ID, key_field_ids
from .parse import ParseError, parse_amount, parse_percent
from .ranges import Range, is_range, range_from

APPLICANT_TYPES = {"park": "示范园区", "leading_enterprise": "领跑型试点企业", "growth_enterprise": "成长型试点企业"}
TITLES = {
    "national_high_tech": "国家高新技术企业",
    "little_giant": "国家级专精特新“小巨人”企业",
    "beijing_specialized_sme": "北京市“专精特新”中小企业",
}
HISTORY_YEARS = 4  # 近三年 growth from four yearly figures: three year-on-year rates.
# The measures do not say whether 近三年 means three rates (four figures) or the three years' figures (two rates);
# three figures are read the second way, and the verdict says which reading it used.
HISTORY_LENGTHS = (3, HISTORY_YEARS)


class InputError(ValueError):
    """Input that cannot be evaluated: ``field`` names the culprit, ``message`` is Chinese."""

    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class FactSpec:
    """One fact: its id, kind, the applicant types it concerns, a label, the question, and where to find it."""

    id: str
    kind: str  # amount | area_revenue | share | growth | bool | rank | titles | key_field | history | rates
    applies_to: tuple[str, ...]
    label: str
    question: str
    hint: str


_PARK = ("park",)
_ENTERPRISES = ("leading_enterprise", "growth_enterprise")
_ALL = ("park", "leading_enterprise", "growth_enterprise")

FACTS: tuple[FactSpec, ...] = (
    FactSpec(
        "key_field",
        "key_field",
        _ALL,
        "所属重点领域",
        "请简单介绍一下主营业务（例如“集成电路设计”“医疗器械研发生产”），我来判断属于第四条八个重点领域中的哪一个。",
        "对照第四条列出的八个重点领域，看主营业务属于哪一个。",
    ),
    FactSpec(
        "land_legally_obtained",
        "bool",
        _PARK,
        "园区土地或空间依法取得",
        "园区的土地或空间是依法取得的吗？（是/否/不清楚）",
        "可查阅土地出让合同、不动产权证书或房屋租赁备案等材料。",
    ),
    FactSpec(
        "boundaries_defined_and_contiguous",
        "bool",
        _PARK,
        "四至范围明确、空间集中连片",
        "园区四至范围是否明确、空间是否集中连片？（是/否/不清楚）",
        "可查阅园区规划图、四至范围说明。",
    ),
    FactSpec(
        "management_body_qualified",
        "bool",
        _PARK,
        "管理机构为北京市内合法注册的法人单位或政府部门派出机构",
        "园区管理机构是北京市内合法注册的法人单位，或者政府部门的派出机构吗？（是/否/不清楚）",
        "可查阅管理机构的营业执照、事业单位法人证书或设立文件。",
    ),
    FactSpec(
        "operating_mechanism_established",
        "bool",
        _PARK,
        "已建立运营管理机制",
        "园区是否已建立运营管理机制？（是/否/不清楚）",
        "可查阅园区运营管理制度、运营主体及服务体系的说明。",
    ),
    FactSpec(
        "annual_revenue",
        "amount",
        _ALL,
        "年营业收入",
        "年营业收入大约是多少？（例如“120亿元”“3000万元”）",
        "可查阅最近一个完整年度的财务报表或统计报表中的“营业收入”；园区为园区内企业营业收入合计。",
    ),
    FactSpec(
        "advanced_manufacturing_share",
        "share",
        _PARK,
        "先进制造年营业收入占比",
        "先进制造年营业收入占园区年营业收入的比重是多少？（例如“35%”）",
        "可用园区统计数据中先进制造企业营业收入合计除以园区年营业收入。",
    ),
    FactSpec(
        "modern_services_share",
        "share",
        _PARK,
        "现代服务年营业收入占比",
        "现代服务年营业收入占园区年营业收入的比重是多少？（例如“40%”）",
        "可用园区统计数据中现代服务企业营业收入合计除以园区年营业收入。",
    ),
    FactSpec(
        "revenue_per_square_meter",
        "area_revenue",
        _PARK,
        "入驻企业平均单位面积年营业收入",
        "园区内入驻企业平均每平方米年营业收入是多少？（例如“每平米2.5万元”）",
        "用入驻企业年营业收入合计除以其使用的建筑面积（平方米）。",
    ),
    FactSpec(
        "key_field_revenue_share",
        "share",
        _PARK,
        "重点领域企业年营业收入占比",
        "园区内主营业务属于八个重点领域的企业，年营业收入占园区年营业收入的比重是多少？",
        "把主营业务属于第四条八个重点领域的入驻企业营业收入相加，再除以园区年营业收入。",
    ),
    FactSpec(
        "newly_established", "bool", _PARK, "是否为新设园区", "园区是新设立的吗？（是/否）", "以园区设立或批复文件的时间为准。"
    ),
    FactSpec(
        "commits_within_3_years",
        "bool",
        _PARK,
        "是否预计并承诺未来3年达到申报条件",
        "园区能否预计并承诺在未来3年内达到示范园区的申报条件？（是/否）",
        "需结合园区发展规划和招商情况作出判断，申报时作出承诺。",
    ),
    FactSpec(
        "national_market_share_rank",
        "rank",
        _ENTERPRISES,
        "细分行业市场占有率全国排名",
        "企业在细分行业的市场占有率全国排第几名？（例如“第3名”，不清楚可以说不清楚）",
        "可参考行业协会、权威研究机构发布的排名或市场研究报告。",
    ),
    FactSpec(
        "service_input_share",
        "share",
        _ENTERPRISES,
        "服务投入占企业总投入比重",
        "研发设计、检验检测、数字化运营管理、品牌建设等服务投入占企业总投入的比重是多少？",
        "把研发设计、检验检测、数字化运营管理、品牌建设等服务投入相加，除以企业总投入；口径可向区发展改革部门确认。",
    ),
    FactSpec(
        "titles",
        "titles",
        ("growth_enterprise",),
        "已获称号",
        "企业是否获得以下称号之一：国家高新技术企业、国家级专精特新“小巨人”企业、北京市“专精特新”中小企业？",
        "可查阅认定证书或主管部门公布的名单。",
    ),
    FactSpec(
        "avg_revenue_growth",
        "growth",
        ("growth_enterprise",),
        "近三年营业收入平均增长率",
        "近三年营业收入平均增长率是多少？也可以直接告诉我最近4年每年的营业收入（从早到晚）。",
        "可根据最近4个年度财务报表的营业收入计算。",
    ),
    FactSpec(
        "avg_profit_growth",
        "growth",
        ("growth_enterprise",),
        "近三年利润平均增长率",
        "近三年利润平均增长率是多少？也可以告诉我最近4年每年的利润（从早到晚）。",
        "可根据最近4个年度财务报表的利润计算。",
    ),
    FactSpec(
        "revenue_history",
        "history",
        ("growth_enterprise",),
        "最近4年营业收入（从早到晚）",
        "请按从早到晚的顺序告诉我最近4年每年的营业收入。",
        "最近4个年度财务报表。",
    ),
    FactSpec(
        "revenue_growth_rates",
        "rates",
        ("growth_enterprise",),
        "营业收入逐年增长率（从早到晚）",
        "请按从早到晚的顺序告诉我近几年每年的营业收入增长率。",
        "最近4个年度财务报表。",
    ),
    FactSpec(
        "profit_growth_rates",
        "rates",
        ("growth_enterprise",),
        "利润逐年增长率（从早到晚）",
        "请按从早到晚的顺序告诉我近几年每年的利润增长率。",
        "最近4个年度财务报表。",
    ),
    FactSpec(
        "profit_history",
        "history",
        ("growth_enterprise",),
        "最近4年利润（从早到晚）",
        "请按从早到晚的顺序告诉我最近4年每年的利润。",
        "最近4个年度财务报表。",
    ),
)

FACT_SPECS: dict[str, FactSpec] = {spec.id: spec for spec in FACTS}
# The yearly figures and rates a growth average is computed from (revenue_history, profit_growth_rates …)
YEARLY_FACTS = frozenset(spec.id for spec in FACTS if spec.kind in ("history", "rates"))


@dataclass
class Facts:
    """Validated facts in canonical units. ``None`` means unknown."""

    applicant_type: str
    as_of: date = field(default_factory=date.today)
    values: dict[str, Any] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # given but not relevant to this applicant type
    not_known: list[str] = field(default_factory=list)  # facts the applicant said they do not know

    def get(self, fact_id: str) -> Any:
        return self.values.get(fact_id)


def _bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise InputError(name, f"字段 {name}（{FACT_SPECS[name].label}）应为 true 或 false。")


def _rank(name: str, value: Any) -> int:
    if isinstance(value, bool):
        raise InputError(name, "字段 national_market_share_rank（细分行业市场占有率全国排名）应为正整数，例如 3。")
    if isinstance(value, str):
        text = value.strip().removeprefix("第").removesuffix("名").removesuffix("位")
        try:
            value = parse_percent(text, what="排名")
        except ParseError:
            value = None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or value < 1:
        raise InputError(name, "字段 national_market_share_rank（细分行业市场占有率全国排名）应为不小于 1 的整数，例如 3。")
    return value


def _share(name: str, value: Any) -> float:
    label = FACT_SPECS[name].label
    try:
        percent = parse_percent(value, what=label)
    except ParseError as exc:
        raise InputError(name, f"字段 {name}：{exc.message}") from exc
    if not 0 <= percent <= 100:
        raise InputError(name, f"字段 {name}：{label}应在 0% 到 100% 之间，收到的是 {percent:g}%。")
    return percent


def _growth(name: str, value: Any) -> float:
    label = FACT_SPECS[name].label
    try:
        percent = parse_percent(value, what=label)
    except ParseError as exc:
        raise InputError(name, f"字段 {name}：{exc.message}") from exc
    if name == "avg_revenue_growth" and percent < -100:
        raise InputError(name, f"字段 {name}：营业收入下降不可能超过 100%，收到的是 {percent:g}%。")
    if abs(percent) > 100000:
        raise InputError(name, f"字段 {name}：{label} {percent:g}% 明显不符合实际，请检查。")
    return percent


def _amount(name: str, value: Any, *, allow_negative: bool = False) -> float:
    label = FACT_SPECS[name].label
    try:
        return parse_amount(value, allow_negative=allow_negative, what=label)
    except ParseError as exc:
        raise InputError(name, f"字段 {name}：{exc.message}") from exc


def _history(name: str, value: Any) -> list[float | None]:
    if not isinstance(value, list) or len(value) not in HISTORY_LENGTHS:
        raise InputError(
            name,
            f"字段 {name}（{FACT_SPECS[name].label}）应为按从早到晚排列的 3 个或 {HISTORY_YEARS} 个年度数值，"
            "用于计算近三年的增长率。",
        )
    allow_negative = name == "profit_history"
    if value[0] is None or value[-1] is None:
        raise InputError(name, f"字段 {name}（{FACT_SPECS[name].label}）的第一年和最后一年不能缺少。")
    return [None if item is None else _amount(name, item, allow_negative=allow_negative) for item in value]


def _rates(name: str, value: Any) -> list[float]:
    if not isinstance(value, list) or len(value) not in tuple(n - 1 for n in HISTORY_LENGTHS):
        raise InputError(
            name, f"字段 {name}（{FACT_SPECS[name].label}）应为按从早到晚排列的 2 个或 {HISTORY_YEARS - 1} 个年度增长率。"
        )
    try:
        rates = [parse_percent(item, what=FACT_SPECS[name].label) for item in value]
    except ParseError as exc:
        raise InputError(name, f"字段 {name}：{exc.message}") from exc
    if any(r <= -100 or r > 100000 for r in rates):
        raise InputError(name, f"字段 {name}：年度增长率应在 -100% 到 100000% 之间。")
    return rates


def _titles(name: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise InputError(name, '字段 titles 应为称号代码列表，例如 ["national_high_tech"]，没有称号时为 []。')
    unknown = [t for t in value if t not in TITLES]
    if unknown:
        allowed = "、".join(TITLES)
        raise InputError(name, f"字段 titles 含有无法识别的称号 {unknown[0]}，可选：{allowed}。")
    return sorted(set(value))


def _key_field(name: str, value: Any) -> str:
    allowed = (*key_field_ids(), NONE_ID)
    if value not in allowed:
        raise InputError(name, f"字段 key_field 应为以下之一：{'、'.join(allowed)}。")
    return value


_CONVERTERS = {
    "bool": _bool,
    "rank": _rank,
    "share": _share,
    "growth": _growth,
    "titles": _titles,
    "key_field": _key_field,
    "history": _history,
    "rates": _rates,
    "amount": _amount,
    "area_revenue": _amount,
}


RANGE_KINDS = ("amount", "area_revenue", "share", "growth", "rank")  # figures that may be given as a range


def validate_fact(fact_id: str, value: Any) -> Any:
    """One fact in canonical units; ``None`` stays unknown. Raises InputError on a bad value.

    A figure may also be a Range (or its JSON form, ``{"range": [low, high]}``): each bound is validated alone.
    """
    if value is None:
        return None
    spec = FACT_SPECS[fact_id]
    convert = _CONVERTERS[spec.kind]
    if is_range(value):
        if spec.kind not in RANGE_KINDS:
            raise InputError(fact_id, f"字段 {fact_id}（{spec.label}）不能是范围。")
        try:
            return range_from(value, lambda bound: convert(fact_id, bound))
        except InputError:
            raise
        except ValueError as exc:
            raise InputError(fact_id, f"字段 {fact_id}：{exc}") from exc
    return convert(fact_id, value)


def lowest(value: Any) -> Any:
    """The smallest value a figure can have: the lower bound of a Range (0 when it has none), else itself."""
    if isinstance(value, Range):
        return value.low if value.low is not None else 0.0
    return value


def check_consistency(applicant_type: str, values: dict[str, Any]) -> None:
    """Reject facts that contradict each other (e.g. manufacturing + services shares above 100 %)."""
    manufacturing = lowest(values.get("advanced_manufacturing_share"))
    services = lowest(values.get("modern_services_share"))
    if manufacturing is not None and services is not None and manufacturing + services > 100:
        raise InputError(
            "modern_services_share",
            f"先进制造占比（{manufacturing:g}%）与现代服务占比（{services:g}%）之和超过 100%，请核对这两个数字。",
        )


def parse_facts(data: Any) -> Facts:
    """Validate the CLI/API input object and return Facts. Raises InputError naming the bad field."""
    if not isinstance(data, dict):
        raise InputError("input", '输入应为一个 JSON 对象，例如 {"applicant_type": "park"}。')
    applicant_type = data.get("applicant_type")
    if not isinstance(applicant_type, str) or applicant_type not in APPLICANT_TYPES:
        raise InputError("applicant_type", "字段 applicant_type 必填，应为 park、leading_enterprise 或 growth_enterprise。")
    as_of = date.today()
    if data.get("as_of") is not None:
        try:
            as_of = date.fromisoformat(str(data["as_of"]))
        except ValueError as exc:
            raise InputError("as_of", "字段 as_of 应为 ISO 日期，例如 2024-05-01。") from exc
    values: dict[str, Any] = {}
    ignored: list[str] = []
    for name, value in data.items():
        if name in ("applicant_type", "as_of"):
            continue
        spec = FACT_SPECS.get(name)
        if spec is None:
            raise InputError(name, f"无法识别的字段 {name}。")
        converted = validate_fact(name, value)
        if applicant_type not in spec.applies_to:
            if converted is not None:
                ignored.append(name)
            continue
        values[name] = converted
    check_consistency(applicant_type, values)
    return Facts(applicant_type, as_of, {k: v for k, v in values.items() if v is not None}, ignored)
