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


# Not knowing, as people say it (also an NLU feature, data/nlu/vocabulary_features.yml): 不清楚, 记不清, and 没 + a verb
# of noticing or counting (没留意, 没算过), which reads like 没有 but means 不知道.
NOT_KNOWN = (
    r"不知道|不清楚|不确定|说不准|说不上来|说不清|不了解|不太清楚|不晓得|不造|不记得|记不清|拿不准|吃不准|不是我负责|(?<!让我)(?<!我想)(?<!想)(?<!来)(?<!请)(?<!就)(?<!替)(?<!帮)问问(?!你|您|能|可以|这个办法|申报|怎么|示范|园区|领跑|成长|试点|条件|政策|两业|关于|有关|咱们|我们)|得查"
    r"|没(?:太|怎么|有)?(?:留意|注意|关注|印象|概念|算过|细算|细分|单独算|核算|统计|查过|数过|了解|问过|归集|核实)"
    r"|(?:给|拿|报)不出(?:数|数字|数据|来)|没法(?:给|提供|统计)|(?:给|提供)不了"
)
_NOT_KNOWN = re.compile(NOT_KNOWN)


def says_not_known(message: str) -> bool:
    """True when ``message`` says the user does not know (不清楚, 没留意过, 记不清了 ...)."""
    return bool(_NOT_KNOWN.search(message))
