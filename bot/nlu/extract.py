"""Deterministic extraction of facts and vocabulary from a Chinese message.

Built on a blank spaCy ``zh`` pipeline with the jieba segmenter and an ``EntityRuler`` whose patterns are
generated from ``liangye_rules`` (fact cues, titles, terms, key-field keywords, project types, districts).
Numbers are found by pattern and parsed by ``liangye_rules.parse``; each number is assigned to the fact
whose cue word precedes it in the same clause. No machine learning is involved.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import Any

import cn2an
import jieba
import spacy
import zhconv
from spacy.matcher import PhraseMatcher

from bot.commands import says_not_known
from bot.nlu.polarity import NO, UNKNOWN, YES, conditions_answered, general_polarity
from bot.nlu.questions import A_NOT_A, is_question
from bot.nlu.tracks import switch_position, switched_track
from liangye_rules.articles import ARTICLE_REFERENCE, parse_article_number
from liangye_rules.facts import FACT_SPECS, HISTORY_LENGTHS, HISTORY_YEARS, YEARLY_FACTS
from liangye_rules.growth import growth_readings, index_of_rates
from liangye_rules.key_fields import match_key_fields
from liangye_rules.parse import (
    ParseError,
    decimals_as_digits,
    format_amount,
    parse_amount,
    parse_percent,
    share_of,
    share_of_figure,
)
from liangye_rules.ranges import Range
from liangye_rules.silences import silences_asked
from liangye_rules.terms import TERMS
from liangye_rules.vocabulary import (
    APPLICANT_TYPE_WORDS,
    BEIJING_DISTRICTS,
    DISTRICT_ALIASES,
    FACT_CUES,
    HISTORY_CUES,
    OTHER_REGIONS,
    PROJECT_TYPE_WORDS,
    TITLE_SYNONYMS,
    fold_homophones,
)

_CN = "零〇一二两三四五六七八九十百千万亿点"
_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:e[+-]?\d+)?|[{_CN}]+)"
_NEG = r"(?:负增长|负|-|−|亏损|(?:下降|下滑|减少|降低|下跌|掉|跌|降|缩水|往下走)了?)"
_UNIT = r"(?:万亿|亿|千万|百万|十万|万|千)"


def _hi(name: str) -> str:
    """The upper end of a spoken range (15~16亿, written out by ``normalise``)."""
    return rf"(?:~(?P<{name}>{_NUM}))?"


_NUMBER_RE = re.compile(
    rf"(?P<neg>{_NEG})?\s*(?:"
    rf"百分之(?P<pct_cn>{_NUM}){_hi('pct_cn_hi')}"
    rf"|(?P<pct>{_NUM}){_hi('pct_hi')}\s*(?:[%％]|个百分点|个点)"
    rf"|(?P<cheng>[\d一二两三四五六七八九])(?:~(?P<cheng_hi>\d))?成(?P<cheng2>[\d一二三四五六七八九])?"
    rf"|(?P<rank_pre>第|(?<![目之以年提当此先眼面事从日向往跟空])前)\s*(?P<rank>{_NUM}){_hi('rank_hi')}"
    rf"(?![\d{_CN}.]|\s*[%％元块])\s*(?P<rank_suf>名|位)?"
    rf"|(?P<rank_after>{_NUM})\s*(?:名|位)\s*(?:开外|以后|之后|以外|往后|以下)"
    rf"|(?P<amt>{_NUM}){_hi('amt_hi')}\s*(?P<unit>{_UNIT})?\s*(?P<yuan>元|块(?![地加合片园都儿区]|一起|的地))?"
    rf")",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{3,4}-\d{7,8})(?!\d)")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Spaces part clauses too (营收9个亿 服务投入占22% 排名不清楚), except inside a run of Latin words (New Energy)
_CLAUSE_SPLIT = re.compile(r"[，,；;。！!？?\n:：]|(?<![A-Za-z])\s+|\s+(?![A-Za-z])")
_AREA_SUFFIX = re.compile(r"^\s*(?:元)?\s*(?:/|每)\s*(?:平方米|平米|平|m2|㎡)")
_GROWTH_OF = {"annual_revenue": "avg_revenue_growth"}  # 营收下降5% is a growth rate
_SHARE_FACTS = {"advanced_manufacturing_share", "modern_services_share", "key_field_revenue_share", "service_input_share"}
_AMOUNT_FACTS = {"annual_revenue", "revenue_per_square_meter"}
_PERCENT_FACTS = {
    "advanced_manufacturing_share",
    "modern_services_share",
    "key_field_revenue_share",
    "service_input_share",
    "avg_revenue_growth",
    "avg_profit_growth",
}


_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_D = "一二两三四五六七八九"
# 十五六个亿, 二十四五, 七八千万, 三四成: two neighbouring digits say "this or the next" (15–16亿)
_NEIGHBOURS = re.compile(
    rf"(?<![{_D}十百千])(?P<tens>[{_D}]?十)?(?P<a>[{_D}])(?P<b>[{_D}])(?=个?(?:千万|百万|万亿|亿|万|千|成|个点|%|名|位))"
)
_NEIGHBOUR_TENS = re.compile(rf"(?<![{_D}十百千])(?P<a>[{_D}])(?P<b>[{_D}])十(?=个?(?:万亿|亿|万|成|个点|%|名|位))")
_NEIGHBOURS_AFTER_PCT = re.compile(rf"百分之(?P<tens>[{_D}]?十)?(?P<a>[{_D}])(?P<b>[{_D}])(?![{_D}十百千])")
# 两万七八 (2.7–2.8万), 八亿八 (8.8亿), 两万三 (2.3万): a digit after the unit is its tenth
_TENTHS_RANGE_UNIT = re.compile(rf"(?P<x>[\d{_D}十百]+)(?P<u>亿|万)(?P<a>[{_D}])(?P<b>[{_D}])(?P<s>千万|千)")
_TENTHS_RANGE = re.compile(rf"(?P<x>[\d{_D}十百]+)(?P<u>亿|万)(?P<a>[{_D}])(?P<b>[{_D}])(?![\d{_D}十百千万亿])")
_TENTHS = re.compile(rf"(?P<x>[\d{_D}十百]+)(?P<u>亿|万)(?P<a>[{_D}])(?![\d{_D}十百千万亿])")


def _cn_int(text: str) -> int | None:
    """``十五`` → 15, ``二十`` → 20, ``8`` → 8; None when it is not a whole number."""
    if text.isdigit():
        return int(text)
    try:
        value = cn2an.cn2an(text.replace("两", "二"), "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


def _neighbours(m: re.Match, prefix: str = "") -> str:
    a, b = _CN_DIGIT[m.group("a")], _CN_DIGIT[m.group("b")]
    if b != a + 1:
        return m.group(0)
    tens = _cn_int(m.group("tens")) if m.group("tens") else 0
    if tens is None:
        return m.group(0)
    return f"{prefix}{tens + a}~{tens + b}"


def _tenths(m: re.Match) -> str:
    whole = _cn_int(m.group("x"))
    if whole is None:
        return m.group(0)
    a = _CN_DIGIT[m.group("a")]
    if "b" in m.groupdict():
        b = _CN_DIGIT[m.group("b")]
        if b != a + 1:
            return m.group(0)
        return f"{whole}.{a}~{whole}.{b}{m.group('u')}"
    return f"{whole}.{a}{m.group('u')}"


# 十几个亿 (11–19亿), 二十几 (21–29), 几十个亿 (20–90亿), 几百万 (200–900万): 几 is a digit from 2 to 9 or 1 to 9
_SOME_TENS = re.compile(
    rf"(?<![{_D}十百千])(?P<hundreds>[{_D}]百)?(?P<tens>[{_D}]?十)几(?=个?(?:千万|百万|万亿|亿|万|千|成|个点|%|名|位))"
)
_TENS_OF = re.compile(r"(?<![一二两三四五六七八九十])几(?P<unit>十|百|千)(?=个?(?:万亿|亿|万|名|位|%))")


def _some(m: re.Match) -> str:
    if "tens" in m.groupdict() and m.group("tens") is not None:
        tens = _cn_int(m.group("tens"))
        hundreds = _cn_int(m.group("hundreds")) if m.group("hundreds") else 0  # 一百三十几个亿: 131~139
        return m.group(0) if tens is None or hundreds is None else f"{hundreds + tens + 1}~{hundreds + tens + 9}"
    unit = {"十": 10, "百": 100, "千": 1000}[m.group("unit")]
    return f"{2 * unit}~{9 * unit}"


_FRACTION = re.compile(rf"(?P<d>[\d{_D}十]+)分之(?P<n>[\d{_D}十]+)")
_HUNDREDS_NEIGHBOURS = re.compile(rf"(?P<h>[{_D}])百(?P<a>[{_D}])(?P<b>[{_D}])十?(?=个?(?:万亿|亿|万))")


def _fraction(m: re.Match) -> str:
    """``三分之一`` → ``33.33%``."""
    whole, part = _cn_int(m.group("d")), _cn_int(m.group("n"))
    if not whole or part is None or part > whole:
        return m.group(0)
    return f"{part / whole * 100:.2f}%"


# A lone digit written next to a Chinese unit of the same figure (1百3十多亿 → 一百三十多亿, 2万8 → 2万八)
_MIXED_UNITS = re.compile(
    r"(?<![\d.])\d(?=[十百千](?![米克斤])|[万亿](?:[一二两三四五六七八九]|\d[千百]))|(?<=[十百千万亿])\d(?![\d.%％])"
)  # 3万1千 → 三万一千
_DIGIT_CN = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
_HUNDRED_AND = re.compile(rf"(?<![{_D}十百千])(?P<h>[{_D}])百零(?:(?P<a>[{_D}])(?P<b>[{_D}])|几)(?=个?(?:万亿|亿|万|名|位|%))")


def _hundred_and(m: re.Match) -> str:
    """``一百零几`` → ``101~109``, ``一百零五六`` → ``105~106``."""
    base = _CN_DIGIT[m.group("h")] * 100
    if m.group("a") is None:
        return f"{base + 1}~{base + 9}"
    a, b = _CN_DIGIT[m.group("a")], _CN_DIGIT[m.group("b")]
    return f"{base + a}~{base + b}" if b == a + 1 else m.group(0)


# A share said as an explicit range: 30%到50%, 三成到五成, 三到五成, 百分之三十到(百分之)五十
_CN_NUM = "零一二两三四五六七八九十"
_SHARE_RANGE = re.compile(
    r"(?P<a>\d+(?:\.\d+)?)\s*%\s*(?:到|至|~|-|—)\s*(?P<b>\d+(?:\.\d+)?)\s*%"
    rf"|(?P<ca>[{_D}])成?\s*(?:到|至)\s*(?P<cb>[{_D}])成"
    rf"|百分之(?P<pa>[{_CN_NUM}]+)\s*(?:到|至)\s*(?:百分之)?(?P<pb>[{_CN_NUM}]+)(?![{_CN_NUM}]|\s*(?:亿|万|千|名|位|年))"
)


def _share_range(m: re.Match) -> str:
    """``三成到五成`` → ``30~50%``; a range whose ends are not in order is left as said."""
    if m.group("a"):
        low, high = float(m.group("a")), float(m.group("b"))
    elif m.group("ca"):
        low, high = _CN_DIGIT[m.group("ca")] * 10, _CN_DIGIT[m.group("cb")] * 10
    else:
        low, high = cn2an.cn2an(m.group("pa"), "smart"), cn2an.cn2an(m.group("pb"), "smart")
    return f"{low:g}~{high:g}%" if low < high else m.group(0)


# An amount said as an explicit range: 三到五亿, 3亿到5亿, 十到十二个亿, 八千万到一点二亿 (not 从3亿到5亿: a change)
_AMOUNT_RANGE = re.compile(
    rf"(?<!从)(?<![\d.{_CN_NUM}百千])(?P<a>\d+(?:\.\d+)?|[{_CN_NUM}百千]+)\s*(?P<ua>亿|千万|万)?\s*(?:元|块)?\s*(?:到|至|~|-|—)\s*"
    rf"(?P<b>\d+(?:\.\d+)?|[{_CN_NUM}百千]+)\s*个?\s*(?P<ub>亿|千万|万)(?!多)"
)
_UNIT_VALUE = {"亿": 1e8, "千万": 1e7, "万": 1e4}


def _amount_range(m: re.Match) -> str:
    """``三到五亿`` → ``3~5亿``, ``八千万到1.2亿`` → ``8000~12000万``; ends out of order are left as said."""
    try:
        low, high = (float(cn2an.cn2an(m.group(k), "smart")) for k in ("a", "b"))
    except ValueError:
        return m.group(0)
    low_unit, high_unit = m.group("ua") or m.group("ub"), m.group("ub")
    low, high = low * _UNIT_VALUE[low_unit], high * _UNIT_VALUE[high_unit]
    if not 0 < low < high:
        return m.group(0)
    unit = "亿" if low >= 1e8 and high >= 1e8 else "万"
    return f"{low / _UNIT_VALUE[unit]:g}~{high / _UNIT_VALUE[unit]:g}{unit}"


_WAN_AND = re.compile(rf"(?<![{_D}十百千])(?P<w>[{_D}])万零(?P<h>[{_D}几])百(?!万|亿|多万)")


_COUNTED_YI = re.compile(r"(?<=[\d零一二两三四五六七八九十])\s*个\s*亿(?=[\d零一二两三四五六七八九])")
_WAN_AFTER_YI = re.compile(
    r"(?<=亿)(?P<n>零?[一二两三四五六七八九]千(?:[零一二两三四五六七八九]百?)?|零?[一二两三四五六七八九]百)(?![\d零一二两三四五六七八九十百千万亿元块])"
)


def _wan_after_yi(m: re.Match) -> str:
    """``一亿二千五`` is 1亿2500万 as people say it: the thousands after 亿 are of 万元 (二千五 is 二千五百)."""
    return f"{int(parse_amount(m.group('n').lstrip('零')))}万"


def _wan_and(m: re.Match) -> str:
    """``两万零五百`` → ``2.05万``, ``两万零几百`` → ``2.01~2.09万``: hundreds after 万零."""
    w = _CN_DIGIT[m.group("w")]
    if m.group("h") == "几":
        return f"{w}.01~{w}.09万"
    return f"{w}.0{_CN_DIGIT[m.group('h')]}万"


def _hundreds_neighbours(m: re.Match) -> str:
    """``一百六七十亿`` → ``160~170亿``."""
    h, a, b = (_CN_DIGIT[m.group(k)] for k in ("h", "a", "b"))
    return f"{h * 100 + a * 10}~{h * 100 + b * 10}" if b == a + 1 else m.group(0)


def _neighbour_tens(m: re.Match) -> str:
    """``二三十`` → ``20~30``."""
    a, b = _CN_DIGIT[m.group("a")], _CN_DIGIT[m.group("b")]
    return f"{a * 10}~{b * 10}" if b == a + 1 else m.group(0)


def _tenths_unit(m: re.Match) -> str:
    """``两万六七千`` → ``2.6~2.7万``: the digits after the unit count the next unit down."""
    if (m.group("u"), m.group("s")) not in (("万", "千"), ("亿", "千万")):
        return m.group(0)
    return _tenths(m)


_HOMOPHONE_AMOUNT = re.compile(r"([\d零一二两三四五六七八九十百千]\s*(?:个|多)?)\s*忆")
_HOMOPHONE_TITLE = re.compile(r"高薪(?=技术|企业|证|资质|认定)")
_HOMOPHONE_SHARE = re.compile(
    r"(?<=[一二两三四五六七八九十\d])层(?=左右|多|以上|上下|出头|不到|的样子|吧|[，,。；;！!？?\s]|$)"
)  # 四层左右


_LOANWORDS = tuple(
    (re.compile(rf"(?<![A-Za-z]){word}(?![A-Za-z])", re.IGNORECASE), chinese)
    for word, chinese in (("revenue", "营收"), ("profit", "利润"), ("share", "占比"), ("yoy", "同比"))
)
_AND_A_HALF = re.compile(
    r"(?<![\d.一二两三四五六七八九十])([\d一二两三四五六七八九十]+)\s*个半\s*(亿|万)|(?<![\d一二两三四五六七八九十])半个?(亿)"
)


def _and_a_half(m: re.Match) -> str:
    if m.group(3):
        return "0.5亿"  # 半个亿
    whole = int(m.group(1)) if m.group(1).isdigit() else _cn_int(m.group(1))
    return f"{whole}.5{m.group(2)}" if whole is not None else m.group(0)


def normalise(text: str) -> str:
    """NFKC width folding, traditional characters, and spoken figures written out.

    ``100多亿`` → ``100亿多`` (the hedge after the unit, read as a range later); ``十五六个亿`` → ``15~16亿``;
    ``两万七八`` → ``2.7~2.8万``; ``八亿八`` → ``8.8亿``; fillers between number and unit (来, 个) are dropped.
    """
    text = fold_homophones(zhconv.convert(unicodedata.normalize("NFKC", text), "zh-cn"))
    for pattern, word in _LOANWORDS:  # revenue四个亿, 现代服务share四成多: the facts' English names
        text = pattern.sub(word, text)
    text = _AND_A_HALF.sub(_and_a_half, text)  # 一个半亿: 1.5亿
    text = _MIXED_UNITS.sub(lambda m: _DIGIT_CN[m.group(0)], text)  # 1百3十多亿, 2万8: one way of writing the figure
    text = _COUNTED_YI.sub("亿", text)  # 一个亿二: 一亿二
    text = _WAN_AFTER_YI.sub(_wan_after_yi, text)  # 一亿二千五: 1亿2500万
    text = decimals_as_digits(text)  # 九点八个亿
    text = _HUNDRED_AND.sub(_hundred_and, text)  # 一百零几个亿, 一百零五六个亿
    text = _WAN_AND.sub(_wan_and, text)  # 两万零几百 (元每平米)
    text = _SHARE_RANGE.sub(_share_range, text)  # 三成到五成之间
    text = _AMOUNT_RANGE.sub(_amount_range, text)  # 营收三到五亿
    text = _HOMOPHONE_AMOUNT.sub(r"\1亿", text)  # 8个忆: the pinyin input method's homophone for 亿
    text = _HOMOPHONE_TITLE.sub("高新", text)  # 高薪技术企业
    text = _HOMOPHONE_SHARE.sub("成", text)  # 先进制造占比四层左右: 层 typed for 成
    text = re.sub(r"(\d|[零一二两三四五六七八九十百千])\s*个?\s*(?:多|余)\s*个?\s*(亿|万)", r"\1\2多", text)
    text = re.sub(r"(?<=[\d万千百十亿元块一二两三四五六七八九])\s*一\s*(?=平方米|平米|平|个平方)", "每", text)  # 两万三一平米
    text = _SOME_TENS.sub(_some, text)
    text = _TENS_OF.sub(_some, text)
    text = re.sub(r"(?<![\d一二两三四五六七八九十百千万亿])一\s*(?=平方米|平米)", "每", text)  # 一平米一年三万块
    text = _FRACTION.sub(_fraction, text)
    text = _HUNDREDS_NEIGHBOURS.sub(_hundreds_neighbours, text)
    text = _TENTHS_RANGE_UNIT.sub(_tenths_unit, text)
    text = _NEIGHBOUR_TENS.sub(_neighbour_tens, text)
    text = _NEIGHBOURS_AFTER_PCT.sub(lambda m: _neighbours(m, "百分之"), text)
    text = _NEIGHBOURS.sub(_neighbours, text)
    text = _TENTHS_RANGE.sub(_tenths, text)
    text = _TENTHS.sub(_tenths, text)
    text = re.sub(r"(\d|[零一二两三四五六七八九十百千])\s*来?\s*个?\s*(?=亿|万)", r"\1", text)
    text = re.sub(r"一半以上|过半|超过一半|大半", "50%以上", text)
    text = re.sub(r"一半|半数", "50%", text)
    return text


@dataclass
class _Number:
    start: int
    end: int
    kind: str  # amount | percent | rank | bare | area
    value: float
    text: str
    fact: str | None = None
    unit_given: bool = True
    bounds: Range | None = None  # set when the figure is only known within bounds (15~16亿, 不到8%, 三成多)

    def value_or_range(self) -> Any:
        """The canonical value, or the JSON form of its range."""
        if self.bounds is not None:
            return {**self.bounds.to_dict(), "said": self.bounds.said.replace("~", "到")}
        return int(self.value) if self.kind == "rank" else self.value


@dataclass
class Extraction:
    """What one message says: facts by id, leftover numbers, and vocabulary hits."""

    facts: dict[str, Any] = field(default_factory=dict)
    amounts: list[float] = field(default_factory=list)
    supposed_amounts: list[float] = field(default_factory=list)  # 如果投资5000万: supposed, for an estimate only
    percents: list[float] = field(default_factory=list)
    bare_numbers: list[float] = field(default_factory=list)
    ranks: list[int] = field(default_factory=list)
    key_fields: list[dict] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    titles_absent: list[str] = field(default_factory=list)
    titles_mentioned: list[str] = field(default_factory=list)  # named in a question or with doubt: neither held nor not
    unlisted_titles: list[str] = field(default_factory=list)  # titles 第六条 does not list (中关村高新技术企业)
    terms: list[str] = field(default_factory=list)
    silences: list[str] = field(default_factory=list)  # details the measures leave open that the message asks about
    article: int | None = None
    project_types: list[str] = field(default_factory=list)
    applicant_types: list[str] = field(default_factory=list)
    track_switch: str | None = None  # the track the user switches to (改成按成长型看)
    facts_named: list[str] = field(default_factory=list)  # facts whose words appear, with or without a figure
    correction: bool = False  # the message corrects something said before (更正一下, 说错了)
    part_amounts: list[dict] = field(default_factory=list)  # 先进制造营收48亿: {"fact": share fact, "amount": yuan}
    floor_areas: list[float] = field(default_factory=list)  # 入驻企业用房总面积四十万平米: square metres
    not_known: list[str] = field(default_factory=list)  # 排名不清楚: facts the message says are not known
    district: str | None = None
    phone: str | None = None
    email: str | None = None
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    uncertain: list[dict] = field(default_factory=list)  # figures said with doubt: {"fact": id or None, "said": clause}
    local_ranks: list[str] = field(default_factory=list)  # ranks said within Beijing or a district, not nationally
    polarity: str | None = None  # yes | no | unknown: the answer to a yes/no question, from clauses naming no condition
    conditions: dict[str, str] = field(default_factory=dict)  # yes/no conditions the message answers, each's polarity
    conditions_named: dict[str, str] = field(default_factory=dict)  # also those only named: an answer if asked

    def entities(self) -> list[dict]:
        """Rasa-style entity dicts (value canonical: yuan, percent, ids)."""
        out: list[dict] = [{"entity": k, "value": v} for k, v in self.facts.items()]
        out += [{"entity": "amount", "value": v} for v in self.amounts]
        out += [{"entity": "supposed_amount", "value": v} for v in self.supposed_amounts]
        out += [{"entity": "percent", "value": v} for v in self.percents]
        out += [{"entity": "number", "value": v} for v in self.bare_numbers]
        out += [{"entity": "rank", "value": v} for v in self.ranks]
        out += [{"entity": "key_field", "value": m["id"], "matched": m["matched"]} for m in self.key_fields]
        out += [{"entity": "title", "value": t} for t in self.titles]
        out += [{"entity": "title_absent", "value": t} for t in self.titles_absent]
        out += [{"entity": "title_mentioned", "value": t} for t in self.titles_mentioned]
        out += [{"entity": "unlisted_title", "value": t} for t in self.unlisted_titles]
        out += [{"entity": "term", "value": t} for t in self.terms]
        out += [{"entity": "silence", "value": d} for d in self.silences]
        out += [{"entity": "project_type", "value": p} for p in self.project_types]
        out += [{"entity": "applicant_type", "value": a} for a in self.applicant_types]
        out += [{"entity": "fact_named", "value": f} for f in self.facts_named]
        out += [{"entity": "part_amount", "value": p} for p in self.part_amounts]
        out += [{"entity": "floor_area", "value": a} for a in self.floor_areas]
        out += [{"entity": "fact_not_known", "value": f} for f in self.not_known]
        if self.correction:
            out.append({"entity": "correction", "value": True})
        for name in ("article", "track_switch", "district", "phone", "email"):
            value = getattr(self, name)
            if value is not None:
                out.append({"entity": name, "value": value})
        out += [{"entity": "parse_error", "value": e} for e in self.errors]
        out += [{"entity": "parse_note", "value": n} for n in self.notes]
        out += [{"entity": "uncertain_figure", "value": u} for u in self.uncertain]
        out += [{"entity": "local_rank", "value": r} for r in self.local_ranks]
        out += [{"entity": fact, "value": _BOOL_VALUES[said]} for fact, said in self.conditions.items()]
        if self.conditions_named:
            out.append({"entity": "condition_named", "value": self.conditions_named})
        if self.polarity is not None:
            out.append({"entity": "polarity", "value": self.polarity})
        return out


_BOOL_VALUES: dict[str, Any] = {YES: True, NO: False, UNKNOWN: "unknown"}


def _vocabulary() -> list[tuple[str, str]]:
    """(label, phrase) pairs for the EntityRuler, generated from liangye_rules."""
    pairs: list[tuple[str, str]] = []
    for fact, cues in FACT_CUES.items():
        pairs += [(f"CUE|{fact}", c) for c in cues]
    for title, words in TITLE_SYNONYMS.items():
        pairs += [(f"TITLE|{title}", w) for w in words]
    for term in TERMS:
        pairs += [(f"TERM|{term.name}", w) for w in (term.name, *term.synonyms)]
    for project, words in PROJECT_TYPE_WORDS.items():
        pairs += [(f"PROJECT|{project}", w) for w in words]
    for applicant, words in APPLICANT_TYPE_WORDS.items():
        pairs += [(f"APPLICANT|{applicant}", w) for w in words]
    pairs += [(f"DISTRICT|{d}", d) for d in BEIJING_DISTRICTS]
    pairs += [(f"DISTRICT|{canonical}", alias) for alias, canonical in DISTRICT_ALIASES.items()]
    return pairs


def domain_words() -> list[str]:
    """Every vocabulary phrase, for jieba's user dictionary (so each is segmented as one token)."""
    return sorted({phrase for _, phrase in _vocabulary() if len(phrase) > 1})


