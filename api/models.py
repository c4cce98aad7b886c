"""The one schema definition of /api/v1 requests: pydantic models that validate and document them.

Each field carries its limits (``Field``) and the one-line messages a client gets when it breaks
them (``Says``); ``api.spec`` turns both into the OpenAPI document and the 4xx answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from classifier import MAX_TEXT_CHARS
from store.cursor import decode_cursor
from store.records import MAX_LABEL_CHARS, MAX_PAGE_SIZE, StoreQueryError

DEFAULT_LIMIT = 50
MAX_CURSOR_CHARS = 200
MAX_TEXTS = 100
"""Most texts one request may classify."""
TEXT_PATTERN = r"[^ \t\n\r\f\v]"
"""A text must contain a character other than ASCII whitespace (same in every regex dialect)."""
DEFAULT_TOP_TERMS = 5
"""Top terms per result when ``text`` is given; a ``texts`` batch gets none unless asked,
because explaining re-reads each text and costs about four times the batch prediction."""
MAX_TOP_TERMS = 20
MAX_SOURCES = 100
"""Most newspaper ids one refresh request may list."""
BAD_CURSOR = "invalid cursor: pass back the next_cursor of the previous page unchanged"


@dataclass(frozen=True)
class Says:
    """A field's error messages: ``text``, or the one for the pydantic error type.

    Templates may use ``{where}`` (the field, e.g. ``texts[2]``), ``{got}`` (the value given)
    and ``{length}`` (its length). ``too_large`` lists error types answered with 413.
    """

    text: str
    by_type: tuple[tuple[str, str], ...] = ()
    too_large: tuple[str, ...] = ()

    def template(self, error_type: str) -> str:
        """The message template for ``error_type``."""
        return dict(self.by_type).get(error_type, self.text)


class Query(BaseModel):
    """A query string: unknown parameters are errors."""

    model_config = ConfigDict(extra="forbid")


class NoQuery(Query):
    """No query parameters at all."""


class Body(BaseModel):
    """A JSON object body: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")


def _when(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("{where} must be an ISO 8601 date or date-time, e.g. 2024-05-01T12:00:00Z")
    text = value.strip().upper()
    try:
        if not text.isascii():
            raise ValueError(value)
        if len(text) == 10:
            parsed = datetime.combine(date.fromisoformat(text), time())
        else:
            parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            "{where} must be an ISO 8601 date or date-time, e.g. 2024-05-01T12:00:00Z"
        ) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        raise ValueError("{where} is out of range") from None


def _cursor(value: str) -> str:
    try:
        decode_cursor(value)  # checked here too, so an empty interval still rejects it
    except StoreQueryError:
        raise ValueError(BAD_CURSOR) from None
    return value


def _whole(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value  # 5.0 is 5


When = Annotated[
    datetime,
    BeforeValidator(_when),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}
    ),
]
NewspaperId = Annotated[str, Field(min_length=1, max_length=100)]


class ArticleFilters(Query):
    """Filters shared by the article listing and the CSV export."""

    newspaper: Annotated[
        list[NewspaperId], Says("newspaper must be a newspaper id of 1 to 100 characters")
    ] = Field(
        default_factory=list, description="Newspaper id (see /newspapers); repeat for several."
    )
    category: str | SkipJsonSchema[None] = Field(
        None, description="Topic label: one of the model's labels or `other`."
    )
    since: When | SkipJsonSchema[None] = Field(
        None, description="Only articles at or after this time (ISO 8601, UTC if no zone)."
    )
    until: When | SkipJsonSchema[None] = Field(
        None, description="Only articles before this time (ISO 8601, UTC if no zone)."
    )
    min_confidence: Annotated[
        Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)] | SkipJsonSchema[None],
        Says("{where} must be a number from 0.0 to 1.0"),
    ] = Field(None, description="Only articles labelled with at least this confidence.")


