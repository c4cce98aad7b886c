"""Articles: upserting them (never a duplicate URL) and the reads of pages, counts and history."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, defer

from store.base import Repository, as_date, chunks, day_of, insert_for, of, utc_now, window
from store.cursor import decode_cursor, encode_cursor
from store.models import Article, article_record
from store.records import (
    MAX_PAGE_SIZE,
    ArticlePage,
    ArticleQuery,
    ArticleRecord,
    CategoryHistory,
    StoredArticle,
    StoreQueryError,
)
from store.rows import article_row

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


def upsert_articles(session: Session, rows: list[dict[str, Any]]) -> list[StoredArticle]:
    """Insert or update these rows by URL, in chunks; return the articles as stored."""
    stored: list[StoredArticle] = []
    table = Article.__table__.c
    for chunk in chunks(rows):
        stmt = insert_for(session)(Article).values(chunk)
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


def save_archive(session: Session, articles: Sequence[ArticleRecord]) -> list[StoredArticle]:
    """Upsert imported articles (no refresh: a newspaper's freshness is not affected)."""
    now = utc_now()
    by_url = {}
    for record in articles:
        row = article_row(record, record.source_id, None, now)
        by_url[row["url"]] = row
    return upsert_articles(session, [by_url[url] for url in sorted(by_url)])


def articles(session: Session, query: ArticleQuery) -> ArticlePage:
    """Return one page of articles matching the query, newest first."""
    stmt = select(Article).where(of(Article.source_id, query.newspapers))
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
        .where(of(Article.source_id, newspapers))
        .group_by(Article.source_id, Article.label)
    )
    if since is not None:
        stmt = stmt.where(Article.sort_at >= since)
    counts: dict[str, dict[str, int]] = {name: {} for name in newspapers or ()}
    for source_id, label, count in session.execute(stmt):
        counts.setdefault(source_id, {})[label] = count
    return counts


def category_history(
    session: Session,
    newspapers: Sequence[str] | None,
    days: int = 30,
    today: date | None = None,
) -> CategoryHistory:
    """Return day → category → number of articles for the last `days` days, oldest first."""
    first, start, end = window(days, today)
    day = day_of(session).label("day")
    stmt = (
        select(day, Article.label, func.count())
        .where(
            Article.sort_at >= start,
            Article.sort_at < end,
            of(Article.source_id, newspapers),
        )
        .group_by(day, Article.label)
    )
    history: CategoryHistory = {first + timedelta(days=n): {} for n in range(days)}
    for when, label, count in session.execute(stmt):
        history[as_date(when)][label] = count
    return history


def article(session: Session, article_id: int) -> StoredArticle | None:
    """Return the article with this id, or None."""
    row = session.get(Article, article_id)
    return None if row is None else article_record(row)


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


class Articles(Repository):
    """The store's articles: imports, pages, counts, history, one article, batches."""

    def save_archive(self, articles: Sequence[ArticleRecord]) -> list[StoredArticle]:
        """Upsert imported articles in one transaction, outside any refresh; return them."""
        with self._write("cannot save the imported articles") as session:
            return save_archive(session, articles)

    def articles(self, query: ArticleQuery | None = None) -> ArticlePage:
        """Return one page of articles matching the query, newest first."""
        with self._read("cannot list articles") as session:
            return articles(session, query or ArticleQuery())

    def category_counts(
        self, newspapers: Sequence[str] | None = None, since: datetime | None = None
    ) -> dict[str, dict[str, int]]:
        """Return newspaper → category → number of articles (optionally since a time)."""
        with self._read("cannot count articles") as session:
            return category_counts(session, newspapers, since)

    def category_history(
        self, newspapers: Sequence[str] | None = None, days: int = 30, today: date | None = None
    ) -> CategoryHistory:
        """Return day → category → number of articles for the last `days` days, oldest first."""
        with self._read("cannot read the category history") as session:
            return category_history(session, newspapers, days, today)

    def newspaper_ids(self) -> list[str]:
        """Return the id of every newspaper with stored articles, sorted."""
        with self._read("cannot list the newspapers") as session:
            return newspaper_ids(session)

    def article(self, article_id: int) -> StoredArticle | None:
        """Return the article with this id, or None when there is none."""
        with self._read(f"cannot read article {article_id}") as session:
            return article(session, article_id)

    def article_batches(
        self, batch_size: int, not_version: str | None = None
    ) -> Iterator[list[StoredArticle]]:
        """Yield every article (optionally only those not labelled by a version) in id order.

        Each batch is read in its own short transaction, so relabelling between batches is
        safe; articles added meanwhile with higher ids are included.
        """
        if not 1 <= batch_size <= 10 * MAX_PAGE_SIZE:
            raise StoreQueryError(
                f"batch_size must be between 1 and {10 * MAX_PAGE_SIZE}, got {batch_size}"
            )
        after = 0
        while True:
            with self._read("cannot read a batch of articles") as session:
                batch = article_batch(session, after, batch_size, not_version)
            if not batch:
                return
            yield batch
            after = batch[-1].id