@lru_cache(maxsize=1)
def _pipeline() -> tuple[spacy.language.Language, PhraseMatcher]:
    """A blank ``zh`` pipeline with jieba, and a PhraseMatcher over the vocabulary (labels may overlap)."""
    for word in domain_words():
        jieba.add_word(word, freq=200000)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    by_label: dict[str, list] = {}
    for label, phrase in _vocabulary():
        by_label.setdefault(label, []).append(nlp.make_doc(phrase))
    for label, docs in by_label.items():
        matcher.add(label, docs)
    return nlp, matcher


@lru_cache(maxsize=1)
def _sub_token_phrases() -> tuple[tuple[str, str], ...]:
    return tuple((label, phrase) for label, phrase in _vocabulary() if len(phrase) > 1)


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    value: str
    text: str


_PARK_NAME = re.compile(
    r"(?:制造|服务|科技|产业|创新|融合|物流|智能|医药|数字|信息|装备|能源|时尚|消费|生物|软件|智造|设计|汽车|材料|环保)园(?![林艺丁长])"
)


def _vocabulary_hits(text: str) -> list[_Hit]:
    """Vocabulary matches; within one kind, the longest match wins where matches overlap."""
    nlp, matcher = _pipeline()
    doc = nlp(text)
    raw = []
    for match_id, start, end in matcher(doc):
        kind, value = nlp.vocab.strings[match_id].split("|", 1)
        span = doc[start:end]
        raw.append(_Hit(span.start_char, span.end_char, kind, value, span.text))
    # jieba may keep a phrase inside a longer token (服务投入 in 服务投入占比): match inside tokens too.
    for token in doc:
        if len(token.text) < 3:
            continue
        for label, phrase in _sub_token_phrases():
            offset = token.text.find(phrase)
            if offset >= 0 and phrase != token.text:
                kind, value = label.split("|", 1)
                start = token.idx + offset
                raw.append(_Hit(start, start + len(phrase), kind, value, phrase))
    for m in _PARK_NAME.finditer(text):  # 温泉智能制造服务园: a park's own name, however its kind is worded
        located = re.search(r"(?:在|位于|入驻|落户|搬到|搬进|进驻)[^，。,；;]{0,10}$", text[: m.start()])
        if not located and not re.match(r"(?:里|内|中)的?(?:企业|公司)|的(?:企业|公司)", text[m.end() :]):  # 软件园里的企业
            raw.append(_Hit(m.start(), m.end(), "APPLICANT", "park", m.group(0)))
    raw.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for hit in raw:
        if any(k.kind == hit.kind and k.start < hit.end and hit.start < k.end for k in kept):
            continue
        kept.append(hit)
    return kept


