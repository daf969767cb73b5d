"""Parsing and formatting of amounts (yuan) and percentages, shared by the CLI, the API and the bot.

Canonical units: money in yuan, shares and growth rates in percent (35 means 35 %).
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

import cn2an

from .ranges import Range, is_range, range_from


class ParseError(ValueError):
    """A value that cannot be understood; ``message`` is a plain Chinese sentence for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_UNITS = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3, "k": 1e3, "w": 1e4}
_TRADITIONAL = str.maketrans(
    {"億": "亿", "萬": "万", "兩": "两", "圓": "元", "塊": "块", "負": "负", "貳": "二", "參": "三", "陸": "六"}
)
_HEDGES = ("大概", "大约", "约为", "约", "差不多", "将近", "接近", "左右", "上下", "多", "来", "个", "人民币", "rmb", "cny")
_NUM = r"[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?"
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟"
_CN_NUM = f"[{_CN_DIGITS}]+"
_NEGATIVE = ("负", "-", "−", "下降", "下滑", "减少", "降低", "亏损")
_AMOUNT_SUFFIXES = (
    "元/平方米",
    "元每平方米",
    "元/平米",
    "元/m2",
    "元/㎡",
    "/平方米",
    "/平米",
    "/m2",
    "/㎡",
    "每平方米",
    "每平米",
    "元",
    "块钱",
    "块",
)

MAX_AMOUNT_YUAN = 1e14  # 100 万亿元: far above any park or enterprise in Beijing.


_CN_DECIMAL = re.compile(r"(?P<whole>[零〇一二两三四五六七八九十百千]+)点(?P<tenths>[零〇一二三四五六七八九]+)")
_DIGIT_OF = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0"}


def decimals_as_digits(text: str) -> str:
    """Chinese decimals written with digits: ``九点八亿`` → ``9.8亿``, ``十二点五%`` → ``12.5%``."""

    def digits(m: re.Match) -> str:
        try:
            whole = int(cn2an.cn2an(m.group("whole").replace("两", "二"), "smart"))
        except (ValueError, KeyError, TypeError, IndexError):
            return m.group(0)
        return f"{whole}.{''.join(_DIGIT_OF[c] for c in m.group('tenths'))}"

    return _CN_DECIMAL.sub(digits, text)


