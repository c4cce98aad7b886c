"""Online story assignment: each article, in time order, joins the story it resembles most.

An article joins the story whose members of the last ``window`` it resembles most on average
(cosine of ``stories.features.vectors``), when that average reaches ``threshold``; otherwise it
starts a story of its own. The same function serves the pure grouping (no story known yet) and
the store (the recent articles' stories are known, the new ones are assigned).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import numpy as np
from scipy.sparse import csr_matrix

SIMILARITY = 0.12
"""Average cosine similarity to a story's members at which an article joins it (see BENCHMARKS)."""
WINDOW = timedelta(hours=48)
"""Only members published at most this long before an article are compared with it."""


def assign(
    ids: Sequence[int],
    times: Sequence[datetime],
    rows: csr_matrix,
    known: Sequence[int | None],
    *,
    threshold: float = SIMILARITY,
    window: timedelta = WINDOW,
) -> list[int]:
    """The story id of every article (rows in ascending time order).

    ``known[i]`` is the story id of an article already assigned (kept as is), or None: such an
    article joins the best story among the earlier ones in the window, or starts its own story,
    whose id is its own ``ids[i]``.
    """
    if not len(ids) == len(times) == rows.shape[0] == len(known):
        raise ValueError("ids, times, rows and known must have the same length")
    stories: list[int] = []
    start = 0
    for i, story in enumerate(known):
        while times[i] - times[start] > window:
            start += 1
        if story is None:
            story = _best(stories[start:i], rows[start:i] @ rows[i].T, threshold)
            story = ids[i] if story is None else story
        stories.append(story)
    return stories


def _best(stories: Sequence[int], similarity: csr_matrix, threshold: float) -> int | None:
    if not stories:
        return None
    keys, members = np.unique(np.asarray(stories), return_inverse=True)
    sums = np.bincount(members, weights=similarity.toarray().ravel(), minlength=len(keys))
    means = sums / np.bincount(members, minlength=len(keys))
    best = int(np.argmax(means))
    return int(keys[best]) if means[best] >= threshold else None
