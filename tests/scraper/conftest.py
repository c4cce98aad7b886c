"""Scraper test fixtures: fake newspapers, a fast fetch policy, the model, a refresh runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from classifier import TopicModel
from refresh import ScrapeReport, scrape
from runtime.services import build_services
from scraper.downloads import Downloader
from scraper.sources import FetchPolicy
from settings import get_settings
from store import Store, open_store
from tests.newsserver import NewsServer

FAST = FetchPolicy(
    connect_timeout=2.0,
    read_timeout=1.0,
    retries=2,
    backoff_factor=0.01,
    retry_after_max=1.0,
    max_bytes=200_000,
    max_redirects=3,
)


REQUIRED_PAPERS = (
    "El País English",
    "The Guardian",
    "Sky News",
    "Daily Mail",
    "The Mirror",
    "BBC News",
    "The Independent",
    "Al Jazeera English",
)
"""The eight newspapers the project must configure (more may be listed)."""


@pytest.fixture
def news() -> Iterator[NewsServer]:
    """Three fake papers with three articles each."""
    with NewsServer(sources=3, articles=3) as server:
        yield server


@pytest.fixture
def downloader() -> Iterator[Downloader]:
    """A downloader with the project's User-Agent."""
    loader = Downloader(get_settings().user_agent)
    yield loader
    loader.close()


Refresh = Callable[..., ScrapeReport]


@pytest.fixture
def refresh(
    news: NewsServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: TopicModel
) -> Iterator[Refresh]:
    """Run the real scraper on the fake papers (NEWS_SOURCES set), storing into SQLite."""

    def run(store: Store | None = None, **defaults: object) -> ScrapeReport:
        path = news.write_sources(tmp_path / "sources.toml", **defaults)
        monkeypatch.setenv("NEWS_SOURCES", str(path))
        store = store or open_store(f"sqlite:///{tmp_path / 'news.db'}")
        # New services each run, as a new process would have: fresh robots and feed caches.
        return scrape(build_services(store=store, model=model))

    yield run


def assert_unaffected(report: ScrapeReport, news: NewsServer, *sids: str) -> None:
    """The given sources came through whole: every article, from its page, titles as listed."""
    for sid in sids or ("paper2", "paper3"):
        result = report.source(sid)
        assert result.error is None, (sid, result.error)
        assert result.found == len(news.items(sid))
        assert [a.title for a in result.articles] == [i.title for i in news.items(sid)]
        assert {a.text_source for a in result.articles} == {"page"}
        assert all("in the news again today" in a.text for a in result.articles)
