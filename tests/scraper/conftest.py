"""Scraper test fixtures: a fake newspaper server and a fast fetch policy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scraper import ingest
from scraper.downloads import Downloader
from scraper.sources import FetchPolicy
from settings import get_settings
from tests.newsserver import NewsServer

FAST = FetchPolicy(
    connect_timeout=2.0, read_timeout=1.0, retries=2, backoff_factor=0.01,
    retry_after_max=1.0, max_bytes=200_000, max_redirects=3,
)


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


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    # Robots rules and feed validators live per process; ports get reused between tests.
    ingest._caches.cache_clear()
    yield
    ingest._caches.cache_clear()
