"""Fixtures for the API tests: a fresh Flask server on a temporary SQLite store."""

from __future__ import annotations

import gc
import uuid
from collections.abc import Callable, Generator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import init_app
from runtime.services import build_services, store_of
from store import ArticleRecord
from stories import assign_stored
from tests.store.fixtures import make_article

AppFactory = Callable[..., Flask]


@pytest.hookimpl(wrapper=True)
def pytest_pycollect_makeitem(collector: pytest.Collector) -> Generator[None, object, object]:
    """Collect without garbage collection: schemathesis builds its tests here, and hypothesis
    parses lambda sources with ``ast``, which CPython 3.11.7 can fail with "AST constructor
    recursion depth mismatch" when a collection runs finalizers mid-parse (cpython#106905)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return (yield)
    finally:
        if enabled:
            gc.enable()


HOSTILE_TITLE = '=HYPERLINK("http://evil.example/","click")'
"""A title a spreadsheet would run as a formula unless the CSV export neutralises it."""


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The store the API reads; SQLite unless a test module overrides this fixture."""
    return f"sqlite:///{tmp_path / 'news.db'}"


@pytest.fixture
def api_env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the settings at the test store, no token and no Redis."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    for name in ("API_TOKEN", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    yield tmp_path


@pytest.fixture
def make_app(api_env: Path) -> AppFactory:
    """Build a Flask server with the API mounted; keyword arguments go into its config
    (``trusted_proxies`` goes to ``init_app``)."""

    def build(*, trusted_proxies: int = 0, **config: Any) -> Flask:
        server = Flask("api-test")
        server.config.update({"RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}", **config})
        init_app(server, services=build_services(), trusted_proxies=trusted_proxies)
        return server

    return build


@pytest.fixture
def client(make_app: AppFactory) -> FlaskClient:
    """A test client of a fresh server."""
    return make_app().test_client()


def article(index: int, source_id: str = "guardian", **fields: Any) -> ArticleRecord:
    """A classified article record, newest for the highest ``index``."""
    values: dict[str, Any] = {
        "title": f"Article {index}",
        "summary": f"Summary of article {index}",
        "published": datetime(2024, 5, 1, tzinfo=UTC) + timedelta(hours=index),
        "label": "sport" if index % 2 else "business",
        "confidence": 0.5 + (index % 5) / 10,
        "probabilities": {"sport": 0.6, "business": 0.4},
        **fields,
    }
    return make_article(f"https://www.example.com/news/{source_id}/{index}", source_id, **values)


@pytest.fixture
def seeded(api_env: Path) -> list[ArticleRecord]:
    """Twelve Guardian and three BBC articles (one with a formula title) in the store."""
    records = [article(i) for i in range(12)]
    records += [article(100 + i, "bbc") for i in range(2)]
    records.append(article(200, "bbc", title=HOSTILE_TITLE, summary="@SUM(A1:A2)"))
    store = store_of()
    for source_id in ("guardian", "bbc"):
        refresh_id = store.start_refresh([source_id])
        mine = [record for record in records if record.source_id == source_id]
        stored = store.save_source_result(refresh_id, source_id, mine, found=len(mine))
        assign_stored(store, [row.id for row in stored])  # as the refresh does
        store.finish_refresh(refresh_id)
    return records
