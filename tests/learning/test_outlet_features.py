"""Held-out outlets are predicted by features and a classifier fitted without them."""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import PredefinedSplit
from sklearn.naive_bayes import ComplementNB

from learning.outlet_features import fit_features, held_out_probabilities
from learning.word_neighbours import smooth_counts

TEXTS = {
    "a": ["bank share profit market", "bank profit rate market", "match goal striker league",
          "match goal league coach"] * 3,
    "b": ["bank share zebra profit", "zebra market bank rate", "match zebra goal striker",
          "striker zebra league match"] * 3,
}  # fmt: skip
LABELS = ["business", "business", "sport", "sport"] * 3


def test_a_held_out_outlet_is_predicted_by_features_fitted_without_its_words() -> None:
    cleaned = np.array(TEXTS["a"] + TEXTS["b"], dtype=object)
    y = np.array(LABELS * 2)
    outlets = np.array(["a"] * 12 + ["b"] * 12)
    weights = np.ones(len(y))
    cv = PredefinedSplit([0 if outlet == "a" else 1 for outlet in outlets])
    classes = ("business", "sport")
    probabilities = held_out_probabilities(cleaned, y, weights, cv, classes, frozenset(), 0.3)
    step, features = fit_features(TEXTS["a"], classes, frozenset())
    assert "zebra" not in step.tfidf.vocabulary_  # b's own word is no column of a's model
    alone = smooth_counts(ComplementNB(alpha=0.3).fit(features, LABELS), step.neighbours)
    alone_probabilities = alone.predict_proba(step.transform(TEXTS["b"]))
    assert np.allclose(probabilities[12:], alone_probabilities)  # smoothed as the recipe is
    assert (probabilities[12:].argmax(axis=1) == np.array([0, 0, 1, 1] * 3)).all()
