"""Words users write for the facts, titles, applicant types and project types of the measures.

The NLU's deterministic extractor builds its patterns from these lists, so the bot understands exactly
the vocabulary the rules know. Longer cues are tried first (先进制造营收 before 营收).
"""

from __future__ import annotations

import re

# Cue words that announce which fact a following number belongs to.
FACT_CUES: dict[str, tuple[str, ...]] = {
    "advanced_manufacturing_share": (
        "先进制造业",
        "先进制造",
        "制造业占比",
        "制造占比",
        "制造业营收占比",
        "制造业收入占比",
        "制造业",
        "制造占",  # 制造占四成二: in a park interview, the advanced-manufacturing share
    ),
    "modern_services_share": ("现代服务业", "现代服务", "服务业占比", "服务业营收占比", "服务业收入占比", "服务业", "服务占"),
    "key_field_revenue_share": ("重点领域企业", "重点领域", "八大领域", "八个领域", "重点产业"),
    "revenue_per_square_meter": (
        "平均单位面积年营业收入",
        "单位面积年营业收入",
        "单位面积营业收入",
        "单位面积营收",
        "单位面积产出",
        "单位面积",
        "每平方米",
        "每平米",
        "每平",
        "地均",
        "平米产出",
        "亩均",
        "坪效",
    ),
    "service_input_share": ("服务投入", "研发设计", "检验检测", "数字化运营", "品牌建设", "服务类投入"),
    "national_market_share_rank": ("市场占有率", "市占率", "市场份额", "全国排名", "行业排名", "排名", "排第", "第"),
    "avg_profit_growth": (
        "利润平均增长率",
        "利润增长率",
        "利润年均增长率",
        "净利润增长率",
        "利润增长",
        "利润增速",
        "利润平均增长",
        "净利润增长",
        "利润年均增长",
        "利润",
    ),
    "avg_revenue_growth": (
        "营收增长",
        "收入增长",
        "营业收入增长",
        "营收增速",
        "收入增速",
        "营收年均增长",
        "平均增长",
        "增长率",
        "增速",
        "增长",
    ),
    "annual_revenue": ("年营业收入", "营业收入", "营业额", "年营收", "营收", "收入", "销售额", "产值", "规模"),
}

# Words that mark a list of yearly figures (四年营收分别是…).
HISTORY_CUES = (
    "分别",
    "逐年",
    "每年",
    "依次",
    "年到",
    "至20",
    "到20",
    "近三年",
    "近四年",
    "过去三年",
    "过去四年",
    "最近三年",
    "四年",
    "4年",
    "从前往后",
    "从早到晚",
    "这几年",
    "按年",
    "再到",  # 从两亿五到三亿三，再到去年四亿三
    "又到",
    "涨到",
)

TITLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "little_giant": ("小巨人", "國家級專精特新", "国家级专精特新", "专精特新小巨人", "專精特新小巨人"),
    "national_high_tech": (
        "国家高新技术企业",
        "高新技术企业",
        "国家高新",
        "高企",
        "高新企业",
        "高新技術企業",
        "高新",
        "国高",
        "國高",
    ),
    "beijing_specialized_sme": (
        "北京市专精特新",
        "北京专精特新",
        "市级专精特新",
        "专精特新中小企业",
        "专精特新企业",
        "专精特新",
        "專精特新",
    ),
}

APPLICANT_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "park": ("示范园区", "园区", "产业园", "融合园", "管委会", "园子", "園區"),
    "leading_enterprise": ("领跑型", "領跑型", "领跑"),
    "growth_enterprise": ("成长型", "成長型", "成长"),
}

PROJECT_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "platform": ("一站式", "产业服务平台", "共性技术服务平台", "共性服务设施", "服务平台", "公共服务平台", "平台"),
    "digital_infrastructure": ("数字基础设施", "数字化基础设施", "数据中心", "算力", "5G基站", "新基建"),
    "low_efficiency_building": ("低效楼宇", "低效楼", "老旧楼宇", "楼宇改造", "写字楼改造", "楼宇"),
    "old_factory": ("老旧厂房", "旧厂房", "老厂房", "厂房改造", "厂房"),
    "park_infrastructure": ("配套基础设施", "基础设施改造", "园区配套", "配套设施", "基础设施"),
}

BEIJING_DISTRICTS: tuple[str, ...] = (
    "东城区",
    "西城区",
    "朝阳区",
    "海淀区",
    "丰台区",
    "石景山区",
    "门头沟区",
    "房山区",
    "通州区",
    "顺义区",
    "昌平区",
    "大兴区",
    "怀柔区",
    "平谷区",
    "密云区",
    "延庆区",
    "北京经济技术开发区",
)
DISTRICT_ALIASES: dict[str, str] = {
    **{d.removesuffix("区"): d for d in BEIJING_DISTRICTS if d.endswith("区") and len(d) > 3},
    "经开区": "北京经济技术开发区",
    "亦庄": "北京经济技术开发区",
    "经济技术开发区": "北京经济技术开发区",
    "北京经开区": "北京经济技术开发区",
}
# Two-character names ("西城", "朝阳") also mean other things in free text (朝阳产业, 大兴机场), so they are read
# as districts only in an answer to "which district?".
SHORT_DISTRICT_NAMES: dict[str, str] = {d.removesuffix("区"): d for d in BEIJING_DISTRICTS if d.endswith("区") and len(d) == 3}

