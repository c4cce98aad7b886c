"""The served topic model: predictions with honest confidence, explanations (``TopicModel``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.pipeline import Pipeline

from classifier.confidence import ConfidenceMap
from classifier.errors import ModelError
from classifier.language import detect_language, is_foreign
from classifier.topics import OTHER, TopicSupport, topic_columns
from classifier.views import AVERAGED, FULL, reading_views, split_article

MAX_TEXT_CHARS = 100_000
"""Texts longer than this are truncated before cleaning (a long feature is ~30,000)."""
NOT_ENGLISH = "not English"
NO_KNOWN_WORDS = "no known words"
OUT_OF_SCOPE = "out of scope"
LOW_CONFIDENCE = "low confidence"
__all__ = ["MAX_TEXT_CHARS", "OTHER", "Prediction", "TermWeight", "TopicModel"]


@dataclass(frozen=True)
class Prediction:
    """The label of one text: a topic, or ``other`` when the model is unsure or out of its depth.

    ``confidence`` is the calibrated probability of ``topic`` (the most likely topic, also
    when ``label`` is ``other``; 0 for a text that is not English, which the model cannot
    judge): with a confidence map (``classifier.confidence``), how often such a label was
    right on outlets the model never saw; ``coverage`` is the fraction of the text's cleaned words
    that the model knows; ``reason`` says why the label is ``other`` (None for a topic);
    ``language`` is the detected ISO 639-1 code (None when too short to tell).
    """

    label: str
    confidence: float
    probabilities: dict[str, float]
    topic: str
    coverage: float
    language: str | None = None
    reason: str | None = None

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


@dataclass(frozen=True)
class Fitted:
    """Everything one loaded model needs to predict: swapped as a whole on hot reload."""

    cleaner: Any
    vectorizer: Any
    classifier: Any
    pooled: tuple[Any, ...]
    classes: tuple[str, ...]
    topic_columns: np.ndarray
    metadata: dict[str, Any]
    threshold: float
    version: str
    vocabulary: dict[str, int]
    terms: np.ndarray
    weights: np.ndarray
    average_views: bool = False
    confidence_map: ConfidenceMap | None = None


def fit_state(pipeline: Pipeline, metadata: dict[str, Any]) -> Fitted:
    """What a loaded pipeline needs to predict (also used by ``classifier.live`` on reload)."""
    cleaner, vectorizer, *pooled, classifier = (step for _, step in pipeline.steps)
    terms = vectorizer.get_feature_names_out()
    for step in pooled:  # steps between TF-IDF and classifier add columns (classifier.lexicon)
        terms = step.get_feature_names_out(terms)
    classes = tuple(str(label) for label in classifier.classes_)
    topics = [label for label in classes if label != OTHER]
    if topics != metadata.get("labels"):
        raise ModelError(f"model.json labels {metadata.get('labels')} != model topics {topics}")
    return Fitted(
        cleaner=cleaner,
        vectorizer=vectorizer,
        classifier=classifier,
        pooled=tuple(pooled),
        classes=classes,
        topic_columns=topic_columns(classes),
        metadata=metadata,
        threshold=float(metadata["threshold"]["value"]),
        version=str(
            metadata.get("version") or metadata.get("artifact", {}).get("sha256", "unsaved")[:12]
        ),
        vocabulary=vectorizer.vocabulary_,
        terms=terms,
        weights=_class_weights(classifier),
        average_views=metadata.get("calibration", {}).get("views") == AVERAGED,
        confidence_map=ConfidenceMap.from_dict(
            metadata.get("calibration", {}).get("confidence_map")
        ),
    )


def _reason(
    state: Fitted, row: np.ndarray, confidence: float, coverage: float, language: str | None
) -> str | None:
    """Why the label is ``OTHER`` (None when the topic stands)."""
    if is_foreign(language):
        return NOT_ENGLISH
    if coverage == 0:
        return NO_KNOWN_WORDS
    if state.classes[int(row.argmax())] == OTHER:
        return OUT_OF_SCOPE
    if confidence < state.threshold:
        return LOW_CONFIDENCE
    return None


class TopicModel:
    """A verified, fitted pipeline (cleaner → TF-IDF [→ pooled columns] → calibrated classifier)
    and its metadata.

    ``labels`` are the topics; a model trained with an explicit ``other`` class (learnt from
    out-of-scope newspaper sections) also has ``OTHER`` among ``classes`` and probabilities.
    """

    def __init__(self, pipeline: Pipeline, metadata: dict[str, Any]) -> None:
        """Wrap ``pipeline``; ``metadata`` is model.json (labels, threshold, artifact)."""
        self._state = fit_state(pipeline, metadata)

    def _fitted(self) -> Fitted:
        """The loaded model (a live champion may swap it between calls)."""
        return self._state

    @property
    def labels(self) -> tuple[str, ...]:
        """The topics (without ``OTHER``)."""
        state = self._fitted()
        return tuple(state.classes[i] for i in state.topic_columns)

    @property
    def unlearnt(self) -> tuple[str, ...]:
        """The topics the topic rule left out for want of labelled articles (model.json's
        ``topic_rule.refused``, without ``OTHER``): a text about one of them gets the nearest
        topic the model has learnt. Empty for a model saved without the rule."""
        return TopicSupport.of(self.metadata).unlearnt

    @property
    def classes(self) -> tuple[str, ...]:
        """Every class the classifier knows, ``OTHER`` included when it was learnt."""
        return self._fitted().classes

    @property
    def metadata(self) -> dict[str, Any]:
        """The parsed model.json."""
        return self._fitted().metadata

    @property
    def threshold(self) -> float:
        """Topic confidence under which the label is ``OTHER``."""
        return self._fitted().threshold

    @property
    def version(self) -> str:
        """The registry version, or the short sha256 of the artifact."""
        return self._fitted().version

    def _features(self, state: Fitted, texts: Sequence[str]) -> tuple[list[str], Any]:
        for number, text in enumerate(texts, 1):
            if not isinstance(text, str):
                raise TypeError(f"text {number} is {type(text).__name__}, not str")
        cleaned = state.cleaner.transform([text[:MAX_TEXT_CHARS] for text in texts])
        features = state.vectorizer.transform(cleaned)
        for step in state.pooled:
            features = step.transform(features)
        return cleaned, features

    def _probabilities(self, state: Fitted, texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """(each text cleaned, its class probabilities). A model calibrated on averaged views
        gives a titled text the mean probability of its full text, headline and headline +
        first sentence (the readings it was calibrated on), one batch for all."""
        if not state.average_views:
            cleaned, features = self._features(state, texts)
            return cleaned, state.classifier.predict_proba(features)
        readings, owners = list(texts), list(range(len(texts)))
        for number, text in enumerate(texts):
            title, body = (
                split_article(text[:MAX_TEXT_CHARS]) if isinstance(text, str) else ("", "")
            )
            if body.strip():
                extra = [reading for kind, reading in reading_views(title, body) if kind != FULL]
                readings += extra
                owners += [number] * len(extra)
        cleaned, features = self._features(state, readings)
        rows = state.classifier.predict_proba(features)
        owner = np.asarray(owners)
        sums = np.zeros((len(texts), rows.shape[1]))
        np.add.at(sums, owner, rows)
        mean: np.ndarray = sums / np.bincount(owner, minlength=len(texts))[:, None]
        return cleaned[: len(texts)], mean

    @staticmethod
    def _coverage(state: Fitted, cleaned: str) -> float:
        words = cleaned.split()
        if not words:
            return 0.0
        return sum(map(state.vocabulary.__contains__, words)) / len(words)

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """One prediction per text, computed as one batch."""
        if not texts:
            return []
        state = self._fitted()
        cleaned, probabilities = self._probabilities(state, texts)
        if state.confidence_map is not None:
            probabilities = state.confidence_map.apply(
                probabilities, state.topic_columns, state.classes
            )
        predictions = []
        for text, scored, words in zip(texts, probabilities, cleaned, strict=True):
            coverage = self._coverage(state, words)
            # No known word, no evidence: only the unseen-words column would speak, and it
            # leans to whichever topic its smoothing favours.
            row = scored if coverage else np.full(len(scored), 1.0 / len(scored))
            best = int(state.topic_columns[row[state.topic_columns].argmax()])
            confidence = float(row[best])
            language = detect_language(text)
            reason = _reason(state, row, confidence, coverage, language)
            if reason == NOT_ENGLISH:
                confidence = 0.0  # the model cannot judge a language it never learnt
            predictions.append(
                Prediction(
                    label=state.classes[best] if reason is None else OTHER,
                    confidence=confidence,
                    probabilities=dict(zip(state.classes, map(float, row), strict=True)),
                    topic=state.classes[best],
                    coverage=coverage,
                    language=language,
                    reason=reason,
                )
            )
        return predictions

    def explain(self, text: str, k: int = 10) -> list[TermWeight]:
        """The ``k`` terms of ``text`` that pushed its most likely topic most, strongest first."""
        state = self._fitted()
        cleaned, features = self._features(state, [text])
        row = features.getrow(0)
        if row.nnz == 0 or not self._coverage(state, cleaned[0]):
            return []  # no known word: nothing pushed any topic (see ``predict``)
        probabilities = self._probabilities(state, [text])[1][0]
        best = int(state.topic_columns[probabilities[state.topic_columns].argmax()])
        contributions = row.data * state.weights[best, row.indices]
        order = np.argsort(-contributions, kind="stable")[: max(k, 0)]
        return [
            TermWeight(str(state.terms[row.indices[i]]), float(contributions[i]))
            for i in order
            if contributions[i] > 0
        ]