def _normalise(text: str) -> str:
    text = decimals_as_digits(unicodedata.normalize("NFKC", text).translate(_TRADITIONAL).strip().lower())
    text = re.sub(r"[\s,，_]", "", text)
    for prefix in ("每平方米", "每平米", "每平"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text


def _strip_hedges(text: str) -> str:
    for word in _HEDGES:
        text = text.replace(word, "")
    return text


def _number(token: str) -> float:
    """A number written in Arabic digits, Chinese numerals or a mix (``1.5``, ``一百二十``, ``3千``)."""
    if re.fullmatch(_NUM, token):
        return float(token)
    try:
        return float(cn2an.cn2an(token.replace("两", "二"), "smart"))
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise ParseError(f"无法识别数字“{token}”。") from exc


def _split_sign(text: str) -> tuple[int, str]:
    for word in _NEGATIVE:
        if text.startswith(word):
            return -1, text[len(word) :]
    for word in ("+", "正", "增长", "增加", "提高", "上升"):
        if text.startswith(word):
            return 1, text[len(word) :]
    return 1, text


def _check_finite(value: float, what: str) -> float:
    if not math.isfinite(value):
        raise ParseError(f"{what}必须是有限的数字。")
    return value


def parse_amount(value: object, *, allow_negative: bool = False, what: str = "金额") -> float:
    """Parse an amount of money into yuan.

    Accepts numbers (already yuan) and strings such as ``120亿``, ``120亿元``, ``一百二十亿``,
    ``大概120个亿``, ``1.2e10``, ``3000万``, ``2.5万元``, ``1亿2000万``, ``每平米2.5万``.
    """
    if isinstance(value, bool):
        raise ParseError(f"{what}应为数字或金额文字，例如“120亿元”。")
    if isinstance(value, (int, float)):
        amount = _check_finite(float(value), what)
    elif isinstance(value, str):
        amount = _parse_amount_text(value, what)
    else:
        raise ParseError(f"{what}应为数字或金额文字，例如“120亿元”。")
    if amount < 0 and not allow_negative:
        raise ParseError(f"{what}不能为负数，请检查后重新输入。")
    if abs(amount) > MAX_AMOUNT_YUAN:
        raise ParseError(f"{what}超过100万亿元，明显不符合实际，请检查单位（元、万元、亿元）。")
    return amount


def _parse_amount_text(text: str, what: str) -> float:
    raw = text
    text = _strip_hedges(_normalise(text))
    for suffix in _AMOUNT_SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    sign, text = _split_sign(text)
    if not text:
        raise ParseError(f"没有找到{what}的数字：“{raw}”。")
    segments = re.findall(rf"({_NUM}|{_CN_NUM})(万亿|亿|千万|百万|十万|万|千|k|w)?", text)
    if not segments or "".join(n + u for n, u in segments) != text:
        raise ParseError(f"无法识别{what}“{raw}”，请用类似“120亿元”“3000万元”的写法。")
    total = 0.0
    for number, unit in segments:
        total += _number(number) * _UNITS.get(unit, 1.0)
    return _check_finite(sign * round(total, 6), what)  # 8.8亿 is 880000000, not 880000000.0000001


def parse_percent(value: object, *, what: str = "比例") -> float:
    """Parse a percentage into percent points (35 means 35 %).

    Accepts numbers (already percent) and strings such as ``35%``, ``35％``, ``百分之三十五``,
    ``三成五``, ``一半``, ``-5%``, ``负5%``, ``下降5%``, ``35``.
    """
    if isinstance(value, bool):
        raise ParseError(f"{what}应为百分数，例如“35%”。")
    if isinstance(value, (int, float)):
        return _check_finite(float(value), what)
    if not isinstance(value, str):
        raise ParseError(f"{what}应为百分数，例如“35%”。")
    raw = value
    text = _strip_hedges(_normalise(value))
    sign, text = _split_sign(text)
    text = text.replace("个百分点", "").replace("百分点", "")
    if text in ("一半", "半数", "过半"):
        return sign * 50.0
    m = re.fullmatch(rf"百分之({_NUM}|{_CN_NUM})", text) or re.fullmatch(rf"({_NUM}|{_CN_NUM})%", text)
    if m:
        return _check_finite(sign * _number(m.group(1)), what)
    m = re.fullmatch(rf"({_NUM}|[一二两三四五六七八九十])成([0-9一二三四五六七八九])?", text)
    if m:
        tenths = _number(m.group(1)) * 10
        extra = _number(m.group(2)) if m.group(2) else 0.0
        return _check_finite(sign * (tenths + extra), what)
    if re.fullmatch(rf"{_NUM}|{_CN_NUM}", text):
        return _check_finite(sign * _number(text), what)
    raise ParseError(f"无法识别{what}“{raw}”，请用类似“35%”或“百分之三十五”的写法。")


def _trim(number: float, digits: int = 2) -> str:
    text = f"{number:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_amount(yuan: float) -> str:
    """``12000000000`` → ``120亿元``; ``30000000`` → ``3000万元``; ``800`` → ``800元`` (no space, as GB/T 15835)."""
    magnitude = abs(yuan)
    if magnitude >= 1e8:
        return f"{_trim(yuan / 1e8, 4)}亿元"
    if magnitude >= 1e4:
        return f"{_trim(yuan / 1e4, 2)}万元"
    return f"{_trim(yuan, 2)}元"


def format_area_revenue(yuan_per_m2: float) -> str:
    """``25000`` → ``2.5万元/平方米``."""
    if abs(yuan_per_m2) >= 1e4:
        return f"{_trim(yuan_per_m2 / 1e4, 4)}万元/平方米"
    return f"{_trim(yuan_per_m2, 2)}元/平方米"


def format_percent(percent: float) -> str:
    """``35.0`` → ``35%``; ``12.345`` → ``12.35%``."""
    return f"{_trim(percent, 2)}%"


def format_points(points: float) -> str:
    """A difference of percentages, ``3.5`` → ``3.5个百分点``."""
    return f"{_trim(points, 2)}个百分点"


def share_of_figure(part: Any, whole: Any, what: str = "比例") -> float | dict[str, Any]:
    """``share_of`` for a part and a whole given exactly or as ranges (先进制造四十亿出头 of 108亿 → 37.04%–46.3%;
    35亿 of 150–160亿 → 21.88%–23.33%): the range holds every share the two can make."""
    if not is_range(part) and not is_range(whole):
        return share_of(float(part), float(whole), what)
    p = range_from(part, float) if is_range(part) else Range(float(part), float(part))
    w = range_from(whole, float) if is_range(whole) else Range(float(whole), float(whole))
    if w.low is None or w.low <= 0 or p.low is None or w.high is None:
        raise ParseError(f"{what}：整体的数字不够确定，算不出占比，请告诉我具体数字。")
    low = share_of(min(p.low, w.high), w.high, what)
    high = None if p.high is None or p.high >= w.low else round(p.high / w.low * 100, 2)
    said = "，".join(r.said for r in (p, w) if r.said)
    return Range(low, high, p.low_open, p.high_open and high is not None, said).to_dict()


def per_square_meter(revenue: float, area: float) -> float:
    """Revenue per m² (元/平方米) from a revenue in yuan and an area in m², to two decimals (营收108亿 ÷ 40万平米)."""
    if not math.isfinite(area) or area <= 0:
        raise ParseError("面积应大于 0 平方米，请核对后再告诉我。")
    return round(revenue / area, 2)


def share_of(part: float, whole: float, what: str = "比例") -> float:
    """``part`` as a percentage of ``whole`` (两个金额算出的占比), to two decimals; ParseError when they cannot fit."""
    if whole <= 0 or part < 0 or part > whole:
        raise ParseError(
            f"{what}：{format_amount(part)} 与{format_amount(whole)} 对不上（部分应在 0 和整体之间），请核对后再告诉我。"
        )
    return round(part / whole * 100, 2)