# The measures cover Beijing only (第一条 "北京市…试点示范建设"; 第七条 各区 "组织辖区内" 申报).
# Questions about another region's programme are answered with that scope, not with Beijing's rules. 天津 and 河北 are named by 第十五条 (津冀落地项目),
# so they count as "another region" only when the question is not about such a project.
OTHER_REGIONS: tuple[str, ...] = (
    "上海",
    "天津",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "内蒙古",
    "宁夏",
    "新疆",
    "西藏",
    "香港",
    "澳门",
    "台湾",
    "深圳",
    "广州",
    "杭州",
    "苏州",
    "南京",
    "成都",
    "武汉",
    "西安",
    "青岛",
    "厦门",
    "宁波",
    "合肥",
    "长沙",
    "郑州",
    "济南",
    "沈阳",
    "大连",
    "无锡",
    "东莞",
    "佛山",
    "雄安",
    "廊坊",
    "保定",
    "唐山",
    "石家庄",
    "张家口",
    "承德",
    "沧州",
    "燕郊",
)
JINJI_REGIONS: tuple[str, ...] = ("天津", "河北", "雄安", "廊坊", "保定", "唐山", "石家庄", "张家口", "承德", "沧州", "燕郊")
JINJI_PROJECT_CUES: tuple[str, ...] = (
    "落地",
    "投资",
    "建厂",
    "分厂",
    "工厂",
    "项目",
    "产业链",
    "采购",
    "配套",
    "协同",
    "延伸",
    "转移",
    "布局",
    "强链",
    "补链",
)
# Beijing places that contain another region's name.
BEIJING_LOOKALIKES: tuple[str, ...] = ("苏州街", "苏州桥", "南京路", "广州路")


_APPLICANT_HERE = re.compile(r"我们|我司|本公司|本企业|咱们|能不能|能否|能报|能申|可以|可否|有资格|在京|设厂|分公司|子公司")


def other_region_named(text: str) -> str | None:
    """The other province or city a question is about, or None when it is (or may be) about Beijing."""
    if "北京" in text or "京津冀" in text:
        return None
    if any(d.removesuffix("区") in text for d in BEIJING_DISTRICTS) or any(a in text for a in DISTRICT_ALIASES):
        return None
    for place in BEIJING_LOOKALIKES:
        text = text.replace(place, "")
    # 河北省专精特新: another place's title the applicant holds, not a question about that place's policy
    held = re.search(
        rf"(?:我们|我司|我公司|本公司).{{0,16}}?(?:{'|'.join(OTHER_REGIONS)})(?:省|市)?的?(?:专精特新|高新|小巨人)", text
    )
    if held and not re.search(r"奖励|补贴|政策|怎么|如何", text[held.end() :]):
        text = text[: held.start()] + text[held.end() :]
    text = re.sub(r"(?<=[\d一二两三四五六七八九十])成(?=都)", "", text)  # 八成都是医药企业: 八成 + 都, not 成都
    for region in OTHER_REGIONS:
        if region in text:
            supporter = re.search(
                rf"^(?:请问|想问一?下|问一?下)?\s*{region}[^，。？?]{{0,8}}(?:对|给|出台|有什么|有啥|有哪些)"
                r"[^，。？?]{0,12}(?:政策|扶持|支持|补贴|奖励)",
                text,
            )  # 天津滨海新区对两业融合项目有啥扶持政策: that place's own support, not 第十五条's joint support
            if region in JINJI_REGIONS and any(cue in text for cue in JINJI_PROJECT_CUES) and not supporter:
                return None
            if re.search(rf"{region}.{{0,3}}(企业|公司|集团|总部|工厂)", text) and _APPLICANT_HERE.search(text):
                return None  # an applicant based there asking about Beijing's measures
            if re.search(rf"(?:注册|注册地|落户|登记)(?:在|于|地在|地是|的是)?{region}", text) and _APPLICANT_HERE.search(text):
                return None  # 园区管理公司注册在天津可以吗: where an applicant's body is registered, under Beijing's measures
            return region
    return None


# Words of the measures as voice input and pinyin keyboards mistype them, each with a twin of the same length
_HOMOPHONES: tuple[tuple[str, str], ...] = (
    (r"师范(?=园区)", "示范"),
    (r"两[页叶也](?=融合)", "两业"),
    (r"(?<![精用细悉匠专])[心信](?=设(?!计|备|施|置|想))", "新"),  # 心设的园区, not 精心设计
    (r"[成诚](?=诺)", "承"),
    (r"(?<=领跑|成长)形", "型"),
    (r"事(?=点企业)", "试"),
    (r"(?<=专精特)心", "新"),
    (r"厂坊", "厂房"),
    (r"(?<=固定)资厂", "资产"),
)


def fold_homophones(text: str) -> str:
    """``师范园区`` → ``示范园区``, ``心设`` → ``新设``: mistyped words of the measures, length kept."""
    for pattern, right in _HOMOPHONES:
        text = re.sub(pattern, right, text)
    return text
