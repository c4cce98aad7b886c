"""The top stories of a selection of newspapers in a time window: the dashboard's and the API's.

Story membership is stored with the articles (assigned when they are stored), so a window of
any size is read in two indexed queries and grouped in linear time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from store import Store
from stories import Story, collect


def top_stories(
    store: Store, papers: Sequence[str] | None, since: datetime | None, limit: int
) -> list[Story]:
    """The ``limit`` biggest stories shared by two or more of ``papers`` since ``since``
    (most newspapers, then most articles); raises StoreError."""
    rows = store.top_story_rows(papers, since, limit)
    return collect(rows, {row.id: row.story_id for row in rows}, limit=limit)
