"""Training on a tiny corpus: selection, calibration, threshold, determinism, predictions."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from classifier import MAX_TEXT_CHARS, OTHER, Prediction, load_model
from classifier.corpus import read_corpus
from learning.training import choose_threshold, describe, families, train
from tests.conftest import REPO


def test_choose_threshold_reaches_the_target_precision() -> None:
    confidence = np.array([0.99, 0.95, 0.9, 0.8, 0.7, 0.6])
    correct = np.array([True, True, True, False, True, False])
    assert choose_threshold(confidence, correct, 1.0) == 0.9
    assert choose_threshold(confidence, correct, 0.8) == 0.7
    assert choose_threshold(confidence, correct, 0.5) == 0.6
    assert choose_threshold(confidence, np.zeros(6, dtype=bool), 0.9) == 0.99


def test_tiny_model_metadata(tiny_model_dir: Path, tiny_corpus_dir: Path) -> None:
    metadata = json.loads((tiny_model_dir / "model.json").read_text())
    corpus = read_corpus(tiny_corpus_dir)
    assert metadata["labels"] == ["business", "sport", "tech"]
    assert metadata["corpus"]["sha256"] == corpus.sha256
    assert metadata["corpus"]["duplicates"] == 2
    # Training really cross-validated at least four model families, each recorded.
    assert set(metadata["cv"]) == {family.name for family in families()}
    assert len(metadata["cv"]) >= 4
    assert metadata["model"]["family"] in metadata["cv"]
    assert 0 < metadata["threshold"]["value"] <= 1
    holdout = set(metadata["holdout_ids"])
    assert len(holdout) == round(len(corpus.documents) * 0.2)
    assert holdout <= {doc.doc_id for doc in corpus.documents}
    assert metadata["metrics"]["holdout"]["accuracy"] >= 0.9
    # The tiny model was trained with 3 folds and the default seed: model.json says so.
    assert metadata["cv_folds"] == 3 and "3-fold" in metadata["model"]["calibration"]
    assert metadata["split"]["seed"] == 42


def test_model_json_records_the_seed_actually_used(tiny_corpus_dir: Path) -> None:
    corpus = read_corpus(tiny_corpus_dir)
    result = train(corpus, seed=5, folds=2, n_jobs=1)
    metadata = describe(corpus, result)
    assert metadata["split"]["seed"] == 5 and metadata["cv_folds"] == 2
    assert (
        "2-fold" in metadata["model"]["calibration"] and "2-fold" in metadata["threshold"]["rule"]
    )


def test_training_is_deterministic(tiny_corpus_dir: Path, tiny_model_dir: Path) -> None:
    corpus = read_corpus(tiny_corpus_dir)
    again = train(corpus, folds=3, n_jobs=1)
    saved = json.loads((tiny_model_dir / "model.json").read_text())
    assert again.holdout_ids == saved["holdout_ids"]
    assert again.threshold == saved["threshold"]
    assert {name: cv for name, cv in again.cv.items()} == saved["cv"]


def test_predictions_follow_the_seam(tiny_model_dir: Path) -> None:
    model = load_model(tiny_model_dir)
    assert load_model(tiny_model_dir) is model
    assert model.labels == ("business", "sport", "tech")
    assert len(model.version) == 12
    texts = ["profit market shares bank investors", "goal match striker coach", ""]
    business, sport, empty = model.predict(texts)
    assert isinstance(business, Prediction)
    assert (business.label, sport.label) == ("business", "sport")
    assert sum(business.probabilities.values()) == pytest.approx(1.0)
    assert business.confidence == max(business.probabilities.values())
    assert business.coverage == 1.0
    assert (empty.label, empty.coverage) == (OTHER, 0.0)
    assert json.loads(json.dumps(business.to_dict()))["label"] == "business"
    assert model.predict([]) == []


def test_unknown_words_lower_coverage_and_can_mean_other(tiny_model_dir: Path) -> None:
    model = load_model(tiny_model_dir)
    [half, unknown] = model.predict(["goal match quantum blockchain", "quantum blockchain"])
    assert half.coverage == 0.5
    assert unknown.label == OTHER and unknown.coverage == 0.0


def test_a_text_of_no_known_words_has_even_probabilities_and_is_other() -> None:
    shipped = load_model(REPO / "pickles")  # its unseen-words column would lean one way
    [gibberish] = shipped.predict(["xqzt blorf wibble"])
    assert (gibberish.label, gibberish.reason, gibberish.coverage) == (OTHER, "no known words", 0)
    assert len(set(gibberish.probabilities.values())) == 1
    assert gibberish.confidence == pytest.approx(1 / len(shipped.classes))
    assert shipped.explain("xqzt blorf wibble") == []  # not "unseen words" pushing a topic


def test_unlearnt_names_the_topics_the_rule_left_out(tiny_model_dir: Path) -> None:
    shipped = load_model(REPO / "pickles")
    refused = set(shipped.metadata["topic_rule"]["refused"]) - {OTHER}
    assert set(shipped.unlearnt) == refused and OTHER not in shipped.unlearnt
    assert load_model(tiny_model_dir).unlearnt == ()  # trained without the topic rule


def test_explain_names_the_words_that_pushed_the_topic(tiny_model_dir: Path) -> None:
    model = load_model(tiny_model_dir)
    terms = model.explain("goal match striker and the bank", k=3)
    assert 1 <= len(terms) <= 3
    assert {term.term for term in terms} <= {
        "goal",
        "match",
        "striker",
        "goal match",
        "match striker",
    }
    assert [t.weight for t in terms] == sorted((t.weight for t in terms), reverse=True)
    assert model.explain("") == []


def test_very_long_texts_are_truncated(tiny_model_dir: Path) -> None:
    model = load_model(tiny_model_dir)
    text = "goal match striker " * (MAX_TEXT_CHARS // 19) + "bank profit market " * 50_000
    [long, truncated] = model.predict([text, text[:MAX_TEXT_CHARS]])
    assert long == truncated and long.label == "sport"
