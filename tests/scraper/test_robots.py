"""robots.txt: obeyed, cached per host, and 401/403/missing/unreachable handled per the rules."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scraper.downloads import Downloader
from scraper.robots import RobotsCache
from tests.newsserver import NewsServer
from tests.scraper.conftest import FAST


def test_disallowed_paths_are_refused_and_rules_are_cached(
    news: NewsServer, downloader: Downloader
) -> None:
    news.set_robots("paper1", "User-agent: *\nDisallow: /paper1/articles/\n")
    robots = RobotsCache()
    assert not robots.allowed(news.article_url("paper1", 0), downloader, FAST)
    assert robots.allowed(news.feed_url("paper1"), downloader, FAST)
    assert robots.allowed(news.feed_url("paper2"), downloader, FAST)  # another host
    assert news.hits(news.robots_url("paper1")) == 1


def test_rules_for_our_user_agent_apply(news: NewsServer) -> None:
    news.set_robots("paper1", "User-agent: NewsBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    robots = RobotsCache()
    assert not robots.allowed(news.feed_url("paper1"), Downloader("NewsBot/2.0"), FAST)
    assert robots.allowed(news.feed_url("paper1"), Downloader("Other/1.0"), FAST)


@pytest.mark.parametrize(
    ("status", "allowed"), [(401, False), (403, False), (404, True), (500, True)]
)
def test_robots_status_decides(
    news: NewsServer, downloader: Downloader, status: int, allowed: bool
) -> None:
    news.fault(news.robots_url("paper1"), statuses=(status,) * 5)
    assert RobotsCache().allowed(news.feed_url("paper1"), downloader, FAST) is allowed


def test_unreachable_robots_allows(downloader: Downloader) -> None:
    with NewsServer(sources=1) as gone:
        url = gone.feed_url("paper1")
    assert RobotsCache().allowed(url, downloader, replace(FAST, retries=0))


def test_entries_expire_after_the_ttl(news: NewsServer, downloader: Downloader) -> None:
    robots = RobotsCache(ttl_s=0.0)
    robots.allowed(news.feed_url("paper1"), downloader, FAST)
    robots.allowed(news.feed_url("paper1"), downloader, FAST)
    assert news.hits(news.robots_url("paper1")) == 2