def _spoken_range(number: _Number, high: float) -> _Number:
    """``15~16亿``: the figure lies between the two values."""
    if high > number.value:
        number.bounds = Range(number.value, high, said=number.text)
    return number


def _parse_number(m: re.Match, text: str) -> _Number | None:
    neg = "-" if m.group("neg") else ""  # 下降5%, 掉了一成: a fall, whatever the word
    raw = m.group(0).strip()
    try:
        if m.group("pct_cn") is not None or m.group("pct") is not None:
            digits = m.group("pct_cn") or m.group("pct")
            number = _Number(m.start(), m.end(), "percent", parse_percent(f"{neg}{digits}%"), raw)
            high = m.group("pct_cn_hi") or m.group("pct_hi")
            return _spoken_range(number, parse_percent(f"{high}%")) if high and not neg else number
        if m.group("cheng") is not None:
            number = _Number(
                m.start(), m.end(), "percent", parse_percent(f"{neg}{m.group('cheng')}成{m.group('cheng2') or ''}"), raw
            )
            high = m.group("cheng_hi")
            return _spoken_range(number, parse_percent(f"{high}成")) if high and not neg else number
        if m.group("rank_after") is not None:
            value = parse_percent(m.group("rank_after"))
            if value < 1 or not float(value).is_integer():
                return None
            return _Number(m.start(), m.end(), "rank", value, raw, bounds=Range(value, None, low_open=True, said=raw))
        if m.group("rank") is not None:
            after = text[m.end() : m.end() + 2]
            if after.startswith(("条", "年", "章", "款", "次", "批", "个", "天")) or m.group("rank") in ("一下",):
                return None
            if (
                m.group("rank_suf") is None
                and m.group("rank_pre") == "第"
                and not re.search(r"排名?|位居|位列|全国|行业", text[max(0, m.start() - 4) : m.start()])
            ):
                return None
            value = parse_percent(m.group("rank"))
            if value < 1 or not float(value).is_integer():
                return None
            number = _Number(m.start(), m.end(), "rank", value, raw)
            high = m.group("rank_hi")
            if high and m.group("rank_pre") == "第":
                return _spoken_range(number, parse_percent(high))  # 第五六名: 5th or 6th
            if m.group("rank_pre") == "前" and (
                _OUTSIDE.search(text[max(0, m.start() - 5) : m.start()]) or _OUTSIDE_AFTER.match(text[m.end() : m.end() + 8])
            ):
                number.bounds = Range(value, None, low_open=True, said=text[max(0, m.start() - 5) : m.end()].strip(" ,，"))
            elif m.group("rank_pre") == "前" and value > 1:  # 前二十: somewhere in the top 20, not 20th
                number.bounds = Range(1, value, said=raw)
            return number
        amount = m.group("amt")
        unit = m.group("unit") or ""
        after = text[m.end() : m.end() + 3]
        if not unit and re.match(r"\s*(?:名|位)(?!额|单)", after) and _RANKED.search(text[max(0, m.start() - 10) : m.start()]):
            value = parse_percent(amount)  # 全国排名大概十五名左右
            if value >= 1 and float(value).is_integer():
                end = m.end() + len(re.match(r"\s*(?:名|位)", after).group(0))
                number = _Number(m.start(), end, "rank", value, raw + after[: end - m.end()])
                high = m.group("amt_hi")
                return _spoken_range(number, parse_percent(high)) if high else number  # 全国大概十二三名
            return None
        has_cn_only = not re.search(r"\d", amount)
        after_year = _AFTER_YEAR_LABEL.search(text[max(0, m.start() - 8) : m.start()])
        if has_cn_only and not unit and not m.group("yuan") and not re.search("[万亿]", amount) and not after_year:
            return None  # 一家, 三年: Chinese numerals need a unit to count as a number (23年两千二 is a year's figure)
        counts_something = re.match(r"\s*(?:年|个工作日|工作日|天|月|日|号|条|家|人|名|位|个|项|号线|平方米|平米|亩)", after)
        if counts_something and _SQUARE_METRES.match(after) and not _AREA_SUFFIX.match(after):
            return _Number(m.start(), m.end(), "area", parse_amount(f"{amount}{unit}"), raw)  # 四十万平米: an area
        if not unit and counts_something and not _AREA_SUFFIX.match(after):
            return None
        if not unit and re.fullmatch(r"(?:19|20)\d\d", amount):
            return None
        value = parse_amount(f"{neg}{amount}{unit}", allow_negative=True)
        # 两万: a Chinese numeral with 万 or 亿 in it says its magnitude as a unit would
        given = bool(unit or m.group("yuan") or "e" in amount.lower() or abs(value) >= 1e6 or re.search("[万亿]", amount))
        kind = "amount" if given else "bare"
        number = _Number(m.start(), m.end(), kind, value, raw, unit_given=given)
        high = m.group("amt_hi")
        return _spoken_range(number, parse_amount(f"{high}{unit}")) if high and not neg else number
    except ParseError:
        return None


