"""What each refresh did per newspaper: a newspaper's result saved with its articles, reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.articles import upsert_articles
from store.base import Repository, insert_for, of, utc_now
from store.models import Refresh, RefreshSource, refresh_record
from store.records import (
    MAX_PAGE_SIZE,
    ArticleRecord,
    RefreshRecord,
    StoredArticle,
    StoreQueryError,
)
from store.rows import article_row

_MAX_ERROR_CHARS = 1000


def save_source_result(
    session: Session,
    refresh_id: int,
    source_id: str,
    articles: Sequence[ArticleRecord],
    error: str | None,
    found: int | None,
    duration_s: float,
) -> list[StoredArticle]:
    """Upsert one source's articles and its outcome; the caller commits or rolls back."""
    now = utc_now()
    by_url = {}
    for record in articles:
        row = article_row(record, source_id, refresh_id, now)
        by_url[row["url"]] = row  # the same article twice in one feed: the last one wins
    # A fixed row order keeps concurrent upserts of overlapping batches from deadlocking.
    rows = [by_url[url] for url in sorted(by_url)]
    stored = upsert_articles(session, rows)
    outcome = {
        "refresh_id": refresh_id,
        "source_id": source_id,
        "found": len(articles) if found is None else found,
        "stored": len(stored),
        "error": error[:_MAX_ERROR_CHARS] if error else None,
        "duration_s": float(duration_s),
        "finished_at": now,
    }
    stmt = insert_for(session)(RefreshSource).values(outcome)
    stmt = stmt.on_conflict_do_update(
        index_elements=[RefreshSource.refresh_id, RefreshSource.source_id],
        set_={k: stmt.excluded[k] for k in outcome if k not in ("refresh_id", "source_id")},
    )
    session.execute(stmt)
    return stored


def last_refreshed(
    session: Session, newspapers: Sequence[str] | None
) -> dict[str, datetime | None]:
    """Return newspaper → when a refresh last got it without error (None if never)."""
    stmt = (
        select(RefreshSource.source_id, func.max(RefreshSource.finished_at))
        .where(RefreshSource.error.is_(None), of(RefreshSource.source_id, newspapers))
        .group_by(RefreshSource.source_id)
    )
    latest: dict[str, datetime | None] = dict.fromkeys(newspapers or ())
    for source_id, finished_at in session.execute(stmt):
        latest[source_id] = finished_at
    return latest


def recent_refreshes(session: Session, limit: int = 20) -> list[RefreshRecord]:
    """Return the latest refreshes, newest first, with how each source went."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise StoreQueryError(f"limit must be between 1 and {MAX_PAGE_SIZE}, got {limit}")
    refreshes = list(session.scalars(select(Refresh).order_by(Refresh.id.desc()).limit(limit)))
    sources: dict[int, list[RefreshSource]] = {refresh.id: [] for refresh in refreshes}
    if refreshes:
        rows = session.scalars(
            select(RefreshSource).where(RefreshSource.refresh_id.in_(list(sources)))
        )
        for row in rows:
            sources[row.refresh_id].append(row)
    return [refresh_record(refresh, sources[refresh.id]) for refresh in refreshes]


class Outcomes(Repository):
    """Per-newspaper results of refreshes: saving one, when each paper was last refreshed."""

    def save_source_result(
        self,
        refresh_id: int,
        source_id: str,
        articles: Sequence[ArticleRecord],
        error: str | None = None,
        found: int | None = None,
        duration_s: float = 0.0,
    ) -> list[StoredArticle]:
        """Upsert one source's articles and outcome in one transaction; return them as stored."""
        with self._write(f"cannot save the articles of {source_id}") as session:
            return save_source_result(
                session, refresh_id, source_id, articles, error, found, duration_s
            )

    def last_refreshed(self, newspapers: Sequence[str] | None = None) -> dict[str, datetime | None]:
        """Return newspaper → when a refresh last got it without error (None if never)."""
        with self._read("cannot read refresh times") as session:
            return last_refreshed(session, newspapers)

    def recent_refreshes(self, limit: int = 20) -> list[RefreshRecord]:
        """Return the latest refreshes, newest first, with how each source went."""
        with self._read("cannot list refreshes") as session:
            return recent_refreshes(session, limit)
