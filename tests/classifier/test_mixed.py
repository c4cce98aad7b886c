"""Mixed training: class weights, time-held-out splits, the `other` class and its threshold."""

from __future__ import annotations

import random

import numpy as np

from classifier.model import OTHER, OUT_OF_SCOPE, TopicModel
from learning.mixed import (
    CORPUS,
    CORRECTION,
    MIN_MODERN,
    NEWSPAPER,
    Example,
    accuracy_cut,
    class_weights,
    time_split,
    train_mixed,
)
from tests.classifier.conftest import VOCABULARY


def test_rare_classes_weigh_more_by_the_square_root_and_corrections_most() -> None:
    examples = [Example("a", "sport", "p", NEWSPAPER)] * 4 + [Example("b", "tech", "p", NEWSPAPER)]
    examples += [Example("c", "tech", "bbc", CORPUS), Example("d", "sport", "u", CORRECTION)]
    weights = class_weights([e.label for e in examples], examples, boost=5.0, corpus_weight=3.0)
    sport, tech = weights[0], weights[4]
    assert np.isclose(tech / sport, np.sqrt(5 / 2))
    assert np.isclose(weights[5] / tech, 3.0)
    assert np.isclose(weights[6] / sport, 5.0)


def test_time_split_holds_out_each_newspapers_newest_fifth() -> None:
    examples = [
        Example("t", "sport", paper, NEWSPAPER, order=n) for paper in "ab" for n in range(10)
    ]
    examples.append(Example("t", "sport", "bbc", CORPUS))
    held = time_split(examples)
    assert [examples[i].order for i in np.flatnonzero(held)] == [8, 9, 8, 9]


def _text(rng: random.Random, label: str) -> str:
    words = {**VOCABULARY, OTHER: "recipe holiday yoga garden beach wellness"}[label].split()
    return " ".join(rng.choices(words, k=30))


def test_an_other_class_learnt_from_sections_labels_out_of_scope_texts_other() -> None:
    rng = random.Random(1)
    labels = [*VOCABULARY, OTHER]
    examples = [
        Example(_text(rng, label), label, "paper", NEWSPAPER, order=n)
        for n in range(MIN_MODERN // 4 + 10)
        for label in labels
    ]
    result = train_mixed(examples, folds=3)
    assert OTHER in result.classes and "newspaper" in result.threshold["rule"]
    assert result.counts[NEWSPAPER] == len(examples)
    metadata = {"labels": [c for c in result.classes if c != OTHER], "threshold": result.threshold}
    model = TopicModel(result.pipeline, metadata)
    travel, sport = model.predict(
        ["yoga on the beach after a holiday recipe", "the striker scored a goal in the match"]
    )
    assert (travel.label, travel.reason) == (OTHER, OUT_OF_SCOPE)
    assert travel.confidence < 0.5 and travel.topic != OTHER
    assert sport.label == "sport" and set(sport.probabilities) == {*labels}


def test_accuracy_cut_keeps_what_is_more_often_right_than_other() -> None:
    confidence = np.array([0.9, 0.8, 0.7, 0.6, -1.0])
    right = np.array([True, True, False, False, False])
    is_other = np.array([False, False, True, True, True])
    assert accuracy_cut(confidence, right, is_other) == 0.8
    assert accuracy_cut(confidence, np.zeros(5, dtype=bool), np.ones(5, dtype=bool)) == 1.0


def test_very_noisy_labels_do_not_push_everything_into_other() -> None:
    rng = random.Random(2)
    labels = list(VOCABULARY)
    examples = []
    for n in range(MIN_MODERN + 200):
        label = labels[n % 3]
        given = label if rng.random() < 0.7 else rng.choice(labels)  # 20 % of labels wrong
        examples.append(Example(_text(rng, label), given, "paper", NEWSPAPER, order=n))
    result = train_mixed(examples, folds=3)
    assert "maximises" in result.threshold["rule"]
    assert result.threshold["held_out_coverage"] >= 0.5