_RANKED = re.compile(r"排名|排在|排第|(?<!安)排|名次|位列|位居|排行|占有率|市占率|全国")
_OUTSIDE = re.compile(r"(不|没|未|进不去|进不了|不在|没有进|没进|排不进|够不上)[^,，。]{0,3}$")
_OUTSIDE_AFTER = re.compile(
    r"\s*名?\s*(?:肯定|都|也|还|根本|应该)?\s*(?:进不去|进不了|没进|够不上|排不进|排不上|上不了|够不着|不到|没有|不在|挨不上)"
)
_BELOW = re.compile(
    r"(到不了|达不到|不到|不足|低于|少于|没到|没有到|没有|没|未到|未达到|未满|不满|不够|不超过|差一点到|不上)\s*(大概|大约|约)?\s*$"
)
_NEAR = re.compile(r"(接近|将近|快到|快|差不多到)\s*(大概|大约|约)?\s*$")
_ABOVE = re.compile(r"(不低于|不少于|不小于|超过|多于|高于|大于|超出|超|至少|起码|最少)\s*(大概|大约|约)?\s*$")
_AFTER_ABOVE = re.compile(r"^\s*(以上|往上|开外|打底|还多|还要多|还不止|不止)")
_OPEN_ABOVE = ("开外", "还多", "还要多", "还不止", "不止")  # 三十名开外, 七成还多: beyond the figure, not at it
_AFTER_SOME_MORE = re.compile(r"^\s*(多一点|多点|多|余|出头|挂零)")
_A_LITTLE_OVER = ("多一点", "多点", "出头", "挂零")
_AFTER_BELOW = re.compile(r"^\s*(以下|以内|之内|不到)")
_NEAR_SHARE = 0.8  # 将近10亿: taken as 8亿–10亿


def _step(value: float) -> float:
    """One unit of the last significant digit: 100 → 100, 30 → 10, 25000 → 1000 (100多 → 100–200)."""
    step = 10.0 ** math.floor(math.log10(abs(value))) if value else 1.0
    while step > 1e-6 and not math.isclose(value / step, round(value / step), abs_tol=1e-9):
        step /= 10
    return step


def _hedged(text: str, number: _Number) -> Range | None:
    """The range a hedge around ``number`` says (不到8%, 超过2万, 三成多, 七成往上), or None when there is none."""
    if number.bounds is not None or number.value <= 0:
        return number.bounds
    before = text[max(0, number.start - 8) : number.start]
    after = text[number.end : number.end + 4]
    x = number.value
    if re.search(A_NOT_A + r"\s*$", before):
        return None  # 够不够20%, 到不到两万: the figure asked about, no bound said
    if (m := _BELOW.search(before)) and not re.search(r"不(?:低于|少于|小于)\s*(?:大概|大约|约)?\s*$", before):
        return Range(None, x, high_open=True, said=m.group(0).strip() + number.text)
    if m := _NEAR.search(before):
        return Range(x * _NEAR_SHARE, x, high_open=True, said=m.group(0).strip() + number.text)
    if m := _ABOVE.search(before):
        inclusive = m.group(1) in ("至少", "起码", "最少", "不低于", "不少于", "不小于")
        return Range(x, None, low_open=not inclusive, said=m.group(0).strip() + number.text)
    if m := _AFTER_ABOVE.match(after):
        return Range(x, None, low_open=m.group(1) in _OPEN_ABOVE, said=number.text + m.group(0).strip())
    if m := _AFTER_SOME_MORE.match(after):  # 三十多: up to the next step; 一亿出头, 多一点: a little over, half a step
        high = x + _step(x) * (0.5 if m.group(1) in _A_LITTLE_OVER else 1)
        return Range(x, high, low_open=True, high_open=True, said=number.text + m.group(0).strip())
    if m := _AFTER_BELOW.match(after):
        return Range(None, x, high_open=m.group(1) in ("以下", "不到"), said=number.text + m.group(0).strip())
    return None


def _with_bounds(text: str, numbers: list[_Number]) -> list[_Number]:
    """Attach the range a hedge or a spoken range says; the figure is then kept as a range, not as a value."""
    for number in numbers:
        if number.kind in ("amount", "bare", "percent"):
            number.bounds = _hedged(text, number)
    return numbers


def _numbers(text: str) -> list[_Number]:
    found: list[_Number] = []
    for m in _NUMBER_RE.finditer(text):
        if not m.group(0).strip() or not re.search(rf"[\d{_CN}]", m.group(0)):
            continue
        letter_after = m.group(0)[-1].isdigit() and re.match(r"[A-LN-VX-Za-ln-vx-z]", text[m.end() : m.end() + 1])
        digit_first = m.group(0).lstrip()[:1].isdigit()
        if (digit_first and re.match(r"[A-Za-z]", text[m.start() - 1 : m.start()])) or letter_after:
            continue  # u1s1, 5G, B2B, 3D: letters and digits that make a word, not a figure
        number = _parse_number(m, text)
        if number is None:
            continue
        said = m.group(0)
        if number.start == m.start():  # the figure's span without the spaces around it (500万 补助: two clauses)
            number.start += len(said) - len(said.lstrip())
        if number.end == m.end():
            number.end -= len(said) - len(said.rstrip())
        previous = found[-1] if found else None
        if (  # 1亿2千万: one amount written in two parts
            previous is not None
            and previous.kind == "amount"
            and number.kind == "amount"
            and previous.end == number.start
            and previous.text.endswith("亿")
            and 0 < number.value < 1e8
        ):
            found[-1] = _Number(previous.start, number.end, "amount", previous.value + number.value, previous.text + number.text)
            continue
        found.append(number)
    return found


def _compatible(fact: str, number: _Number) -> bool:
    if fact in _AMOUNT_FACTS:
        return number.kind in ("amount", "bare")
    if fact in _PERCENT_FACTS:
        return number.kind in ("percent", "bare")
    if fact == "national_market_share_rank":
        return number.kind in ("rank", "bare")
    return False


def _clause_boundaries(text: str) -> list[int]:
    return [m.start() for m in _CLAUSE_SPLIT.finditer(text)]


def _clause_start(boundaries: list[int], position: int) -> int:
    """Where the clause holding ``position`` starts: at the last separator before it, or at 0."""
    return max([b for b in boundaries if b < position] + [0])


def _about_profit_only(text: str) -> bool:
    """Figures said of profit and not of revenue (利润2022年1000万…, 利润增长分别为…)."""
    return "利润" in text and not re.search(r"营收|营业收入|收入|销售额", text)


def _assign(text: str, numbers: list[_Number], hits: list[_Hit]) -> None:
    """Give each number the fact of the nearest cue before it in the same clause (or its own suffix)."""
    cues = [h for h in hits if h.kind == "CUE"]
    boundaries = _clause_boundaries(text)
    previous_end = 0
    for number in numbers:
        if number.kind in ("amount", "bare") and _AREA_SUFFIX.match(text[number.end : number.end + 6]):
            number.fact = "revenue_per_square_meter"
            number.kind = "amount"
            previous_end = number.end
            continue
        clause_start = _clause_start(boundaries, number.start)
        window_start = max(clause_start, previous_end)
        candidates = [c for c in cues if window_start <= c.start and c.end <= number.start]
        if not candidates and number.kind == "percent" and (source := _REVENUE_FROM.match(text[number.end :])):
            # 九成营收来自重点领域企业: the share of revenue that comes from a group, not the revenue's growth
            number.fact = _share_of_group(text[number.end + source.end() :], cues, number.end + source.end())
            previous_end = number.end
            continue
        if not candidates:  # "35%的先进制造" – a cue right after the number in the same clause
            clause_end = min([b for b in boundaries if b >= number.end] + [len(text)])
            candidates = [c for c in cues if number.end <= c.start < clause_end and c.start - number.end <= 3]
            if not candidates and number.kind == "percent":  # 九成以上都是新能源汽车相关的重点领域企业
                candidates = [c for c in cues if number.end <= c.start < clause_end and c.value in _SHARE_FACTS][:1]
            candidates.reverse()
        number.fact = _pick_cue(text, number, candidates)
        if number.fact is None and number.kind == "percent" and "占" in text[window_start : number.start]:
            # "重点领域的企业，营收合计占45%": the share's subject is named in the clause before
            earlier_start = _clause_start(boundaries, clause_start)
            earlier = [c for c in cues if max(earlier_start, previous_end) <= c.start and c.end <= clause_start]
            number.fact = _pick_cue(text, number, [c for c in earlier if c.value in _PERCENT_FACTS])
        if number.fact is None and number.kind == "rank":
            number.fact = "national_market_share_rank"
        prior = next((n for n in reversed(numbers[: numbers.index(number)]) if n.fact), None)
        pointed = prior is not None and _QUOTED.search(text[_clause_start(boundaries, prior.start) : prior.start])
        if (
            number.fact is None
            and prior
            and prior.kind == number.kind
            and (OURS.search(text[clause_start : number.start]) or pointed)
        ):
            # 要求增长率不低于20%，我们正好20% / 刚才说的45%…实际是38%: our figure for the fact just named
            number.fact = prior.fact
        if number.fact is None and number.kind != "bare":
            # 服务投入刚才说高了，实际只有三成五: the cue sits in an earlier clause, with no other figure between
            earlier = [c for c in cues if previous_end <= c.start and c.end <= clause_start]
            number.fact = _pick_cue(text, number, earlier)
        if number.fact is None and number.kind == "amount" and number.unit_given:
            # 我们园区去年九十七八个亿: a year's amount of money with no other name is the year's revenue
            clause, _ = _clause_of(text, number.start, number.end)
            if (_A_YEAR.search(clause) or _WHOLE.search(clause)) and not _NOT_REVENUE.search(clause):
                number.fact = "annual_revenue"
        previous_end = number.end


_REVENUE_FROM = re.compile(r"\s*(?:的|左右的|以上的)?\s*(?:营收|营业收入|收入|产值)[^，。；;]{0,4}?(?:来自|出自|来源于|是由|由)")


def _share_of_group(after: str, cues: list[_Hit], offset: int) -> str | None:
    """The share fact of the group a part of revenue comes from (重点领域企业, 先进制造企业), read up to the sentence's
    end; a group named by key fields' words (汽车整车、软件企业) is the key-field share; None when no group is known."""
    sentence = re.split(r"[。；;！!？?]", after, maxsplit=1)[0]
    named = [
        c.value for c in cues if offset <= c.start < offset + len(sentence) and c.value in _SHARE_FACTS - {"service_input_share"}
    ]
    if named:
        return named[0]
    return "key_field_revenue_share" if match_key_fields(sentence) or "重点领域" in sentence else None


OURS = re.compile(r"我们|我司|咱们|我公司|本公司")  # the applicant speaking of itself
_GENERIC_GROWTH = ("平均增长", "增长率", "增速", "增长")


