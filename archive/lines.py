"""Reading an archive: JSON lines (optionally gzipped), size-capped, validated line by line."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Annotated, Any, BinaryIO, cast

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from scraper.outbound import url_host

MAX_LINE_BYTES = 1_000_000
"""A longer line is reported as bad and skipped."""
MAX_FILE_BYTES = 2_000_000_000
"""Reading stops (after storing what came before) once this much has been read, unpacked."""
NEWSPAPER_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
"""The same shape as a source id in sources.toml."""
_GZIP_MAGIC = b"\x1f\x8b"
_ESCAPED = re.compile(r"\\([^\w\s])")

Owner = Callable[[str], str | None]
"""The id of the configured newspaper whose site a host is on, or None (``scraper.sources``)."""


class ArchiveError(ValueError):
    """The archive as a whole cannot be read (missing, not gzip, too large); ``str()`` says why."""


class ArchiveLine(BaseModel):
    """One archived article as given in the file (fields not listed here are ignored).

    The field names of the News Category Dataset (HuffPost) and of RSS items are read too:
    ``link`` for ``url``, ``headline`` for ``title``, ``content`` or ``body`` for ``text``,
    ``short_description`` or ``description`` for ``summary``, ``date`` or ``pubDate`` for
    ``published`` (RFC 2822 dates as RSS writes them are read too), ``category`` for
    ``section``. Without ``newspaper``, the id is made from the URL's host
    (``www.huffpost.com`` → ``huffpost-com``).
    """

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    url: Annotated[
        str, Field(min_length=1, max_length=2048, validation_alias=AliasChoices("url", "link"))
    ]
    title: Annotated[
        str,
        Field(min_length=1, max_length=2000, validation_alias=AliasChoices("title", "headline")),
    ]
    text: Annotated[
        str,
        Field(max_length=MAX_LINE_BYTES, validation_alias=AliasChoices("text", "content", "body")),
    ] = ""
    """The article's text; headline-only archives (the demo samples) leave it out."""
    summary: Annotated[
        str,
        Field(
            max_length=MAX_LINE_BYTES,
            validation_alias=AliasChoices("summary", "short_description", "description"),
        ),
    ] = ""
    published: Annotated[
        datetime, Field(validation_alias=AliasChoices("published", "date", "pubDate"))
    ]
    newspaper: Annotated[str, Field(pattern=NEWSPAPER_ID.pattern)]
    source_name: Annotated[str | None, Field(max_length=200)] = None
    """The newspaper's display name (else the id is shown)."""
    topic: str | None = None
    section: Annotated[
        str | None, Field(max_length=200, validation_alias=AliasChoices("section", "category"))
    ] = None

    @model_validator(mode="before")
    @classmethod
    def _newspaper_from_host(cls, data: Any, info: ValidationInfo) -> Any:
        """A line without ``newspaper`` belongs to its site's newspaper, else to its host."""
        if not isinstance(data, dict) or data.get("newspaper") is not None:
            return data
        url = data.get("url", data.get("link"))
        if not isinstance(url, str):
            return data  # "url: Field required" says what is wrong
        host = url_host(url.strip())
        if not host:
            raise ValueError(f"newspaper: missing, and the url {url[:60]!r} has no host to name it")
        owner: Owner | None = (info.context or {}).get("owner")
        found = owner(host) if owner is not None else None
        slug = re.sub(r"[^a-z0-9]+", "-", host.removeprefix("www.")).strip("-")[:40]
        return {**data, "newspaper": found or slug}

    @field_validator("text", "summary", mode="before")
    @classmethod
    def _null_is_empty(cls, value: Any) -> Any:
        """A JSON null text or summary reads as none."""
        return "" if value is None else value

    @field_validator("source_name")
    @classmethod
    def _unescaped(cls, value: str | None) -> str | None:
        """A display name with regex-style escapes ("Journal \\(blog\\)", as the UCI data set
        writes some publishers) reads as the publisher writes it."""
        return _ESCAPED.sub(r"\1", value) if value else value

    @field_validator("published", mode="before")
    @classmethod
    def _iso_8601(cls, value: Any) -> datetime:
        """An ISO 8601 date or date-time string; without a zone it is UTC."""
        if not isinstance(value, str):
            raise ValueError("must be an ISO 8601 date or date-time string")
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            try:  # an RSS pubDate: "Mon, 07 Mar 2022 08:01:56 GMT"
                parsed = parsedate_to_datetime(value.strip())
            except (TypeError, ValueError):
                raise ValueError(f"{value[:40]!r} is not an ISO 8601 date or date-time") from None
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def field_names(field: str | None = None) -> frozenset[str]:
    """The names a line may give ``field`` (its own and its aliases: ``published``, ``date``,
    ``pubDate``), or those of every field."""
    names: set[str] = set()
    for name, info in ArchiveLine.model_fields.items():
        if field in (None, name):
            alias = info.validation_alias
            choices = alias.choices if isinstance(alias, AliasChoices) else ()
            names.update([name, *(c for c in choices if isinstance(c, str))])
    return frozenset(names)


