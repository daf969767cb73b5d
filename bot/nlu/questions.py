"""What makes a clause a question: one definition for the polarity reader, the extractor and the router.

A question asserts nothing (算不算达标 is no "no" to 达标; 北京市专精特新的算不 holds no title), so every reader
skips it when it looks for facts, and the router reads it as a question.
"""

from __future__ import annotations

import re

# 算不算, 是不是, 够不够, 达不达标, 行不行: the A-not-A question, whatever the verb.
A_NOT_A = r"([\u4e00-\u9fff])不\1"

QUESTION = re.compile(
    r"吗|呢|是.{0,8}还是|怎么|怎样|(?<![没])啥(?!都)|咋|如何|(?<!没)(?<!不是)(?<!不算)(?<!不属于)(?<!不涉及)(?<!没有)什么|哪|多少|多长|(?<![没不])多久|多大|何时|(?<![十百千万零一二两三四五六七八九\d好这那近前后])几(?:个|年|名|成|条|类|项)"
    r"|是否|能否|可否|有没有|有无|可不可以|要不要|算不|(?<![了得])[\u4e00-\u9fff]不\s*$|(?<![什怎那这多要])么(?=\s*$|[，,。；;！!])|"
    + A_NOT_A
    + r"|(?<!还)是[^，,。；;]{0,10}吧\s*$|还是[^，,。；;]{0,20}(?:啊|呀|哈)\s*$"
    # 按算术平均还是复合 / 排名口径：全国还是全市: alternatives offered without 是 or a question mark
    + r"|(?:按|用|算)[^，,。；;还]{1,10}还是[^，,。；;]{1,10}$|[:：][^，,。；;]{1,8}还是[^，,。；;]{1,8}$|[?？]"
)


# 占比多少真不知道, 哪些算重点领域我们还没梳理过: a question word inside a clause that says it is not known asks
# nothing (the clause is a statement), unless a question mark or particle says otherwise
_EMBEDDED_NOT_KNOWN = re.compile(
    r"(?:多少|哪些|哪个|哪几|几个|有没有|是不是)[^，,。；;！!？?]{0,14}?(?:真|确实|实在|也|都|还|我们|我)*"
    r"(?:不知道|不清楚|说不上来|说不准|说不好|没数|没底|没统计过?|没梳理过?|没算过|没核实过?|没查过|没确认过?|搞不清楚?)"
    r"[了啊呀]?(?=[，,。；;！!\s]|$)"
    # 所以现在说不准有没有有效称号: the not-known word first, then what is not known
    r"|(?:说不准|说不好|拿不准|没核实|没查过|没确认)[^，,。；;！!？?]{0,4}(?:有没有|是不是)[^，,。；;！!？?]{0,12}(?=[，,。；;！!\s]|$)"
    # 不知道比例是多少: the not-known word first, then the figure not known
    r"|(?:不知道|不清楚|说不准|说不好)[^，,。；;！!？?]{0,8}(?:是多少|有多少|多少|是几)(?=[，,。；;！!\s]|$)"
    # 几个片区分散在三个镇: 几个 opening a clause and followed by what they do is "several", not "how many"
    r"|(?:^|(?<=[，,。；;！!]))几个(?=[\u4e00-\u9fff]{1,4}(?:分散|分布|都|在|加起来|合计|分别))"
)


def is_question(text: str) -> bool:
    """Whether ``text`` (a clause or a message) asks something."""
    if not re.search(r"[?？]|吗|呢", text):
        text = _EMBEDDED_NOT_KNOWN.sub("", text)
    return QUESTION.search(text) is not None
