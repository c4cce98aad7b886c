"""Confidence measures: reader truth, ECE bins, confidently wrong, the cut, cooling."""

from __future__ import annotations

import numpy as np

from classifier.views import FULL, HEADLINE, LEAD
from learning.calibration import (
    accuracy_cut,
    best_topics,
    confidently_wrong,
    cooled_beta,
    fit_confidence_map,
    outlet_metrics,
    reader_truth,
    reliability,
    view_mean,
)


def test_a_topic_the_model_lacks_is_right_only_as_other() -> None:
    truth = reader_truth(["world", "science", "other"], ["business", "world", "other"])
    assert truth.tolist() == ["world", "other", "other"]


def test_an_other_argmax_is_never_accepted() -> None:
    probabilities = np.array([[0.1, 0.7, 0.2], [0.6, 0.1, 0.3]])
    topic, confidence = best_topics(probabilities, ["business", "other", "world"])
    assert topic.tolist() == ["world", "business"]
    assert confidence.tolist() == [-1.0, 0.6]


def test_ece_is_zero_for_a_calibrated_bin_and_the_gap_otherwise() -> None:
    confidence = np.array([0.95] * 10)
    assert reliability(confidence, np.array([True] * 9 + [False]))["ece"] == 0.05
    result = reliability(np.array([0.9, 0.9]), np.array([False, False]))
    assert result["ece"] == 0.9 and result["bins"][0]["n"] == 2


def test_confidently_wrong_counts_wrong_labels_at_or_above_point_eight() -> None:
    topic = np.array(["a", "a", "b", "b"])
    confidence = np.array([0.8, 0.9, 0.79, 0.95])
    truth = np.array(["b", "a", "a", "b"])
    assert confidently_wrong(topic, confidence, truth) == 0.25


def test_the_cut_maximises_mean_outlet_accuracy() -> None:
    topic = np.array(["a", "a", "a", "a"])
    confidence = np.array([0.9, 0.3, 0.8, 0.2])
    truth = np.array(["a", "other", "a", "other"])  # the unsure ones are out of scope
    outlets = np.array(["x", "x", "y", "y"])
    cut = accuracy_cut(topic, confidence, truth, outlets)
    assert 0.3 < cut <= 0.8
    served = outlet_metrics(topic, confidence, truth, cut)
    assert served["accuracy"] == 1.0 and served["recall"] == {"a": 1.0, "other": 1.0}


def test_cooling_lowers_the_inverse_temperature_until_few_are_confidently_wrong() -> None:
    logits = np.array([[4.0, 0.0]] * 10)
    truth = np.array(["b"] * 2 + ["a"] * 8)
    beta = cooled_beta(logits, ["a", "b"], truth, np.array(["x"] * 10), 2.0, limit=0.1)
    topic, confidence = best_topics(
        np.exp(beta * logits) / np.exp(beta * logits).sum(axis=1, keepdims=True), ["a", "b"]
    )
    assert beta < 2.0 and confidently_wrong(topic, confidence, truth) <= 0.1


def test_a_full_text_is_served_as_the_mean_of_its_articles_views() -> None:
    groups = np.array(["a", "a", "a", "b"])
    kinds = np.array([FULL, HEADLINE, LEAD, FULL])
    probabilities = np.array([[0.98, 0.02], [0.2, 0.8], [0.5, 0.5], [0.9, 0.1]])
    served = view_mean(groups, kinds)(probabilities)
    np.testing.assert_allclose(served[0], [0.56, 0.44])
    np.testing.assert_allclose(served[1:], probabilities[1:])  # headline-length views stay


def _under_confident(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two-topic predictions at probability 0.55-0.65 that are right 90 % of the time."""
    top = rng.uniform(0.55, 0.65, n)
    probabilities = np.column_stack([top, 1 - top])
    truth = np.where(rng.uniform(size=n) < 0.9, "a", "b")
    return probabilities, truth


def test_the_confidence_map_raises_under_confident_topics_to_their_accuracy() -> None:
    probabilities, truth = _under_confident(np.random.default_rng(0), 2000)
    outlets = np.array(["x", "y"] * 1000)
    mapping = fit_confidence_map(probabilities, ["a", "b"], truth, outlets, limit=1.0)
    mapped = mapping.apply(probabilities, np.array([0, 1]))
    assert mapping.power == 1.0
    assert abs(float(mapped[:, 0].mean()) - 0.9) < 0.03
    before = reliability(probabilities[:, 0], truth == "a")["ece"]
    assert reliability(mapped[:, 0], truth == "a")["ece"] < before / 5


def test_the_confidence_map_is_cooled_until_no_outlet_is_confidently_wrong_past_the_limit() -> None:
    probabilities, truth = _under_confident(np.random.default_rng(1), 2000)
    outlets = np.array(["x", "y"] * 1000)
    mapping = fit_confidence_map(probabilities, ["a", "b"], truth, outlets, limit=0.015)
    topic, confidence = best_topics(mapping.apply(probabilities, np.array([0, 1])), ["a", "b"])
    assert mapping.power > 1.0
    for outlet in ("x", "y"):
        inside = outlets == outlet
        assert confidently_wrong(topic[inside], confidence[inside], truth[inside]) <= 0.015


def test_a_topic_right_less_often_at_the_same_probability_is_shifted_down() -> None:
    rng = np.random.default_rng(2)
    n, classes = 4000, ["a", "b", "c", "d"]
    best = rng.uniform(0.5, 0.9, n)
    topic = np.where(np.arange(n) % 2 == 0, "a", "b")
    probabilities = np.repeat(((1 - best) / 3)[:, None], 4, axis=1)
    probabilities[np.arange(n), (topic == "b").astype(int)] = best
    # a's labels are right as often as their probability says, b's half as often.
    right = rng.uniform(size=n) < np.where(topic == "a", best, best / 2)
    truth = np.where(right, topic, "c")
    outlets = np.array(["x", "y"] * (n // 2))
    mapping = fit_confidence_map(probabilities, classes, truth, outlets, limit=1.0)
    offsets = dict(mapping.topics)
    assert offsets["b"] < -0.5 and offsets.get("a", 0.0) > -0.1
    served, confidence = best_topics(mapping.apply(probabilities, np.arange(4), classes), classes)
    for name in ("a", "b"):
        mine = served == name
        accuracy = float((truth[mine] == name).mean())
        assert abs(float(confidence[mine].mean()) - accuracy) < 0.03, name
