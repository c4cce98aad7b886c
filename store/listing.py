"""Light reads for the dashboard's listings: rows without full texts, windows, data version."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, cast, func, or_, select, true
from sqlalchemy.orm import Session

from store.base import Repository
from store.models import Article, RefreshSource
from store.records import MAX_PAGE_SIZE, CategoryHistory, StoreQueryError, as_utc

SORT_FIELDS: tuple[str, ...] = (
    "when",
    "title",
    "source_id",
    "label",
    "confidence",
    "section_label",
)
MAX_SEARCH_CHARS = 200
_OPTIONAL = ("coverage", "language", "section", "section_label", "story_id")
"""Columns other branches add to ``articles``; listed when the table has them."""


@dataclass(frozen=True)
class Listing:
    """Which articles a listing shows: filters, order and one slice (offset, limit)."""

    newspapers: Sequence[str] | None = None
    since: datetime | None = None
    label: str | None = None
    search: str | None = None
    sort: str = "when"
    descending: bool = True
    offset: int = 0
    limit: int = 100

    def __post_init__(self) -> None:
        if self.newspapers is not None:
            object.__setattr__(self, "newspapers", tuple(self.newspapers))
        if self.since is not None:
            object.__setattr__(self, "since", as_utc(self.since))
        if self.sort not in SORT_FIELDS:
            raise StoreQueryError(f"sort must be one of: {', '.join(SORT_FIELDS)}")
        if not 0 <= self.offset <= 10_000_000:
            raise StoreQueryError(f"offset must be from 0 to 10000000, got {self.offset}")
        if not 1 <= self.limit <= MAX_PAGE_SIZE:
            raise StoreQueryError(f"limit must be between 1 and {MAX_PAGE_SIZE}, got {self.limit}")
        if self.search is not None and len(self.search) > MAX_SEARCH_CHARS:
            raise StoreQueryError(f"search must be at most {MAX_SEARCH_CHARS} characters")


@dataclass(frozen=True)
class ArticleRow:
    """An article as listings show it: no full text; ``probabilities`` name the best guess of
    an article labelled `other` for low confidence."""

    id: int
    url: str
    source_id: str
    title: str
    summary: str
    text_source: str
    published: datetime | None
    first_seen: datetime
    label: str
    confidence: float
    coverage: float | None = None
    language: str | None = None
    section: str | None = None
    section_label: str | None = None
    probabilities: dict[str, float] | None = None
    story_id: int | None = None

    @property
    def when(self) -> datetime:
        """Published, else first seen: the time listings sort and filter by."""
        return self.published or self.first_seen


def _of(column: Any, newspapers: Sequence[str] | None) -> ColumnElement[bool]:
    return true() if newspapers is None else column.in_(list(newspapers))


def _optional_columns() -> list[Any]:
    return [getattr(Article, name) for name in _OPTIONAL if hasattr(Article, name)]


def _where(listing: Listing) -> list[ColumnElement[bool]]:
    conditions = [_of(Article.source_id, listing.newspapers)]
    if listing.since is not None:
        conditions.append(Article.sort_at >= listing.since)
    if listing.label is not None:
        conditions.append(Article.label == listing.label)
    words = (listing.search or "").split()
    for word in words[:8]:
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                Article.title.ilike(pattern, escape="\\"),
                Article.source_id.ilike(pattern, escape="\\"),
                Article.label.ilike(pattern, escape="\\"),
            )
        )
    return conditions


def rows(
    session: Session, listing: Listing, extra: Sequence[ColumnElement[bool]] = ()
) -> list[ArticleRow]:
    """One slice of the matching articles (and ``extra`` conditions), without their texts."""
    optional = _optional_columns()
    columns = [
        Article.id,
        Article.url,
        Article.source_id,
        Article.title,
        Article.summary,
        Article.text_source,
        Article.published,
        Article.first_seen,
        Article.label,
        Article.confidence,
        *optional,
        Article.probabilities,
    ]
    key = Article.sort_at if listing.sort == "when" else getattr(Article, listing.sort)
    order = [key.desc() if listing.descending else key.asc()]
    order.append(Article.id.desc() if listing.descending else Article.id.asc())
    stmt = (
        select(*columns)
        .where(*_where(listing), *extra)
        .order_by(*order)
        .offset(listing.offset)
        .limit(listing.limit)
    )
    names = [column.key for column in optional]
    found = []
    for row in session.execute(stmt):
        fields: dict[str, Any] = dict(zip(names, row[10:-1], strict=True))
        fields["probabilities"] = row[-1]
        found.append(ArticleRow(*row[:10], **fields))
    return found


def count(session: Session, listing: Listing) -> int:
    """How many articles match the listing's filters (ignoring offset and limit)."""
    total = session.scalar(select(func.count()).select_from(Article).where(*_where(listing)))
    return int(total or 0)


