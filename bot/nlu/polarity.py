"""Yes, no or not known, read from the whole message: how people answer a yes/no question with a sentence.

``对，用地手续都齐全，边界也清楚`` is a yes to the land question and, in its second clause, to the boundaries
question too; ``刚成立一年，我们可以承诺三年内达标`` answers both new-park questions; ``还在办手续`` is a no;
``没留意过`` is not known, never a no. Deterministic: negation is read within its clause, and idioms that
contain a negation but mean yes (没问题, 没错, 不错) are read as yes.
"""

from __future__ import annotations

import re
from datetime import date

from bot.commands import NOT_KNOWN
from bot.nlu.questions import is_question
from liangye_rules.vocabulary import OTHER_REGIONS

YES, NO, UNKNOWN = "yes", "no", "unknown"

# Idioms with a negation character that mean yes, and words with 不 that negate nothing.
_YES_IDIOMS = re.compile(
    r"没问题|没有问题|没啥问题|没什么问题|不成问题|毫无问题|没错|没毛病|不错|无误|错不了|无疑|无异议|肯定没跑|不是没有"
    r"|(?:没有|没|无|不存在|不涉及|并无)(?:飞地|插花|分散)|不分散|不零散|不插花|没有争议|无争议|不缺"
)
_NOT_NEGATIONS = re.compile(
    r"不过|不少|不仅|不但|不断|不久|没多久|不止|不管|无论|不光|不用说|差不多|不外乎|非常|并非没有|不动产|不好意思|不客气|没关系|未来|是否|否则|无锡|无人机|无线|不锈钢"
)
_DOUBT = re.compile(NOT_KNOWN + r"|不太确定|不大确定|说不好|不好说|不敢说|不一定|可能吧|也许|或许|好像|应该是吧|估计吧")
_NEGATION = re.compile(
    r"不是|没有|没|不|未|无|否|非|尚未|还在办|在办|办理中|正在办|走流程|缺|达不到|做不到|够不上|谈不上|算不上|欠缺|差得远"
)
_AFFIRMATION = re.compile(
    r"是|对|有|嗯|好的|好啊|行|可以|能|齐全|齐备|完备|合法|合规|依法|正规|明确|清楚|清晰|连片|集中|成片|完善|健全|理顺"
    r"|成立|建立|建好|建了|设立|具备|符合|满足|已经|早就|当然|肯定|确定|承诺|保证|达标|属于|就是|没问题|ok|yes|嗯嗯|对的"
    r"|成熟|规范|到位|落实|运转|运行|正常|良好|完整|有了|搭建|建成|配齐|稳定|在管|负责|注册|派出|取得|出让|划拨"
    r"|建起|搭起|齐了|都齐|成型|连在一起|连着|整片|一整块|一片|清(?:处|礎|晰|爽)"  # 四至范围很清处: a typo of 清楚
)
# 园区2010年就有了: founded long before today, so not a new park (the measures do not say how new 新设 is)
_FOUNDED_IN = re.compile(r"((?:19|20)\d\d)\s*年.{0,3}(?:就有|就已经有|有了|成立|建成|设立|开园|建园|挂牌|建的|开的)")
_LONG_AGO_YEARS = 5
# 听说新园区可以承诺三年达标: what the applicant heard of the rules, not a statement about itself
_HEARSAY = re.compile(r"^(?:听说|据说|听人说|网上说|看到说|办法(?:里)?说|规定说|文件(?:里)?说|好像说)")
# Words that a park's parts lie apart (分南北两片，中间隔了七八公里) or together (整片连着): one list for every reader
_APART = r"相隔|相距|隔了|[两三四五几]个片区"
_JOINED = r"连着|连在一起"
_CLAUSE = re.compile(r"[，,；;。！!？?\n、]|(?<![A-Za-z])\s+|\s+(?![A-Za-z])|但是|但|不过|可是")  # 地都是合法的 范围清楚

