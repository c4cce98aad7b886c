"""Training on the BBC corpus plus newspaper-labelled modern articles and user corrections.

One pipeline (cleaner → TF-IDF words and pairs → a linear model trained by SGD with the
modified Huber loss, temperature-calibrated) learns
the topics and, when labelled examples exist, an explicit ``other`` class from out-of-scope
sections. Classes are weighted by 1/sqrt(count) and corrections count ``correction_weight``
times. The smoothing is chosen on a held-out *different newspaper* (not in-pool CV, which
rewards one outlet's style); the ``other`` threshold on time-held-out modern predictions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline

from classifier.text import TextCleaner
from classifier.topics import OTHER
from learning.mixed_data import (
    CORPUS,
    CORRECTION,
    HELD_OUT_FRACTION,
    NEWSPAPER,
    Example,
    class_weights,
    time_split,
)
from learning.selection import estimator, select
from learning.training import choose_threshold, vectorizer

NGRAMS = (1, 2)
CORRECTION_WEIGHT = 5.0
MODERN_PRECISION = 0.92
"""Precision of accepted time-held-out modern predictions that sets the ``other`` threshold."""
CORPUS_PRECISION = 0.99
"""Fallback rule on out-of-fold predictions while there are few modern articles."""
MIN_MODERN = 1000
"""Modern labelled articles needed before the threshold is set on modern predictions."""
MIN_COVERAGE = 0.5
"""If the precision rule leaves fewer held-out articles than this with a topic (very noisy
section labels), the cut that maximises held-out label accuracy is used instead."""

Progress = Callable[[str], None]
__all__ = [
    "CORPUS",
    "CORRECTION",
    "NEWSPAPER",
    "Example",
    "MixedResult",
    "accuracy_cut",
    "class_weights",
    "time_split",
    "train_mixed",
]


@dataclass
class MixedResult:
    """The fitted pipeline and what model.json records about it."""

    pipeline: Pipeline
    classes: tuple[str, ...]
    params: dict[str, Any]
    selection: dict[str, Any]
    threshold: dict[str, Any]
    counts: dict[str, Any]
    seconds: float = 0.0
    seed: int = 42
    folds: int = 5
    cleaned: list[str] = field(default_factory=list, repr=False)


def _calibrated(alpha: float, folds: int, seed: int) -> CalibratedClassifierCV:
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return CalibratedClassifierCV(
        estimator(alpha, seed), method="temperature", cv=cv, ensemble=False
    )


def _fit(
    cleaned: Sequence[str], y: np.ndarray, weights: np.ndarray, alpha: float, folds: int, seed: int
) -> Pipeline:
    tfidf = clone(vectorizer()).set_params(ngram_range=NGRAMS)
    features = tfidf.fit_transform(cleaned)
    classifier = _calibrated(alpha, folds, seed).fit(features, y, sample_weight=weights)
    return Pipeline([("tfidf", tfidf), ("clf", classifier)])


def accuracy_cut(confidence: np.ndarray, accepted_right: np.ndarray, is_other: np.ndarray) -> float:
    """The topic-confidence cut that maximises label accuracy (`other` counts as a label).

    ``confidence`` is -1 where the most likely class is `other` (never accepted);
    ``accepted_right`` says the topic is right, ``is_other`` that the true label is `other`.
    """
    order = np.argsort(-confidence, kind="stable")
    candidates = order[confidence[order] >= 0]
    right = np.concatenate([[0], np.cumsum(accepted_right[candidates])])
    lost_other = np.concatenate([[0], np.cumsum(is_other[candidates])])
    accuracy = right + (is_other.sum() - lost_other)
    best = int(np.argmax(accuracy))  # number of accepted predictions, most confident first
    return 1.0 if best == 0 else float(confidence[candidates[best - 1]])


def _threshold(
    cleaned: list[str],
    y: np.ndarray,
    weights: np.ndarray,
    examples: Sequence[Example],
    alpha: float,
    folds: int,
    seed: int,
) -> dict[str, Any]:
    """The ``other`` cut: on time-held-out modern predictions, else on the corpus rule."""
    modern = sum(example.kind == NEWSPAPER for example in examples)
    if modern >= MIN_MODERN:
        held = time_split(examples)
        rule = (
            f"lowest topic confidence at which the newest {HELD_OUT_FRACTION:.0%} of each "
            f"newspaper's labelled articles (predicted by a model trained without them) "
            f"are at least {MODERN_PRECISION:.0%} correct"
        )
        target = MODERN_PRECISION
    else:
        held = np.zeros(len(y), dtype=bool)
        held[np.arange(len(y)) % folds == 0] = True
        rule = (
            f"lowest topic confidence at which held-out predictions (every {folds}th "
            f"example) are at least {CORPUS_PRECISION:.0%} correct (fewer than "
            f"{MIN_MODERN} modern articles)"
        )
        target = CORPUS_PRECISION
    train_idx = np.flatnonzero(~held)
    pipeline = _fit([cleaned[i] for i in train_idx], y[~held], weights[~held], alpha, folds, seed)
    probabilities = pipeline.predict_proba([cleaned[i] for i in np.flatnonzero(held)])
    classes = np.asarray(pipeline.classes_)
    topic_columns = np.flatnonzero(classes != OTHER)
    best = topic_columns[probabilities[:, topic_columns].argmax(axis=1)]
    confidence = probabilities[np.arange(len(best)), best]
    not_other = classes[probabilities.argmax(axis=1)] != OTHER
    correct = (classes[best] == y[held]) & not_other
    # Predictions whose most likely class is `other` are never accepted, whatever the cut.
    ranked = np.where(not_other, confidence, -1.0)
    cut = max(choose_threshold(ranked, correct, target), 0.0)
    accepted = not_other & (confidence >= cut)
    if accepted.mean() < MIN_COVERAGE:
        cut = accuracy_cut(ranked, correct, y[held] == OTHER)
        accepted = not_other & (confidence >= cut)
        rule += (
            f"; that left under {MIN_COVERAGE:.0%} of them with a topic, so the cut that "
            "maximises their label accuracy is used"
        )
    label_right = np.where(accepted, correct, y[held] == OTHER)
    return {
        "value": round(float(cut), 6),
        "rule": rule,
        "target_precision": target,
        "held_out": int(held.sum()),
        "held_out_coverage": float(accepted.mean()),
        "held_out_precision": float(correct[accepted].mean()) if accepted.any() else 0.0,
        "held_out_label_accuracy": float(label_right.mean()),
    }


def train_mixed(
    examples: Sequence[Example],
    *,
    seed: int = 42,
    folds: int = 5,
    correction_weight: float = CORRECTION_WEIGHT,
    progress: Progress = lambda _message: None,
) -> MixedResult:
    """Fit the pipeline on ``examples`` (labels already restricted to topics and ``other``)."""
    start = time.perf_counter()
    if len({example.label for example in examples}) < 2:
        raise ValueError("training needs at least two different labels")
    cleaner = TextCleaner().fit([])
    progress(f"cleaning {len(examples)} texts")
    cleaned = cleaner.transform([example.text for example in examples])
    y = np.array([example.label for example in examples])
    progress("choosing alpha and the corpus weight on held-out data")
    features = clone(vectorizer()).set_params(ngram_range=NGRAMS).fit_transform(cleaned)
    selection = select(features, y, examples, correction_weight)
    alpha, corpus_weight = float(selection["alpha"]), float(selection["corpus_weight"])
    weights = class_weights(list(y), examples, correction_weight, corpus_weight)
    progress(
        f"alpha {alpha}, corpus weight {corpus_weight} ({selection['scheme']}); "
        "choosing the `other` threshold"
    )
    threshold = _threshold(cleaned, y, weights, examples, alpha, folds, seed)
    progress(f"threshold {threshold['value']:.3f}; fitting the final model")
    fitted = _fit(cleaned, y, weights, alpha, folds, seed)
    pipeline = Pipeline([("clean", cleaner), *fitted.steps])
    counts: dict[str, Any] = {"examples": len(examples)}
    for kind in (CORPUS, NEWSPAPER, CORRECTION):
        counts[kind] = sum(example.kind == kind for example in examples)
    counts["labels"] = {
        str(k): int(v) for k, v in zip(*np.unique(y, return_counts=True), strict=False)
    }
    counts["newspapers"] = sorted({e.source for e in examples if e.kind == NEWSPAPER})
    return MixedResult(
        pipeline=pipeline,
        classes=tuple(str(label) for label in fitted.classes_),
        params={
            "family": "sgd_modified_huber",
            "alpha": alpha,
            "corpus_weight": corpus_weight,
            "ngram_range": list(NGRAMS),
            "class_weight": "1/sqrt(count)",
            "correction_weight": correction_weight,
        },
        selection=selection,
        threshold=threshold,
        counts=counts,
        seconds=time.perf_counter() - start,
        seed=seed,
        folds=folds,
        cleaned=cleaned,
    )
