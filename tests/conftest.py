"""Fixtures shared by every test package: paths to shared data and the CI rule for missing parts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from classifier import ModelError, TopicModel
from refresh import Services
from runtime.services import build_services, champion
from settings import Settings, get_settings
from views.services import install

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(os.environ.get("NEWS_FIXTURES") or SHARED / "fixtures")

# Apps and workers started by tests (and their subprocesses) neither refresh nor retrain on a
# schedule unless a test asks for it: a refresh at start-up would race the tests' own, and a
# retrain at start-up would change the model page under a test and load the machine.
os.environ.setdefault("REFRESH_INTERVAL", "0")
os.environ.setdefault("RETRAIN_INTERVAL", "0")


def in_ci() -> bool:
    """True under CI, where a missing service, browser or data file is a failure."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: object, reason: str) -> None:
    """Skip the test when ``condition`` is false, or fail it under CI."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"required under CI: {reason}")
    pytest.skip(reason)


DEAD_DATABASE = "postgresql+psycopg://nobody@127.0.0.1:1/none"
"""A database URL nothing answers at (a store that is down)."""


def settings_with(**changes: Any) -> Settings:
    """The environment's settings with ``changes``: what a test hands the composition root."""
    return replace(get_settings(), **changes)


@contextmanager
def serving(**parts: Any) -> Iterator[Services]:
    """A request on a server with services installed as the composition root installs them:
    built from the current settings; ``store``, ``model`` or ``executor`` replace theirs."""
    server = Flask("test-server")
    services = install(server, build_services(**parts))
    with server.test_request_context():
        yield services


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The shared real-world fixtures (articles, feeds)."""
    require(FIXTURES.is_dir(), f"fixtures folder {FIXTURES} not found (set NEWS_FIXTURES)")
    return FIXTURES


@pytest.fixture(scope="session")
def model() -> TopicModel:
    """The committed topic model (skips, or fails under CI, when it cannot be loaded)."""
    try:
        return champion()
    except ModelError as exc:
        require(False, f"no usable model: {exc}")
        raise


# The article store fixtures (`store`, `store_url`: one empty store per backend, SQLite and
# PostgreSQL) for every test package; see tests/store/fixtures.py.
from tests.store.fixtures import _session_pg_url, fresh_pg_url, store, store_url  # noqa: E402, F401
