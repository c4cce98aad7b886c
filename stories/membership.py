"""Online story assignment: each new article, in time order, joins the story it resembles most.

An article joins the story whose members within ``window`` of it (before or after: an article
stored late may be older than stored ones) it resembles most on average (cosine of
``stories.features.vectors``), counting only members of other newspapers, when that average
reaches ``threshold``; otherwise it starts a story of its own. Members of its own paper do not
count: a paper's recurring words (its name, its rubrics) must not chain its articles into one
story, and a story is what different papers report. The same function serves the pure grouping
(no story known yet) and the store (the window's stories known, the new articles assigned).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

import numpy as np
from scipy.sparse import csr_matrix

SIMILARITY = 0.12
"""Average cosine similarity to a story's members at which an article joins it (see BENCHMARKS)."""
WINDOW = timedelta(hours=48)
"""Only members published at most this long before or after an article are compared with it."""


class StoryItem(Protocol):
    """What assignment reads of any article: who published it when, and its headline text."""

    @property
    def id(self) -> int: ...
    @property
    def when(self) -> datetime: ...
    @property
    def source_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def summary(self) -> str: ...


def assign(
    ids: Sequence[int],
    times: Sequence[datetime],
    papers: Sequence[str],
    rows: csr_matrix,
    known: Sequence[int | None],
    *,
    threshold: float = SIMILARITY,
    window: timedelta = WINDOW,
) -> list[int]:
    """The story id of every article (``times`` ascending).

    ``known[i]`` is the story id of an article already assigned (kept as is), or None: such an
    article joins the best story of the articles assigned so far within the window, or starts
    its own story, whose id is its own ``ids[i]``.
    """
    if not len(ids) == len(times) == len(papers) == rows.shape[0] == len(known):
        raise ValueError("ids, times, papers, rows and known must have the same length")
    stories: list[int | None] = list(known)
    paper_of = np.asarray(papers, dtype=object)
    start = end = 0
    for i, story in enumerate(known):
        while times[i] - times[start] > window:
            start += 1
        end = max(end, i)
        while end + 1 < len(times) and times[end + 1] - times[i] <= window:
            end += 1
        if story is not None:
            continue
        near = [j for j in range(start, end + 1) if stories[j] is not None and j != i]
        # Stories only of the article's own paper are no candidates (its name, its rubrics).
        shared = {stories[j] for j in near if paper_of[j] != papers[i]}
        near = [j for j in near if stories[j] in shared]
        found = (
            _best([stories[j] for j in near], rows[near] @ rows[i].T, threshold) if near else None
        )
        stories[i] = ids[i] if found is None else found
    return [story for story in stories if story is not None]


def _best(stories: Sequence[int | None], similarity: csr_matrix, threshold: float) -> int | None:
    keys, members = np.unique(np.asarray(stories), return_inverse=True)
    sums = np.bincount(members, weights=similarity.toarray().ravel(), minlength=len(keys))
    means = sums / np.bincount(members, minlength=len(keys))
    best = int(np.argmax(means))
    return int(keys[best]) if means[best] >= threshold else None
