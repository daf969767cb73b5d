"""A change of the track being checked, said in words: 改成按成长型看, 应该是报成长型试点企业, 还是报园区吧."""

from __future__ import annotations

import re

ENTERPRISE = "enterprise"  # an enterprise whose track (leading or growth) is not chosen yet

_SWITCH = re.compile(
    r"(?:(?:改报|改成|换成|改为|转报|改申报|换报|转成|还是报|还是申报|还是按|改按|重新按|换个|应该(?:是)?(?:报|申报|按))"
    r"(?:为|按|报|申报|成)?[^，,。；;！!？?]{0,3}?|(?:改|换|转)(?=成长型))(?P<to>成长型|领跑型|示范园区|园区|企业)"
)
_TRACKS = {"成长型": "growth_enterprise", "领跑型": "leading_enterprise", "示范园区": "park", "园区": "park", "企业": ENTERPRISE}


# 本来想报示范园区……不够。那用运营公司自己的名义报领跑型行不行: an intention given up, then another track
_GIVEN_UP = re.compile(
    r"(?:(?:本来|原来|原本|之前|开始)(?:想|打算|准备)?(?:报|申报)(?P<from>成长型|领跑型|示范园区|园区)"
    r".{0,40}?(?:那|还是|干脆|只能|算了|改|换)"
    r"|(?:先不问了|不问了|先不报了|不报了|先放一放|放一放|先搁着))"  # 园区的事先不问了，帮…企业看看能不能报领跑型
    r".{0,24}?(?:报|申报|按)(?P<to>成长型|领跑型|示范园区|园区)"
)


# 帮我按成长型测一下 / 哦不对……子公司要报成长型试点企业: the track to check now, said after giving up another
_CHECK_AS = re.compile(
    r"(?:帮我|帮忙|给我|那就|就|那|麻烦|请|再)按(?P<to>成长型|领跑型|示范园区|园区)(?:试点企业|企业)?(?:帮(?:我|我们|忙))?"
    r"(?:测|看|算|评|查|来|走|试|对照|核)"
    r"|(?:不对|说错|搞错|弄错|口误)[^。！!？?]{0,48}?(?:报|申报)(?:的是|的|是)?(?P<to2>成长型|领跑型|示范园区|园区)"
)


# 我分不清是报领跑型还是报示范园区: two tracks weighed, none chosen (a 还是 here is no switch)
_UNDECIDED = re.compile(
    r"(?:分不清|不知道|不确定|拿不准|纠结|犹豫|搞不清|不清楚)(?:该|应该)?(?:是)?(?:报|申报)?[^，,。；;！!？?]{0,12}$"
)


def _switches(text: str) -> list[tuple[int, str]]:
    """Where each switch of track is said, with the track it switches to."""
    found = [(m.start("to"), m.group("to")) for m in _SWITCH.finditer(text) if not _UNDECIDED.search(text[: m.start()])]
    found += [(m.start("to"), m.group("to")) for m in _GIVEN_UP.finditer(text) if m.group("to") != m.group("from")]
    found += [(m.start(g), m.group(g)) for m in _CHECK_AS.finditer(text) for g in ("to", "to2") if m.group(g)]
    return found


def switched_track(text: str) -> str | None:
    """The track the message switches to, or None; the last switch said wins (先报园区…算了改成企业)."""
    found = _switches(text)
    return _TRACKS[max(found)[1]] if found else None


def switch_position(text: str) -> int | None:
    """Where the last switch of track is said (figures after it belong to the new track), or None."""
    found = _switches(text)
    return max(found)[0] if found else None
