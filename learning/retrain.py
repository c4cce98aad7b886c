"""Retrain: a candidate on BBC + labelled modern articles, judged against the champion."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from classifier.corpus import Corpus
from classifier.model import TopicModel
from classifier.registry import Registry
from learning.data import CORRECTIONS_PER_CLIENT, Dataset, build_dataset
from learning.evaluate import NO_MODERN, decide, evaluate
from learning.examples import CORPUS, CORRECTION, NEWSPAPER
from learning.outlet_features import COLUMNS, NGRAMS, VECTORIZER
from learning.outlet_training import ALPHA, OutletTraining, train_outlets
from learning.outlets import BBC, View, example_views, not_among, unseen_in
from learning.report import evaluate as evaluate_holdout
from learning.scoring import among_labels
from learning.topic_rule import TopicRule, support
from store import Store

Progress = Callable[[str], None]
SEEN_ONLY = (
    "no modern holdout: the {} newest stored articles are items the champion trained on "
    "(a shipped outlet's own file); import or scrape newer ones"
)
"""The gate's reason when every held-out article is one the champion learnt from an outlet."""


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


def _counts(train: Sequence[Any]) -> dict[str, Any]:
    """How many training examples of each kind, and from which newspapers."""
    counts: dict[str, Any] = {"examples": len(train)}
    for kind in (CORPUS, NEWSPAPER, CORRECTION):
        counts[kind] = sum(example.kind == kind for example in train)
    counts["newspapers"] = sorted({e.source for e in train if e.kind == NEWSPAPER})
    return counts


def _metadata(
    champion: TopicModel,
    corpus: Corpus,
    result: OutletTraining,
    counts: dict[str, Any],
    *,
    seed: int,
    folds: int,
) -> dict[str, Any]:
    return {
        **result.describe(),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "corpus": corpus.describe(),
        "data": counts,
        "split": {"seed": seed, "bbc_holdout": "the shipped model's holdout_ids"},
        "model": {
            "family": "complement_nb",
            "params": {"alpha": ALPHA, "ngram_range": list(NGRAMS)},
            "calibration": result.calibration["method"],
            "vectorizer": VECTORIZER,
            **COLUMNS,
        },
        "cv_folds": folds,
        "cv": {},
        "holdout_ids": list(champion.metadata.get("holdout_ids", [])),
    }


def _too_thin(
    registry: Registry,
    champion: TopicModel,
    data: Dataset,
    rule: TopicRule,
    record: dict[str, Any] | None,
    start: float,
    progress: Progress,
) -> RetrainReport:
    """The refusal when fewer than two topics have enough labelled articles to learn."""
    reasons = [f"no candidate: fewer than two topics pass the rule ({rule.describe()})"]
    if not data.modern_holdout:
        reasons.append(NO_MODERN)
    champion_metrics = evaluate(
        champion, data.bbc_holdout, data.modern_holdout, data.corrections_holdout
    )
    entry = {"promoted": False, "reasons": reasons, "candidate": {}, **(record or {})}
    entry["champion"] = champion_metrics
    registry.record(entry)
    progress("candidate refused: " + "; ".join(reasons))
    return RetrainReport(
        promoted=False,
        version=None,
        champion=champion.version,
        reasons=reasons,
        candidate={},
        champion_metrics=champion_metrics,
        training={},
        seconds=time.perf_counter() - start,
    )


def _without_copies(
    data: Dataset, outlets: Sequence[View], champion: TopicModel, progress: Progress
) -> tuple[Dataset, list[View], int]:
    """(``data`` without the held-out copies of articles the champion trained on as an
    outlet's, the outlet views the store does not also hold, how many copies were held out).

    An archive may re-import a shipped outlet's own file (HuffPost, the demo's UCI sample):
    its articles are trained on once, as the store's, and the newest the gate holds out are
    not trained on; and the champion, which learnt them from the outlet, is not judged on them
    against a candidate that has never seen them."""
    stored = [e for e in (*data.train, *data.modern_holdout, *data.corrections_holdout)
              if e.kind != CORPUS]  # fmt: skip
    others = [view for view in outlets if view.outlet != BBC]
    kept = not_among(others, stored)
    if len(kept) < len(others):
        copies = len({v.group for v in others}) - len({v.group for v in kept})
        progress(f"{copies} outlet articles are also stored: trained from the store only")
    taught = {name for counts in champion.metadata.get("sources", {}).values() for name in counts}
    modern = unseen_in(data.modern_holdout, [v for v in others if v.outlet in taught])
    seen = len(data.modern_holdout) - len(modern)
    if seen:
        progress(f"{seen} held-out articles are items the champion trained on: not judged on")
        data = replace(data, modern_holdout=modern)
    return data, kept, seen


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
    outlets: Sequence[View] = (),
    rule: TopicRule | None = None,
) -> RetrainReport:
    """Train a candidate, evaluate it and ``champion`` on the same held-out sets, and promote
    it into ``registry`` only if it loses at most 0.5 points on the BBC holdout and wins on
    the newest labelled modern articles. Every decision is recorded in the registry's history,
    with ``record`` (e.g. the store's label stamp) added to its entry.
    """
    start = time.perf_counter()
    holdout_ids = set(champion.metadata.get("holdout_ids", []))
    labelled = store.labelled_articles()
    corrections = store.corrections(per_client=CORRECTIONS_PER_CLIENT)
    progress(f"{len(labelled)} newspaper-labelled articles, {len(corrections)} corrections")
    data = build_dataset(corpus, holdout_ids, labelled, corrections, topics)
    progress(
        f"training on {len(data.train)} texts; holdouts: {len(data.bbc_holdout)} BBC, "
        f"{len(data.modern_holdout)} modern, {len(data.corrections_holdout)} corrections"
    )
    data, kept, seen = _without_copies(data, outlets, champion, progress)
    items = example_views(data.train) + kept
    rule = rule or TopicRule()
    learnt, _ = rule.admit(support(items), topics)
    if len(learnt) < 2:
        return _too_thin(registry, champion, data, rule, record, start, progress)
    newspapers = {e.source for e in data.train if e.kind == NEWSPAPER}
    result = train_outlets(items, topics, rule=rule, progress=progress, capped=newspapers)
    counts = _counts(data.train)
    metadata = _metadata(champion, corpus, result, counts, seed=seed, folds=folds)
    candidate = TopicModel(result.pipeline, {**metadata, "version": "candidate"})
    progress("evaluating the candidate and the champion on the held-out sets")
    held = (data.bbc_holdout, data.modern_holdout, data.corrections_holdout, data.newspaper_period)
    candidate_metrics = evaluate(candidate, *held)
    champion_metrics = evaluate(champion, *held)
    promoted, reasons = decide(
        candidate_metrics, champion_metrics, SEEN_ONLY.format(seen) if seen else NO_MODERN
    )
    bbc_texts = [example.text for example in data.bbc_holdout]
    bbc_labels = [example.label for example in data.bbc_holdout]
    metadata["metrics"] = {
        "holdout": evaluate_holdout(candidate, bbc_texts, bbc_labels),
        "bbc_five": among_labels(candidate, bbc_texts, bbc_labels),
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
        "counts": counts,
        "sources": metadata["sources"],
        "topic_rule": metadata["topic_rule"],
        "threshold": result.threshold,
        "calibration": {k: v for k, v in result.calibration.items() if k != "bins"},
        "params": metadata["model"]["params"],
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
