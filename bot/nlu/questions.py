"""What makes a clause a question: one definition for the polarity reader, the extractor and the router.

A question asserts nothing (算不算达标 is no "no" to 达标; 北京市专精特新的算不 holds no title), so every reader
skips it when it looks for facts, and the router reads it as a question.
"""

from __future__ import annotations

import re

# 算不算, 是不是, 够不够, 达不达标, 行不行: the A-not-A question, whatever the verb.
_A_NOT_A = r"([\u4e00-\u9fff])不\1"

QUESTION = re.compile(
    r"吗|呢|是.{0,8}还是|怎么|咋|如何|什么|哪|多少|多长|(?<![没不])多久|多大|何时|(?<![十百千万零一二两三四五六七八九\d好这那近前后])几(?:个|年|名|成|条|类|项)"
    r"|是否|能否|可否|有没有|可不可以|要不要|算不|(?<![了得])[\u4e00-\u9fff]不\s*$|(?<![什怎那这多要])么(?=\s*$|[，,。；;！!])|"
    + _A_NOT_A
    + r"|(?<!还)是[^，,。；;]{0,10}吧\s*$|[?？]"
)


def is_question(text: str) -> bool:
    """Whether ``text`` (a clause or a message) asks something."""
    return QUESTION.search(text) is not None
