"""Reusable store fixtures: a fresh store on SQLite and on PostgreSQL, and article records."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from store import ArticleRecord, Store, open_store
from store.engine import get_engine
from tests.conftest import require

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]
_TABLES = (
    "corrections, articles, refresh_sources, refresh_locks, refreshes, scheduled_jobs, newspapers"
)


def make_article(url: str, source_id: str = "guardian", **fields: Any) -> ArticleRecord:
    """An ArticleRecord with plausible defaults; any field can be overridden."""
    values: dict[str, Any] = {
        "url": url,
        "source_id": source_id,
        "title": f"Title of {url}",
        "summary": "A summary.",
        "text": "The full text of the article.",
        "text_source": "page",
        "published": None,
        "label": "business",
        "confidence": 0.9,
        "probabilities": {"business": 0.9, "tech": 0.1},
        "model_version": "test-model",
    }
    values.update(fields)
    return ArticleRecord(**values)


def postgres_url() -> str:
    """TEST_DATABASE_URL if a server answers there; skips (fails under CI) otherwise."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    require(url, "TEST_DATABASE_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1/test)")
    engine = sa.create_engine(url, poolclass=sa.NullPool, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as exc:
        require(False, f"PostgreSQL at TEST_DATABASE_URL is unreachable: {exc.orig}")
    return url


@contextmanager
def _pg_schema() -> Iterator[str]:
    base = postgres_url()
    schema = f"test_store_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, poolclass=sa.NullPool)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    try:
        yield rendered
    finally:
        get_engine(rendered).dispose()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def fresh_pg_url() -> Iterator[str]:
    """A URL whose connections use a new, empty PostgreSQL schema, dropped afterwards."""
    with _pg_schema() as url:
        yield url


@pytest.fixture(scope="session")
def _session_pg_url() -> Iterator[str]:
    """One private schema per test session (and per xdist worker), migrated once."""
    with _pg_schema() as url:
        open_store(url)
        yield url


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    """The URL of an empty store: SQLite in tmp_path, or PostgreSQL at TEST_DATABASE_URL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'news.db'}"
    url: str = request.getfixturevalue("_session_pg_url")
    with open_store(url).engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {_TABLES} RESTART IDENTITY CASCADE")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An empty store on each backend (the test runs once per backend)."""
    opened = open_store(store_url)
    yield opened
    opened.close()


def utc(*args: int) -> datetime:
    """A UTC datetime, shorter to write in tests."""
    return datetime(*args, tzinfo=UTC)
