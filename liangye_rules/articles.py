"""The literal text of the measures (京发改规〔2023〕7号), split into articles and clauses.

The text is bundled verbatim from ``shared/policy/measures.txt``; everything the assistant quotes
comes from here, so a quote can never drift from the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import cn2an

DOCUMENT_NUMBER = "京发改规〔2023〕7号"
TITLE = "北京市先进制造业和现代服务业融合示范园区和试点企业认定及支持办法（试行）"
ISSUERS = "北京市发展和改革委员会、北京市规划和自然资源委员会"
BASIS = "《关于北京市推动先进制造业和现代服务业深度融合发展的实施意见》（京发改〔2023〕83 号）"

_ARTICLE_RE = re.compile(r"^第([一二三四五六七八九十]+)条\s*")
_CHAPTER_RE = re.compile(r"^第[一二三四五六七八九十]+章")
_CLAUSE_RE = re.compile(r"^（([一二三四五六七八九十]+)）")
_ITEM_RE = re.compile(r"^[0-9]+\.")


@dataclass(frozen=True)
class Article:
    """One article: its number, its Chinese label (第十一条), chapter and literal text."""

    number: int
    label: str
    chapter: str
    text: str
    clauses: tuple[str, ...]

    def clause(self, n: int) -> str:
        """The literal text of clause (n), 1-based, e.g. 第五条（二）."""
        return self.clauses[n - 1]


def _read_text() -> str:
    return resources.files("liangye_rules").joinpath("data/measures.txt").read_text("utf-8")


@lru_cache(maxsize=1)
def all_articles() -> dict[int, Article]:
    """All twenty articles keyed by number, parsed once from the bundled text."""
    lines = [line.strip() for line in _read_text().splitlines()]
    started = False
    chapter = ""
    raw: dict[int, list[str]] = {}
    chapters: dict[int, str] = {}
    current: int | None = None
    for line in lines:
        if not line:
            continue
        if line.startswith("第一章"):
            started = True
        if not started:
            continue
        if _CHAPTER_RE.match(line):
            chapter = re.sub(r"\s+", " ", line)
            current = None
            continue
        m = _ARTICLE_RE.match(line)
        if m:
            current = int(cn2an.cn2an(m.group(1), "smart"))
            raw[current] = [line]
            chapters[current] = chapter
        elif current is not None:
            raw[current].append(line)
    articles = {}
    for number, parts in raw.items():
        clauses: list[str] = []
        for part in parts:
            if _CLAUSE_RE.match(part):
                clauses.append(part)
            elif clauses and _ITEM_RE.match(part):
                clauses[-1] += "\n" + part
        label = f"第{cn2an.an2cn(number)}条"
        articles[number] = Article(number, label, chapters[number], "\n".join(parts), tuple(clauses))
    return articles


def article(number: int) -> Article:
    """Article ``number`` (1–20). Raises KeyError for a number the measures do not have."""
    return all_articles()[number]


def ref_label(number: int, clause: int | None = None, item: int | None = None) -> str:
    """The Chinese citation, e.g. ``第五条（二）`` or ``第六条（一）1``."""
    label = f"第{cn2an.an2cn(number)}条"
    if clause is not None:
        label += f"（{cn2an.an2cn(clause)}）"
    if item is not None:
        label += str(item)
    return label


# An article reference: 第十一条, 第 11 条, 11条 (Chinese numerals need 第).
ARTICLE_REFERENCE = re.compile(
    r"第\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*条|(?<![0-9])([0-9]{1,2})\s*条"
    # 十三条讲什么 (a helpdesk officer's shorthand): a numeral of two characters, or 十, and what is asked of it
    r"|(?<![第一二三四五六七八九十百几两这那每哪])(十|[一二三四五六七八九十]{2,3})条(?=讲|说|写|是|的|内容|原文|规定|怎么|什么|对接|[，,。？?\s]|$)"
)


def parse_article_number(text: str) -> int | None:
    """The article number named in ``text`` (``第十一条``, ``第11条``, ``11条``), or None."""
    m = ARTICLE_REFERENCE.search(text)
    if not m:
        return None
    token = m.group(1) or m.group(2) or m.group(3)
    try:
        number = int(token) if token.isdigit() else int(cn2an.cn2an(token, "smart"))
    except ValueError:
        return None
    return number if number in all_articles() else None
