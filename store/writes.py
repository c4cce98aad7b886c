"""Recording refreshes and upserting their articles, each source in one transaction."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, case, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.models import (
    Article,
    Refresh,
    RefreshLock,
    RefreshSource,
    article_record,
    refresh_record,
)
from store.records import ArticleRecord, RefreshRecord, StoredArticle, StoreError, as_utc
from store.urls import BadURLError, normalise_url

_CHUNK = 200  # rows per INSERT: far below every database's bound-parameter limit
_MAX_ERROR_CHARS = 1000
# Columns that come from the page text: a later refresh that only got the feed summary
# must not replace what an earlier one read from the page.
_FROM_TEXT = ("text", "text_source", "label", "confidence", "probabilities", "model_version")


def _now() -> datetime:
    return datetime.now(UTC)


def _insert(session: Session) -> Any:
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert
    if name == "sqlite":
        return sqlite.insert
    raise StoreError(f"unsupported database {name!r}: use sqlite or postgresql")


def _article_row(
    record: ArticleRecord, source_id: str, refresh_id: int, now: datetime
) -> dict[str, Any]:
    where = f"article {record.url[:200]!r}"
    try:
        url = normalise_url(record.url)
    except BadURLError as exc:
        raise StoreError(f"{where}: {exc}") from None
    if record.source_id != source_id:
        raise StoreError(f"{where} belongs to {record.source_id!r}, not to {source_id!r}")
    if record.text_source not in ("page", "summary"):
        raise StoreError(f"{where}: text_source must be 'page' or 'summary'")
    if not record.label:
        raise StoreError(f"{where}: no label")
    scores = [record.confidence, *record.probabilities.values()]
    if not all(isinstance(x, int | float) and math.isfinite(x) and 0 <= x <= 1 for x in scores):
        raise StoreError(f"{where}: confidence and probabilities must be numbers from 0 to 1")
    published = record.published
    if published is not None:
        # A feed dated in the future would otherwise head every list for days.
        published = min(as_utc(published), now)
    return {
        "url": url,
        "source_id": source_id,
        "title": record.title,
        "summary": record.summary,
        "text": record.text,
        "text_source": record.text_source,
        "published": published,
        "sort_at": published or now,
        "first_seen": now,
        "last_seen": now,
        "label": record.label,
        "confidence": float(record.confidence),
        "probabilities": {str(k): float(v) for k, v in record.probabilities.items()},
        "model_version": record.model_version,
        "refresh_id": refresh_id,
    }


def _chunks(rows: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]


def _upsert_articles(session: Session, rows: list[dict[str, Any]]) -> list[StoredArticle]:
    stored: list[StoredArticle] = []
    table = Article.__table__.c
    for chunk in _chunks(rows):
        stmt = _insert(session)(Article).values(chunk)
        new = stmt.excluded
        keep_page = and_(new.text_source == "summary", table.text_source == "page")
        update: dict[str, Any] = {
            name: case((keep_page, table[name]), else_=new[name]) for name in _FROM_TEXT
        }
        update |= {
            "title": new.title,
            "summary": new.summary,
            "published": func.coalesce(new.published, table.published),
            "sort_at": func.coalesce(new.published, table.published, table.first_seen),
            "last_seen": new.last_seen,
            "refresh_id": new.refresh_id,
        }
        stmt = stmt.on_conflict_do_update(index_elements=[table.url], set_=update)
        result = session.scalars(
            stmt.returning(Article), execution_options={"populate_existing": True}
        )
        stored.extend(article_record(article) for article in result)
    return stored


def start_refresh(session: Session, source_ids: Sequence[str]) -> int:
    """Record that a refresh of these sources began; return its id."""
    now = _now()
    refresh = Refresh(
        started_at=now,
        finished_at=None,
        source_ids=list(source_ids),
        status="running",
        state="running",
        trigger="direct",
        heartbeat_at=now,
        done=0,
        total=0,
    )
    session.add(refresh)
    session.flush()
    return refresh.id


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
    now = _now()
    by_url = {}
    for record in articles:
        row = _article_row(record, source_id, refresh_id, now)
        by_url[row["url"]] = row  # the same article twice in one feed: the last one wins
    # A fixed row order keeps concurrent upserts of overlapping batches from deadlocking.
    rows = [by_url[url] for url in sorted(by_url)]
    stored = _upsert_articles(session, rows)
    outcome = {
        "refresh_id": refresh_id,
        "source_id": source_id,
        "found": len(articles) if found is None else found,
        "stored": len(stored),
        "error": error[:_MAX_ERROR_CHARS] if error else None,
        "duration_s": float(duration_s),
        "finished_at": now,
    }
    stmt = _insert(session)(RefreshSource).values(outcome)
    stmt = stmt.on_conflict_do_update(
        index_elements=[RefreshSource.refresh_id, RefreshSource.source_id],
        set_={k: stmt.excluded[k] for k in outcome if k not in ("refresh_id", "source_id")},
    )
    session.execute(stmt)
    return stored


def finish_refresh(session: Session, refresh_id: int) -> RefreshRecord:
    """Mark a refresh finished with ok, partial or failed from its per-source results."""
    refresh = session.get(Refresh, refresh_id, with_for_update=True)
    if refresh is None:
        raise StoreError(f"there is no refresh {refresh_id}")
    sources = list(
        session.scalars(select(RefreshSource).where(RefreshSource.refresh_id == refresh_id))
    )
    succeeded = {row.source_id for row in sources if row.error is None}
    expected = set(refresh.source_ids) | {row.source_id for row in sources}
    if succeeded == expected:
        refresh.status = "ok"
    else:
        refresh.status = "partial" if succeeded else "failed"
    refresh.finished_at = _now()
    if refresh.state in ("queued", "running"):
        refresh.state = "failed" if refresh.status == "failed" else "done"
        if refresh.status == "failed":
            refresh.error = "no newspaper could be refreshed"
    refresh.total = max(refresh.total, refresh.done)
    session.execute(delete(RefreshLock).where(RefreshLock.refresh_id == refresh_id))
    session.flush()
    return refresh_record(refresh, sources)