# Words that name each yes/no condition of 第五条, so that a clause can answer the one it speaks of.
BOOL_CUES: dict[str, re.Pattern] = {
    "land_legally_obtained": re.compile(
        r"土地|用地|地块|产权|不动产|出让|划拨|拿地|土地证|用地手续|空间.*取得|依法取得|合法取得|^地(?:都|是|也|皮)"
    ),
    "boundaries_defined_and_contiguous": re.compile(
        r"四至|边界|范围明确|连片|集中|成片|分散|飞地|插花|红线|地.{0,4}[两三四五几]块|[两三四五几]块地|不挨着|隔开"
        rf"|{_JOINED}|{_APART}|[两三四五几]片(?!区域)"
    ),
    "management_body_qualified": re.compile(
        r"管委会|管理机构|管理方|管理单位|管理公司|派出|法人|注册|事业单位|平台公司|运营主体|运营公司|运营方|运营单位"
    ),
    "operating_mechanism_established": re.compile(
        r"运营管理机制|运营机制|管理机制|机制|管理制度|服务体系|理顺|运营(?!主体|方|单位)"  # asked: 运营公司也已经成立了 is a yes
    ),
    "newly_established": re.compile(
        r"新设|新成立|刚成立|新建|刚建|新园区|刚设立|刚批|刚挂牌|新挂牌|(?:去年|今年|前年)(?:才|刚)?(?:成立|设立|挂牌)|老园区"
        r"|(?:成立|建成|运营|开园|建园).{0,4}年|没多久|不久|" + _FOUNDED_IN.pattern
    ),
    "commits_within_3_years": re.compile(r"承诺|三年内|3年内|三年之内|3年之内|达标|达到条件|保证"),
}
# Facts whose own words can say no without a negation: 老园区 is not new; a body registered in 天津 is not
# 北京市内合法注册的法人单位.
_NO_WITHOUT_NEGATION = {
    "newly_established": re.compile(
        r"老园区|多年|很久|十几年|几十年|好些年|好几年|好多年|有些年头|有年头了|早就成立|(?:成立|建成|设立|运营|开园).{0,3}(?:[十二三四五六七八九]+|[2-9]|\d{2,})\s*(?:多|来|几)?年"
    ),
    "management_body_qualified": re.compile("|".join((*OTHER_REGIONS, "外地", "外省", "境外", "国外", "香港"))),
    "boundaries_defined_and_contiguous": re.compile(rf"飞地|插花|分散|[两三四五几]块|好几块|不挨着|隔开|{_APART}|[两三四五几]片"),
}


_NOT_YET_YEARS = re.compile(
    r"(?:成立|设立|建成|挂牌|开园|运营|建园)[^，。；;]{0,4}?(?:还?不到|不满|不足|没到|还没到|才|刚|刚刚)\s*(?:[一二两三1-3]|半)\s*(?:个)?年|没几年|才几年"
)
# Conditions that join two parts (四至范围明确 and 空间集中连片): words of the second part
_PARTS = {
    "boundaries_defined_and_contiguous": re.compile(
        rf"连片|集中|成片|飞地|插花|分散|不挨|片区之间|{_JOINED}|{_APART}|[两三四五几]片"
    )
}

# 没有插花地块 speaks of the boundaries: a clause whose only land word is 地块 next to a boundaries word says nothing of
# how the land was obtained.
_ONLY_PLOTS = re.compile(
    r"^(?!.*(?:用地手续|产权|出让|划拨|拿地|土地证|依法|合法|手续|不动产|取得)).*"
    r"(?:飞地|插花|连片|分散|四至|边界|[两三四五几]块|不挨|隔开|隔着).*$"
)
_ASSERTS = re.compile(r"是|属于|刚|去年|今年|前年|我们|才|年了|不久|没多久|新建的?.{0,10}园|(?:19|20)\d\d\s*年")


def _clean(text: str) -> str:
    text = _YES_IDIOMS.sub("对", text.lower())
    return _NOT_NEGATIONS.sub("", text)


def polarity(text: str) -> str | None:
    """``yes``, ``no`` or ``unknown`` for a whole answer, or None when it says none of them."""
    if _DOUBT.search(text):
        return UNKNOWN
    cleaned = _clean(text)
    if _NEGATION.search(cleaned):
        return NO
    if _AFFIRMATION.search(cleaned):
        return YES
    return None


