"""One retrain of a deployment: skip when no label changed, retrain behind the gate, relabel.

Both ``python -m classifier retrain`` and the refresh service's scheduled ``retrain`` job
call ``retrain_deployment``; they differ only in how they find the corpus (the CLI may
download it, the schedule never does) and in whether an unchanged deployment is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from classifier.corpus import read_corpus
from classifier.model import TopicModel, load_model
from classifier.registry import Registry, registry_for
from classifier.topics import configured_topics
from learning.relabel import relabel
from learning.retrain import Progress, RetrainReport, retrain
from learning.training import SEED
from settings import Settings
from store import Store

LABELS = "labels"
"""The key of a registry entry holding the store's label stamp at the time of that retrain."""


def unchanged_reason(registry: Registry, stamp: dict[str, int]) -> str | None:
    """Why retraining now would learn nothing new (None when it would)."""
    if stamp["labelled"] == 0 and stamp["corrections"] == 0:
        return "no newspaper-labelled articles or corrections to learn from"
    history = registry.history()
    if history and history[-1].get(LABELS) == stamp:
        return "no new labelled articles or corrections since the last retrain"
    return None


def retrain_deployment(
    settings: Settings,
    store: Store,
    corpus_path: Path,
    champion: Callable[[], TopicModel],
    *,
    if_changed: bool = False,
    relabel_after: bool = True,
    seed: int = SEED,
    folds: int = 5,
    progress: Progress = lambda _message: None,
) -> RetrainReport | None:
    """Retrain on ``corpus_path`` + the store's labels into this deployment's registry.

    With ``if_changed`` it first compares the store's label stamp (two aggregate queries)
    with the one the last registry entry recorded, and returns None when nothing changed.
    After a promotion it relabels stored articles in batches with the new version.
    """
    registry = registry_for(settings)
    topics = configured_topics(settings)
    stamp = store.label_stamp()
    if if_changed and (reason := unchanged_reason(registry, stamp)) is not None:
        progress(f"skipped: {reason}")
        return None
    corpus = read_corpus(corpus_path)
    model = champion()
    progress(f"champion {model.version}; topics {', '.join(topics)}")
    report = retrain(
        store,
        registry,
        model,
        corpus,
        topics,
        seed=seed,
        folds=folds,
        progress=progress,
        record={LABELS: stamp},
    )
    if report.promoted and report.version and relabel_after:
        promoted = load_model(registry.model_dir(report.version))
        count = relabel(store, promoted, progress=lambda done: progress(f"relabelled {done}"))
        report = replace(report, relabelled=count)
    return report
