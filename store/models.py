"""The database tables: articles, corrections, refreshes, per-source results, locks, schedule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar, cast

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from store.records import (
    MAX_LABEL_CHARS,
    MAX_SECTION_CHARS,
    CorrectionRecord,
    LabelledArticle,
    RefreshRecord,
    RefreshState,
    RefreshStatus,
    SourceResult,
    StoredArticle,
    as_utc,
)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that always comes back timezone-aware in UTC, also from SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store the instant in UTC (naive on SQLite, which has no time zones)."""
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Read the instant back as an aware UTC datetime."""
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    """Declarative base with the project's column types."""

    metadata = MetaData(
        naming_convention={
            "pk": "pk_%(table_name)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
        }
    )
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, float]: JSON,
        list[str]: JSON,
    }


class Article(Base):
    """One article, keyed by its normalised URL."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    source_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    text_source: Mapped[str] = mapped_column(String(16))
    published: Mapped[datetime | None]
    # published, else first_seen: the one column every list, filter and cursor uses.
    sort_at: Mapped[datetime]
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    label: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)
    probabilities: Mapped[dict[str, float]]
    model_version: Mapped[str] = mapped_column(String(64))
    refresh_id: Mapped[int | None] = mapped_column(ForeignKey("refreshes.id", ondelete="SET NULL"))
    section: Mapped[str | None] = mapped_column(String(MAX_SECTION_CHARS))
    section_label: Mapped[str | None] = mapped_column(String(MAX_LABEL_CHARS))
    language: Mapped[str | None] = mapped_column(String(16))
    coverage: Mapped[float | None] = mapped_column(Float)
    # The story the article reports: the id of the story's first article (see stories/).
    story_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("text_source IN ('page', 'summary')", name="text_source"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        CheckConstraint("coverage >= 0 AND coverage <= 1", name="coverage"),
        Index("ix_articles_sort_at_id", "sort_at", "id"),
        Index("ix_articles_source_sort_at", "source_id", "sort_at"),
        Index("ix_articles_label_sort_at", "label", "sort_at"),
        Index("ix_articles_section_label", "section_label"),
        Index("ix_articles_story_id", "story_id"),
    )


class Newspaper(Base):
    """A newspaper's display name, as an archive gave it (``source_name``)."""

    __tablename__ = "newspapers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Correction(Base):
    """A user's correction of one article's topic, and who made it.

    A client's newest correction of an article is its vote; the article's label is the
    majority over distinct clients (``store.labels.corrections``).
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(MAX_LABEL_CHARS))
    model_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    client: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """A token id or a salted hash of the client address; None before migration 0005."""

    __table_args__ = (
        Index("ix_corrections_article_id", "article_id"),
        Index("ix_corrections_client", "client"),
    )


class Refresh(Base):
    """One run of the scraper over some newspapers: its state, progress and outcome."""

    __tablename__ = "refreshes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    source_ids: Mapped[list[str]]
    # The outcome: ok / partial / failed once finished ("running" until then).
    status: Mapped[str] = mapped_column(String(16))
    # Where the run is: queued → running → done | failed (worker died, no model, ...).
    state: Mapped[str] = mapped_column(String(16), server_default="done")
    trigger: Mapped[str] = mapped_column(String(16), server_default="user")
    heartbeat_at: Mapped[datetime | None]
    done: Mapped[int] = mapped_column(Integer, server_default="0")
    total: Mapped[int] = mapped_column(Integer, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("status IN ('running', 'ok', 'partial', 'failed')", name="status"),
        CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="state"),
        Index("ix_refreshes_state", "state"),
    )


class RefreshLock(Base):
    """A newspaper being refreshed: at most one refresh holds each newspaper at a time."""

    __tablename__ = "refresh_locks"

    source_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    refresh_id: Mapped[int] = mapped_column(ForeignKey("refreshes.id", ondelete="CASCADE"))
    locked_at: Mapped[datetime]


class ScheduledJob(Base):
    """When a scheduled job last ran: claiming a run is one atomic update, once per fleet."""

    __tablename__ = "scheduled_jobs"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_run_at: Mapped[datetime | None]


class RefreshSource(Base):
    """How one refresh went for one newspaper."""

    __tablename__ = "refresh_sources"

    refresh_id: Mapped[int] = mapped_column(
        ForeignKey("refreshes.id", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    found: Mapped[int] = mapped_column(Integer)
    stored: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    duration_s: Mapped[float] = mapped_column(Float)
    finished_at: Mapped[datetime]

    __table_args__ = (Index("ix_refresh_sources_source_finished", "source_id", "finished_at"),)


def article_record(article: Article, *, with_text: bool = True) -> StoredArticle:
    """Copy a mapped article into a plain frozen value (``text`` empty without ``with_text``)."""
    return StoredArticle(
        id=article.id,
        url=article.url,
        source_id=article.source_id,
        title=article.title,
        summary=article.summary,
        text=article.text if with_text else "",
        text_source="summary" if article.text_source == "summary" else "page",
        published=article.published,
        label=article.label,
        confidence=article.confidence,
        probabilities=dict(article.probabilities),
        model_version=article.model_version,
        first_seen=article.first_seen,
        last_seen=article.last_seen,
        refresh_id=article.refresh_id,
        section=article.section,
        section_label=article.section_label,
        language=article.language,
        coverage=article.coverage,
    )


def labelled_record(article: Article, label: str) -> LabelledArticle:
    """The article with a label from outside the model (its section's, or a correction's)."""
    return LabelledArticle(
        article_id=article.id,
        url=article.url,
        source_id=article.source_id,
        title=article.title,
        text=article.text,
        published=article.published,
        first_seen=article.first_seen,
        section=article.section,
        label=label,
    )


def correction_record(correction: Correction) -> CorrectionRecord:
    """Copy a mapped correction into a plain frozen value."""
    return CorrectionRecord(
        id=correction.id,
        article_id=correction.article_id,
        label=correction.label,
        model_version=correction.model_version,
        created_at=correction.created_at,
        client=correction.client,
    )


def refresh_record(refresh: Refresh, sources: Sequence[RefreshSource]) -> RefreshRecord:
    """Copy a mapped refresh and its per-source rows into a plain frozen value."""
    return RefreshRecord(
        id=refresh.id,
        started_at=refresh.started_at,
        finished_at=refresh.finished_at,
        source_ids=tuple(refresh.source_ids),
        status=cast(RefreshStatus, refresh.status),
        state=cast(RefreshState, refresh.state),
        trigger=refresh.trigger,
        done=refresh.done,
        total=refresh.total,
        heartbeat_at=refresh.heartbeat_at,
        error=refresh.error,
        sources=tuple(
            SourceResult(
                source_id=row.source_id,
                found=row.found,
                stored=row.stored,
                error=row.error,
                duration_s=row.duration_s,
                finished_at=row.finished_at,
            )
            for row in sorted(sources, key=lambda row: row.source_id)
        ),
    )