# The body is named as the subject of other sentences too (管委会承诺…): it answers the question about the body only
# when the clause says what the body is.
_IDENTITY = re.compile(r"是|为|属于|注册|派出|设立|成立|法人|事业单位|机构|公司|外地|外省|天津|河北")
_PARK_BODY = re.compile(r"管委会|管理机构|管理公司|管理方|管理单位|派出|运营主体|运营公司|运营方|平台公司|事业单位")
# Unasked, a clause answers a condition only when it says the condition's own substance: 我是园区管委会的 names the
# body but says nothing about it being registered in Beijing; 我们是运营方 says nothing about a mechanism.
_SUBSTANCE = {
    "management_body_qualified": re.compile(
        "|".join(("派出", "法人", "注册", "事业单位", "政府", "国有", "国企", *OTHER_REGIONS))
    ),
    "operating_mechanism_established": re.compile(
        r"机制|制度|体系|理顺|运营.{0,6}(建立|建好|建起|健全|成熟|规范|到位|完善|运转|顺|齐)"
    ),
    "boundaries_defined_and_contiguous": re.compile(
        rf"连片|成片|四至|边界|范围|飞地|插花|分散|红线|[两三四五几]块|{_JOINED}|{_APART}|[两三四五几]片"
    ),
    "newly_established": re.compile(
        r"新设|成立|设立|挂牌|刚批|刚建|老园区|多年|很久|新建.{0,10}园|新园区|没多久|不久|(?:建成|运营|开园|建园).{0,4}年|"
        + _FOUNDED_IN.pattern
    ),
    # 各项指标现在都不达标 speaks of today, not of a commitment for the next three years
    "commits_within_3_years": re.compile(r"承诺|保证|预计|有信心|有把握|(?:三|3)年(?:内|之内|以内)|未来|将来|以后|到时候"),
}


def _clause_polarity(fact: str, clause: str, asked: bool = False) -> str | None:
    founded = _FOUNDED_IN.search(clause) if fact == "newly_established" else None
    if founded and int(founded.group(1)) <= date.today().year - _LONG_AGO_YEARS:
        return NO
    if fact == "management_body_qualified" and not _IDENTITY.search(_clean(clause)):
        return None
    if fact == "management_body_qualified" and not asked and not _PARK_BODY.search(clause):
        return None  # 我们公司注册在河北 speaks of an enterprise, not of a park's management body
    if not asked and fact in _SUBSTANCE and not _SUBSTANCE[fact].search(clause):
        return None  # 园子不是我们在运营 says who operates the park, not whether a mechanism exists
    if fact == "newly_established" and _NOT_YET_YEARS.search(clause):
        return YES  # 园区成立还不到两年: the 不 says how young it is, not that it is not new
    said = polarity(clause)
    says_no = fact in _NO_WITHOUT_NEGATION and _NO_WITHOUT_NEGATION[fact].search(_YES_IDIOMS.sub("对", clause))
    if said in (YES, None) and says_no:
        return NO  # 老园区, 注册在天津, 有两块飞地 (but 没有飞地 is a yes)
    if said is None and fact == "newly_established" and BOOL_CUES[fact].search(clause) and _ASSERTS.search(clause):
        return YES  # 刚成立一年 / 我们是新设园区: restating the condition is a yes (新设园区路径 is only a name)
    return said


_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:亿|万|千|%|成|元|块|平|名|位)|百分之|[一二两三四五六七八九十]+\s*(?:亿|万|成)")


def _clauses(text: str) -> list[str]:
    return [c for c in (c.strip() for c in _CLAUSE.split(text)) if c]


# 管理公司注册在天津可以吗: a fact stated, then whether it will do; the statement before the tail is read as said
_WHETHER_IT_DOES = re.compile(
    r"(?:这样|这种情况|这个)?(?:可以|行|能申报|能报|能不能报|能否申报|符合要求|符合条件|算数|有问题|影响申报)"
    r"[^，,。]{0,6}?(?:吗|么|不|没有?|呢)\s*$"
)
_SUPPOSED = re.compile(r"如果|假如|要是|假设|万一|的话")


