"""The served topic model: ``load_model()``, predictions with honest confidence, explanations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.pipeline import Pipeline

from classifier import corpora
from classifier.artifacts import load_artifact
from classifier.errors import ModelError
from settings import get_settings

MAX_TEXT_CHARS = 100_000
"""Texts longer than this are truncated before cleaning (a long feature is ~30,000)."""
OTHER = "other"


@dataclass(frozen=True)
class Prediction:
    """The label of one text: a topic, or ``other`` when the model is unsure or out of its depth.

    ``confidence`` is the calibrated probability of ``topic`` (the most likely topic, also
    when ``label`` is ``other``); ``coverage`` is the fraction of the text's cleaned words
    that the model knows (low on vocabulary it never saw in 2005).
    """

    label: str
    confidence: float
    probabilities: dict[str, float]
    topic: str
    coverage: float

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the fields."""
        return asdict(self)


@dataclass(frozen=True)
class TermWeight:
    """A word (or word pair) of the text and how much it pushed the predicted topic."""

    term: str
    weight: float


def _class_weights(classifier: Any) -> np.ndarray:
    """Per-class feature weights of the linear model, centred across classes."""
    inner = (
        [calibrated.estimator for calibrated in classifier.calibrated_classifiers_]
        if isinstance(classifier, CalibratedClassifierCV)
        else [classifier]
    )
    stacks = []
    for estimator in inner:
        found = getattr(estimator, "coef_", getattr(estimator, "feature_log_prob_", None))
        if found is None:
            raise ModelError(f"{type(estimator).__name__} has no per-feature weights to explain")
        stacks.append(np.asarray(found, dtype=float))
    weights: np.ndarray = np.mean(stacks, axis=0)
    if weights.shape[0] == 1:  # binary linear models keep one row for the positive class
        weights = np.vstack([-weights, weights])
    # Softmax ignores a constant added to every class, so only differences matter.
    centred: np.ndarray = weights - weights.mean(axis=0)
    return centred


class TopicModel:
    """A verified, fitted pipeline (cleaner → TF-IDF → calibrated classifier) and its metadata."""

    def __init__(self, pipeline: Pipeline, metadata: dict[str, Any]) -> None:
        """Wrap ``pipeline``; ``metadata`` is model.json (labels, threshold, artifact)."""
        self._cleaner, self._vectorizer, self._classifier = (step for _, step in pipeline.steps)
        self.labels: tuple[str, ...] = tuple(str(label) for label in self._classifier.classes_)
        if list(self.labels) != metadata.get("labels"):
            raise ModelError(f"model.json labels {metadata.get('labels')} != model {self.labels}")
        self.metadata = metadata
        self.threshold = float(metadata["threshold"]["value"])
        self.version: str = str(metadata.get("artifact", {}).get("sha256", "unsaved"))[:12]
        self._vocabulary: dict[str, int] = self._vectorizer.vocabulary_
        self._terms: np.ndarray = self._vectorizer.get_feature_names_out()
        self._weights = _class_weights(self._classifier)

    def _features(self, texts: Sequence[str]) -> tuple[list[str], Any]:
        for number, text in enumerate(texts, 1):
            if not isinstance(text, str):
                raise TypeError(f"text {number} is {type(text).__name__}, not str")
        cleaned = self._cleaner.transform([text[:MAX_TEXT_CHARS] for text in texts])
        return cleaned, self._vectorizer.transform(cleaned)

    def _coverage(self, cleaned: str) -> float:
        words = cleaned.split()
        if not words:
            return 0.0
        vocabulary = self._vocabulary
        return sum(word in vocabulary for word in words) / len(words)

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """One prediction per text, computed as one batch."""
        if not texts:
            return []
        cleaned, features = self._features(texts)
        probabilities = self._classifier.predict_proba(features)
        predictions = []
        for row, words in zip(probabilities, cleaned, strict=True):
            best = int(row.argmax())
            confidence = float(row[best])
            coverage = self._coverage(words)
            sure = coverage > 0 and confidence >= self.threshold
            predictions.append(
                Prediction(
                    label=self.labels[best] if sure else OTHER,
                    confidence=confidence,
                    probabilities=dict(zip(self.labels, map(float, row), strict=True)),
                    topic=self.labels[best],
                    coverage=coverage,
                )
            )
        return predictions

    def explain(self, text: str, k: int = 10) -> list[TermWeight]:
        """The ``k`` terms of ``text`` that pushed its most likely topic most, strongest first."""
        _, features = self._features([text])
        row = features.getrow(0)
        if row.nnz == 0:
            return []
        best = int(self._classifier.predict_proba(features)[0].argmax())
        contributions = row.data * self._weights[best, row.indices]
        order = np.argsort(-contributions, kind="stable")[: max(k, 0)]
        return [
            TermWeight(str(self._terms[row.indices[i]]), float(contributions[i]))
            for i in order
            if contributions[i] > 0
        ]


def load_model(model_dir: Path | None = None) -> TopicModel:
    """The verified model of ``model_dir`` (default settings.model_dir), cached per folder."""
    return _load_cached((model_dir or get_settings().model_dir).resolve())


@lru_cache(maxsize=8)
def _load_cached(model_dir: Path) -> TopicModel:
    for name in corpora.required_corpora():
        corpora.require(name)
    pipeline, metadata = load_artifact(model_dir)
    return TopicModel(pipeline, metadata)