def _last_subject(before: str) -> str | None:
    """The last of 利润 and 营收 named in ``before``, when no other cue names the subject of a bare growth figure."""
    profit, revenue = before.rfind("利润"), max(before.rfind("营收"), before.rfind("收入"))
    if profit == revenue:
        return None
    return "profit" if profit > revenue else "revenue"


def _profit_named_before(text: str, clause_start: int, cue_start: int) -> bool:
    """A bare growth cue whose own clause names no subject, after clauses whose last subject is 利润."""
    return not _last_subject(text[clause_start:cue_start]) and _last_subject(text[:clause_start]) == "profit"


def _names_profit_before(candidates: list[_Hit], cue: _Hit) -> bool:
    """Whether the growth cue's subject, named earlier in the clause, is profit (利润近三年平均增长)."""
    subjects = {c.value for c in candidates if c.end <= cue.start and c is not cue}
    return "avg_profit_growth" in subjects and not subjects & {"annual_revenue", "avg_revenue_growth"}


def _pick_cue(text: str, number: _Number, candidates: list[_Hit]) -> str | None:
    """The fact of the nearest compatible cue (candidates in text order)."""
    if number.kind in ("amount", "bare") and any(c.value == "revenue_per_square_meter" for c in candidates):
        return "revenue_per_square_meter"  # 每平米一年营收1.5万: the revenue is per square metre
    clause_start = _clause_start(_clause_boundaries(text), number.start)
    share_phrase = bool(candidates) and "占" in text[min(clause_start, candidates[0].start) : number.start]
    for cue in reversed(candidates):
        fact = cue.value
        if (
            fact == "avg_profit_growth"
            and text[cue.end : cue.end + 1] == "率"
            and not re.search(r"增|涨|降", text[cue.start : number.start])
        ):
            continue  # 利润率15%: a profit margin, not a growth rate
        if (
            fact == "avg_revenue_growth"
            and cue.text in _GENERIC_GROWTH
            and (_names_profit_before(candidates, cue) or _profit_named_before(text, clause_start, cue.start))
        ):
            fact = "avg_profit_growth"  # 利润9%是单年的，近三年平均只有5%: the subject named before
        if number.kind == "percent" and fact in _GROWTH_OF:
            if share_phrase or any(c.value in _SHARE_FACTS and 0 <= cue.start - c.end <= 2 for c in candidates if c is not cue):
                continue  # 营收占比 / 重点领域企业营收六成五: a share of revenue, named by another cue
            fact = _GROWTH_OF[fact]
        if _compatible(fact, number):
            return fact
    return None


def _each(text: str, numbers: list[_Number], hits: list[_Hit]) -> list[_Number]:
    """``先进制造和现代服务各占四成``: the figure after 各 goes to every fact named before it in the clause."""
    out = []
    for number in numbers:
        out.append(number)
        clause_start = _clause_start(_clause_boundaries(text), number.start)
        if number.fact is None or not re.search(r"各|都", text[clause_start : number.start]):
            continue
        named = {c.value for c in hits if c.kind == "CUE" and clause_start <= c.start and c.end <= number.start}
        for fact in sorted(named - {number.fact}):
            if _compatible(fact, number):
                out.append(replace(number, fact=fact))
    return out


def _split_respectively(text: str, numbers: list[_Number], hits: list[_Hit]) -> None:
    """``先进制造和现代服务分别占35%和40%``: pair the cues and numbers of the clause in order."""
    if "分别" not in text:
        return
    cues = sorted((h for h in hits if h.kind == "CUE"), key=lambda h: h.start)
    pos = text.index("分别")
    before = [c for c in cues if c.end <= pos]
    after = [n for n in numbers if n.start > pos]
    distinct = []
    for cue in before:
        if cue.value not in [c.value for c in distinct]:
            distinct.append(cue)
    if len(distinct) >= 2 and len(distinct) == len(after):
        for cue, number in zip(distinct, after, strict=True):
            if _compatible(cue.value, number):
                number.fact = cue.value


_YEAR_LABEL = re.compile(r"(?<!\d)(\d{2}|\d{4})\s*年(?!\s*(?:内|以|前|后|来|里))")  # 2022年 / 22年: the year


_AFTER_YEAR_LABEL = re.compile(_YEAR_LABEL.pattern + r"\s*(?:是|为|有|大概|大约|约|差不多)?\s*$")  # 23年两千二
_SUBJECT = re.compile(r"(?P<profit>利润)|营收|营业收入|收入|销售额")


def _by_subject(text: str, amounts: list[_Number]) -> dict[str, list[_Number]]:
    """Yearly figures grouped by the subject named last before each (利润22年800万…；营收22年5000万…)."""
    groups: dict[str, list[_Number]] = {}
    for number in amounts:
        subjects = list(_SUBJECT.finditer(text[: number.start]))
        target = "profit_history" if subjects and subjects[-1].group("profit") else "revenue_history"
        groups.setdefault(target, []).append(number)
    return groups


_SERVICE_ITEMS = re.compile(r"研发设计\s*[\d一二两三四五六七八九十]|检验检测\s*[\d一二两三四五六七八九十]")


def _inherit_units(amounts: list[_Number]) -> None:
    """``利润22年2000万，23年两千二，24年2400``: a figure said without its unit in a run takes the unit (万 or 亿) that
    brings it nearest to the figure with a unit before it (or after it, for the first)."""
    for i, number in enumerate(amounts):
        if number.unit_given:
            continue
        given = [n for n in amounts[:i] if n.unit_given][-1:] or [n for n in amounts[i:] if n.unit_given][:1]
        near = given[0].value
        factor = min((1e4, 1e8), key=lambda f: abs(math.log10(abs(number.value * f) or 1) - math.log10(abs(near) or 1)))
        number.value *= factor
        if (b := number.bounds) is not None:
            number.bounds = replace(
                b, low=None if b.low is None else b.low * factor, high=None if b.high is None else b.high * factor
            )
        number.unit_given = True


def _history(text: str, numbers: list[_Number], result: Extraction) -> list[_Number]:
    """A run of yearly figures (``分别是1亿、1.3亿、1.6亿、2亿``) becomes revenue/profit history; the latest of a
    revenue run is the year's revenue unless one is named. Runs of profit and of revenue in one message are apart."""
    amounts = [n for n in numbers if n.kind in ("amount", "bare")]
    if len(amounts) < 3 or not (any(c in text for c in HISTORY_CUES) or len(_YEAR_LABEL.findall(text)) >= 3):
        return numbers
    if _SERVICE_ITEMS.search(text):
        return numbers  # 2024年研发设计1520万、检验检测310万……企业总投入6630万: one year's inputs, itemised
    groups = _by_subject(text, amounts)
    if len(groups) == 2 and any(len(g) in HISTORY_LENGTHS for g in groups.values()):
        for target, group in groups.items():  # 利润22年800万，…25年850万；营收22年5000万到25年5900万
            if len(group) in HISTORY_LENGTHS and all(n.unit_given for n in group):
                result.facts[target] = [n.value for n in group]
                numbers = [n for n in numbers if n not in group]
        return numbers
    target = "profit_history" if _about_profit_only(text) else "revenue_history"
    if len(amounts) not in HISTORY_LENGTHS:
        result.errors.append(f"需要按从早到晚的顺序提供连续 3 到 {HISTORY_YEARS} 年的数据，您提供了 {len(amounts)} 个数。")
        return [n for n in numbers if n not in amounts]
    if any(not n.unit_given for n in amounts):
        if not any(n.unit_given for n in amounts):
            result.errors.append("逐年数据请带上单位，例如“1亿、1.3亿、1.6亿、2亿”。")
            return [n for n in numbers if n not in amounts]
        _inherit_units(amounts)
    result.facts[target] = [n.value for n in amounts]
    latest = amounts[-1]
    if (
        target == "revenue_history"
        and latest.unit_given
        and not any(n.fact == "annual_revenue" for n in numbers if n not in amounts)
    ):
        latest.fact = "annual_revenue"  # 营收2023年105亿，2024年118亿，2025年126亿: the latest year is the revenue
        result.notes.append(
            f"年营业收入按最近一年的 {latest.text} 记录（办法没有明确规定按哪一年度计算，以区发展改革部门的通知为准）。"
        )
        return [n for n in numbers if n not in amounts[:-1]]
    return [n for n in numbers if n not in amounts]


_SPAN = re.compile(r"(?P<n>[两二三23])\s*年(?:内|里|间|来|时间)?[^，,。；;]{0,6}?从\s*$")
_CHANGE = re.compile(r"涨|增|升|提高|到|变成|降|掉|跌")
_OTHER_MONEY = re.compile(r"注册资本|投资|投入|融资|资金|补助|补贴|成本|税|贷款|支出|费用|估值")


def _two_years(text: str, numbers: list[_Number], result: Extraction) -> list[_Number]:
    """``2022年营收七千万，2025年一亿六``: two years' figures, each after its year. Two or three years apart they
    are a history with the years between missing (liangye_rules reads what the compound rate alone decides);
    the later one is the latest revenue. One year apart, only the later one is the revenue."""
    amounts = [n for n in numbers if n.kind == "amount" and n.bounds is None and n.unit_given]
    profit = _about_profit_only(text)
    if len(amounts) != 2 or ("profit_history" if profit else "revenue_history") in result.facts:
        return numbers
    earlier, later = amounts
    span = _SPAN.search(text[max(0, earlier.start - 14) : earlier.start])
    if span and _CHANGE.search(text[earlier.end : later.start]):  # 利润三年从1000万涨到1300万
        gap = _CN_DIGIT.get(span.group("n")) or int(span.group("n"))
    else:
        years, previous_end = [], 0
        for number in amounts:
            labels = _YEAR_LABEL.findall(text[previous_end : number.start])
            clause, _ = _clause_of(text, number.start, number.end)
            if not labels or number.fact not in (None, "annual_revenue") or _OTHER_MONEY.search(clause):
                return numbers
            year = int(labels[-1])
            years.append(year + 2000 if year < 100 else year)
            previous_end = number.end
        gap = years[1] - years[0]
    if not 1 <= gap < HISTORY_YEARS:
        return numbers
    if gap > 1:
        result.facts["profit_history" if profit else "revenue_history"] = [earlier.value, *[None] * (gap - 1), later.value]
    if profit:
        return [n for n in numbers if n not in amounts]
    later.fact = "annual_revenue"
    return [n for n in numbers if n is not earlier]


_GROWTH_WORDS = re.compile(r"增长|增速|增幅|涨")
_AVERAGE_GIVEN = re.compile(r"平均|年均")
_RATE_LIST_CUES = (*HISTORY_CUES, "三年", "3年", "、")


