"""The reads the app and the API make, each one or two SQL queries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, case, cast, func, or_, select, true
from sqlalchemy.orm import Session, defer

from store.cursor import decode_cursor, encode_cursor
from store.models import (
    Article,
    Correction,
    Refresh,
    RefreshSource,
    article_record,
    labelled_record,
    refresh_record,
)
from store.records import (
    MAX_PAGE_SIZE,
    ArticlePage,
    ArticleQuery,
    CategoryHistory,
    HealthRow,
    LabelledArticle,
    RefreshRecord,
    StoredArticle,
    StoreQueryError,
)

MAX_HISTORY_DAYS = 366


def _of(column: Any, newspapers: Sequence[str] | None) -> ColumnElement[bool]:
    """The condition "column is one of these newspapers" (always true when None)."""
    return true() if newspapers is None else column.in_(list(newspapers))


def articles(session: Session, query: ArticleQuery) -> ArticlePage:
    """Return one page of articles matching the query, newest first."""
    stmt = select(Article).where(_of(Article.source_id, query.newspapers))
    if query.category is not None:
        stmt = stmt.where(Article.label == query.category)
    if query.since is not None:
        stmt = stmt.where(Article.sort_at >= query.since)
    if query.until is not None:
        stmt = stmt.where(Article.sort_at < query.until)
    if query.min_confidence is not None:
        stmt = stmt.where(Article.confidence >= query.min_confidence)
    if query.cursor is not None:
        after, after_id = decode_cursor(query.cursor)
        stmt = stmt.where(
            or_(Article.sort_at < after, (Article.sort_at == after) & (Article.id < after_id))
        )
    stmt = stmt.order_by(Article.sort_at.desc(), Article.id.desc()).limit(query.limit + 1)
    if not query.with_text:
        stmt = stmt.options(defer(Article.text, raiseload=True))
    rows = list(session.scalars(stmt))
    items = tuple(article_record(row, with_text=query.with_text) for row in rows[: query.limit])
    more = len(rows) > query.limit
    last = rows[query.limit - 1] if more else None
    return ArticlePage(items, encode_cursor(last.sort_at, last.id) if last else None)


def category_counts(
    session: Session, newspapers: Sequence[str] | None, since: datetime | None = None
) -> dict[str, dict[str, int]]:
    """Return newspaper → category → number of articles (optionally only those since a time)."""
    stmt = (
        select(Article.source_id, Article.label, func.count())
        .where(_of(Article.source_id, newspapers))
        .group_by(Article.source_id, Article.label)
    )
    if since is not None:
        stmt = stmt.where(Article.sort_at >= since)
    counts: dict[str, dict[str, int]] = {name: {} for name in newspapers or ()}
    for source_id, label, count in session.execute(stmt):
        counts.setdefault(source_id, {})[label] = count
    return counts


def last_refreshed(
    session: Session, newspapers: Sequence[str] | None
) -> dict[str, datetime | None]:
    """Return newspaper → when a refresh last got it without error (None if never)."""
    stmt = (
        select(RefreshSource.source_id, func.max(RefreshSource.finished_at))
        .where(RefreshSource.error.is_(None), _of(RefreshSource.source_id, newspapers))
        .group_by(RefreshSource.source_id)
    )
    latest: dict[str, datetime | None] = dict.fromkeys(newspapers or ())
    for source_id, finished_at in session.execute(stmt):
        latest[source_id] = finished_at
    return latest


def _day(session: Session) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone("UTC", Article.sort_at), Date)
    return func.date(Article.sort_at)  # SQLite keeps UTC text: its date() is the UTC day


def _window(days: int, today: date | None) -> tuple[date, datetime, datetime]:
    if not 1 <= days <= MAX_HISTORY_DAYS:
        raise StoreQueryError(f"days must be between 1 and {MAX_HISTORY_DAYS}, got {days}")
    last = today or datetime.now(UTC).date()
    first = last - timedelta(days=days - 1)
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    return first, start, start + timedelta(days=days)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def label_health(
    session: Session,
    other: str,
    days: int = 30,
    today: date | None = None,
    labels: Sequence[str] | None = None,
) -> list[HealthRow]:
    """Per day and newspaper: articles, newspaper-labelled, agreeing, `other`, mean coverage.

    With ``labels``, only newspaper labels among them count as labelled (a topic the model
    cannot give yet is left out of its agreement).
    """
    _, start, end = _window(days, today)
    day = _day(session).label("day")
    comparable = (
        Article.section_label.is_not(None)
        if labels is None
        else Article.section_label.in_(list(labels))
    )
    labelled = func.sum(case((comparable, 1), else_=0))
    agreed = func.sum(case((comparable & (Article.label == Article.section_label), 1), else_=0))
    others = func.sum(case((Article.label == other, 1), else_=0))
    stmt = (
        select(
            day,
            Article.source_id,
            func.count(),
            labelled,
            agreed,
            others,
            func.count(Article.coverage),
            func.avg(Article.coverage),
        )
        .where(Article.sort_at >= start, Article.sort_at < end)
        .group_by(day, Article.source_id)
        .order_by(day, Article.source_id)
    )
    return [
        HealthRow(
            day=_as_date(when),
            source_id=source_id,
            articles=int(count),
            labelled=int(labelled or 0),
            agreed=int(agree or 0),
            other=int(other_count or 0),
            measured=int(measured),
            coverage=None if mean is None else float(mean),
        )
        for when, source_id, count, labelled, agree, other_count, measured, mean in session.execute(
            stmt
        )
    ]


def category_history(
    session: Session,
    newspapers: Sequence[str] | None,
    days: int = 30,
    today: date | None = None,
) -> CategoryHistory:
    """Return day → category → number of articles for the last `days` days, oldest first."""
    first, start, end = _window(days, today)
    day = _day(session).label("day")
    stmt = (
        select(day, Article.label, func.count())
        .where(
            Article.sort_at >= start,
            Article.sort_at < end,
            _of(Article.source_id, newspapers),
        )
        .group_by(day, Article.label)
    )
    history: CategoryHistory = {first + timedelta(days=n): {} for n in range(days)}
    for when, label, count in session.execute(stmt):
        history[_as_date(when)][label] = count
    return history


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


def article(session: Session, article_id: int) -> StoredArticle | None:
    """Return the article with this id, or None."""
    row = session.get(Article, article_id)
    return None if row is None else article_record(row)


def labelled_articles(session: Session) -> list[LabelledArticle]:
    """Return every article the newspaper labelled (section_label set), oldest first."""
    stmt = (
        select(Article)
        .where(Article.section_label.is_not(None))
        .order_by(Article.sort_at, Article.id)
    )
    return [labelled_record(row, row.section_label or "") for row in session.scalars(stmt)]


def corrections(session: Session) -> list[LabelledArticle]:
    """Return every corrected article with its newest correction's label, oldest first."""
    newest = select(func.max(Correction.id).label("id")).group_by(Correction.article_id).subquery()
    stmt = (
        select(Article, Correction.label)
        .join(Correction, Correction.article_id == Article.id)
        .join(newest, newest.c.id == Correction.id)
        .order_by(Article.sort_at, Article.id)
    )
    return [labelled_record(row, label) for row, label in session.execute(stmt)]