def newest(session: Session, newspapers: Sequence[str] | None) -> dict[str, datetime | None]:
    """Newspaper → time of its newest article (published, else first seen); None if none."""
    stmt = (
        select(Article.source_id, func.max(Article.sort_at))
        .where(_of(Article.source_id, newspapers))
        .group_by(Article.source_id)
    )
    latest: dict[str, datetime | None] = dict.fromkeys(newspapers or ())
    for source_id, when in session.execute(stmt):
        latest[source_id] = as_utc(_datetime(when)) if when is not None else None
    return latest


def _datetime(value: Any) -> datetime:
    # Aggregates bypass the column type: SQLite hands back text.
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _collected_day(session: Session) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone("UTC", Article.first_seen), Date)
    return func.date(Article.first_seen)


def collected_history(
    session: Session,
    newspapers: Sequence[str] | None,
    days: int,
    today: date | None = None,
    since: datetime | None = None,
) -> CategoryHistory:
    """Day the articles were first collected (UTC) → category → count, for the last ``days``;
    with ``since``, only the articles of that window (published, else collected, since then),
    so the trend counts the same articles as the window's totals."""
    if not 1 <= days <= 366:
        raise StoreQueryError(f"days must be between 1 and 366, got {days}")
    last = today or datetime.now(UTC).date()
    first = last - timedelta(days=days - 1)
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    day = _collected_day(session).label("day")
    stmt = (
        select(day, Article.label, func.count())
        .where(
            Article.first_seen >= start,
            Article.first_seen < start + timedelta(days=days),
            _of(Article.source_id, newspapers),
            *([Article.sort_at >= since] if since is not None else []),
        )
        .group_by(day, Article.label)
    )
    history: CategoryHistory = {first + timedelta(days=n): {} for n in range(days)}
    for when, label, total in session.execute(stmt):
        key = when if isinstance(when, date) else date.fromisoformat(when)
        history[key][label] = total
    return history


def data_version(session: Session) -> str:
    """A short token that changes whenever an article or a refresh result is written."""
    # The count of assigned stories changes when stored articles are assigned to stories.
    articles = session.execute(
        select(
            func.count(),
            func.max(Article.id),
            func.max(Article.last_seen),
            func.count(Article.story_id),
        )
    ).one()
    refreshed = session.scalar(select(func.max(RefreshSource.finished_at)))
    return "|".join(str(part) for part in (*articles, refreshed))


class Listings(Repository):
    """Light reads for listings: rows without texts, counts, newest articles, data version."""

    def listing(self, query: Listing) -> list[ArticleRow]:
        """One slice of a listing: light rows without texts (see ``store.listing``)."""
        with self._read("cannot list articles") as session:
            return rows(session, query)

    def listing_count(self, query: Listing) -> int:
        """How many articles the listing's filters match."""
        with self._read("cannot count articles") as session:
            return count(session, query)

    def newest_articles(
        self, newspapers: Sequence[str] | None = None
    ) -> dict[str, datetime | None]:
        """Newspaper → time of its newest article (published, else first seen)."""
        with self._read("cannot read the newest articles") as session:
            return newest(session, newspapers)

    def collected_history(
        self,
        newspapers: Sequence[str] | None = None,
        days: int = 30,
        today: date | None = None,
        since: datetime | None = None,
    ) -> CategoryHistory:
        """Day first collected → category → number of articles, for the last ``days`` days
        (with ``since``: only the articles of that window)."""
        with self._read("cannot read the category history") as session:
            return collected_history(session, newspapers, days, today, since)

    def data_version(self) -> str:
        """A token that changes whenever articles or refresh results are written."""
        with self._read("cannot read the data version") as session:
            return data_version(session)
