"""The refresh watcher: what a window announces, from the memory its page was built with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dash import no_update
from flask import Flask

from dashboard.pages.main.refresh import memory_at_load, watch
from runtime.services import build_services, store_of
from views.cache import init_cache
from views.services import install


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """A request context on a server with an empty store."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'news.db'}")
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    server = Flask("watch-test")
    init_cache(server, None)
    install(server, build_services())
    with server.test_request_context():
        yield server


def _announced(seen: dict[str, object]) -> bool:
    *_, notice, done_stamp, _interval = watch(1, None, seen)
    return notice is not no_update and done_stamp is not no_update


def test_a_refresh_ending_before_the_first_look_is_announced(app: Flask) -> None:
    store = store_of()
    running = store.start_refresh(["guardian"])
    seen = memory_at_load()  # the page is built while it runs
    assert seen == {"horizon": running, "watching": [running]}
    store.finish_refresh(running)  # ... and it ends before the window's first poll
    assert _announced(seen)


def test_a_refresh_starting_and_ending_before_the_first_look_is_announced(app: Flask) -> None:
    seen = memory_at_load()
    store = store_of()
    store.finish_refresh(store.start_refresh(["guardian"]))
    assert _announced(seen)


def test_a_refresh_that_ended_before_the_page_was_built_is_history(app: Flask) -> None:
    store = store_of()
    store.finish_refresh(store.start_refresh(["guardian"]))
    assert not _announced(memory_at_load())
