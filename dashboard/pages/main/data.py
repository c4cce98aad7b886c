"""Reads the dashboard makes from the article store and the sources file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from dashboard.pages.main.papers import configured_papers
from store import CategoryHistory, Listing, RefreshRecord, Store
from stories import Story
from views.services import current
from views.stories import top_stories
from views.window import history_days, window_start

TOP_STORIES = 5


@dataclass(frozen=True)
class View:
    """What the main view shows for a selection of newspapers in a time window."""

    counts: dict[str, dict[str, int]]
    history: CategoryHistory
    newest: dict[str, datetime | None]
    refreshed: dict[str, datetime | None]
    stories: list[Story]
    older: int
    last_refresh: RefreshRecord | None

    @property
    def total(self) -> int:
        """Articles in the window."""
        return sum(sum(per_paper.values()) for per_paper in self.counts.values())


def current_store() -> Store:
    """The process's store, from its services (one engine per process; raises StoreError)."""
    return current().store


def load_view(store: Store, papers: Sequence[str], window: str, now: datetime) -> View:
    """Counts, trend, stories and freshness of ``papers`` in ``window`` (raises StoreError)."""
    since = window_start(window, now)
    counts = store.category_counts(papers, since)
    total = sum(sum(per_paper.values()) for per_paper in counts.values())
    older = 0 if total or since is None else store.listing_count(Listing(newspapers=papers))
    recent = store.recent_refreshes(1) if not total and not older else []
    return View(
        counts={paper: counts.get(paper, {}) for paper in papers},
        history=store.collected_history(
            papers, days=history_days(window), today=now.date(), since=since
        ),
        newest=store.newest_articles(papers),
        refreshed=store.last_refreshed(papers),
        stories=top_stories(store, papers, since, TOP_STORIES) if total else [],
        older=older,
        last_refresh=recent[0] if recent else None,
    )


def paper_names(store: Store | None = None) -> dict[str, str]:
    """Newspaper id → display name: every configured newspaper (raises SourcesError), and the
    archive-only ones ``store`` has names for; others are shown by their id (callers fall
    back to it)."""
    stored = store.newspaper_names() if store is not None else {}
    return stored | {paper.id: paper.name for paper in configured_papers()}
