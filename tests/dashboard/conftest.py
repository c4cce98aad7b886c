"""Fixtures shared by the dashboard's in-process tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from runtime.services import build_services
from views.cache import init_cache
from views.services import install


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """A request context on a server with the in-process view cache and an empty store."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'news.db'}")
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    server = Flask("dashboard-test")
    init_cache(server, None)
    install(server, build_services())
    with server.test_request_context():
        yield server
