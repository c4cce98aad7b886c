"""Labelled examples for mixed training: kinds, class weights, time-held-out splits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CORPUS, NEWSPAPER, CORRECTION = "corpus", "newspaper", "correction"
HELD_OUT_FRACTION = 0.2
"""Share of each newspaper's newest articles held out (selection, threshold)."""


@dataclass(frozen=True)
class Example:
    """One labelled text: ``source`` is the newspaper id (or the corpus name), ``kind`` one of
    CORPUS, NEWSPAPER, CORRECTION; ``order`` sorts a newspaper's articles in time."""

    text: str
    label: str
    source: str
    kind: str
    order: float = 0.0


def class_weights(
    labels: Sequence[str],
    examples: Sequence[Example],
    boost: float,
    corpus_weight: float = 2.0,
) -> np.ndarray:
    """1/sqrt(class count) per example (mean 1), times ``boost`` for corrections and
    ``corpus_weight`` for corpus articles."""
    names, inverse, counts = np.unique(np.asarray(labels), return_inverse=True, return_counts=True)
    del names
    weights = 1.0 / np.sqrt(counts[inverse].astype(float))
    weights *= len(weights) / weights.sum()
    kinds = np.array([example.kind for example in examples])
    factor = np.where(kinds == CORRECTION, boost, np.where(kinds == CORPUS, corpus_weight, 1.0))
    result: np.ndarray = weights * factor
    return result


def time_split(examples: Sequence[Example], fraction: float = HELD_OUT_FRACTION) -> np.ndarray:
    """A mask of each newspaper's newest ``fraction`` of modern articles."""
    mask = np.zeros(len(examples), dtype=bool)
    by_source: dict[str, list[int]] = {}
    for index, example in enumerate(examples):
        if example.kind == NEWSPAPER:
            by_source.setdefault(example.source, []).append(index)
    for indices in by_source.values():
        count = round(len(indices) * fraction)
        newest = sorted(indices, key=lambda i: examples[i].order)[len(indices) - count :]
        mask[newest] = True
    return mask
