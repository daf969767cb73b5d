"""Every numeric threshold of articles 5 and 6, once, with its article and the literal wording.

``op`` is the comparison exactly as the text says it: 不低于 → ``>=``, 超过 → ``>``, 前 10 名 → ``<=``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

_OPS: dict[str, Callable[[float, float], bool]] = {">=": operator.ge, ">": operator.gt, "<=": operator.le}


@dataclass(frozen=True)
class Threshold:
    """``fact op value``, e.g. annual_revenue >= 1e10 (第五条（二）: 不低于 100 亿元)."""

    id: str
    fact: str
    op: str
    value: float
    unit: str  # yuan | percent | yuan_per_m2 | rank
    article: str
    wording: str  # the literal words of the measures

    def holds(self, actual: float) -> bool:
        """Whether ``actual`` meets this threshold."""
        return _OPS[self.op](actual, self.value)


PARK_REVENUE = Threshold("park_revenue", "annual_revenue", ">=", 100e8, "yuan", "第五条（二）", "园区年营业收入不低于 100 亿元")
PARK_MANUFACTURING_SHARE = Threshold(
    "park_manufacturing_share",
    "advanced_manufacturing_share",
    ">=",
    30,
    "percent",
    "第五条（三）",
    "先进制造年营业收入占园区年营业收入比重不低于30%",
)
PARK_SERVICES_SHARE = Threshold(
    "park_services_share",
    "modern_services_share",
    ">=",
    30,
    "percent",
    "第五条（三）",
    "现代服务年营业收入占园区年营业收入比重不低于30%",
)
PARK_REVENUE_PER_M2 = Threshold(
    "park_revenue_per_m2",
    "revenue_per_square_meter",
    ">",
    2e4,
    "yuan_per_m2",
    "第五条（四）",
    "园区内入驻企业平均单位面积年营业收入超过 2 万元/平方米",
)
PARK_KEY_FIELD_SHARE = Threshold(
    "park_key_field_share",
    "key_field_revenue_share",
    ">=",
    50,
    "percent",
    "第五条（五）",
    "园区内主营业务符合北京市两业融合八个重点领域的企业年营业收入占园区年营业收入比重不低于 50%",
)

LEADING_REVENUE = Threshold("leading_revenue", "annual_revenue", ">=", 10e8, "yuan", "第六条（一）1", "年营业收入不低于 10亿元")
LEADING_MARKET_RANK = Threshold(
    "leading_market_rank", "national_market_share_rank", "<=", 10, "rank", "第六条（一）1", "细分行业市场占有率全国前 10 名"
)
LEADING_SERVICE_INPUT = Threshold(
    "leading_service_input",
    "service_input_share",
    ">=",
    20,
    "percent",
    "第六条（一）2",
    "研发设计、检验检测、数字化运营管理、品牌建设等服务投入占企业总投入比重不低于 20%",
)

GROWTH_REVENUE_GROWTH = Threshold(
    "growth_revenue_growth", "avg_revenue_growth", ">=", 20, "percent", "第六条（二）2", "近三年营业收入平均增长率不低于 20%"
)
GROWTH_PROFIT_GROWTH = Threshold(
    "growth_profit_growth", "avg_profit_growth", ">=", 8, "percent", "第六条（二）2", "利润平均增长率不低于 8%"
)
GROWTH_SERVICE_INPUT = Threshold(
    "growth_service_input",
    "service_input_share",
    ">=",
    40,
    "percent",
    "第六条（二）3",
    "研发设计、检验检测、数字化运营管理、品牌建设等服务投入占企业总投入比重不低于 40%",
)

ALL_THRESHOLDS: tuple[Threshold, ...] = (
    PARK_REVENUE,
    PARK_MANUFACTURING_SHARE,
    PARK_SERVICES_SHARE,
    PARK_REVENUE_PER_M2,
    PARK_KEY_FIELD_SHARE,
    LEADING_REVENUE,
    LEADING_MARKET_RANK,
    LEADING_SERVICE_INPUT,
    GROWTH_REVENUE_GROWTH,
    GROWTH_PROFIT_GROWTH,
    GROWTH_SERVICE_INPUT,
)