def _yearly_growth_rates(text: str, numbers: list[_Number], result: Extraction) -> list[_Number]:
    """``营收增长三年分别是20%、25%、30%``: three yearly rates become the average (both readings shown)."""

    def listed(number: _Number) -> bool:  # ……分别是百分之三十、百分之十、百分之二十，这个平均增长率够不够20%啊
        clause, _ = _clause_of(text, number.start, number.end)
        return not _AVERAGE_GIVEN.search(clause) and not is_question(clause)

    rates = [n for n in numbers if n.kind == "percent" and n.bounds is None and listed(n)]
    text_of_list = text
    for n in rates:  # 营收增长就12%，但利润三年分别涨了6%、9%、10%: the list is the clause that lists
        start, end = _clause_span(text, n.start, n.end)
        in_clause = [r for r in rates if start <= r.start < end]
        if (
            2 <= len(in_clause) < len(rates)
            and "分别" in text[start:end]
            and all(r.fact in (None, "avg_revenue_growth", "avg_profit_growth") for r in in_clause)
        ):
            rates, text_of_list = in_clause, text[start:end]
            break
    if _CORRECTION.search(text) or (_AVERAGE_GIVEN.search(text) and len(rates) < 2):
        return numbers  # 近三年平均增长是23%，不是10%: an average (or a correction of it), not three yearly rates
    if len(rates) < 2 or not _GROWTH_WORDS.search(text) or not any(c in text for c in _RATE_LIST_CUES):
        return numbers
    if any(n.fact is not None and n.fact not in ("avg_revenue_growth", "avg_profit_growth") for n in rates):
        return numbers  # shares given together with one growth rate, not a list of rates
    if len({n.fact for n in rates if n.fact}) > 1:
        return numbers  # 营收、利润分别增长20%、10%: one rate each
    rest = [n for n in numbers if n not in rates]
    target = "avg_profit_growth" if _about_profit_only(text_of_list) else "avg_revenue_growth"
    label = FACT_SPECS[target].label
    rates_fact = "profit_growth_rates" if target == "avg_profit_growth" else "revenue_growth_rates"
    years = HISTORY_YEARS - 1
    if len(rates) != years:
        result.errors.append(f"{label}需要从早到晚连续 {years} 年的增长率，或者直接告诉我平均值；您提供了 {len(rates)} 个。")
        return rest
    if any(rate.value <= -100 for rate in rates):
        result.errors.append(f"{label}无法按这些增长率计算，请直接告诉我平均值。")
        return rest
    result.facts[rates_fact] = [rate.value for rate in rates]  # liangye_rules computes both readings of the average
    readings = growth_readings(index_of_rates(result.facts[rates_fact]))
    given = "、".join(f"{n.value:g}%" for n in rates)
    result.notes.append(
        f"按您给出的逐年增长率 {given} 计算{label}：逐年增长率的算术平均为{readings.mean:.2f}%，"
        f"复合年均增长率为{readings.compound:.2f}%。办法未写明“平均增长率”的算法，两种算法结论不同时，以市发展改革委的解释为准。"
    )
    return rest


_SERVICE_PARTS = re.compile(r"研发|检测|设计|品牌|数字化")
_TOTAL_INPUT = re.compile(r"总投入|投入总额|全部投入")


_SECTOR_SHARES = ("advanced_manufacturing_share", "modern_services_share", "key_field_revenue_share")


_SQUARE_METRES = re.compile(r"^\s*(?:多|来|左右)?\s*(?:平方米|平米|平方|㎡|m2|平(?=\s*(?:$|[，,。；;！!？?]|左右|的|多)))")


def _floor_areas(text: str, numbers: list[_Number], result: Extraction) -> list[_Number]:
    """``入驻企业用房总面积四十万平米``: an area, not a sum of money; the revenue per m² is derived from it and the
    revenue (bot/actions/interview.py, liangye_rules.parse.per_square_meter)."""
    kept = []
    for number in numbers:
        after, before = text[number.end : number.end + 4], text[max(0, number.start - 2) : number.start]
        if number.kind == "area" or (
            number.kind in ("amount", "bare") and _SQUARE_METRES.match(after) and "每" not in before and number.bounds is None
        ):
            result.floor_areas.append(number.value)
            continue
        kept.append(number)
    return kept


def _sector_amounts(text: str, numbers: list[_Number], result: Extraction) -> list[_Number]:
    """``先进制造企业营收合计48亿``: the revenue of a part of the park, not the park's; the share is derived from it and
    the park's revenue (bot/actions/interview.py, liangye_rules.parse.share_of)."""
    boundaries = _clause_boundaries(text)
    kept, previous_end = [], 0
    for number in numbers:
        clause_start = _clause_start(boundaries, number.start)
        before = text[max(clause_start, previous_end) : number.start]
        sector = next((f for f in _SECTOR_SHARES if any(cue in before for cue in FACT_CUES[f])), None)
        if sector is None and number.fact is None and clause_start > 0 and clause_start >= previous_end:
            # 先进制造就是医药制造这块，九十个亿: the sector named alone in the clause before, with no figure of its own
            earlier = text[_clause_start(boundaries, clause_start - 1) : clause_start]
            named = [f for f in _SECTOR_SHARES if any(cue in earlier for cue in FACT_CUES[f])]
            if len(named) == 1 and not _FIGURE_IN.search(earlier):
                sector = named[0]
        previous_end = number.end
        if sector and number.kind == "amount" and number.unit_given:
            result.part_amounts.append({"fact": sector, "amount": number.value_or_range()})
            continue
        kept.append(number)
    return kept


def _service_input_from_amounts(text: str, numbers: list[_Number], result: Extraction) -> list[_Number]:
    """``服务投入2000万，总投入1亿`` or its parts (研发设计2亿，检验检测3000万……总投入10亿): the share 第六条 asks for
    (服务投入占企业总投入比重), computed from their sum."""
    if any(n.fact == "service_input_share" for n in numbers):
        return numbers  # the share itself was given
    boundaries = _clause_boundaries(text)
    service, total = [], []
    previous_end = 0
    for number in numbers:
        clause_start = _clause_start(boundaries, number.start)
        before = text[max(clause_start, previous_end) : number.start]
        previous_end = number.end
        if number.kind != "amount" or not number.unit_given:
            continue
        if _TOTAL_INPUT.search(before):
            total.append(number)
        elif any(cue in before for cue in FACT_CUES["service_input_share"]) or _SERVICE_PARTS.search(before):
            service.append(number)
    if not service or len(total) > 1 or (len(service) > 1 and not total):
        return numbers
    label = FACT_SPECS["service_input_share"].label
    if any(n.bounds is not None for n in (*service, *total)):
        if len(service) > 1 or not total:
            return numbers
        rest = [n for n in numbers if n is not service[0] and n is not total[0]]
        try:  # 总投入差不多六个亿……服务投入加起来一亿七八: the share as a range (liangye_rules.parse.share_of_figure)
            result.facts["service_input_share"] = share_of_figure(service[0].value_or_range(), total[0].value_or_range(), label)
        except ParseError as exc:
            result.errors.append(exc.message)
        return rest
    if not total:
        shares = [n for n in numbers if n.kind == "percent" and n.fact is None and n.start > service[0].end]
        if len(shares) == 1 and "占" in text[service[0].end : shares[0].start]:
            shares[0].fact = "service_input_share"  # 服务投入2000万，占总投入20%: the share follows the amount
        else:
            result.errors.append(
                f"只凭服务投入金额{format_amount(service[0].value)}还算不出{label}。"
                "请告诉我占比（例如“25%”），或同时告诉我企业总投入（例如“总投入1亿”）。"
            )
        return [n for n in numbers if n is not service[0]]
    part, whole = sum(n.value for n in service), total[0].value
    rest = [n for n in numbers if all(n is not used for used in (*service, total[0]))]
    try:
        share = share_of(part, whole, label)
    except ParseError as exc:
        result.errors.append(exc.message)
        return rest
    result.facts["service_input_share"] = share
    result.notes.append(f"按服务投入{format_amount(part)} ÷ 企业总投入{format_amount(whole)} 计算，{label}为{share:g}%。")
    return rest


# A figure in a clause that doubts it is not asserted: the fact it names is unknown (可能有两成？, 不敢说进了前十).
_DOUBT = re.compile(r"可能|也许|或许|好像|说不好|说不准|不好说|不确定|不一定|不敢说|不清楚|没算过|不记得|记不清|拿不准|吃不准")
_DOUBT_IN_QUESTION = re.compile(r"大概|差不多|估计|应该")
_DENIED = re.compile(r"(?:不是|并非|而不是|并不是)\s*$")
_LOCAL_SCOPE = re.compile(r"北京|市内|市里|本市|全市|区内|区里|本区|全区|省内|本地|华北|京津冀")
_NATIONAL = re.compile(r"全国|国内|全行业")
# A figure that is supposed or quoted as a requirement is not a fact about the applicant (如果营收10亿, 要10亿才能报).
_IF = r"如果|假如|要是|假设|(?<![\d一二两三四五六七八九十百千])万一"
_SUPPOSED = re.compile(
    _IF + r"|要求|门槛|标准是|需要达到|要达到|得达到|必须|才能|才可以|才行|才够"
    r"|是不是|是否|也得|还得|得要|需不需要|要不要|要不低于|要超过|要在|要\s*[\d一二两三四五六七八九十百]"
    r"|要[^，,。；;\d]{1,6}(?:不低于|超过|达到)|四舍五入|凑个整|凑整"
)
_HYPOTHETICAL = re.compile(_IF + r"|比如|比方")
# 不知道能不能算进全国前十: a figure wondered about, not said of oneself
_WONDERED = re.compile(
    r"(?:不知道|不确定|不清楚|说不好|拿不准|搞不清楚?)[^，,。；;]{0,4}(?:能不能|是不是|够不够|算不算|进不进|有没有|能否|是否)"
)
# 加起来够60%就行，还是要各自都30%以上: figures in two clauses offered as alternatives
_OR_NEXT = re.compile(r"^[，,]\s*(?:还是|或者是)")
# 领跑型那个营收十亿: a figure pointed at in the conditions (…的那个) is the requirement, not the applicant's figure
_QUOTED = re.compile(
    r"(?:领跑型|成长型|示范园区|要求|条件|规定|办法|文件|政策)[里中上的]{0,2}(?:那个|这个)[^，。]{0,8}$"
    r"|(?:前面|刚才|之前|原来|上面|先前|开始)(?:我们?)?(?:说|讲|报|填|写)的(?:那个)?\s*[“\"「『]?\s*$"  # 前面说的“两万多”: the old figure
)
_ANOTHER_PERIODS = re.compile(
    r"\s*(?:那|这)?(?:是|为|只是|其实是)(?:前年|大前年|上上年|之前|以前|过去|早年|老|旧|今年(?:的)?预计|明年|预计|预测|目标|计划|集团|合并)"
    r"[^，。；;]{0,8}?(?:的数|的数据|的数字|的口径|的值|的)"
)
_PROJECTED = re.compile(
    r"(?:未来|今后|将来|[一二两三四五\d]\s*年(?:之)?内|[一二两三四五\d]\s*年(?:以)?后|明年|后年|到20\d\d年)"
    r"[^，,。；;]{0,12}(?:能|会|将|可以|可|争取|有望|达到|做到|超过)"
)
_ONE_YEAR = re.compile(r"单年|当年的|一年的增|去年的增|今年的增|某一年")
# 是十个亿吗？: a figure asked about is a threshold the user checks, not their own figure
_ASKED_FIGURE = re.compile(r"(?:是|要|需要|得|够|够不够|达到|到)\s*$")


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause holding text[start:end] starts and ends."""
    boundaries = _clause_boundaries(text)
    return _clause_start(boundaries, start), min([b for b in boundaries if b >= end] + [len(text)])


def _clause_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause holding text[start:end] and the separator that ends it."""
    clause_start, clause_end = _clause_span(text, start, end)
    return text[clause_start:clause_end], text[clause_end : clause_end + 1]