@dataclass(frozen=True)
class Line:
    """One line of the file: its number and either the validated article or why it is bad."""

    number: int
    article: ArchiveLine | None
    error: str | None
    offset: int
    """How many bytes of the file (as stored, compressed or not) have been read so far."""


def parse_line(raw: bytes, topics: Collection[str], owner: Owner | None = None) -> ArchiveLine:
    """Validate one JSON line; raise ValueError with a one-line reason."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return validate_line(data, topics, owner)


def validate_line(
    data: dict[str, Any], topics: Collection[str], owner: Owner | None = None
) -> ArchiveLine:
    """Validate one article's fields (a JSON line's, a CSV row's); raise ValueError with a
    one-line reason. ``owner`` names the newspaper of a line that gives none (``Owner``)."""
    try:
        article = ArchiveLine.model_validate(data, context={"owner": owner})
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        field = ".".join(str(part) for part in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ValueError(f"{field}: {message}" if field else message) from None
    if article.topic is not None and article.topic not in topics:
        raise ValueError(f"topic: {article.topic!r} is not one of {', '.join(sorted(topics))}")
    return article


def read_lines(path: Path, topics: Collection[str], owner: Owner | None = None) -> Iterator[Line]:
    """Every non-blank line of the file, validated; raise ArchiveError when the file fails."""
    with _Reader(path) as reader:
        total = number = 0
        while raw := reader.readline(MAX_LINE_BYTES + 1):
            number += 1
            total += len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                total += reader.skip_line()
                yield Line(number, None, f"longer than {MAX_LINE_BYTES:,} bytes", reader.offset)
            elif raw.strip():
                if number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                try:
                    article = parse_line(raw, topics, owner)
                except ValueError as exc:
                    yield Line(number, None, str(exc), reader.offset)
                else:
                    yield Line(number, article, None, reader.offset)
            if total > MAX_FILE_BYTES:
                raise ArchiveError(
                    f"{path}: stopped after line {number}: more than {MAX_FILE_BYTES:,} bytes"
                )


class _Reader:
    """The file's lines, unpacked when gzipped; read errors become ArchiveError."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._raw: BinaryIO = path.open("rb")
        except OSError as exc:
            raise ArchiveError(f"{path}: cannot read ({exc.strerror or exc})") from None
        self._stream: BinaryIO = self._raw
        if self._raw.read(2) == _GZIP_MAGIC:
            self._raw.seek(0)
            self._stream = cast(BinaryIO, gzip.GzipFile(fileobj=self._raw, mode="rb"))
        elif path.suffix == ".gz":
            self._raw.close()
            raise ArchiveError(f"{path}: not a gzip file")
        else:
            self._raw.seek(0)

    @property
    def offset(self) -> int:
        """How far into the file as stored reading has got."""
        return self._raw.tell()

    def readline(self, limit: int) -> bytes:
        """One line, at most ``limit`` bytes."""
        try:
            return self._stream.readline(limit)
        except (OSError, EOFError) as exc:
            raise ArchiveError(f"{self.path}: the file is damaged ({exc})") from None

    def skip_line(self) -> int:
        """Read past the rest of an over-long line; return how many bytes that was."""
        skipped = 0
        while chunk := self.readline(MAX_LINE_BYTES):
            skipped += len(chunk)
            if chunk.endswith(b"\n"):
                break
        return skipped

    def __enter__(self) -> _Reader:
        return self

    def __exit__(self, *args: object) -> None:
        self._stream.close()
        self._raw.close()
