"""The top-stories read model the dashboard and the API both show: one query, one grouping."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from store import Listing, Store
from stories import Story, group_stories

STORY_ARTICLES = 500
"""The newest articles of the window that stories are grouped from (a bound on the work)."""


def top_stories(
    store: Store, newspapers: Sequence[str], since: datetime | None, limit: int
) -> list[Story]:
    """The window's stories reported by two or more of ``newspapers`` (raises StoreError)."""
    rows = store.listing(Listing(newspapers=newspapers, since=since, limit=STORY_ARTICLES))
    return group_stories(rows, limit=limit)