def article_batch(
    session: Session, after_id: int, batch_size: int, not_version: str | None
) -> list[StoredArticle]:
    """Return up to batch_size articles with ids above after_id (optionally not of a version)."""
    stmt = select(Article).where(Article.id > after_id)
    if not_version is not None:
        stmt = stmt.where(Article.model_version != not_version)
    stmt = stmt.order_by(Article.id).limit(batch_size)
    return [article_record(row) for row in session.scalars(stmt)]


def newspaper_ids(session: Session) -> list[str]:
    """Return the id of every newspaper with stored articles, sorted."""
    stmt = select(Article.source_id).distinct().order_by(Article.source_id)
    return list(session.scalars(stmt))


def label_stamp(session: Session) -> dict[str, int]:
    """Counts and newest ids of labelled articles and corrections: changes when either grows."""
    labelled = session.execute(
        select(func.count(Article.id), func.coalesce(func.max(Article.id), 0)).where(
            Article.section_label.is_not(None)
        )
    ).one()
    corrected = session.execute(
        select(func.count(Correction.id), func.coalesce(func.max(Correction.id), 0))
    ).one()
    return {
        "labelled": int(labelled[0]),
        "labelled_max_id": int(labelled[1]),
        "corrections": int(corrected[0]),
        "corrections_max_id": int(corrected[1]),
    }
