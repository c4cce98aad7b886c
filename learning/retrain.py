"""Retrain: a candidate on BBC + labelled modern articles, judged against the champion."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from classifier.corpus import Corpus
from classifier.model import OTHER, TopicModel
from classifier.registry import Registry
from learning.data import build_dataset
from learning.evaluate import decide, evaluate
from learning.mixed import train_mixed
from learning.report import evaluate as evaluate_holdout
from store import Store

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RetrainReport:
    """The outcome of one retrain: whether the candidate was promoted, and every metric."""

    promoted: bool
    version: str | None
    champion: str
    reasons: list[str]
    candidate: dict[str, Any]
    champion_metrics: dict[str, Any]
    training: dict[str, Any]
    seconds: float
    relabelled: int | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (what ``python -m classifier retrain --json`` prints)."""
        return {
            "promoted": self.promoted,
            "version": self.version,
            "champion_before": self.champion,
            "reasons": self.reasons,
            "metrics": {"candidate": self.candidate, "champion": self.champion_metrics},
            "training": self.training,
            "seconds": round(self.seconds, 1),
            "relabelled": self.relabelled,
        }


def _metadata(
    champion: TopicModel, corpus: Corpus, result: Any, counts: dict[str, Any]
) -> dict[str, Any]:
    return {
        "labels": [label for label in result.classes if label != OTHER],
        "classes": list(result.classes),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "training_seconds": round(result.seconds, 1),
        "corpus": corpus.describe(),
        "data": counts,
        "split": {"seed": result.seed, "bbc_holdout": "the shipped model's holdout_ids"},
        "model": {
            "family": result.params["family"],
            "params": result.params,
            "calibration": (
                f"temperature scaling, {result.folds}-fold CalibratedClassifierCV(ensemble=False)"
            ),
            "vectorizer": "TF-IDF, sublinear tf, min_df=2, words and word pairs",
            "selection": result.selection,
        },
        "cv_folds": result.folds,
        "cv": {},
        "threshold": result.threshold,
        "holdout_ids": list(champion.metadata.get("holdout_ids", [])),
    }


def retrain(
    store: Store,
    registry: Registry,
    champion: TopicModel,
    corpus: Corpus,
    topics: Sequence[str],
    *,
    seed: int = 42,
    folds: int = 5,
    progress: Progress = lambda _message: None,
    record: dict[str, Any] | None = None,
) -> RetrainReport:
    """Train a candidate, evaluate it and ``champion`` on the same held-out sets, and promote
    it into ``registry`` only if it loses at most 0.5 points on the BBC holdout and wins on
    the newest labelled modern articles. Every decision is recorded in the registry's history,
    with ``record`` (e.g. the store's label stamp) added to its entry.
    """
    start = time.perf_counter()
    holdout_ids = set(champion.metadata.get("holdout_ids", []))
    labelled, corrections = store.labelled_articles(), store.corrections()
    progress(f"{len(labelled)} newspaper-labelled articles, {len(corrections)} corrections")
    data = build_dataset(corpus, holdout_ids, labelled, corrections, topics)
    progress(
        f"training on {len(data.train)} texts; holdouts: {len(data.bbc_holdout)} BBC, "
        f"{len(data.modern_holdout)} modern, {len(data.corrections_holdout)} corrections"
    )
    result = train_mixed(data.train, seed=seed, folds=folds, progress=progress)
    metadata = _metadata(champion, corpus, result, result.counts)
    candidate = TopicModel(result.pipeline, {**metadata, "version": "candidate"})
    progress("evaluating the candidate and the champion on the held-out sets")
    held = (data.bbc_holdout, data.modern_holdout, data.corrections_holdout)
    candidate_metrics = evaluate(candidate, *held)
    champion_metrics = evaluate(champion, *held)
    promoted, reasons = decide(candidate_metrics, champion_metrics)
    bbc_texts = [example.text for example in data.bbc_holdout]
    bbc_labels = [example.label for example in data.bbc_holdout]
    metadata["metrics"] = {
        "holdout": evaluate_holdout(candidate, bbc_texts, bbc_labels),
        "gate": candidate_metrics,
    }
    entry = {
        "promoted": promoted,
        "reasons": reasons,
        "candidate": candidate_metrics,
        "champion": champion_metrics,
        **(record or {}),
    }
    version = None
    if promoted:
        version = registry.save(result.pipeline, metadata)
        candidate_metrics["version"] = version
        registry.promote(version, entry)
        progress(f"promoted {version}")
    else:
        registry.record(entry)
        progress("candidate refused: " + "; ".join(reasons))
    training = {
        "counts": result.counts,
        "threshold": result.threshold,
        "selection": result.selection,
        "params": result.params,
        "seconds": round(result.seconds, 1),
    }
    return RetrainReport(
        promoted=promoted,
        version=version,
        champion=champion.version,
        reasons=reasons,
        candidate=candidate_metrics,
        champion_metrics=champion_metrics,
        training=training,
        seconds=time.perf_counter() - start,
    )