class ArticleListQuery(ArticleFilters):
    """Filters plus one page's size and position."""

    limit: Annotated[
        int,
        Field(ge=1, le=MAX_PAGE_SIZE),
        Says(
            f"{{where}} must be a whole number from 1 to {MAX_PAGE_SIZE}",
            by_type=(
                ("greater_than_equal", f"{{where}} must be from 1 to {MAX_PAGE_SIZE}, got {{got}}"),
                ("less_than_equal", f"{{where}} must be from 1 to {MAX_PAGE_SIZE}, got {{got}}"),
            ),
        ),
    ] = Field(DEFAULT_LIMIT, description="Articles per page.")
    cursor: Annotated[
        Annotated[str, Field(min_length=1, max_length=MAX_CURSOR_CHARS), AfterValidator(_cursor)]
        | SkipJsonSchema[None],
        Says(BAD_CURSOR),
    ] = Field(None, description="The next_cursor of the previous page.")


Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT_CHARS, pattern=TEXT_PATTERN)]
_TEXT_SAYS = (
    ("string_type", '"{where}" must be a string'),
    ("string_unicode", '"{where}" contains invalid Unicode (a lone surrogate)'),
    ("string_too_short", '"{where}" is empty; give the text to classify'),
    ("string_pattern_mismatch", '"{where}" is empty; give the text to classify'),
    ("string_too_long", f'"{{where}}" has {{length}} characters; the limit is {MAX_TEXT_CHARS}'),
)


class ClassifyRequest(Body):
    """One text or a batch, and how many explaining terms each result gets."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["text"]}, {"required": ["texts"]}]}
    )

    text: Annotated[
        Text | SkipJsonSchema[None],
        Says('"{where}" must be a string', _TEXT_SAYS, ("string_too_long",)),
    ] = None
    texts: Annotated[
        Annotated[list[Text], Field(min_length=1, max_length=MAX_TEXTS)] | SkipJsonSchema[None],
        Says(
            '"texts" must be a list of strings',
            (
                *_TEXT_SAYS,
                ("too_short", '"texts" must not be empty'),
                ("too_long", f'"texts" has {{length}} items; at most {MAX_TEXTS} per request'),
            ),
            ("string_too_long",),
        ),
    ] = None
    top_terms: Annotated[
        Annotated[int, Strict(), Field(ge=0, le=MAX_TOP_TERMS)] | SkipJsonSchema[None],
        BeforeValidator(_whole),
        Says(
            f'"top_terms" must be a whole number from 0 to {MAX_TOP_TERMS}',
            (
                (
                    "greater_than_equal",
                    f'"top_terms" must be from 0 to {MAX_TOP_TERMS}, got {{got}}',
                ),
                ("less_than_equal", f'"top_terms" must be from 0 to {MAX_TOP_TERMS}, got {{got}}'),
            ),
        ),
    ] = Field(
        None,
        description=f"Terms explaining each label; default {DEFAULT_TOP_TERMS} for `text`, 0 for "
        "`texts` (explaining costs ~4x the prediction).",
    )

    @model_validator(mode="before")
    @classmethod
    def _one_of(cls, data: Any) -> Any:
        if isinstance(data, dict) and set(data) <= set(cls.model_fields):
            if ("text" in data) == ("texts" in data):
                raise ValueError(
                    'give exactly one of "text" (a string) or "texts" (a list of strings)'
                )
            for name, says in (("text", "a string"), ("texts", "a list of strings")):
                if name in data and data[name] is None:
                    raise ValueError(f'"{name}" must be {says}')
            if data.get("top_terms", 0) is None:
                raise ValueError(f'"top_terms" must be a whole number from 0 to {MAX_TOP_TERMS}')
        return data


class RefreshRequest(Body):
    """Which newspapers to refresh (default: all)."""

    sources: Annotated[
        Annotated[list[NewspaperId], Field(min_length=1, max_length=MAX_SOURCES)]
        | SkipJsonSchema[None],
        Says(
            '"sources" must be a list of newspaper ids',
            (
                (
                    "too_short",
                    '"sources" must not be empty; leave it out to refresh every newspaper',
                ),
                ("too_long", f'"sources" may list at most {MAX_SOURCES} newspapers'),
            ),
        ),
    ] = None

    @model_validator(mode="before")
    @classmethod
    def _no_null(cls, data: Any) -> Any:
        if isinstance(data, dict) and "sources" in data and data["sources"] is None:
            raise ValueError('"sources" must be a list of newspaper ids')
        return data


class CorrectionRequest(Body):
    """The right topic of an article, as a reader sees it."""

    label: Annotated[
        Annotated[str, Strict(), Field(min_length=1, max_length=MAX_LABEL_CHARS)],
        Says('"label" must be one of the topic names'),
    ] = Field(description="A topic of the model in use, or `other`.")
