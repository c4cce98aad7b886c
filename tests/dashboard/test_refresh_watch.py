"""The refresh watcher: what a window announces, from the memory its page was built with."""

from __future__ import annotations

from dash import no_update
from flask import Flask

from dashboard.pages.main.refresh import memory_at_load, watch
from runtime.services import store_of


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
