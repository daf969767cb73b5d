"""Jieba tokenizer that reads traditional characters and full-width forms as their simplified twins.

Users write 申報、園區、１２０億; the intent model was trained mostly on simplified text. Folding is done
character by character, so every token keeps its offset in the original message (entities and the
message text the actions see are untouched).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import jieba
import zhconv
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message

from liangye_rules.vocabulary import fold_homophones


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    folded = zhconv.convert(unicodedata.normalize("NFKC", char), "zh-cn")
    return folded if len(folded) == 1 else char


def fold_chars(text: str) -> str:
    """Simplified, half-width text of the same length as ``text`` (characters that would change length stay)."""
    return fold_homophones("".join(_fold_char(char) for char in text))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class SimplifiedJiebaTokenizer(JiebaTokenizer):
    """``JiebaTokenizer`` (same options, same custom dictionary folder) over character-folded text."""

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Tokens of the folded text, at the offsets of the original text."""
        text = fold_chars(message.get(attribute))
        tokens = [Token(word, start) for word, start, _end in jieba.tokenize(text)]
        return self._apply_token_pattern(tokens)
