"""Our Rasa NLU components: the folding tokenizer and the in-scope novelty featurizer."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.novelty import DomainNoveltyFeaturizer
from bot.nlu.tokenizer import SimplifiedJiebaTokenizer, fold_chars


@pytest.fixture
def context():
    return ExecutionContext(GraphSchema({}), node_name="test")


@pytest.fixture
def tokenizer(tmp_path, context):
    storage = LocalModelStorage(tmp_path / "tokenizer")
    config = {**SimplifiedJiebaTokenizer.get_default_config(), "dictionary_path": None}
    return SimplifiedJiebaTokenizer.create(config, storage, Resource("tokenizer"), context)


def message(text: str, intent: str | None = None) -> Message:
    data = {TEXT: text}
    if intent:
        data[INTENT] = intent
    return Message(data=data)


def test_folding_keeps_length_and_reads_traditional_and_full_width_as_simplified():
    assert fold_chars("申報流程，１２０億") == "申报流程,120亿"
    text = "示範園區「門檻」ＯＫ"
    assert len(fold_chars(text)) == len(text)


def test_tokens_are_simplified_words_at_the_offsets_of_the_original_text(tokenizer):
    text = "示範園區怎麼申報"
    tokens = tokenizer.tokenize(message(text), TEXT)
    assert "".join(t.text for t in tokens) == "示范园区怎么申报"
    for token in tokens:
        assert token.start == text.index(text[token.start : token.end])
        assert len(text[token.start : token.end]) == len(token.text)


def featurizer_trained_on(examples, tokenizer, tmp_path, context):
    data = TrainingData([message(text, intent) for text, intent in examples])
    tokenizer.process_training_data(data)
    (tmp_path / "novelty").mkdir()
    storage = LocalModelStorage(tmp_path / "novelty")
    resource = Resource("novelty")
    featurizer = DomainNoveltyFeaturizer.create(DomainNoveltyFeaturizer.get_default_config(), storage, resource, context)
    featurizer.train(data)
    featurizer.process_training_data(data)
    return featurizer, data, storage, resource


def sentence_features(msg: Message) -> np.ndarray:
    _sequence, sentence = msg.get_sparse_features(TEXT)
    return sentence.features.toarray()[0]


EXAMPLES = [
    ("怎么申报示范园区", "ask_process"),
    ("申报流程是什么", "ask_process"),
    ("示范园区怎么申报", "ask_process"),
    ("营业执照怎么申请", "out_of_scope"),
]


def test_words_no_in_scope_example_uses_are_marked_new(tokenizer, tmp_path, context):
    featurizer, _data, _storage, _resource = featurizer_trained_on(EXAMPLES, tokenizer, tmp_path, context)
    known, foreign = message("怎么申报"), message("营业执照怎么申报")
    for msg in (known, foreign):
        tokenizer.process([msg])
    featurizer.process([known, foreign])
    assert sentence_features(known)[2] == 0.0  # no new word
    assert sentence_features(foreign)[2] == 1.0  # 营业执照 is new to the in-scope examples
    sequence, _ = foreign.get_sparse_features(TEXT)
    flags = sequence.features.toarray()[:, 0]
    words = [t.text for t in foreign.get(TOKENS_NAMES[TEXT])]
    assert [w for w, flag in zip(words, flags, strict=True) if flag] == ["营业执照"]


def test_training_examples_are_featurized_leave_one_out(tokenizer, tmp_path, context):
    _featurizer, data, _storage, _resource = featurizer_trained_on(EXAMPLES, tokenizer, tmp_path, context)
    by_text = {m.get(TEXT): m for m in data.training_examples}
    # "流程" and "是" occur in one in-scope example only: new to the others, so new for this one too
    assert sentence_features(by_text["申报流程是什么"])[2] == 1.0
    # every word of this example is used by another in-scope example
    assert sentence_features(by_text["示范园区怎么申报"])[2] == 0.0
    # out-of-scope examples are not counted, so nothing is left out for them
    assert sentence_features(by_text["营业执照怎么申请"])[2] == 1.0


def test_a_trained_featurizer_loads_with_its_vocabulary(tokenizer, tmp_path, context):
    featurizer, _data, storage, resource = featurizer_trained_on(EXAMPLES, tokenizer, tmp_path, context)
    loaded = DomainNoveltyFeaturizer.load(DomainNoveltyFeaturizer.get_default_config(), storage, resource, context)
    assert loaded.word_counts == featurizer.word_counts and loaded.word_counts["申报"] == 3
