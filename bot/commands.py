"""Words a user types to control the conversation itself, shared by the chat server and the actions."""

from __future__ import annotations

import re

# The user wants the assistant back instead of a person: 返回智能助手, 取消人工, 不用转人工了 ...
_RETURN_TO_BOT = re.compile(
    r"^(?:返回|回到|切换回?|换回)(?:智能)?(?:助手|机器人|小助手)$|^(?:取消|结束|撤回|不用|不需要|不要)(?:转)?人工(?:服务|客服)?(?:了|啦)?$"
)


def wants_the_bot_back(message: str) -> bool:
    """True when ``message`` (spaces and punctuation ignored) asks to leave the hand-off for the assistant."""
    return bool(_RETURN_TO_BOT.match(re.sub(r"[\s，。！!,.~～]", "", message)))