def _asserted(text: str, numbers: list[_Number], result: Extraction) -> list[_Number]:
    """Drop figures the user does not assert; doubted ones are listed with the fact they name (if any)."""
    kept, denied = [], []
    for number in numbers:
        clause_start, clause_end = _clause_span(text, number.start, number.end)
        clause, ends_with = text[clause_start:clause_end], text[clause_end : clause_end + 1]
        if "还是" in clause and sum(clause_start <= n.start < clause_end for n in numbers) >= 2:
            continue  # 八个点还是十个点: two figures offered as alternatives, neither asserted
        if _OR_NEXT.match(text[clause_end:]) or re.match(r"\s*(?:还是|或者是)", clause):
            continue  # 加起来够60%就行，还是要各自都30%以上: alternatives across clauses
        if _WONDERED.search(text[clause_start : number.start]):
            result.uncertain.append({"fact": number.fact, "said": clause.strip(" ,，")})
            continue
        before = text[max(0, number.start - 4) : number.start]
        if number.kind == "amount" and number.bounds is None and _HYPOTHETICAL.search(clause):
            result.supposed_amounts.append(number.value)
        if _DENIED.search(before) and number.fact is not None:
            denied.append(number)
            continue
        if _SUPPOSED.search(clause) or _DENIED.search(before) or _QUOTED.search(text[clause_start : number.start]):
            continue
        others = any(n is not number and n.kind == number.kind for n in numbers)
        if others and _ANOTHER_PERIODS.match(text[number.end : clause_end]):
            # 服务投入占比是28%左右，18%是前年的数: the figure put aside for another year's or scope's (its fact goes to
            # the one said after it: 占比五成五是前年的数字，今年只有百分之四十五)
            denied += [number] if number.fact is not None else []
            continue
        if _PROJECTED.search(clause):
            continue  # 预计三年内单位面积营收能超过两万: a target for the years ahead, not today's figure
        if number.fact in ("avg_revenue_growth", "avg_profit_growth") and _ONE_YEAR.search(clause):
            continue  # 利润9%是去年单年的增速: one year's rate, not the 近三年 average
        if _ASKED_FIGURE.search(before) and re.search(r"吗|[?？]", clause + ends_with):
            continue
        if re.search(A_NOT_A, text[clause_start : number.start]):
            continue  # 这个平均增长率够不够20%, 这个算不算市场占有率前十: the line asked about, not the applicant's figure
        if number.fact == "national_market_share_rank" and _LOCAL_SCOPE.search(clause) and not _NATIONAL.search(clause):
            result.local_ranks.append(clause.strip(" ,，"))
            continue
        if _DOUBT.search(clause) or (ends_with in ("?", "？") and _DOUBT_IN_QUESTION.search(clause)):
            result.uncertain.append({"fact": number.fact, "said": clause.strip(" ,，")})
            continue
        kept.append(number)
    for number in denied:  # 营收增长不是18%，财务说是28%: the figure said instead is of the fact denied or put aside
        instead = [n for n in kept if n.fact is None and n.kind == number.kind and n.start > number.end]
        if len(instead) == 1 and not any(n.fact == number.fact for n in kept):
            instead[0].fact = number.fact
    return kept


_PRINCIPLES = re.compile(r"(?:认定|遵循|哪几[条个项]|什么|哪些|基本|工作)的?原则")
_A_YEAR = re.compile(r"去年|今年|前年|一年|每年|年度|全年")
_WHOLE = re.compile(r"(?:园区|全园|公司|企业|集团|我们)的?(?:总共|一共|合计|总计|整体|总的)")  # 园区总共120亿
_NOT_REVENUE = re.compile(r"投|花了|固投|项目|改造|建设|补助|补贴|资金|奖励|利润|成本|税|贷款|融资|支出|费用")


def _sharpened(numbers: list[_Number]) -> list[_Number]:
    """A figure for a fact followed by a one-sided bound at that same figure (差不多一半……不到50%) is the bound:
    the second says on which side of the first the figure lies."""
    kept: list[_Number] = []
    for number in numbers:
        earlier = next((n for n in reversed(kept) if n.fact is not None), None)
        bounds = number.bounds
        if (  # 一百零几个亿，具体101.3亿: the exact figure inside the range said just before is the figure
            earlier is not None
            and earlier is (kept[-1] if kept else None)
            and number.fact is None
            and earlier.bounds is not None
            and bounds is None
            and number.kind == earlier.kind
            and earlier.bounds.decide(lambda v, x=number.value: v <= x) is None
            and earlier.bounds.decide(lambda v, x=number.value: v >= x) is None
        ):
            kept[-1] = replace(number, fact=earlier.fact)
            continue
        if (
            earlier is not None
            and number.fact in (None, earlier.fact)
            and earlier.bounds is None
            and bounds is not None
            and number.kind != "rank"  # 第十算不算前10名 asks; 前十 is a bound of its own kind
            and (bounds.low is None) != (bounds.high is None)
            and _compatible(earlier.fact, number)
            and math.isclose(bounds.low if bounds.high is None else bounds.high, earlier.value)
        ):
            earlier.bounds = Range(bounds.low, bounds.high, bounds.low_open, bounds.high_open, f"{earlier.text}，{bounds.said}")
            continue
        kept.append(number)
    return kept


def _intersect_ranges(numbers: list[_Number]) -> list[_Number]:
    """Two ranges said for one fact (前二十吧，前十肯定进不了) narrow it to what both allow."""
    first: dict[str, _Number] = {}
    kept = []
    for number in numbers:
        earlier = first.get(number.fact) if number.fact else None
        if earlier is None or earlier.bounds is None or number.bounds is None:
            if number.fact:
                first.setdefault(number.fact, number)
            kept.append(number)
            continue
        a, b = earlier.bounds, number.bounds
        low, low_open = max((a.low, a.low_open), (b.low, b.low_open), key=lambda x: (-math.inf if x[0] is None else x[0], x[1]))
        high, high_open = min(
            (a.high, a.high_open), (b.high, b.high_open), key=lambda x: (math.inf if x[0] is None else x[0], not x[1])
        )
        if low is not None and high is not None and low > high:
            kept.append(number)  # they contradict: keep both, the first one wins as before
            continue
        earlier.bounds = Range(low, high, low_open, high_open, f"{a.said}，{b.said}")
    return kept


_CORRECTION = re.compile(
    r"说错|更正|纠正|改为|改成|改一下|其实|实际上|实际是|实际只有|应该是|准确地?说|(?<!对)不对|口径"
)  # 对不对 asks


def _last_per_fact(numbers: list[_Number]) -> list[_Number]:
    """In a correction (刚才说错了，不是12亿，是9亿多) the last figure given for a fact is the one meant; a figure
    with no cue of its own that follows one of the same kind restates that fact."""
    for previous, number in pairwise(numbers):
        if number.fact is None and previous.fact is not None and _compatible(previous.fact, number):
            number.fact = previous.fact
    last = {n.fact: n for n in numbers if n.fact is not None}
    return [n for n in numbers if n.fact is None or last[n.fact] is n]


# Growth said in words: 利润没涨, 营收基本持平, 还降了一点 (at most zero, or below zero).
_FLAT = re.compile(r"没涨|没有涨|没增长|没有增长|不增长|零增长|持平|没什么增长|没啥增长|原地踏步")
_FELL = re.compile(r"下降|下滑|降了|减少|负增长|缩水|倒退|跌了|掉了|往下(?:走|掉)|走低|走下坡|一年不如一年")
_GROWTH_CUE_OF = {
    "avg_profit_growth": "avg_profit_growth",
    "avg_revenue_growth": "avg_revenue_growth",
    "annual_revenue": "avg_revenue_growth",
}


def _facts_not_known(text: str, hits: list[_Hit], result: Extraction) -> None:
    """``营收9个亿 服务投入占22% 排名不清楚``: a clause that names one fact, no figure, and says it is not known."""
    boundaries = _clause_boundaries(text)
    for cue in (h for h in hits if h.kind == "CUE"):
        clause, _ = _clause_of(text, cue.start, cue.end)
        start = _clause_start(boundaries, cue.start)
        named = {h.value for h in hits if h.kind == "CUE" and start <= h.start < start + len(clause)}
        known = cue.value in result.facts or cue.value in result.not_known
        if (
            len(named) == 1
            and says_not_known(clause)
            and not _FIGURE_IN.search(clause)
            and not known
            and not _WHETHER.search(clause)
            and not (cue.value in _GROWTH_CUE_OF and (_OFFERS_YEARLY.search(text) or YEARLY_FACTS & result.facts.keys()))
        ):
            result.not_known.append(cue.value)


# 增长率没算过，只有每年的营收数 / 给你年份数: the rate is not known, but the yearly figures it is computed from are at hand
_OFFERS_YEARLY = re.compile(
    r"(?:只有|有|能给|可以给|能提供|可以提供|手上是|手里是|给你)[^，,。；;]{0,6}?(?:每年|各年|逐年|历年|每一年|年度|几年|年份)的?"
    r"[^，,。；;]{0,6}?(?:数|数据|数字|报表|营收|收入|利润)"
)
_WHETHER = re.compile(
    r"不(?:知道|清楚|确定)[^，,。；;]{0,8}?(?:够不够|行不行|达不达标|能不能|是否|算不算|符不符合|过不过)"
)  # not whether it suffices
_FIGURE_IN = re.compile(r"\d|[一二两三四五六七八九十百千]\s*(?:亿|万|成|%|名)")


def _growth_in_words(text: str, hits: list[_Hit], numbers: list[_Number], result: Extraction) -> None:
    """A clause naming revenue or profit that says it did not grow (or fell) bounds that growth rate at 0."""
    boundaries = _clause_boundaries(text)
    for cue in (h for h in hits if h.kind == "CUE" and h.value in _GROWTH_CUE_OF):
        clause, _ = _clause_of(text, cue.start, cue.end)
        fact = _GROWTH_CUE_OF[cue.value]
        start = _clause_start(boundaries, cue.start)
        if cue.text in _GENERIC_GROWTH and _profit_named_before(text, start, cue.start):
            fact = "avg_profit_growth"  # 利润还是亏的，没啥增长可说: the subject named in the clause before
        has_figure = any(start <= n.start < start + len(clause) for n in numbers)
        if fact in result.facts or has_figure or is_question(clause):
            continue
        fell, flat = _FELL.search(clause), _FLAT.search(clause)
        if fell or flat:
            said = (fell or flat).group(0)
            result.facts[fact] = Range(None, 0.0, high_open=bool(fell) and not flat, said=said).to_dict()


