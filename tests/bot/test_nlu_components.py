"""Our Rasa NLU components: the folding tokenizer, the in-scope novelty featurizer and the blended classifier."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.blend import BlendedIntentClassifier
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


BLEND_EXAMPLES = [
    ("怎么申报示范园区", "ask_process"),
    ("申报流程是什么", "ask_process"),
    ("申报要走哪些步骤", "ask_process"),
    ("要准备哪些材料", "ask_materials"),
    ("申报材料有哪些", "ask_materials"),
    ("材料清单给我看看", "ask_materials"),
]


@pytest.fixture
def blend_parts(tokenizer, tmp_path, context):
    """A tokenizer, word featurizer and blended classifier trained on BLEND_EXAMPLES."""
    data = TrainingData([message(text, intent) for text, intent in BLEND_EXAMPLES])
    tokenizer.process_training_data(data)
    for folder in ("vectors", "blend"):
        (tmp_path / folder).mkdir()
    vectors = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(),
        LocalModelStorage(tmp_path / "vectors"),
        Resource("vectors"),
        context,
    )
    vectors.train(data)
    vectors.process_training_data(data)
    storage, resource = LocalModelStorage(tmp_path / "blend"), Resource("blend")
    classifier = BlendedIntentClassifier.create(BlendedIntentClassifier.get_default_config(), storage, resource, context)
    classifier.train(data)

    def featurized(text: str, previous: dict[str, float] | None = None) -> Message:
        msg = message(text)
        tokenizer.process([msg])
        vectors.process([msg])
        if previous is not None:
            msg.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in previous.items()])
        return msg

    return classifier, featurized, storage, resource


def ranking_of(msg: Message) -> dict[str, float]:
    return {entry["name"]: entry["confidence"] for entry in msg.get(INTENT_RANKING_KEY)}


def test_without_a_previous_ranking_the_linear_models_decide(blend_parts):
    classifier, featurized, _storage, _resource = blend_parts
    msg = classifier.process([featurized("申报材料要哪些")])[0]
    ranking = ranking_of(msg)
    assert msg.get(INTENT)["name"] == "ask_materials"
    assert sum(ranking.values()) == pytest.approx(1.0)


def test_the_previous_ranking_and_the_linear_models_are_averaged_by_weight(blend_parts):
    classifier, featurized, _storage, _resource = blend_parts
    weight = classifier.config["previous_weight"]
    assert 0.0 < weight < 1.0
    linear = ranking_of(classifier.process([featurized("申报材料要哪些")])[0])
    previous = {"ask_process": 0.9, "ask_materials": 0.1}
    msg = classifier.process([featurized("申报材料要哪些", previous)])[0]
    blended = ranking_of(msg)
    for name in previous:
        assert blended[name] == pytest.approx(weight * previous[name] + (1 - weight) * linear[name])
    top = max(blended, key=blended.get)
    assert msg.get(INTENT) == {"name": top, "confidence": blended[top]}
    confidences = [e["confidence"] for e in msg.get(INTENT_RANKING_KEY)]
    assert confidences == sorted(confidences, reverse=True)


def test_the_weight_decides_who_outvotes_whom(blend_parts):
    classifier, featurized, _storage, _resource = blend_parts
    text = "申报材料要哪些"
    linear_top = classifier.process([featurized(text)])[0].get(INTENT)["name"]
    other = "ask_process" if linear_top == "ask_materials" else "ask_materials"
    previous = {other: 1.0, linear_top: 0.0}
    classifier.config["previous_weight"] = 1.0
    assert classifier.process([featurized(text, previous)])[0].get(INTENT)["name"] == other
    classifier.config["previous_weight"] = 0.0
    assert classifier.process([featurized(text, previous)])[0].get(INTENT)["name"] == linear_top


def test_a_trained_blend_loads_with_the_same_model(blend_parts, context):
    classifier, featurized, storage, resource = blend_parts
    loaded = BlendedIntentClassifier.load(BlendedIntentClassifier.get_default_config(), storage, resource, context)
    text = "流程是什么"
    assert ranking_of(loaded.process([featurized(text)])[0]) == ranking_of(classifier.process([featurized(text)])[0])


def test_training_labels_are_left_alone(blend_parts, tokenizer):
    classifier, _featurized, _storage, _resource = blend_parts
    data = TrainingData([message(text, intent) for text, intent in BLEND_EXAMPLES])
    classifier.process_training_data(data)
    assert [m.get(INTENT) for m in data.training_examples] == [intent for _text, intent in BLEND_EXAMPLES]


@pytest.mark.parametrize("weight", [-0.1, 1.5])
def test_a_weight_outside_zero_to_one_is_refused(weight):
    with pytest.raises(ValueError, match="previous_weight"):
        BlendedIntentClassifier.validate_config({"previous_weight": weight})
