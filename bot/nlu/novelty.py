"""Featurizer that marks words no in-scope training example uses.

Out-of-scope questions often share their shape with ours ("营业执照怎么申请" looks like "怎么申请") and
differ only by a word the measures never use. Word and character n-grams of an unseen word carry little
weight, so this featurizer says explicitly how many words of a message are new to the in-scope vocabulary.
Training examples are featurized leave-one-out (a word counts as known only if another in-scope example
uses it), so the features mean the same thing in training as on new messages.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

_WORD = re.compile(r"\w")
_FILE = "in_scope_words.json"


def _word(token_text: str) -> str | None:
    """The comparable form of a token, or None for punctuation and spaces."""
    text = token_text.strip().lower()
    return text if _WORD.search(text) else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class DomainNoveltyFeaturizer(SparseFeaturizer, GraphComponent):
    """Sequence feature: the token is new to in-scope examples; sentence features: how many such tokens."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**SparseFeaturizer.get_default_config(), "out_of_scope_intent": "out_of_scope"}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Nothing to validate beyond the defaults."""

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        word_counts: dict[str, int] | None = None,
    ) -> None:
        super().__init__(execution_context.node_name, config)
        self._model_storage = model_storage
        self._resource = resource
        self.word_counts: dict[str, int] = dict(word_counts or {})

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DomainNoveltyFeaturizer:
        return cls(config, model_storage, resource, execution_context)

    def _in_scope(self, message: Message) -> bool:
        intent = message.get(INTENT)
        return bool(intent) and intent != self._config["out_of_scope_intent"] and bool(message.get(TEXT))

    def _words(self, message: Message) -> list[str | None]:
        return [_word(token.text) for token in message.get(TOKENS_NAMES[TEXT]) or []]

    def train(self, training_data: TrainingData) -> Resource:
        """Count, per word, the in-scope training examples that use it."""
        counts: Counter[str] = Counter()
        for example in training_data.training_examples:
            if self._in_scope(example):
                counts.update({w for w in self._words(example) if w})
        self.word_counts = dict(counts)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / _FILE).write_text(json.dumps(self.word_counts, ensure_ascii=False), encoding="utf-8")
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Featurize training examples leave-one-out."""
        for example in training_data.training_examples:
            self._featurize(example, leave_out=self._in_scope(example))
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Featurize incoming messages."""
        for message in messages:
            self._featurize(message, leave_out=False)
        return messages

    def _featurize(self, message: Message, leave_out: bool) -> None:
        words = self._words(message)
        if not words:
            return
        own = 1 if leave_out else 0
        novel = [w is not None and self.word_counts.get(w, 0) - own < 1 for w in words]
        content = sum(w is not None for w in words) or 1
        n = sum(novel)
        sequence = np.array([[1.0 if flag else 0.0] for flag in novel])
        sentence = np.array([[min(n, 3) / 3, n / content, float(n >= 1), float(n >= 2)]])
        self.add_features_to_message(
            scipy.sparse.coo_matrix(np.hstack([sequence, np.zeros((len(words), 3))])),
            scipy.sparse.coo_matrix(sentence),
            TEXT,
            message,
        )

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> DomainNoveltyFeaturizer:
        """Load the word counts of a trained model."""
        with model_storage.read_from(resource) as directory:
            counts = json.loads((directory / _FILE).read_text(encoding="utf-8"))
        return cls(config, model_storage, resource, execution_context, word_counts=counts)
