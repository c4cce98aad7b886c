"""robots.txt per RFC 9309: wildcards, longest match, cached per host, failures mean keep out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from scraper.children import ParsePool
from scraper.downloads import Downloader
from scraper.outbound import Outbound
from scraper.pipeline import SourceFailed, latest_items
from scraper.robots import BLOCKED, MemoryRulesStore, RobotsCache
from scraper.sources import load_sources
from store import normalise_url
from tests.newsserver import NewsServer
from tests.scraper.conftest import FAST, Refresh


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


def test_wildcards_dollar_and_the_longest_match(news: NewsServer, downloader: Downloader) -> None:
    news.set_robots(
        "paper1",
        "User-agent: *\nDisallow: /*/private/\nDisallow: /*.pdf$\nAllow: /s/open/private/\n",
    )
    robots, origin = RobotsCache(), news.origin("paper1")
    verdicts = {
        path: robots.allowed(origin + path, downloader, FAST)
        for path in (
            "/s/x/private/1.html",
            "/a/b/private/",
            "/s/x/public/1.html",
            "/report.pdf",
            "/report.pdf?page=2",
            "/s/open/private/1.html",  # the longer Allow wins
        )
    }
    assert verdicts == {
        "/s/x/private/1.html": False,
        "/a/b/private/": False,
        "/s/x/public/1.html": True,
        "/report.pdf": False,
        "/report.pdf?page=2": True,
        "/s/open/private/1.html": True,
    }


@pytest.mark.parametrize(
    ("status", "verdict"),
    [
        (401, "blocked by robots.txt"),
        (403, "blocked by robots.txt"),
        (404, None),
        (500, "robots.txt unavailable (HTTP 500); retrying later"),
        (503, "robots.txt unavailable (HTTP 503); retrying later"),
        (429, "robots.txt unavailable (HTTP 429); retrying later"),
    ],
)
def test_robots_status_decides(
    news: NewsServer, downloader: Downloader, status: int, verdict: str | None
) -> None:
    news.fault(news.robots_url("paper1"), statuses=(status,) * 5)
    assert RobotsCache().verdict(news.feed_url("paper1"), downloader, FAST) == verdict


def test_unreachable_robots_keeps_out(downloader: Downloader) -> None:
    with NewsServer(sources=1) as gone:
        url = gone.feed_url("paper1")
    verdict = RobotsCache().verdict(url, downloader, replace(FAST, retries=0))
    assert verdict == "robots.txt unavailable (connection failed); retrying later"


def test_a_failed_robots_txt_is_asked_again_soon_not_after_an_hour(
    news: NewsServer, downloader: Downloader
) -> None:
    news.fault(news.robots_url("paper1"), statuses=(503,))  # the first answer only
    robots = RobotsCache(ttl_s=3600.0, retry_s=0.0)
    assert not robots.allowed(news.feed_url("paper1"), downloader, FAST)
    assert robots.allowed(news.feed_url("paper1"), downloader, FAST)  # recovered: asked again
    assert robots.allowed(news.feed_url("paper1"), downloader, FAST)  # and now cached
    assert news.hits(news.robots_url("paper1")) == 2


def test_rules_live_in_a_replaceable_store(news: NewsServer, downloader: Downloader) -> None:
    news.set_robots("paper1", "User-agent: *\nDisallow: /paper1/\n")
    shared = MemoryRulesStore()
    RobotsCache(store=shared).allowed(news.feed_url("paper1"), downloader, FAST)
    # A second worker with the same store does not fetch robots.txt again.
    assert not RobotsCache(store=shared).allowed(news.feed_url("paper1"), downloader, FAST)
    assert news.hits(news.robots_url("paper1")) == 1


def test_entries_expire_after_the_ttl(news: NewsServer, downloader: Downloader) -> None:
    robots = RobotsCache(ttl_s=0.0)
    robots.allowed(news.feed_url("paper1"), downloader, FAST)
    robots.allowed(news.feed_url("paper1"), downloader, FAST)
    assert news.hits(news.robots_url("paper1")) == 2


def test_a_page_redirecting_into_a_disallowed_path_is_not_fetched(
    news: NewsServer, refresh: Refresh
) -> None:
    news.set_robots("paper1", "User-agent: *\nDisallow: /paper1/private/\n")
    hidden = news.origin("paper1") + "/paper1/private/1.html"
    news.fault(news.article_url("paper1", 0), redirect_to=hidden)  # allowed, then 302 there
    report = refresh()
    assert news.hits(hidden) == 0
    paper1 = next(s for s in report.sources if s.source_id == "paper1")
    first = normalise_url(news.article_url("paper1", 0))
    assert all(a.text_source != "page" for a in paper1.articles if a.url == first)
    assert len([a for a in paper1.articles if a.text_source == "page"]) == 2  # the others


def test_a_feed_redirecting_into_a_disallowed_path_is_not_fetched(
    news: NewsServer, downloader: Downloader, tmp_path: Path
) -> None:
    news.set_robots("paper1", "User-agent: *\nDisallow: /paper1/private/\n")
    hidden = news.origin("paper1") + "/paper1/private/feed.xml"
    news.fault(news.feed_url("paper1"), redirect_to=hidden)
    source = load_sources(news.write_sources(tmp_path / "sources.toml"))[0]
    with ParsePool(1) as parser, pytest.raises(SourceFailed, match=BLOCKED):
        latest_items(source, 5, downloader, RobotsCache(), parser)
    assert news.hits(hidden) == 0


def test_a_robots_txt_over_500_kib_is_parsed_up_to_the_limit(
    news: NewsServer, downloader: Downloader
) -> None:
    line = "# " + "x" * 97 + "\n"  # 100 bytes
    text = (
        "User-agent: *\nDisallow: /early/\n"
        + line * 5_000  # past 500,000 bytes: the old cap failed the whole paper here
        + "Disallow: /mid/\n"  # before 512,000 bytes (500 KiB): parsed
        + line * 200
        + "Disallow: /late/\n"  # beyond 500 KiB: not read
    )
    news.set_robots("paper1", text)
    robots, origin = RobotsCache(), news.origin("paper1")
    verdicts = {p: robots.allowed(origin + p, downloader, FAST) for p in ("/early/", "/mid/")}
    assert verdicts == {"/early/": False, "/mid/": False}
    assert robots.allowed(origin + "/late/", downloader, FAST)
    assert robots.allowed(news.feed_url("paper1"), downloader, FAST)


def test_a_robots_txt_redirected_to_another_host_is_followed(
    news: NewsServer, downloader: Downloader
) -> None:
    # RFC 9309 2.3.1.2: redirects are followed (five at least), across hosts too.
    elsewhere = news.origin("paper2").replace("127.0.0.1", "localhost") + "/robots.txt"
    news.set_robots("paper2", "User-agent: *\nDisallow: /paper1/articles/\n")
    news.fault(news.robots_url("paper1"), redirect_to=elsewhere)
    outbound = Outbound.for_urls([news.origin("paper1")])
    robots = RobotsCache()
    assert robots.verdict(news.feed_url("paper1"), downloader, FAST, outbound) is None
    assert robots.verdict(news.article_url("paper1", 0), downloader, FAST, outbound) == BLOCKED
