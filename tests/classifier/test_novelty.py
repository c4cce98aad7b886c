"""The unseen-words column: zero on training texts, the share of unseen mass on new ones."""

from __future__ import annotations

import numpy as np
import pytest

from classifier.features import CompactTfidfVectorizer
from classifier.novelty import NOVELTY_FLOOR, UNSEEN, NoveltyTfidfVectorizer

PARAMS = {"lowercase": False, "token_pattern": r"\S+", "sublinear_tf": True, "min_df": 2,
          "ngram_range": (1, 2)}  # fmt: skip
TRAINING = [
    "bank share profit market",
    "bank share profit market rate",
    "match goal striker league",
    "match goal striker league coach",
]


def _fitted() -> tuple[NoveltyTfidfVectorizer, CompactTfidfVectorizer]:
    novelty, plain = NoveltyTfidfVectorizer(**PARAMS), CompactTfidfVectorizer(**PARAMS)
    novelty.fit(TRAINING)
    plain.fit(TRAINING)
    return novelty, plain


def test_training_texts_get_the_plain_tfidf_and_a_zero_unseen_column() -> None:
    novelty, plain = NoveltyTfidfVectorizer(**PARAMS), CompactTfidfVectorizer(**PARAMS)
    features, expected = novelty.fit_transform(TRAINING), plain.fit_transform(TRAINING)
    assert features.shape == (4, expected.shape[1] + 1)
    assert np.allclose(features[:, :-1].toarray(), expected.toarray())
    assert not features[:, -1].toarray().any()
    assert novelty.get_feature_names_out()[-1] == UNSEEN


def test_a_text_of_known_terms_reads_as_the_plain_tfidf() -> None:
    novelty, plain = _fitted()
    text = ["bank share profit market"]
    features = novelty.transform(text).toarray()
    assert np.allclose(features[0, :-1], plain.transform(text).toarray()[0])
    assert features[0, -1] == 0.0


def test_a_text_mostly_of_unseen_words_gets_the_column_and_smaller_known_weights() -> None:
    novelty, plain = _fitted()
    text = ["bank share zebra unicorn quasar nebula pulsar comet asteroid"]
    features = novelty.transform(text).toarray()[0]
    known = plain.transform(text).toarray()[0]
    floor, scale = novelty.novelty_
    assert floor == NOVELTY_FLOOR
    assert features[-1] > 0.0
    assert features[-1] <= scale * (1.0 - floor)
    # Normalised together with the unseen mass, the known words weigh less than alone.
    column = novelty.vocabulary_["bank"]
    assert 0.0 < features[column] < known[column]


@pytest.mark.parametrize("ratio", [0.3, 0.5])
def test_the_column_grows_with_the_share_of_unseen_words(ratio: float) -> None:
    novelty, _ = _fitted()
    unseen = "zebra unicorn quasar nebula pulsar comet asteroid galaxy orbit"
    words = unseen.split(" ")
    few = "bank share profit market " + " ".join(words[: int(len(words) * ratio)])
    many = "bank share profit market " + unseen
    few_value, many_value = novelty.transform([few, many]).toarray()[:, -1]
    assert many_value > few_value >= 0.0
