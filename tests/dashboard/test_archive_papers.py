"""Archive-only newspapers: offered by their id on the main page, never scraped by Refresh."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from flask import Flask
from plotly.utils import PlotlyJSONEncoder

from dashboard.pages.main.papers import Paper, with_archive_papers
from dashboard.pages.main.refresh import start_refresh
from dashboard.router import render_page
from settings import get_settings
from store import Store
from tests.store.fixtures import make_article


@pytest.fixture
def archived(store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A store holding one article of a newspaper the sources file does not configure."""
    monkeypatch.setenv("DATABASE_URL", store_url)
    get_settings.cache_clear()
    store.save_archive([make_article("https://old.example/a", "huffpost")])
    yield store
    get_settings.cache_clear()


def test_archive_only_papers_come_after_the_configured_ones(archived: Store) -> None:
    papers = with_archive_papers([Paper("guardian", "The Guardian")])
    assert papers == [Paper("guardian", "The Guardian"), Paper("huffpost", "huffpost")]
    page = json.dumps(render_page("/", "?papers=huffpost&window=all"), cls=PlotlyJSONEncoder)
    assert '"value": "huffpost"' in page and "#f=huffpost:" in page  # in the topic mix


def test_refresh_never_scrapes_an_archive_only_paper(archived: Store) -> None:
    with Flask(__name__).app_context():
        notice, *_ = start_refresh(1, ["huffpost"])
    assert "Archive-only newspapers are never scraped." in str(notice)
    assert archived.latest_refreshes() == []


def test_a_dead_store_leaves_the_configured_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    get_settings.cache_clear()
    try:
        assert with_archive_papers([Paper("bbc", "BBC News")]) == [Paper("bbc", "BBC News")]
    finally:
        get_settings.cache_clear()
