"""Model selection and fitting: CV over model families, calibration, the `other` threshold."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import (
    GridSearchCV,
    StratifiedKFold,
    cross_val_predict,
    train_test_split,
)
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from classifier.corpus import Corpus
from classifier.features import CompactTfidfVectorizer
from classifier.novelty import NoveltyTfidfVectorizer
from classifier.text import TextCleaner

SEED = 42
HOLDOUT_FRACTION = 0.2
TARGET_PRECISION = 0.99
"""The `other` threshold keeps out-of-fold precision of accepted predictions at least this."""

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Family:
    """A model family: a classifier and the small grid searched for it."""

    name: str
    estimator: BaseEstimator
    grid: dict[str, list[Any]]


def families(seed: int = SEED) -> list[Family]:
    """The compared model families; the TF-IDF n-gram range is searched with each."""
    return [
        Family("linear_svc", LinearSVC(random_state=seed), {"clf__C": [0.3, 1.0, 3.0]}),
        Family(
            "logistic_regression",
            LogisticRegression(max_iter=2000, random_state=seed),
            {"clf__C": [10.0, 30.0, 100.0]},
        ),
        Family("complement_nb", ComplementNB(), {"clf__alpha": [0.03, 0.1, 0.3]}),
        Family(
            "sgd_modified_huber",
            SGDClassifier(loss="modified_huber", random_state=seed, max_iter=50, tol=None),
            {"clf__alpha": [1e-5, 1e-4, 1e-3]},
        ),
    ]


def vectorizer(*, novelty: bool = False) -> CompactTfidfVectorizer:
    """TF-IDF over the cleaned words (already lower-cased and tokenised: split on spaces);
    with ``novelty``, plus the unseen-words column (``classifier.novelty``)."""
    kind = NoveltyTfidfVectorizer if novelty else CompactTfidfVectorizer
    return kind(
        lowercase=False,
        token_pattern=r"\S+",  # noqa: S106 (a regex, not a password)
        sublinear_tf=True,
        min_df=2,
    )


def _grid(family: Family) -> dict[str, list[Any]]:
    return {"tfidf__ngram_range": [(1, 1), (1, 2)], **family.grid}


@dataclass
class TrainingResult:
    """The fitted pipeline and everything model.json and the report need."""

    pipeline: Pipeline
    labels: tuple[str, ...]
    chosen: str
    params: dict[str, Any]
    cv: dict[str, dict[str, Any]]
    threshold: dict[str, Any]
    holdout_ids: list[str]
    holdout_texts: list[str] = field(repr=False)
    holdout_labels: list[str] = field(repr=False)
    seconds: float = 0.0
    seed: int = SEED
    folds: int = 5


def choose_threshold(confidence: np.ndarray, correct: np.ndarray, target: float) -> float:
    """The lowest confidence cut whose accepted predictions reach ``target`` precision."""
    order = np.argsort(-confidence, kind="stable")
    precision = np.cumsum(correct[order]) / np.arange(1, len(order) + 1)
    reaching = np.flatnonzero(precision >= target)
    if len(reaching) == 0:
        return float(confidence.max())
    return float(confidence[order][reaching[-1]])


def _search(
    family: Family, cleaned: list[str], y: np.ndarray, cv: StratifiedKFold, n_jobs: int
) -> GridSearchCV:
    pipeline = Pipeline([("tfidf", vectorizer()), ("clf", clone(family.estimator))])
    search = GridSearchCV(
        pipeline,
        _grid(family),
        scoring={"f1_macro": "f1_macro", "accuracy": "accuracy"},
        refit=False,
        cv=cv,
        n_jobs=n_jobs,
    )
    return search.fit(cleaned, y)


def _summary(search: GridSearchCV) -> dict[str, Any]:
    results = search.cv_results_
    best = int(np.argmax(results["mean_test_f1_macro"]))
    raw = results["params"][best]
    params = {key.split("__", 1)[1]: _plain(value) for key, value in raw.items()}
    return {
        "params": params,
        "f1_macro_mean": float(results["mean_test_f1_macro"][best]),
        "f1_macro_std": float(results["std_test_f1_macro"][best]),
        "accuracy_mean": float(results["mean_test_accuracy"][best]),
        "accuracy_std": float(results["std_test_accuracy"][best]),
        "raw_params": raw,
    }


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def train(
    corpus: Corpus,
    *,
    seed: int = SEED,
    folds: int = 5,
    n_jobs: int = 2,
    progress: Progress = lambda _message: None,
) -> TrainingResult:
    """Split, compare the families by CV macro-F1, refit the best calibrated, pick the threshold."""
    start = time.perf_counter()
    docs = corpus.documents
    ids = [doc.doc_id for doc in docs]
    texts = [doc.text for doc in docs]
    labels = [doc.label for doc in docs]
    train_idx, test_idx = train_test_split(
        np.arange(len(docs)), test_size=HOLDOUT_FRACTION, stratify=labels, random_state=seed
    )
    progress(f"split {len(docs)} articles: {len(train_idx)} training, {len(test_idx)} holdout")
    cleaner = TextCleaner()
    train_texts = [texts[i] for i in train_idx]
    cleaned = cleaner.transform(train_texts)
    y = np.array([labels[i] for i in train_idx])
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)

    summaries: dict[str, dict[str, Any]] = {}
    all_families = families(seed)
    for number, family in enumerate(all_families, 1):
        tick = time.perf_counter()
        summaries[family.name] = _summary(_search(family, cleaned, y, cv, n_jobs))
        best = summaries[family.name]
        progress(
            f"[{number}/{len(all_families)}] {family.name}: CV macro-F1 "
            f"{best['f1_macro_mean']:.4f} ± {best['f1_macro_std']:.4f} "
            f"({time.perf_counter() - tick:.1f}s)"
        )
    chosen = max(summaries, key=lambda name: summaries[name]["f1_macro_mean"])
    family = next(f for f in all_families if f.name == chosen)
    raw_params = summaries[chosen]["raw_params"]
    calibrated = Pipeline(
        [
            ("tfidf", vectorizer()),
            (
                "clf",
                CalibratedClassifierCV(
                    clone(family.estimator), method="temperature", cv=cv, ensemble=False
                ),
            ),
        ]
    )
    calibrated.set_params(
        **{key.replace("clf__", "clf__estimator__"): value for key, value in raw_params.items()}
    )

    progress(f"chose {chosen}; out-of-fold calibrated probabilities for the threshold")
    oof = cross_val_predict(calibrated, cleaned, y, cv=cv, method="predict_proba", n_jobs=n_jobs)
    classes = np.array(sorted(set(y)))
    correct = classes[oof.argmax(axis=1)] == y
    confidence = oof.max(axis=1)
    cut = choose_threshold(confidence, correct, TARGET_PRECISION)
    accepted = confidence >= cut
    threshold = {
        "value": round(cut, 6),
        "rule": (
            f"lowest confidence at which out-of-fold ({folds}-fold CV on the training part) "
            f"calibrated predictions at or above it are at least {TARGET_PRECISION:.0%} correct"
        ),
        "target_precision": TARGET_PRECISION,
        "oof_coverage": float(accepted.mean()),
        "oof_precision": float(correct[accepted].mean()),
        "oof_accuracy": float(correct.mean()),
    }

    progress("refitting the calibrated pipeline on the whole training part")
    pipeline = Pipeline([("clean", cleaner), *calibrated.steps])
    pipeline.fit(train_texts, y)
    for summary in summaries.values():
        summary.pop("raw_params")
    return TrainingResult(
        pipeline=pipeline,
        labels=tuple(str(label) for label in classes),
        chosen=chosen,
        params=summaries[chosen]["params"],
        cv=summaries,
        threshold=threshold,
        holdout_ids=[ids[i] for i in test_idx],
        holdout_texts=[texts[i] for i in test_idx],
        holdout_labels=[labels[i] for i in test_idx],
        seconds=time.perf_counter() - start,
        seed=seed,
        folds=folds,
    )


def describe(corpus: Corpus, result: TrainingResult) -> dict[str, Any]:
    """The model.json fields known after training (metrics and artifact are added later)."""
    folds = result.folds
    return {
        "labels": list(result.labels),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "training_seconds": round(result.seconds, 1),
        "corpus": corpus.describe(),
        "split": {"holdout_fraction": HOLDOUT_FRACTION, "seed": result.seed},
        "model": {
            "family": result.chosen,
            "params": result.params,
            "calibration": (
                f"temperature scaling, {folds}-fold CalibratedClassifierCV(ensemble=False)"
            ),
            "vectorizer": "TF-IDF, sublinear tf, min_df=2, over the cleaned words",
        },
        "cv_folds": folds,
        "cv": result.cv,
        "threshold": result.threshold,
        "holdout_ids": result.holdout_ids,
    }