def extract(message: str) -> Extraction:
    """Everything deterministic that ``message`` says."""
    result = Extraction()
    text = normalise(message)[:2000]
    result.silences = [s.detail for s in silences_asked(text)]
    for m in _EMAIL_RE.finditer(text):
        result.email = m.group(0)
    text_wo_email = _EMAIL_RE.sub(lambda m: " " * len(m.group(0)), text)
    phone = _PHONE_RE.search(text_wo_email)
    if phone:
        result.phone = phone.group(0)
    masked = _PHONE_RE.sub(lambda m: " " * len(m.group(0)), text_wo_email)
    hits = _vocabulary_hits(masked)
    article = parse_article_number(masked)
    if article is None and _PRINCIPLES.search(masked):
        article = 2  # 认定遵循哪几条原则: 第二条 names them (no reference to mask)
    if article is not None:
        result.article = article
        masked = ARTICLE_REFERENCE.sub(lambda m: " " * len(m.group(0)), masked)
    numbers = _floor_areas(masked, _with_bounds(masked, _numbers(masked)), result)
    _assign(masked, numbers, hits)
    numbers = _each(masked, numbers, hits)
    numbers = _asserted(masked, numbers, result)
    _split_respectively(masked, numbers, hits)
    numbers = _two_years(masked, _history(masked, numbers, result), result)
    numbers = _yearly_growth_rates(masked, numbers, result)
    numbers = _service_input_from_amounts(masked, numbers, result)
    numbers = _sector_amounts(masked, numbers, result)
    if _CORRECTION.search(masked):
        result.correction = True
        numbers = _last_per_fact(numbers)
    elif (switch := switch_position(masked)) is not None and any(n.start > switch for n in numbers):
        # 园区营收才六十来个亿……那用公司名义报领跑型…公司营收十二个亿: after a switch, the new track's figures
        numbers = _last_per_fact(numbers)
    numbers = _intersect_ranges(_sharpened(numbers))
    for number in numbers:
        if number.fact is not None and number.fact not in result.facts:
            if number.fact in _AMOUNT_FACTS and not number.unit_given:
                result.bare_numbers.append(number.value_or_range())
                continue
            result.facts[number.fact] = number.value_or_range()
        elif number.kind == "amount":
            result.amounts.append(number.value_or_range())
        elif number.kind == "percent":
            result.percents.append(number.value_or_range())
        elif number.kind == "rank":
            result.ranks.append(number.value_or_range())
        else:
            result.bare_numbers.append(number.value_or_range())
    _growth_in_words(masked, hits, numbers, result)
    _facts_not_known(masked, hits, result)
    _vocabulary_results(masked, hits, result)
    result.unlisted_titles += [m.group(0) for m in _OTHER_TITLE.finditer(masked) if m.group(0) not in result.unlisted_titles]
    unnamed = not (result.facts or result.facts_named or result.part_amounts or result.project_types)
    if result.correction and unnamed and len(result.amounts) == 1:
        # 更正一下，刚才说的105亿把区外的子公司也算进去了……是九十六亿多: the one money fact, corrected
        result.facts["annual_revenue"] = result.amounts.pop()
    result.track_switch = switched_track(masked)
    # 第九条增容部分出让到期后: words of the text quoted by a helpdesk officer, not the applicant's conditions
    result.conditions = conditions_answered(masked) if result.article is None else {}
    result.conditions_named = conditions_answered(masked, asked=True)
    result.polarity = general_polarity(masked)
    if any("titles" in s.unsettles for s in silences_asked(text)):  # 高企证书刚过期，在重新认定: neither held nor not
        result.titles_mentioned += [t for t in result.titles_absent if t not in result.titles_mentioned]
        result.titles_absent = []
    return result


# A title the clause says is not held (yet): 没有, 还在申请, 没批下来, 没评上, 正在申报, 今年才递材料 ...
_NOT_HELD = re.compile(
    r"没有|没|不是|未|无|尚未|还在|在申请|申请中|正在|准备|打算|计划|待批|待认定|待审|公示中|没批|还没|没评上|落选|过期|到期|被撤"
    r"|递(?:了)?材料|才递|才报|报上去|在评|评审中|审核中|在审|等结果|没下"
)
_ANY_SPECIALIZED = re.compile(r"[专專]精特新(?:企业)?")
_SPECIALIZED_QUALIFIED = re.compile(r"北京|市级|市里|中小企业|小巨人|国家级")


def _bare_specialized(text: str, hit: _Hit) -> bool:
    """``专精特新`` said with no word of which one (北京市, 国家级, 小巨人, 中小企业) around it."""
    return bool(_ANY_SPECIALIZED.fullmatch(hit.text)) and not _SPECIALIZED_QUALIFIED.search(
        text[max(0, hit.start - 4) : hit.end + 6]
    )


# 小巨人 专精特新都没有 / 高新、小巨人也都没有: a title listed before a 都没有 that covers the list
_LISTED_NOT_HELD = re.compile(r"[^，。；;,!！?？有是]{0,24}?(?:也)?(?:都|均|全都)(?:没有|没|无|不是)")
_DOUBT_TITLE = re.compile(r"不确定|不清楚|不知道|说不好|好像|可能|也许|记不清|不记得")
_BUT = re.compile(r"但是|但|不过|可是|而且|另外|同时")
_SENTENCE_END = re.compile(r"[。！!？?\n]")
_FIGURE_CHARS = re.compile(r"\d|百分之|[一二两三四五六七八九十百千]+\s*(?:亿|万|千|成|名|%)")


# In a clause after the title's own, only words that say how the title itself stands: a bare 没有 there is
# usually about something else (有国家高新，别的没有).
_PENDING = re.compile(
    r"还没(?:批|下|拿|评|认定|通过|到手|定)|尚未|没批|没下|没评上|在申请|申请中|在评|评审中|在审|审核中|待批|待认定|待审"
    r"|公示中|报上去|递(?:了)?材料|才递|才报|落选|过期了|已过期|被撤|准备申请|打算申请|计划申请|等结果"
)


def _status_tail(text: str, end: int, stops: list[int]) -> list[str]:
    """The clauses after a title's own that only say how things stand with it (，还没批下来 / ，但不确定是哪一级的):
    up to the sentence's end, the next fact word, or a clause with a figure."""
    sentence_end = min([m.start() for m in _SENTENCE_END.finditer(text, end)] + [len(text)])
    stop = min([p for p in stops if p > end] + [sentence_end])
    tail = []
    _, clause_end = _clause_span(text, end, end)
    while clause_end < stop:
        next_start = clause_end + 1
        _, next_end = _clause_span(text, next_start, next_start)
        clause = text[next_start : min(next_end, stop)]
        if next_end > stop or _FIGURE_CHARS.search(clause):
            break  # a figure speaks of something else
        tail.append(clause)
        clause_end = next_end
    return tail


# A place other than Beijing right before a title: 天津市, 河北省, 区级的, 省里的
_ELSEWHERE_TITLE = re.compile(
    rf"(?:(?:{'|'.join(OTHER_REGIONS)})(?:省|市|自治区)?|[^北京\s,，]{{2}}省|区级|区里|县级|省级|外省|外地)(?:认定|评定|评|发|颁发)?的?$"
)


# Titles 第六条（二）1 does not list, often held beside or instead of the three it lists
_OTHER_TITLE = re.compile(
    r"(?:北京市|国家级|市级|区级)?(?:创新型中小企业|科技型中小企业|瞪羚企业|独角兽企业|(?:制造业)?单项冠军(?:企业)?|技术先进型服务企业)"
)


def _title_status(text: str, start: int, end: int, stops: list[int]) -> str:
    """``held``, ``absent``, ``doubt``, ``other`` or ``unlisted`` for a title named at text[start:end], in its clause
    and the status-only clauses after it (``stops``: where other facts' words start)."""
    clause_start, clause_end = _clause_span(text, start, end)
    before, after = text[clause_start:start], text[end:clause_end]
    # the clause part up to a "but" on either side: 没有小巨人但有国家高新
    before = _BUT.split(before)[-1]
    after = _BUT.split(after)[0] if any(end < p < clause_end for p in stops) else after
    tail = _status_tail(text, end, stops)
    statements = "，".join(c for c in tail if not is_question(c))  # 能先报吗 says nothing of the title
    if before.endswith("中关村"):
        return "unlisted"  # 中关村高新技术企业 is another title than 国家高新技术企业
    if is_question(before + after):
        return "other"  # a title asked about is not one held
    if "除了" in before:
        return "held"  # 除了国家高新，其他都没有
    if _DOUBT_TITLE.search(before + after + "，".join(tail)):
        return "doubt"  # 不过记不清是市级还是区级的
    if _NOT_HELD.search(before + after) and not re.search(r"都有|也有|已经有|拿到了|已获|获得了", after):
        return "absent"
    if _PENDING.search(statements) or _LISTED_NOT_HELD.match(text[end:]):
        return "absent"
    return "held"


def _vocabulary_results(text: str, hits: list[_Hit], result: Extraction) -> None:
    stops = [h.start for h in hits]
    implied_absent: list[str] = []
    result.facts_named = list(dict.fromkeys(h.value for h in hits if h.kind == "CUE"))
    for hit in hits:
        if hit.kind == "TITLE":
            status = _title_status(text, hit.start, hit.end, stops)
            place = _ELSEWHERE_TITLE.search(text[max(0, hit.start - 8) : hit.start])
            if hit.value == "beijing_specialized_sme" and place and status in ("held", "absent"):
                # 天津市专精特新中小企业, 区级的专精特新: another place's title, not 北京市“专精特新”中小企业
                # (河北省的专精特新，北京的还没评: Hebei's held, Beijing's not)
                result.unlisted_titles.append(place.group(0) + hit.text + "企业" * (not hit.text.endswith("企业")))
                if status == "absent" and hit.value not in result.titles_absent:
                    result.titles_absent.append(hit.value)
                continue
            if (
                status == "held"
                and hit.value == "beijing_specialized_sme"
                and _bare_specialized(text, hit)
                and any(region in text for region in OTHER_REGIONS)
            ):  # 我们去年从保定搬到大兴，有专精特新称号: perhaps Hebei's, so asked which, not taken for Beijing's
                result.titles_mentioned.append(hit.value)
                continue
            if status == "unlisted":
                result.unlisted_titles.append(text[max(0, hit.start - 3) : hit.end] + "企业" * (not hit.text.endswith("企业")))
                continue
            bucket = {"held": result.titles, "absent": result.titles_absent}.get(status, result.titles_mentioned)
            if hit.value not in bucket:
                bucket.append(hit.value)
            if status == "absent" and _bare_specialized(
                text, hit
            ):  # 也没有专精特新: neither the national 小巨人 nor Beijing's (unless 小巨人 is said held on its own)
                implied_absent.append("little_giant")
        elif hit.kind == "TERM" and hit.value not in result.terms:
            result.terms.append(hit.value)
        elif hit.kind == "PROJECT" and hit.value not in result.project_types:
            result.project_types.append(hit.value)
        elif hit.kind == "APPLICANT" and hit.value not in result.applicant_types:
            result.applicant_types.append(hit.value)
        elif hit.kind == "DISTRICT" and result.district is None:
            result.district = hit.value
    result.titles_absent += [t for t in implied_absent if t not in result.titles and t not in result.titles_absent]
    # 有河北省认定的专精特新……也没有北京市专精特新: a title said both held and not held is not recorded as held
    result.titles = [t for t in result.titles if t not in result.titles_absent]
    if result.district is None:
        for district in BEIJING_DISTRICTS:
            if district in text:
                result.district = district
                break
    result.key_fields = [{"id": m.field.id, "matched": list(m.matched)} for m in match_key_fields(text)]


def known_fact_ids() -> tuple[str, ...]:
    """The fact ids the extractor can fill."""
    return tuple(f for f in FACT_SPECS if f in FACT_CUES or f.endswith("_history"))