def _statement_of(clause: str) -> str:
    """The clause without a tail asking whether what it states will do; a supposition stays a question."""
    stated = _WHETHER_IT_DOES.sub("", clause)
    if stated == clause or len(stated) < 4 or is_question(stated) or _SUPPOSED.search(stated):
        return clause
    return stated


def _names_condition(clause: str) -> bool:
    return any(cue.search(clause) for cue in BOOL_CUES.values())


def conditions_answered(text: str, asked: bool = False) -> dict[str, str]:
    """The yes/no conditions the message speaks of, clause by clause, each with its polarity (questions skipped).

    Unasked (the default), a condition counts only where its clause says its substance; ``asked=True`` reads a
    clause that merely names the condition too, for the one question the assistant asked (我们是管委会 → yes).
    """
    answered: dict[str, str] = {}
    torn: set[str] = set()
    substantive: dict[str, set[str]] = {}  # fact -> polarities said in clauses that say its substance
    parts: dict[str, dict[str, set[str]]] = {}  # fact -> part -> polarities said of it
    for said_clause in _clauses(text):
        clause = _statement_of(said_clause)
        if _FIGURE.search(clause) or is_question(clause) or _HEARSAY.search(clause):
            continue  # a clause with figures speaks of figures; a question or hearsay asserts nothing
        for fact, cue in BOOL_CUES.items():
            if not cue.search(clause) or (fact == "land_legally_obtained" and _ONLY_PLOTS.search(clause)):
                continue
            said = _clause_polarity(fact, clause, asked)
            stated_only = clause != said_clause and said != NO
            if said is None or (stated_only and not (fact in _SUBSTANCE and _SUBSTANCE[fact].search(clause))):
                continue  # 土地是租的能报吗 asks whether renting will do; 注册在天津可以吗 has said no already
            part = "contiguous" if fact in _PARTS and _PARTS[fact].search(clause) else "whole"
            parts.setdefault(fact, {}).setdefault(part, set()).add(said)
            if fact in _SUBSTANCE and _SUBSTANCE[fact].search(clause):
                substantive.setdefault(fact, set()).add(said)
            if answered.setdefault(fact, said) != said:
                torn.add(fact)  # 成立了……不是新设的 read both ways: no answer rather than a wrong one
    for fact in torn & set(_PARTS):
        # 四至也清楚，但三个片区之间不连片: each part said once, one of them no, so the condition (both parts) is not met
        if (
            all(len(said) == 1 for said in parts[fact].values())
            and len(parts[fact]) == 2
            and NO in set().union(*parts[fact].values())
        ):
            answered[fact] = NO
            torn.discard(fact)
    for fact in list(torn):
        # 管理机构是一家运营公司，注册地在河北: the clause that says the substance (where registered) decides
        if len(substantive.get(fact, set())) == 1:
            answered[fact] = substantive[fact].pop()
            torn.discard(fact)
    return {fact: said for fact, said in answered.items() if fact not in torn}


def general_polarity(text: str) -> str | None:
    """The polarity of the clauses that name no condition (是的，不过边界不太连片 → yes): the answer to whatever was asked."""
    clauses = _clauses(text)
    if not clauses or is_question(clauses[-1]) or re.search(r"[?？]", text):
        return None  # a message that asks something is no yes or no (我们两类同时报，行不行？); a question inside
        # one that then answers (要不要做承诺，得等领导定，我现在说不好) is still an answer
    rest = "，".join(c for c in clauses if not _names_condition(c) and not _FIGURE.search(c) and not is_question(c))
    return polarity(rest) if rest else None


def answer_to_condition(fact: str, text: str) -> str | None:
    """How ``text`` answers the yes/no question about ``fact``: the clause naming it, else the clauses naming none.

    The interview reads the NLU's entities the same way (the condition's own entity first, then ``polarity``).
    """
    return conditions_answered(text).get(fact) or conditions_answered(text, asked=True).get(fact) or general_polarity(text)
