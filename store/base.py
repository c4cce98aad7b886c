"""What every entity of the store shares: sessions that report one-line errors, SQL helpers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Date, Engine, cast, func, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from store.engine import IMMEDIATE
from store.models import Article
from store.records import StoreError, StoreQueryError

_T = TypeVar("_T")
_CHUNK = 200  # rows per INSERT: far below every database's bound-parameter limit
MAX_HISTORY_DAYS = 366


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type when it has none), clipped."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


@contextmanager
def reporting(action: str) -> Iterator[None]:
    """Turn database exceptions into a StoreError with a one-line reason."""
    try:
        yield
    except IntegrityError as exc:
        reason = first_line(exc.orig or exc)
        raise StoreError(f"{action}: the database refused the data ({reason})") from exc
    except SQLAlchemyError as exc:
        reason = first_line(getattr(exc, "orig", None) or exc)
        raise StoreError(f"{action}: database error ({reason})") from exc


class Repository:
    """One database: a write transaction or a read session per call, errors as StoreError."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(**{IMMEDIATE: True})

    @contextmanager
    def _write(self, action: str) -> Iterator[Session]:
        with reporting(action), Session(self._writer) as session, session.begin():
            yield session

    @contextmanager
    def _read(self, action: str) -> Iterator[Session]:
        with reporting(action), Session(self.engine) as session:
            yield session


def utc_now() -> datetime:
    """The current time in UTC (what every stored timestamp uses)."""
    return datetime.now(UTC)


def insert_for(session: Session) -> Any:
    """The dialect's INSERT (with ON CONFLICT) for the session's database."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert
    if name == "sqlite":
        return sqlite.insert
    raise StoreError(f"unsupported database {name!r}: use sqlite or postgresql")


def chunks(rows: list[_T]) -> Iterable[list[_T]]:
    """The rows in slices small enough for one statement."""
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]


def of(column: Any, newspapers: Sequence[str] | None) -> ColumnElement[bool]:
    """The condition "column is one of these newspapers" (always true when None)."""
    return true() if newspapers is None else column.in_(list(newspapers))


def day_of(session: Session) -> Any:
    """The UTC day of an article's sort time, in the session's SQL dialect."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone("UTC", Article.sort_at), Date)
    return func.date(Article.sort_at)  # SQLite keeps UTC text: its date() is the UTC day


def window(days: int, today: date | None) -> tuple[date, datetime, datetime]:
    """The first day, start and end (UTC) of the last ``days`` days up to ``today``."""
    if not 1 <= days <= MAX_HISTORY_DAYS:
        raise StoreQueryError(f"days must be between 1 and {MAX_HISTORY_DAYS}, got {days}")
    last = today or datetime.now(UTC).date()
    first = last - timedelta(days=days - 1)
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    return first, start, start + timedelta(days=days)


def as_date(value: Any) -> date:
    """A day as the database returned it (a date, or ISO text from SQLite)."""
    return value if isinstance(value, date) else date.fromisoformat(value)
