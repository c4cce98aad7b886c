"""Semantic smoothing: each word's ComplementNB counts borrow from its nearest words in meaning.

A model trained on four outlets knows a word's topic only from the texts where that word
appeared. On an outlet it never read, the same topic comes in other words, or in the same
words used the way another outlet uses them. Smoothing adds to each word's per-topic counts
``SMOOTHING`` × the weighted mean counts of its nearest words (up to ``NEIGHBOURS`` of them,
cosine similarity at least ``FLOOR``, weights in proportion to the similarity), before
ComplementNB turns counts into weights. Only the training changes: the served model is a
plain ComplementNB with the same vocabulary, so prediction costs nothing more.

The nearest words come from ``word_neighbours.tsv.gz`` beside this module: for every word of
the four labelled sources, its twenty nearest words among them by the cosine similarity of their
all-MiniLM-L6-v2 embeddings (sentence-transformers, Apache-2.0), as built by
``learning.neighbour_table`` (``python -m runtime neighbours``; it needs torch, which the app
does not). A word missing from the table (new in a retrain) is simply not smoothed. Measured on
held-out outlets in BENCHMARKS.md, *Semantic smoothing*.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.naive_bayes import ComplementNB

from classifier.errors import ModelError

TABLE = Path(__file__).with_name("word_neighbours.tsv.gz")
"""Each line: a word, then up to twenty ``neighbour similarity`` pairs, tab-separated, nearest
first; only similarities of at least ``FLOOR`` are kept. Twenty, so that a word usually has
``NEIGHBOURS`` of them in a model's vocabulary (with ten, the held-out-outlet accuracy was the
same and one more BBC-holdout article moved)."""
NEIGHBOURS = 5
"""Nearest words a word borrows from: 5 and 10 gave the same held-out accuracy (0.595, 0.596);
10 moved one more BBC-holdout article, so 5 (BENCHMARKS.md)."""
FLOOR = 0.5
"""The least cosine similarity of a neighbour (0.6 and 0.7 borrowed less and gained less)."""
SMOOTHING = 0.3
"""The weight of the neighbours' mean counts against the word's own (1)."""

DESCRIPTION = {
    "neighbours": NEIGHBOURS,
    "floor": FLOOR,
    "weight": SMOOTHING,
    "source": "all-MiniLM-L6-v2 embeddings of each word (learning/word_neighbours.tsv.gz)",
    "rule": "each word's ComplementNB counts plus the weight times the similarity-weighted "
    "mean counts of its nearest known words (cosine similarity at least the floor)",
}
"""model.json's ``model.semantic_smoothing``."""

Row = tuple[str, Sequence[tuple[str, float]]]
"""A word and its nearest words with their similarities, nearest first."""


@dataclass(frozen=True)
class NeighbourTable:
    """Every word's nearest words as two arrays (9 MB in all, where a dict of tuples held
    60 MB): row ``i`` of ``near`` holds indices into ``words`` (-1: no more), nearest first,
    and ``similarity`` their cosine similarities."""

    words: tuple[str, ...]
    near: np.ndarray
    similarity: np.ndarray
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {word: i for i, word in enumerate(self.words)})

    @classmethod
    def from_rows(cls, rows: Iterable[Row]) -> NeighbourTable:
        """The table of ``rows``; a neighbour without a row of its own gets an empty one."""
        listed = list(rows)
        words = [word for word, _ in listed]
        known = set(words)
        words += sorted({other for _, near in listed for other, _ in near} - known)
        position = {word: i for i, word in enumerate(words)}
        width = max((len(near) for _, near in listed), default=0)
        near_array = np.full((len(words), width), -1, dtype=np.int32)
        similarity = np.zeros((len(words), width))
        for row, (_, near) in enumerate(listed):
            near_array[row, : len(near)] = [position[other] for other, _ in near]
            similarity[row, : len(near)] = [value for _, value in near]
        return cls(tuple(words), near_array, similarity)

    def nearest(self, word: str) -> list[tuple[str, float]]:
        """``word``'s nearest words with their similarities (none for an unknown word)."""
        row = self.index.get(word)
        if row is None:
            return []
        return [
            (self.words[other], round(float(value), 3))
            for other, value in zip(self.near[row], self.similarity[row], strict=True)
            if other >= 0
        ]


def read_table(path: Path) -> NeighbourTable:
    """The neighbour table in ``path`` (gzip TSV, see ``TABLE``); ModelError, one line, when it
    is missing or damaged (training cannot go on without it)."""
    rows: list[Row] = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                word, *rest = line.rstrip("\n").split("\t")
                pairs = range(0, len(rest) - 1, 2)
                rows.append((word, [(rest[i], float(rest[i + 1])) for i in pairs]))
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
        raise ModelError(
            f"the word-neighbour table {path} cannot be read ({exc}): restore it from git or "
            "rebuild it with `python -m runtime neighbours`"
        ) from exc
    return NeighbourTable.from_rows(rows)


@lru_cache(maxsize=1)
def shipped_table() -> NeighbourTable:
    """The table shipped beside this module, read once per process."""
    return read_table(TABLE)


def neighbour_matrix(
    vocabulary: Mapping[str, int],
    columns: int,
    table: NeighbourTable,
    neighbours: int = NEIGHBOURS,
    floor: float = FLOOR,
) -> sp.csr_matrix:
    """A ``columns`` × ``columns`` matrix: row ``i`` holds the weights (summing to 1) of the
    first ``neighbours`` nearest words of the word in column ``i`` that ``vocabulary`` has, at
    least ``floor`` similar, in proportion to the similarity; columns past the vocabulary (the
    pooled ones) and words without such neighbours have empty rows."""
    column = np.full(len(table.words), -1, dtype=np.int64)
    for word, at in vocabulary.items():
        row = table.index.get(word)
        if row is not None:
            column[row] = at
    listed = table.near >= 0
    near_column = np.where(listed, column[np.where(listed, table.near, 0)], -1)
    usable = (near_column >= 0) & (table.similarity >= floor) & (column[:, None] >= 0)
    usable &= np.cumsum(usable, axis=1) <= neighbours
    weights = np.where(usable, table.similarity, 0.0)
    totals = weights.sum(axis=1)
    rows, ranks = np.nonzero(usable)
    return sp.csr_matrix(
        (weights[rows, ranks] / totals[rows], (column[rows], near_column[rows, ranks])),
        shape=(columns, columns),
    )


def smooth_counts(
    model: ComplementNB, neighbours: sp.csr_matrix, weight: float = SMOOTHING
) -> ComplementNB:
    """``model`` (fitted) with its feature weights recomputed from counts that borrow
    ``weight`` × the neighbours' counts; its ``feature_count_`` keeps the smoothed counts."""
    counts = np.asarray(model.feature_count_)
    borrowed = np.asarray((neighbours @ counts.T).T)
    model.feature_count_ = counts + weight * borrowed
    model.feature_all_ = model.feature_count_.sum(axis=0)
    # ComplementNB's own step from counts to weights (what fit ends with), so smoothed and
    # plain models differ only in the counts.
    model._update_feature_log_prob(model.alpha)
    return model
