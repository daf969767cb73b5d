"""Plain explanations of terms users ask about.

Each entry says where its meaning comes from: ``measures`` when the text of 京发改规〔2023〕7号 defines or
uses it (with the article), ``general`` when it is the term's ordinary meaning outside the measures; the
assistant says so, and points to the responsible authority for anything binding.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .parse import format_amount, format_area_revenue, format_percent
from .thresholds import ALL_THRESHOLDS, Threshold


@dataclass(frozen=True)
class Term:
    """A term, its synonyms, a plain explanation, the source of the meaning and the articles that use it."""

    name: str
    synonyms: tuple[str, ...]
    explanation: str
    source: str  # measures | general
    articles: tuple[str, ...]

    def to_dict(self) -> dict:
        return asdict(self)


def _figure(th: Threshold) -> str:
    shown = {"yuan": format_amount, "yuan_per_m2": format_area_revenue, "percent": format_percent}
    return shown[th.unit](th.value)


def _comparison_explanation() -> str:
    """不低于 (≥) and 超过 (>) as the measures use them, from the thresholds."""
    over = "；".join(
        f"{th.article}“{th.wording}”（即须大于{_figure(th)}，恰好{_figure(th)}不算达到）" for th in ALL_THRESHOLDS if th.op == ">"
    )
    return (
        "“不低于”指大于或等于：恰好等于门槛也算达到。“超过”指大于：恰好等于门槛不算达到。"
        f"办法中用“超过”的门槛是：{over}；其余金额和比例门槛用的都是“不低于”。"
    )


COMPARISON_EXPLANATION = _comparison_explanation()

TERMS: tuple[Term, ...] = (
    Term(
        "两业融合",
        ("两业", "两业融合发展"),
        "指先进制造业和现代服务业融合发展，办法第一条简称“两业融合”。",
        "measures",
        ("第一条",),
    ),
    Term(
        "专精特新",
        ("专精特新企业", "專精特新", "北京市专精特新", "专精特新中小企业"),
        "“专精特新”一般指具有专业化、精细化、特色化、新颖化特征的中小企业。办法第六条（二）1 所说的“北京市‘专精特新’中小企业”是北京市认定的此类企业称号，是申报成长型试点企业的三个称号之一（国家高新技术企业、国家级专精特新“小巨人”企业、北京市“专精特新”中小企业，获得其一即可）。"
        "具体认定条件和认定部门以北京市中小企业主管部门的规定为准。",
        "general",
        ("第六条（二）1",),
    ),
    Term(
        "小巨人",
        ("专精特新小巨人", "国家级专精特新小巨人", "小巨人企业"),
        "国家级专精特新“小巨人”企业一般指由国家工业和信息化主管部门认定的、专精特新中小企业中的优秀企业。"
        "在办法中，它是成长型试点企业第六条（二）1 所列三个称号之一。",
        "general",
        ("第六条（二）1",),
    ),
    Term(
        "国家高新技术企业",
        ("高新技术企业", "高企", "国家高新"),
        "一般指依照国家《高新技术企业认定管理办法》由科技、财政、税务部门认定的企业（证书有有效期）。"
        "在办法中，它是成长型试点企业第六条（二）1 所列三个称号之一。",
        "general",
        ("第六条（二）1",),
    ),
    Term(
        "服务投入",
        ("服务投入占比", "服务投入比重"),
        "办法第六条的原文是：“研发设计、检验检测、数字化运营管理、品牌建设等服务投入占企业总投入比重”。"
        "领跑型要求不低于 20%，成长型要求不低于 40%。办法只列举了这几类并用了“等”字，没有规定完整口径，具体统计口径请向所在区发展改革部门确认。",
        "measures",
        ("第六条（一）2", "第六条（二）3"),
    ),
    Term(
        "招拍挂",
        ("招拍挂方式",),
        "指以招标、拍卖、挂牌方式出让国有建设用地使用权。办法第九条的增容试点针对以招拍挂方式取得的工业或物流仓储用地。",
        "general",
        ("第九条",),
    ),
    Term(
        "容积率",
        (),
        "一般指地块上总建筑面积与用地面积之比。办法第九条适用于出让条件中容积率低于现有主导功能区基准开发强度的地块。",
        "general",
        ("第九条",),
    ),
    Term(
        "弹性年期",
        ("弹性规模", "弹性年期+弹性规模"),
        "办法第九条：示范园区内以招拍挂方式取得的工业或物流仓储用地，建成并运营、且出让条件中容积率低于现有主导功能区基准开发强度的，可试点通过“弹性年期+弹性规模”方式实现建筑规模增容：新增建筑面积由区政府统筹，出让到期后根据增容空间使用效益和产出情况，"
        "由区政府与用地主体商议续期或拆除。具体操作以规划自然资源部门规定为准。",
        "measures",
        ("第九条",),
    ),
    Term(
        "公示",
        ("公示期",),
        "办法第八条（四）：拟认定试点示范单位名单在市发展改革委网站公示，为期5个工作日；公示期满无异议的，确定为正式试点示范单位并公开发布。",
        "measures",
        ("第八条（四）",),
    ),
    Term(
        "四至",
        ("四至范围",),
        "一般指一块土地或一个园区东、南、西、北四个方向的边界。办法第五条（一）要求示范园区四至范围明确、空间集中连片。",
        "general",
        ("第五条（一）",),
    ),
    Term(
        "派出机构",
        ("政府派出机构", "政府部门派出机构"),
        "一般指政府部门在特定区域设立、代表其履行管理职能的机构，例如一些开发区、园区的管理委员会。办法第五条（一）规定示范园区的管理机构应是"
        "北京市内合法注册的法人单位或政府部门派出机构。",
        "general",
        ("第五条（一）",),
    ),
    Term(
        "属地管理",
        ("属地管理原则",),
        "办法第七条：按照属地管理原则，由各区发展改革部门组织辖区内的申报并初审。也就是说，向申报单位所在区的发展改革部门申报。",
        "measures",
        ("第七条",),
    ),
    Term(
        "计划单列",
        ("毕业生计划单列",),
        "办法第十三条：试点企业经综合评价后可纳入重点支持范围，引进符合条件的毕业生实行计划单列，即在引进计划中单独安排。"
        "具体条件以相关人才主管部门的规定为准。",
        "measures",
        ("第十三条",),
    ),
    Term(
        "北交所",
        ("北京证券交易所", "北交所上市"),
        "北京证券交易所。办法第十四条：试点企业可纳入北交所上市重点企业储备库，提供上市管家式服务。",
        "general",
        ("第十四条",),
    ),
    Term(
        "经认定的固定资产投资总额",
        ("固定资产投资", "经认定的固定资产投资"),
        "第十条、第十一条按“经认定的固定资产投资总额”的比例给予支持（低效楼宇改造一项原文写作“固定资产投资总额”）。认定金额以主管部门认定为准。",
        "measures",
        ("第十条", "第十一条"),
    ),
    Term(
        "先进制造",
        ("先进制造业",),
        "办法第五条（三）要求先进制造年营业收入占园区年营业收入比重不低于30%，且现代服务的比重也不低于30%："
        "两个比重分别计算，各自都要达到，不是两者加起来。办法没有明确界定哪些企业属于先进制造，统计口径请向所在区发展改革部门确认。",
        "measures",
        ("第五条（三）",),
    ),
    Term(
        "现代服务",
        ("现代服务业",),
        "办法第五条（三）要求现代服务年营业收入占园区年营业收入比重不低于30%，且先进制造的比重也不低于30%："
        "两个比重分别计算，各自都要达到，不是两者加起来。办法没有明确界定哪些企业属于现代服务，统计口径请向所在区发展改革部门确认。",
        "measures",
        ("第五条（三）",),
    ),
    Term(
        "单位面积年营业收入",
        ("地均产出", "单位面积营收", "平均单位面积年营业收入", "每平米营收", "每平方米营收", "单位面积产出", "地均营收"),
        "办法第五条（四）要求园区内入驻企业平均单位面积年营业收入超过2万元/平方米。办法没有规定面积按建筑面积还是占地面积、"
        "也没有给出计算方法；一般可用入驻企业营业收入合计除以其使用的建筑面积估算，正式申报时以所在区发展改革部门的要求为准"
        "（办法由市发展改革委负责解释）。",
        "measures",
        ("第五条（四）",),
    ),
    Term(
        "营业收入",
        ("含税", "不含税", "合并报表", "单体报表", "合并口径", "单体口径", "营收口径", "收入口径"),
        "办法第五条、第六条的营业收入门槛没有规定统计口径（例如是否含税、按合并报表还是申报主体的单体报表）。"
        "会计上营业收入一般不含增值税；申报时按哪个口径，以所在区发展改革部门的要求为准（办法由市发展改革委负责解释）。",
        "general",
        ("第五条（二）", "第六条（一）1"),
    ),
    Term(
        "近三年平均增长率",
        ("平均增长率", "年均增长率", "复合增长率", "增长率怎么算", "增长率咋算"),
        "办法第六条（二）2 只写“近三年营业收入平均增长率不低于 20%或利润平均增长率不低于 8%”，没有规定平均增长率的算法"
        "（逐年增长率的算术平均，还是复合年均增长率），也没有说明用 3 年还是 4 年的数据。本助手两种算法都算："
        "结论一致时直接给出，不一致时如实说明；请以市发展改革委（负责解释本办法）或所在区发展改革部门确认的口径为准。",
        "measures",
        ("第六条（二）2",),
    ),
    Term(
        "不低于和超过",
        ("不低于和超过", "不低于跟超过", "不低于与超过", "不低于还是超过", "超过还是不低于", "大于等于", "含本数", "等于门槛"),
        COMPARISON_EXPLANATION,
        "measures",
        tuple(dict.fromkeys(th.article for th in ALL_THRESHOLDS)),
    ),
)

SOURCE_LABELS = {"measures": "出自办法原文", "general": "一般含义，非办法原文，仅供参考"}


def find_term(text: str) -> Term | None:
    """The term named in ``text`` (longest name or synonym wins), or None."""
    best: tuple[int, Term] | None = None
    for term in TERMS:
        for word in (term.name, *term.synonyms):
            if word and word in text and (best is None or len(word) > best[0]):
                best = (len(word), term)
    return best[1] if best else None
