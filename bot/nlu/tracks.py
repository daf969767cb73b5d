"""A change of the track being checked, said in words: 改成按成长型看, 应该是报成长型试点企业, 还是报园区吧."""

from __future__ import annotations

import re

ENTERPRISE = "enterprise"  # an enterprise whose track (leading or growth) is not chosen yet

_SWITCH = re.compile(
    r"(?:改报|改成|换成|改为|转报|改申报|换报|转成|还是报|还是申报|还是按|改按|重新按|换个|应该(?:是)?(?:报|申报|按))"
    r"(?:为|按|报|申报|成)?[^，,。；;！!？?]{0,3}?(?P<to>成长型|领跑型|示范园区|园区|企业)"
)
_TRACKS = {"成长型": "growth_enterprise", "领跑型": "leading_enterprise", "示范园区": "park", "园区": "park", "企业": ENTERPRISE}


def switched_track(text: str) -> str | None:
    """The track the message switches to, or None; the last switch said wins (先报园区…算了改成企业)."""
    found = list(_SWITCH.finditer(text))
    return _TRACKS[found[-1].group("to")] if found else None
