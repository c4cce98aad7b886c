"""The response models of /api/v1: what each endpoint answers, for the OpenAPI document."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema


class ErrorDetail(BaseModel):
    """What went wrong, in one line."""

    code: str
    message: str


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer under /api."""

    error: ErrorDetail


class Newspaper(BaseModel):
    """A newspaper: configured, or only known from an imported archive."""

    id: str
    name: str
    homepage: str | None
    archive_only: bool = Field(
        description="Imported from an archive, not in the sources file: never scraped."
    )


class Newspapers(BaseModel):
    """The configured newspapers, then the archive-only ones."""

    newspapers: list[Newspaper]


class Article(BaseModel):
    """A stored article without its full text."""

    id: int
    url: str
    newspaper: str
    title: str
    summary: str
    text_source: Literal["page", "summary"]
    published: datetime | None
    first_seen: datetime
    category: str
    confidence: float
    probabilities: dict[str, float]
    model_version: str
    coverage: float | None = Field(
        description="Share of the text's words the model knows (null before it was measured)."
    )
    language: str | None = Field(description="ISO 639-1 code of the text's language, if known.")
    section: str | None = Field(
        description="The newspaper's own section (URL section, feed category or section feed)."
    )
    section_label: str | None = Field(
        description="That section as a topic (or `other`); null when it maps to none."
    )


class ArticlePage(BaseModel):
    """One page of articles and where the next starts (null at the end)."""

    articles: list[Article]
    next_cursor: str | None


class TopTerm(BaseModel):
    """A term that pushed the label, with its weight."""

    term: str
    weight: float


class Result(BaseModel):
    """One text's label."""

    label: str
    confidence: float = Field(ge=0, le=1)
    probabilities: dict[str, float]
    topic: str
    coverage: float = Field(ge=0, le=1)
    top_terms: list[TopTerm]


class ClassifyResponse(BaseModel):
    """``result`` for a ``text``, ``results`` for ``texts``."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["result"]}, {"required": ["results"]}]}
    )

    model_version: str
    result: Result | SkipJsonSchema[None] = None
    results: list[Result] | SkipJsonSchema[None] = None


class ModelInfo(BaseModel):
    """The model in use."""

    version: str
    labels: list[str]
    max_text_chars: int
    metadata: dict[str, Any]


class Topic(BaseModel):
    """One topic: learnt or not, and the labelled articles per source that taught it."""

    name: str
    learnt: bool
    examples: int
    sources: dict[str, int]
    not_learnt_because: str | None


class Topics(BaseModel):
    """The topics of the configuration and of the model in use, then ``other``."""

    model_version: str
    cut: float
    topics: list[Topic]


class Health(BaseModel):
    """Healthy: what was checked."""

    status: Literal["ok"]
    model_version: str
    checks: dict[str, str]


class Unhealthy(ErrorBody):
    """Not healthy: what is down."""

    status: Literal["unavailable"]
    checks: dict[str, str]
    model_version: str | None


class OpenAPIDocument(BaseModel):
    """An OpenAPI 3.1 document."""

    model_config = ConfigDict(extra="allow")

    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]


class RefreshPart(BaseModel):
    """One refresh that covers some of the requested newspapers."""

    refresh_id: int
    joined: bool = Field(description="True when it was already queued or running.")
    status_url: str = Field(description="Where to watch it: GET /api/v1/refreshes/{id}.")
    newspapers: list[str] = Field(description="The requested newspapers this refresh covers.")


class RefreshQueued(BaseModel):
    """A refresh was queued, or the one already running for these papers was joined.

    When the requested newspapers are split over several refreshes (some already running
    elsewhere), ``refreshes`` lists every one with its newspapers and status URL: the request
    is done when all of them are. ``refresh_id``/``status_url``/``Location`` name the new
    refresh (or, when everything was joined, the newest joined one).
    """

    refresh_id: int
    joined: bool
    status_url: str = Field(description="Where to watch it: GET /api/v1/refreshes/{id}.")
    refreshes: list[RefreshPart] = Field(
        description="Every refresh covering the requested newspapers (one in the simple case)."
    )


class RefreshProgress(BaseModel):
    """Articles done of the total found so far (never counts feeds, never goes back)."""

    done: int
    total: int


class PaperResult(BaseModel):
    """One newspaper's outcome in a refresh."""

    newspaper: str
    ok: bool
    found: int
    stored: int
    error: str | None
    duration_s: float


class RefreshState(BaseModel):
    """A refresh: its state, progress and each newspaper's result."""

    model_config = ConfigDict(extra="allow")

    id: int
    status: Literal["queued", "running", "done", "failed"]
    outcome: Literal["ok", "partial", "failed"] | None
    trigger: str | None
    progress: RefreshProgress
    started_at: datetime
    finished_at: datetime | None
    heartbeat_at: datetime | None
    error: str | None
    newspapers: list[str]
    results: list[PaperResult]


class Correction(BaseModel):
    """A reader's correction of an article's topic."""

    id: int
    article_id: int
    label: str
    model_version: str
    created_at: datetime


class CorrectionCreated(BaseModel):
    """The stored correction."""

    correction: Correction
