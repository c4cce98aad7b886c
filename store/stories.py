"""Story membership in the store: the rows assignment reads, its writes, a window's top stories."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from store.base import Repository
from store.listing import ArticleRow, Listing, rows
from store.models import Article
from store.records import MAX_PAGE_SIZE, as_utc


@dataclass(frozen=True)
class StoryRow:
    """What story assignment reads of an article."""

    id: int
    when: datetime
    source_id: str
    title: str
    summary: str
    story_id: int | None


def story_rows(session: Session, ids: Sequence[int], window: timedelta) -> list[StoryRow]:
    """The articles ``ids`` and every article from ``window`` before the oldest of them to
    ``window`` after the newest (assigned or not), in time order."""
    if not ids:
        return []
    bounds = session.execute(
        select(func.min(Article.sort_at), func.max(Article.sort_at)).where(
            Article.id.in_(list(ids))
        )
    ).one()
    if bounds[0] is None:
        return []
    first, last = as_utc(bounds[0]) - window, as_utc(bounds[1]) + window
    stmt = (
        select(
            Article.id,
            Article.sort_at,
            Article.source_id,
            Article.title,
            Article.summary,
            Article.story_id,
        )
        .where(Article.sort_at >= first, Article.sort_at <= last)
        .order_by(Article.sort_at, Article.id)
    )
    return [
        StoryRow(row[0], as_utc(row[1]), row[2], row[3], row[4], row[5])
        for row in session.execute(stmt)
    ]


def set_stories(session: Session, stories: Mapping[int, int]) -> int:
    """Record each article's story (article id → story id); return how many were updated."""
    if not stories:
        return 0
    # An ORM bulk update by primary key: one executemany, however many articles.
    session.execute(
        update(Article), [{"id": article, "story_id": story} for article, story in stories.items()]
    )
    return len(stories)


def top_story_rows(
    session: Session, newspapers: Sequence[str] | None, since: datetime | None, limit: int
) -> list[ArticleRow]:
    """The window's articles of its ``limit`` biggest stories of two or more newspapers
    (most newspapers, then most articles): two indexed queries, whatever the window's size."""
    where: list[ColumnElement[bool]] = [Article.story_id.is_not(None)]
    if newspapers is not None:
        where.append(Article.source_id.in_(list(newspapers)))
    if since is not None:
        where.append(Article.sort_at >= since)
    papers = func.count(func.distinct(Article.source_id))
    top = session.scalars(
        select(Article.story_id)
        .where(*where)
        .group_by(Article.story_id)
        .having(papers >= 2)
        .order_by(papers.desc(), func.count().desc(), func.max(Article.sort_at).desc())
        .limit(limit)
    ).all()
    if not top:
        return []
    listing = Listing(newspapers=newspapers, since=since, limit=MAX_PAGE_SIZE)
    return rows(session, listing, extra=[Article.story_id.in_(list(top))])


class Stories(Repository):
    """Story membership: what assignment reads and writes, and a window's top stories."""

    def story_rows(self, ids: Sequence[int], window: timedelta) -> list[StoryRow]:
        """Articles ``ids`` and those of ``window`` before them, in time order (for assignment)."""
        with self._read("cannot read the articles' stories") as session:
            return story_rows(session, ids, window)

    def set_stories(self, assigned: Mapping[int, int]) -> int:
        """Record each article's story (article id → story id)."""
        with self._write("cannot record the articles' stories") as session:
            return set_stories(session, assigned)

    def top_story_rows(
        self, newspapers: Sequence[str] | None, since: datetime | None, limit: int
    ) -> list[ArticleRow]:
        """The window's articles of its ``limit`` biggest stories shared by two or more papers."""
        with self._read("cannot read the top stories") as session:
            return top_story_rows(session, newspapers, since, limit)
