"""Scoring a model on a labelled set among that set's own labels (the BBC-2005 check)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from classifier.model import Prediction, TopicModel


def best_among(prediction: Prediction, labels: Sequence[str]) -> str:
    """The most probable of ``labels`` (a 2005 story may fairly be `world` now; scored among
    the BBC's five topics it still counts when its BBC topic is the likeliest of the five)."""
    return max(labels, key=lambda label: prediction.probabilities.get(label, 0.0))


def among_labels(model: TopicModel, texts: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Accuracy of the most probable of the set's own labels, overall and per label."""
    own = sorted(set(labels))
    guesses = [best_among(p, own) for p in model.predict(texts)]
    hits = [guess == label for guess, label in zip(guesses, labels, strict=True)]
    return {
        "n": len(labels),
        "labels": own,
        "accuracy": sum(hits) / len(hits) if hits else None,
        "recall": {
            label: sum(h for h, y in zip(hits, labels, strict=True) if y == label)
            / labels.count(label)
            for label in own
        },
    }
