"""Training on labelled outlets: the topic rule, ComplementNB, and confidence set on other outlets.

The pipeline is cleaner → TF-IDF (words and word pairs, and the share of unseen words:
``classifier.novelty``) → one pooled crime-word column, one
justice column (offence words met with justice-process words) and one world column, foreign
places met with statecraft words (``classifier.lexicon``: crime and world recall on held-out
outlets; each only when its topic is learnt) → ComplementNB, its counts smoothed over each
word's nearest words in meaning (``learning.word_neighbours``), temperature-scaled.
ComplementNB carries a topic from one outlet's style to another's better than the linear
models tried (leave-one-outlet-out, see BENCHMARKS.md). Each article weighs 1 whatever its
number of views, and classes are weighted by count^-0.5 (1/sqrt: crime, the thinnest topic,
is taught by two outlets that disagree, and the milder count^-0.25 left it under world on
both; the BBC holdout among its five stays above its bar, see BENCHMARKS.md). Everything
about confidence is measured on outlets the model did not train on: each outlet (those of
fewer than 100 articles together) is predicted by a model trained on the others, its
vocabulary and IDF included
(``learning.outlet_features``), and on those predictions the temperature is fitted (each
outlet weighing alike), then cooled until no outlet is more than 1.5 % confidently wrong;
the best topic's probability is then mapped to the accuracy held-out outlets had at it
(``classifier.confidence``, cooled to the same limit: the cooled temperature alone is
under-confident), and the `other` cut on that confidence is the one that maximises their
mean label accuracy. A full text is served as the mean probability of its full text,
headline and headline + first sentence (``TopicModel.predict`` does the same): ComplementNB
on a long text is far sharper than on its headline, and the mean keeps a long out-of-scope
page from borrowing that sharpness; the cooling and the cut are chosen on that mean. Texts
of topics the model does not learn take part there with weight 0: for them `other` is the
right answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from sklearn.calibration import CalibratedClassifierCV, _TemperatureScaling
from sklearn.model_selection import PredefinedSplit, StratifiedKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import Pipeline

from classifier.text import TextCleaner
from classifier.topics import topic_columns
from classifier.views import AVERAGED
from learning.calibration import (
    accuracy_cut,
    best_topics,
    cooled_beta,
    fit_confidence_map,
    outlet_metrics,
    reader_truth,
    reliability,
    softmax_logits,
    view_mean,
)
from learning.outlet_features import cleaned_places, fit_features, held_out_probabilities
from learning.outlet_weights import capped_weights, outlet_balance, pooled_outlets, sample_weights
from learning.topic_rule import Labelled, Support, TopicRule, support
from learning.word_neighbours import smooth_counts

ALPHA = 0.3
DEFAULT_RULE = TopicRule()
_EPS = 1e-12  # as sklearn's temperature scaling turns probabilities into logits

Progress = Callable[[str], None]


class Item(Labelled, Protocol):
    """A labelled text: ``outlet`` is its source, ``group`` its article, ``kind`` its view."""

    @property
    def text(self) -> str: ...

    @property
    def kind(self) -> str: ...


@dataclass
class OutletTraining:
    """The fitted pipeline and what model.json says about what it learnt and how sure it is."""

    pipeline: Pipeline
    classes: tuple[str, ...]
    support: Support
    refused: dict[str, str]
    rule: TopicRule
    calibration: dict[str, Any]
    threshold: dict[str, Any]
    seconds: float
    held_out: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """The model.json fields of this training."""
        return {
            "labels": [label for label in self.classes if label != "other"],
            "classes": list(self.classes),
            "topic_rule": {
                **self.rule.to_dict(),
                "refused": self.refused,
                "collected": {label: self.support.get(label, {}) for label in self.refused},
            },
            "sources": {label: self.support[label] for label in self.classes},
            "calibration": self.calibration,
            "threshold": self.threshold,
            "held_out_outlets": self.held_out,
            "training_seconds": round(self.seconds, 1),
        }


def _splits(outlets: np.ndarray, y: np.ndarray) -> tuple[str, Any]:
    names = sorted(set(outlets.tolist()))
    if len(names) >= 2:
        return "leave one outlet out", PredefinedSplit([names.index(o) for o in outlets])
    return "5-fold CV (a single outlet)", StratifiedKFold(5, shuffle=True, random_state=0)


def _by_kind(
    served_right: np.ndarray, kinds: np.ndarray, outlets: np.ndarray, name: str
) -> dict[str, Any]:
    inside = outlets == name
    return {
        kind: {"n": int((inside & (kinds == kind)).sum()),
               "accuracy": round(float(served_right[inside & (kinds == kind)].mean()), 4)}
        for kind in sorted(set(kinds[inside].tolist()))
    }  # fmt: skip


def _slim(estimator: ComplementNB) -> None:
    """Drop the fitted counts that only ``partial_fit`` needs: prediction and explanations use
    ``feature_log_prob_``, and the two count matrices would triple the model file (and the
    seconds a new process takes to load it)."""
    for name in ("feature_count_", "feature_all_"):
        if hasattr(estimator, name):
            delattr(estimator, name)


def train_outlets(
    items: Sequence[Item],
    topics: Sequence[str],
    *,
    rule: TopicRule = DEFAULT_RULE,
    alpha: float = ALPHA,
    progress: Progress = lambda _message: None,
    capped: Collection[str] = (),
) -> OutletTraining:
    """Fit the calibrated pipeline on ``items`` for the ``topics`` the rule admits; each outlet
    in ``capped`` weighs at most as much as the BBC corpus (``capped_weights``)."""
    start = time.perf_counter()
    counts = support(items)
    classes, refused = rule.admit(counts, topics)
    if len(classes) < 2:
        raise ValueError(f"fewer than two topics have enough labelled articles ({rule.describe()})")
    progress(f"classes {', '.join(classes)}; left out: {refused or 'none'}")
    cleaner = TextCleaner().fit([])
    cleaned = cleaner.transform([item.text for item in items])
    labels = np.array([item.label for item in items])
    learnt = np.isin(labels, classes)
    kinds = np.array([item.kind for item in items])
    weights = np.zeros(len(items))
    groups = np.array([item.group for item in items])
    names = np.array([item.outlet for item in items])
    outlets = pooled_outlets(names, groups)
    weights[learnt] = sample_weights(labels[learnt], groups[learnt])
    weights = capped_weights(weights, names, capped)
    # Texts of topics not learnt stay in, with weight 0 and a placeholder class: they are
    # predicted out of outlet like the rest, and for them the right answer is `other`.
    y = np.where(learnt, labels, classes[0])
    truth = reader_truth(labels.tolist(), classes)
    places = cleaned_places(cleaner)
    features_step, features = fit_features(cleaned, classes, places)
    scheme, cv = _splits(outlets, y)
    progress(f"{len(items)} texts, {features.shape[1]} terms; held-out predictions ({scheme})")
    oof = held_out_probabilities(
        np.asarray(cleaned, dtype=object), y, weights, cv, classes, places, alpha
    )
    logits = np.log(oof + _EPS)
    fit_weights = outlet_balance(outlets, weights)
    order = sorted(classes)  # the column order of every probability matrix below
    encoded = np.searchsorted(np.array(order), y)
    fitted_beta = float(_TemperatureScaling().fit(logits, encoded, fit_weights).beta_)
    served = view_mean(groups, kinds)
    beta = cooled_beta(logits, order, truth, outlets, fitted_beta, served=served)
    probabilities = served(softmax_logits(logits, beta))
    mapping = fit_confidence_map(probabilities, order, truth, outlets)
    topic, confidence = best_topics(
        mapping.apply(probabilities, topic_columns(order), order), order
    )
    cut = accuracy_cut(topic, confidence, truth, outlets)
    progress(f"temperature 1/{beta:.3f} (log-loss fit 1/{fitted_beta:.3f}); confidence map "
             f"power {mapping.power:.2f}; cut {cut:.3f}")  # fmt: skip
    served_right = np.where(confidence >= cut, topic, "other") == truth
    held_out = {
        name: {
            **outlet_metrics(topic[outlets == name], confidence[outlets == name],
                             truth[outlets == name], cut),
            "views": _by_kind(served_right, kinds, outlets, name),
        }
        for name in sorted(set(outlets.tolist()))
    }  # fmt: skip
    pooled = reliability(np.maximum(confidence, 0.0), topic == truth)
    classifier = CalibratedClassifierCV(
        ComplementNB(alpha=alpha), method="temperature", cv=cv, ensemble=False
    ).fit(features, y, sample_weight=weights)
    # The temperature is the one chosen above (fitted with outlets weighing alike, cooled),
    # on counts smoothed as the held-out predictions' were.
    classifier.calibrated_classifiers_[0].calibrators[0].beta_ = beta
    smooth_counts(classifier.calibrated_classifiers_[0].estimator, features_step.neighbours)
    _slim(classifier.calibrated_classifiers_[0].estimator)
    steps = [("tfidf", features_step.tfidf), *features_step.pools, ("clf", classifier)]
    pipeline = Pipeline([("clean", cleaner), *steps])
    calibration = {
        "method": (
            "temperature scaling fitted on held-out-outlet predictions, then the best topic's "
            "probability mapped to its held-out accuracy (a log-odds offset for each topic "
            "whose labels were right less often, then isotonic, cooled to the "
            "confidently-wrong limit)"
        ),
        "scheme": scheme,
        "views": AVERAGED,
        "inverse_temperature": round(beta, 6),
        "fitted_inverse_temperature": round(fitted_beta, 6),
        "confidence_map": mapping.to_dict(),
        "ece": pooled["ece"],
        "bins": pooled["bins"],
    }
    threshold = {
        "value": round(cut, 6),
        "rule": (
            "the topic-confidence cut that maximises the mean label accuracy of held-out "
            "outlets (each predicted by a model trained without it; `other` is right for "
            "topics the model lacks)"
        ),
        "held_out_accuracy": round(float(np.mean(
            [held_out[name]["accuracy"] for name in held_out])), 4),
        "held_out": len(items),
        "held_out_coverage": round(float(np.mean(confidence >= cut)), 4),
        "held_out_precision": round(float(np.mean(
            (topic == truth)[confidence >= cut])) if np.any(confidence >= cut) else 0.0, 4),
    }  # fmt: skip
    return OutletTraining(
        pipeline=pipeline,
        classes=tuple(str(c) for c in classifier.classes_),
        support=counts,
        refused=refused,
        rule=rule,
        calibration=calibration,
        threshold=threshold,
        seconds=time.perf_counter() - start,
        held_out=held_out,
    )
