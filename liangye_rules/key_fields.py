"""The eight key fields of article 4 (第四条), with words that suggest each one.

The keywords are our own aid for mapping a free-text business description to candidate fields; they are
not part of the measures, so a match is always a suggestion that the user confirms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ARTICLE = "第四条"


@dataclass(frozen=True)
class KeyField:
    """One key field: stable id, short Chinese name, the literal phrase of article 4, and keywords."""

    id: str
    name: str
    phrase: str
    keywords: tuple[str, ...]


KEY_FIELDS: tuple[KeyField, ...] = (
    KeyField(
        "new_generation_it",
        "新一代信息技术",
        "深化新一代信息技术和制造业服务业融合",
        (
            "新一代信息技术",
            "信息技术",
            "软件",
            "互联网",
            "云计算",
            "大数据",
            "人工智能",
            "AI",
            "物联网",
            "工业互联网",
            "区块链",
            "5G",
            "通信",
            "信息服务",
            "数据中心",
            "算力",
            "信创",
            "SaaS",
            "IT",
            "电子信息",
            "网络安全",
            "智能制造系统",
            "机器人",
            "MES",
            "ERP",
            "工业软件",
            "数字化转型",
            "智能制造解决方案",
            "系统集成",
        ),
    ),
    KeyField(
        "pharma_health",
        "医药健康",
        "推动医药制造与健康服务有机融合",
        (
            "医药",
            "制药",
            "药品",
            "生物医药",
            "生物技术",
            "医疗器械",
            "医疗",
            "健康",
            "疫苗",
            "CRO",
            "CDMO",
            "CXO",
            "诊断",
            "中药",
            "创新药",
            "康复",
            "养老",
            "基因",
        ),
    ),
    KeyField(
        "intelligent_connected_vehicles",
        "智能网联汽车",
        "打造智能网联汽车制造和服务全链条体系",
        (
            "智能网联汽车",
            "智能网联",
            "汽车",
            "整车",
            "自动驾驶",
            "无人驾驶",
            "车联网",
            "新能源汽车",
            "汽车零部件",
            "车载",
            "智能座舱",
            "出行服务",
        ),
    ),
    KeyField(
        "integrated_circuits",
        "集成电路",
        "促进集成电路制造与研发设计服务一体化发展",
        ("集成电路", "芯片", "半导体", "晶圆", "封装", "封测", "EDA", "IC设计", "IC", "光刻", "存储芯片", "传感器芯片"),
    ),
    KeyField(
        "high_end_equipment",
        "高端装备",
        "提升高端装备与服务业融合水平",
        (
            "高端装备",
            "装备制造",
            "装备",
            "航空",
            "航天",
            "机床",
            "数控",
            "轨道交通",
            "仪器仪表",
            "仪器",
            "精密仪器",
            "工程机械",
            "无人机",
            "卫星",
            "工业母机",
            "检验检测设备",
            "检测设备",
            "检测装备",
        ),
    ),
    KeyField(
        "new_energy_green",
        "新能源和节能环保",
        "推进新能源和节能环保与相关产业绿色融合",
        (
            "新能源",
            "节能",
            "环保",
            "光伏",
            "风电",
            "储能",
            "氢能",
            "锂电",
            "电池",
            "碳中和",
            "双碳",
            "低碳",
            "绿色",
            "节能服务",
            "合同能源管理",
            "污水处理",
            "固废",
            "清洁能源",
            "充电桩",
        ),
    ),
    KeyField(
        "modern_logistics",
        "现代物流",
        "促进现代物流和制造业高效融合",
        ("现代物流", "物流", "供应链", "仓储", "冷链", "快递", "货运", "配送", "运输", "供应链管理"),
    ),
    KeyField(
        "consumer_services",
        "消费领域服务与制造",
        "释放消费领域服务与制造融合潜力",
        (
            "消费品",
            "消费",
            "服装",
            "食品",
            "家居",
            "家电",
            "文创",
            "文化创意",
            "工艺美术",
            "化妆品",
            "体育用品",
            "定制",
            "零售",
            "品牌",
            "老字号",
            "时尚",
            "珠宝",
            "游戏",
            "直播电商",
            "电商",
            "美妆",
            "会员服务",
        ),
    ),
)

_BY_ID = {field.id: field for field in KEY_FIELDS}
NONE_ID = "none"


def key_field(field_id: str) -> KeyField:
    """The key field with this id (KeyError if unknown; ``none`` is not a field)."""
    return _BY_ID[field_id]


def key_field_ids() -> tuple[str, ...]:
    """The eight ids in the order of article 4."""
    return tuple(_BY_ID)


@dataclass(frozen=True)
class FieldMatch:
    """A candidate field for a description, with the words that matched (the reason)."""

    field: KeyField
    matched: tuple[str, ...]


def _contains(text: str, word: str) -> bool:
    if word.isascii():
        return re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text, re.IGNORECASE) is not None
    return word in text


# Two of 第六条's kinds of service input (数字化运营管理、品牌建设) say what a firm spends on, not what it does:
# 主营住宅开发……也在搞数字化运营和品牌建设 is no information technology or consumer business.
_SERVICE_INPUTS = re.compile(r"数字化运营(?:管理)?|品牌建设")


def match_key_fields(description: str) -> list[FieldMatch]:
    """Candidate key fields for a business description, best first; empty when none fits.

    A longer matched keyword counts more than a short one, so ``新能源汽车`` prefers vehicles over energy.
    """
    description = _SERVICE_INPUTS.sub(" ", description)
    scored: list[tuple[int, int, FieldMatch]] = []
    for order, field in enumerate(KEY_FIELDS):
        hits = [word for word in field.keywords if _contains(description, word)]
        # Drop hits that are part of a longer hit of the same field (芯片 inside 存储芯片).
        hits = [w for w in hits if not any(w != other and w in other for other in hits)]
        if hits:
            scored.append((sum(len(w) for w in hits), -order, FieldMatch(field, tuple(hits))))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    best = [match for _, _, match in scored]
    return _drop_shadowed(best)


def _drop_shadowed(matches: list[FieldMatch]) -> list[FieldMatch]:
    """Drop a field whose every hit lies inside a longer hit of another field (汽车 in 新能源汽车)."""
    kept = []
    for match in matches:
        others = [w for m in matches if m is not match for w in m.matched]
        if all(any(w != o and w in o for o in others) for w in match.matched):
            continue
        kept.append(match)
    return kept
