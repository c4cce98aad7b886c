"""Story membership of stored articles: assigned incrementally when articles are stored."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Protocol

from stories.features import story_text, vectors
from stories.membership import SIMILARITY, WINDOW, StoryItem, assign


class StoryRow(StoryItem, Protocol):
    """What assignment reads of a stored article (``store.stories.StoryRow`` fits)."""

    @property
    def story_id(self) -> int | None: ...


class StoryStore(Protocol):
    """The store's two story methods (``store.Store`` fits)."""

    def story_rows(self, ids: Sequence[int], window: timedelta) -> Sequence[StoryRow]: ...
    def set_stories(self, assigned: Mapping[int, int]) -> int: ...


def assign_stored(
    store: StoryStore,
    ids: Sequence[int],
    *,
    threshold: float = SIMILARITY,
    window: timedelta = WINDOW,
) -> int:
    """Assign the articles ``ids`` (and unassigned ones of their window) to stories; return
    how many were assigned. Reads the window's rows once: linear in the window's articles."""
    rows = sorted(store.story_rows(ids, window), key=lambda row: (row.when, row.id))
    if not rows:
        return 0
    known = [row.story_id for row in rows]
    found = assign(
        [row.id for row in rows],
        [row.when for row in rows],
        [row.source_id for row in rows],
        vectors([story_text(row.title, row.summary) for row in rows]),
        known,
        threshold=threshold,
        window=window,
    )
    new = {row.id: story for row, story, was in zip(rows, found, known, strict=True) if was is None}
    return store.set_stories(new) if new else 0
