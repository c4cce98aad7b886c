"""Reads the dashboard makes from the article store and the sources file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from dashboard.papers import configured_papers
from store import ArticleQuery, CategoryHistory, StoredArticle, open_store

TABLE_LIMIT = 500
"""The table shows at most this many of the newest articles (one store page)."""

HISTORY_DAYS = 30


@dataclass(frozen=True)
class View:
    """What the main view shows for a selection of newspapers."""

    counts: dict[str, dict[str, int]]
    history: CategoryHistory
    articles: tuple[StoredArticle, ...]
    refreshed: dict[str, datetime | None]


def load_view(papers: Sequence[str]) -> View:
    """Counts, history, newest articles and refresh times of ``papers`` (raises StoreError)."""
    store = open_store()
    page = store.articles(ArticleQuery(newspapers=papers, limit=TABLE_LIMIT))
    return View(
        counts=store.category_counts(papers),
        history=store.category_history(papers, days=HISTORY_DAYS),
        articles=page.items,
        refreshed=store.last_refreshed(papers),
    )


def paper_names() -> dict[str, str]:
    """Newspaper id → display name for every configured newspaper (raises SourcesError);
    archive-only newspapers are shown by their id (callers fall back to it)."""
    return {paper.id: paper.name for paper in configured_papers()}


def find_article(url: str, paper: str, when: str) -> StoredArticle | None:
    """The stored article with this URL, looked up by its newspaper and sort time."""
    try:
        moment = datetime.fromisoformat(when)
    except (TypeError, ValueError):
        return None
    query = ArticleQuery(
        newspapers=[paper], since=moment, until=moment + timedelta(seconds=1), limit=50
    )
    return next((item for item in open_store().articles(query).items if item.url == url), None)
