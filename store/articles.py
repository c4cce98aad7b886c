"""Recording refreshes and upserting their articles, each source in one transaction."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import and_, case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.models import (
    Article,
    Correction,
    Refresh,
    RefreshLock,
    RefreshSource,
    article_record,
    correction_record,
    refresh_record,
)
from store.records import (
    MAX_LABEL_CHARS,
    MAX_SECTION_CHARS,
    ArticleNotFoundError,
    ArticleRecord,
    CorrectionRecord,
    RefreshRecord,
    Relabel,
    StoredArticle,
    StoreError,
    as_utc,
)
from store.urls import BadURLError, normalise_url

_T = TypeVar("_T")
_CHUNK = 200  # rows per INSERT: far below every database's bound-parameter limit
_MAX_ERROR_CHARS = 1000
# Columns that come from the page text: a later refresh that only got the feed summary
# must not replace what an earlier one read from the page.
_FROM_TEXT = (
    "text",
    "text_source",
    "label",
    "confidence",
    "probabilities",
    "model_version",
    "language",
    "coverage",
)
# The newspaper's label: a later listing without one (a general feed) keeps the earlier one
# (from a section feed).
_KEPT_UNLESS_GIVEN = ("section", "section_label")


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
    record: ArticleRecord, source_id: str, refresh_id: int | None, now: datetime
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
    _check_scores(where, record.confidence, record.probabilities, record.coverage)
    _check_label(where, record.label)
    if record.section_label is not None:
        _check_label(where, record.section_label, "section_label")
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
        "section": _clip(record.section, MAX_SECTION_CHARS),
        "section_label": record.section_label,
        "language": record.language,
        "coverage": None if record.coverage is None else float(record.coverage),
    }


def _clip(value: str | None, chars: int) -> str | None:
    value = (value or "").strip()
    return value[:chars] or None


def _check_scores(
    where: str, confidence: float, probabilities: dict[str, float], coverage: float | None
) -> None:
    scores = [confidence, *probabilities.values(), *([] if coverage is None else [coverage])]
    if not all(isinstance(x, int | float) and math.isfinite(x) and 0 <= x <= 1 for x in scores):
        raise StoreError(
            f"{where}: confidence, probabilities and coverage must be numbers from 0 to 1"
        )


def _check_label(where: str, label: str, name: str = "label") -> None:
    if not isinstance(label, str) or not label.strip():
        raise StoreError(f"{where}: no {name}")
    if len(label) > MAX_LABEL_CHARS:
        raise StoreError(f"{where}: {name} longer than {MAX_LABEL_CHARS} characters")


def _chunks(rows: list[_T]) -> Iterable[list[_T]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]


def _upsert_articles(session: Session, rows: list[dict[str, Any]]) -> list[StoredArticle]:
    stored: list[StoredArticle] = []
    table = Article.__table__.c
    for chunk in _chunks(rows):
        stmt = _insert(session)(Article).values(chunk)
        new = stmt.excluded
        keep_page = and_(new.text_source == "summary", table.text_source == "page")
        changes: dict[str, Any] = {
            name: case((keep_page, table[name]), else_=new[name]) for name in _FROM_TEXT
        }
        changes |= {name: func.coalesce(new[name], table[name]) for name in _KEPT_UNLESS_GIVEN}
        changes |= {
            "title": new.title,
            "summary": new.summary,
            "published": func.coalesce(new.published, table.published),
            "sort_at": func.coalesce(new.published, table.published, table.first_seen),
            "last_seen": new.last_seen,
            # An imported copy keeps the refresh that scraped the article.
            "refresh_id": func.coalesce(new.refresh_id, table.refresh_id),
        }
        stmt = stmt.on_conflict_do_update(index_elements=[table.url], set_=changes)
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


def save_archive(session: Session, articles: Sequence[ArticleRecord]) -> list[StoredArticle]:
    """Upsert imported articles (no refresh: a newspaper's freshness is not affected)."""
    now = _now()
    by_url = {}
    for record in articles:
        row = _article_row(record, record.source_id, None, now)
        by_url[row["url"]] = row
    return _upsert_articles(session, [by_url[url] for url in sorted(by_url)])


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


def add_correction(
    session: Session, article_id: int, label: str, model_version: str
) -> CorrectionRecord:
    """Record a user's topic for an article; ArticleNotFoundError when there is no such article."""
    where = f"correction of article {article_id}"
    _check_label(where, label)
    if session.get(Article, article_id) is None:
        raise ArticleNotFoundError(f"there is no article {article_id}")
    correction = Correction(
        article_id=article_id, label=label, model_version=model_version, created_at=_now()
    )
    session.add(correction)
    session.flush()
    return correction_record(correction)


def relabel(session: Session, updates: Sequence[Relabel]) -> int:
    """Give stored articles a new model label; return how many of them exist and were updated."""
    rows: dict[int, dict[str, Any]] = {}
    for item in updates:
        where = f"relabel of article {item.article_id}"
        _check_label(where, item.label)
        _check_scores(where, item.confidence, item.probabilities, item.coverage)
        row: dict[str, Any] = {
            "id": item.article_id,
            "label": item.label,
            "confidence": float(item.confidence),
            "probabilities": {str(k): float(v) for k, v in item.probabilities.items()},
            "model_version": item.model_version,
        }
        # Language and coverage are kept when the new model did not measure them.
        if item.language is not None:
            row["language"] = item.language
        if item.coverage is not None:
            row["coverage"] = float(item.coverage)
        rows[item.article_id] = row
    existing = [
        found
        for chunk in _chunks(sorted(rows))
        for found in session.scalars(select(Article.id).where(Article.id.in_(chunk)))
    ]
    by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for key in sorted(existing):
        by_keys.setdefault(tuple(rows[key]), []).append(rows[key])
    for batch in by_keys.values():
        session.execute(update(Article), batch)
    return len(existing)
