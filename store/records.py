"""Plain frozen values the store takes and returns, so callers never touch sessions."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

TextSource = Literal["page", "summary"]
RefreshStatus = Literal["running", "ok", "partial", "failed"]
RefreshState = Literal["queued", "running", "done", "failed"]
ACTIVE_STATES: tuple[RefreshState, ...] = ("queued", "running")
MAX_PAGE_SIZE = 500
MAX_LABEL_CHARS = 32
MAX_SECTION_CHARS = 200


class StoreError(RuntimeError):
    """The database could not be reached or refused the data; the message says why."""


class StoreQueryError(ValueError):
    """A read was asked with a bad filter or cursor; the message says which."""


def as_utc(value: datetime) -> datetime:
    """Return the same instant in UTC; a naive datetime is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


@dataclass(frozen=True)
class ArticleRecord:
    """One classified article as the scraper hands it to the store."""

    url: str
    source_id: str
    title: str
    summary: str
    text: str
    text_source: TextSource
    published: datetime | None
    label: str
    confidence: float
    probabilities: dict[str, float]
    model_version: str
    # The newspaper's own view: its raw section (a URL section, feed topic or category) and
    # that section mapped to a topic, `other`, or None (world and national news, unknown).
    section: str | None = field(default=None, kw_only=True)
    section_label: str | None = field(default=None, kw_only=True)
    # ISO 639-1 code of the text's language (None: not detected) and the model's coverage
    # (share of the text's words it knows; None: not measured).
    language: str | None = field(default=None, kw_only=True)
    coverage: float | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class StoredArticle(ArticleRecord):
    """An article as stored: the record plus its id and when it was first and last seen."""

    id: int
    first_seen: datetime
    last_seen: datetime
    refresh_id: int | None

    @property
    def when(self) -> datetime:
        """The time the article is sorted and filtered by: published, else first seen."""
        return self.published or self.first_seen


@dataclass(frozen=True)
class ArticleQuery:
    """Filters and paging for `Store.articles`; invalid values raise StoreQueryError."""

    newspapers: Sequence[str] | None = None
    category: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    min_confidence: float | None = None
    limit: int = 50
    cursor: str | None = None
    with_text: bool = True
    """False for listings: the full text is not read from the database (``text`` is empty)."""

    def __post_init__(self) -> None:
        if isinstance(self.newspapers, str):
            raise StoreQueryError("newspapers must be a list of source ids, not one string")
        if self.newspapers is not None:
            object.__setattr__(self, "newspapers", tuple(self.newspapers))
        if isinstance(self.limit, bool) or not isinstance(self.limit, int):
            raise StoreQueryError(f"limit must be a whole number, got {self.limit!r}")
        if not 1 <= self.limit <= MAX_PAGE_SIZE:
            raise StoreQueryError(f"limit must be between 1 and {MAX_PAGE_SIZE}, got {self.limit}")
        if self.min_confidence is not None and not (
            math.isfinite(self.min_confidence) and 0.0 <= self.min_confidence <= 1.0
        ):
            raise StoreQueryError(
                f"min_confidence must be between 0 and 1, got {self.min_confidence}"
            )
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, as_utc(value))
        if self.since and self.until and self.since >= self.until:
            raise StoreQueryError("since must be earlier than until")


@dataclass(frozen=True)
class ArticlePage:
    """One page of articles, newest first, and the cursor of the next page (None at the end)."""

    items: tuple[StoredArticle, ...]
    next_cursor: str | None


@dataclass(frozen=True)
class SourceResult:
    """What one refresh got from one newspaper."""

    source_id: str
    found: int
    stored: int
    error: str | None
    duration_s: float
    finished_at: datetime


@dataclass(frozen=True)
class RefreshRecord:
    """One refresh: when it ran, which newspapers it covered and how each went."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    source_ids: tuple[str, ...]
    status: RefreshStatus
    """The outcome: ok, partial or failed once finished; "running" until then."""
    sources: tuple[SourceResult, ...] = field(default=())
    state: RefreshState = "done"
    """queued → running → done, or failed (worker died, no model, nothing stored)."""
    trigger: str = "user"
    """Who asked: user, api, schedule or cli."""
    done: int = 0
    """Articles finished so far (never goes down)."""
    total: int = 0
    """Articles listed by the feeds so far (grows as feeds answer)."""
    heartbeat_at: datetime | None = None
    error: str | None = None
    """Why the whole refresh failed, when it did."""

    @property
    def active(self) -> bool:
        """True while queued or running."""
        return self.state in ACTIVE_STATES

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view: state, progress, outcome and each newspaper's result."""
        return {
            "id": self.id,
            "status": self.state,
            "outcome": None if self.active else self.status,
            "trigger": self.trigger,
            "progress": {"done": self.done, "total": self.total},
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "heartbeat_at": self.heartbeat_at.isoformat() if self.heartbeat_at else None,
            "error": self.error,
            "newspapers": self.source_ids,
            "results": [
                {
                    "newspaper": s.source_id,
                    "ok": s.error is None,
                    "found": s.found,
                    "stored": s.stored,
                    "error": s.error,
                    "duration_s": round(s.duration_s, 3),
                }
                for s in self.sources
            ],
        }


@dataclass(frozen=True)
class RefreshTicket:
    """The answer to a refresh request: the refresh to watch, and whether it is new."""

    refresh_id: int
    created: bool
    busy: dict[str, int] = field(default_factory=dict)
    """Requested newspapers another refresh already holds → that refresh's id."""


@dataclass(frozen=True)
class LabelledArticle:
    """An article with a label from outside the model: the newspaper's or a user's correction."""

    article_id: int
    url: str
    source_id: str
    title: str
    text: str
    published: datetime | None
    first_seen: datetime
    section: str | None
    label: str


@dataclass(frozen=True)
class CorrectionRecord:
    """A user's correction of one article's topic, with the model version it corrected."""

    id: int
    article_id: int
    label: str
    model_version: str
    created_at: datetime
    client: str | None = None
    """Who made it: a token id or a salted hash of the client address."""


@dataclass(frozen=True)
class Relabel:
    """A new model label for a stored article (`Store.relabel`)."""

    article_id: int
    label: str
    confidence: float
    probabilities: dict[str, float]
    model_version: str
    language: str | None = field(default=None, kw_only=True)
    coverage: float | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class HealthRow:
    """How the model did on one day's articles of one newspaper (`Store.label_health`)."""

    day: date
    source_id: str
    articles: int
    labelled: int
    """Articles with a newspaper label (section_label)."""
    agreed: int
    """Of those, how many the model gave the same label."""
    other: int
    """Articles the model labelled `other`."""
    measured: int
    """Articles with a coverage value."""
    coverage: float | None
    """Their mean coverage (share of words the model knows); None when none was measured."""


class ArticleNotFoundError(StoreQueryError):
    """There is no article with the id asked for."""


CategoryHistory = dict[date, dict[str, int]]
"""Day (UTC) → category → number of articles, oldest day first."""
