"""The HTTP layer against a local server: retries, caps, redirects, charsets, conditional GET."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from scraper.downloads import Downloader, FetchError, ValidatorCache, decode
from settings import get_settings
from tests.newsserver import NewsServer
from tests.scraper.conftest import FAST


def test_sends_the_configured_user_agent(news: NewsServer, downloader: Downloader) -> None:
    downloader.get(news.feed_url("paper1"), FAST)
    assert news.user_agents() == {get_settings().user_agent}


def test_retries_5xx_then_succeeds(news: NewsServer, downloader: Downloader) -> None:
    url = news.feed_url("paper1")
    news.fault(url, statuses=(500, 503))
    assert downloader.get(url, FAST).status == 200
    assert news.hits(url) == 3


def test_gives_up_after_the_retries(news: NewsServer, downloader: Downloader) -> None:
    url = news.feed_url("paper1")
    news.fault(url, statuses=(502, 502, 502, 502))
    with pytest.raises(FetchError, match=r"^HTTP 502$"):
        downloader.get(url, FAST)
    assert news.hits(url) == 3


def test_429_waits_for_retry_after_but_no_longer_than_the_cap(
    news: NewsServer, downloader: Downloader
) -> None:
    url = news.feed_url("paper1")
    news.fault(url, statuses=(429,), retry_after="3600")
    start = time.monotonic()
    assert downloader.get(url, FAST).status == 200
    assert 0.9 <= time.monotonic() - start < 3  # capped at retry_after_max = 1 s


@pytest.mark.parametrize("status", [403, 404, 401])
def test_client_errors_are_not_retried(
    news: NewsServer, downloader: Downloader, status: int
) -> None:
    url = news.feed_url("paper1")
    news.fault(url, statuses=(status,))
    with pytest.raises(FetchError, match=rf"^HTTP {status}$"):
        downloader.get(url, FAST)
    assert news.hits(url) == 1


def test_read_timeout_is_reported_in_seconds(news: NewsServer, downloader: Downloader) -> None:
    url = news.feed_url("paper1")
    news.fault(url, delay=1.6)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"^timeout after 1 s$"):
        downloader.get(url, FAST)
    assert time.monotonic() - start < 1.9  # not retried: a retry would take 2 s


def test_connection_refused_is_reported(downloader: Downloader) -> None:
    with NewsServer(sources=1) as gone:
        url = gone.feed_url("paper1")
    with pytest.raises(FetchError, match=r"^connection failed$"):
        downloader.get(url, replace(FAST, retries=0))


@pytest.mark.parametrize("declared", [True, False])
def test_oversized_bodies_are_abandoned(
    news: NewsServer, downloader: Downloader, declared: bool
) -> None:
    url = news.article_url("paper1", 0)
    news.fault(url, oversize=300_000)
    if declared:  # a Content-Length over the cap is refused before reading
        news.fault(url, oversize=0, body=b"x" * 300_000)
    with pytest.raises(FetchError, match=r"^response larger than 200,000 bytes$"):
        downloader.get(url, FAST)


def test_gzip_bodies_are_decoded(news: NewsServer, downloader: Downloader) -> None:
    url = news.article_url("paper1", 1)
    plain = downloader.get(url, FAST).content
    news.fault(url, gzip=True)
    assert downloader.get(url, FAST).content == plain


def test_latin1_page_without_charset_is_decoded(news: NewsServer, downloader: Downloader) -> None:
    url = news.article_url("paper1", 0)
    news.fault(url, latin1=True)
    response = downloader.get(url, FAST)
    assert response.charset is None
    assert "café" in response.text and "£5" in response.text


@pytest.mark.parametrize(
    ("body", "charset", "text"),
    [
        ("<meta charset='iso-8859-1'>café".encode("latin-1"), None, "café"),
        ('<?xml version="1.0" encoding="windows-1252"?>€'.encode("cp1252"), None, "€"),
        ("naïve".encode(), None, "naïve"),
        ("naïve".encode("utf-16"), None, "naïve"),
        ("naïve".encode("latin-1"), "latin-1", "naïve"),
        ("naïve".encode(), "no-such-charset", "naïve"),
    ],
)
def test_decode_finds_the_charset(body: bytes, charset: str | None, text: str) -> None:
    assert text in decode(body, charset)


def test_redirect_loops_stop_at_the_cap(news: NewsServer, downloader: Downloader) -> None:
    url = news.feed_url("paper1")
    news.fault(url, redirect_loop=True)
    with pytest.raises(FetchError, match=r"^more than 3 redirects$"):
        downloader.get(url, FAST)
    assert news.hits(url) == 4


def test_redirects_to_other_schemes_are_refused(news: NewsServer, downloader: Downloader) -> None:
    url = news.feed_url("paper1")
    for target in ("file:///etc/passwd", "ftp://127.0.0.1/feed.xml"):
        news.fault(url, redirect_to=target)
        refused = r"^refused a (file|ftp): URL \(only http and https\)$"
        with pytest.raises(FetchError, match=refused):
            downloader.get(url, FAST)
    news.fault(url, redirect_to=news.feed_url("paper2"))
    assert downloader.get(url, FAST).url == news.feed_url("paper2")


def test_conditional_get_reuses_the_cached_feed(news: NewsServer) -> None:
    loader = Downloader("test", validators=ValidatorCache())
    url = news.feed_url("paper2")
    first = loader.get(url, FAST, conditional=True)
    second = loader.get(url, FAST, conditional=True)
    assert not first.not_modified and second.not_modified
    assert second.content == first.content and news.hits(url) == 2
    loader.close()


def test_per_host_limit_bounds_parallel_requests() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with NewsServer(sources=1, articles=8, delay=0.2) as slow:
        loader = Downloader("test", per_host=2)
        start = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda n: loader.get(slow.article_url("paper1", n), FAST), range(8)))
        elapsed = time.monotonic() - start
        loader.close()
    assert 0.75 < elapsed < 4.0  # 8 requests, 2 at a time, 0.2 s each (unbounded: 0.2 s)
