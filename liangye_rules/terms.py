"""Plain explanations of terms users ask about.

Each entry says where its meaning comes from: ``measures`` when the text of 京发改规〔2023〕7号 defines or
uses it (with the article), ``general`` when it is the term's ordinary meaning outside the measures; the
assistant says so, and points to the responsible authority for anything binding.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


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
        "“专精特新”一般指具有专业化、精细化、特色化、新颖化特征的中小企业。办法第六条（二）1 所说的“北京市‘专精特新’中小企业”是北京市认定的此类企业称号。"
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
        "办法第九条提出试点通过“弹性年期+弹性规模”方式实现建筑规模增容：新增建筑面积由区政府统筹，出让到期后根据增容空间使用效益和产出情况，"
        "由区政府与用地主体商议续期或拆除。具体操作以规划自然资源部门规定为准。",
        "measures",
        ("第九条",),
    ),
    Term(
        "公示",
        ("公示期",),
        "办法第八条（四）：拟认定试点示范单位名单在市发展改革委网站公示，为期 5 个工作日；公示期满无异议的，确定为正式试点示范单位并公开发布。",
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
        "办法第五条（三）要求先进制造年营业收入占园区年营业收入比重不低于30%。办法没有单独界定哪些企业属于先进制造，统计口径请向所在区发展改革部门确认。",
        "measures",
        ("第五条（三）",),
    ),
    Term(
        "现代服务",
        ("现代服务业",),
        "办法第五条（三）要求现代服务年营业收入占园区年营业收入比重不低于30%。办法没有单独界定哪些企业属于现代服务，统计口径请向所在区发展改革部门确认。",
        "measures",
        ("第五条（三）",),
    ),
    Term(
        "单位面积年营业收入",
        ("地均产出", "单位面积营收", "平均单位面积年营业收入"),
        "办法第五条（四）要求园区内入驻企业平均单位面积年营业收入超过 2 万元/平方米，一般可用入驻企业营业收入合计除以其使用的建筑面积估算。",
        "measures",
        ("第五条（四）",),
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
