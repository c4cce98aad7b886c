"""The real scraper against misbehaving papers: each fault has its outcome, the others none."""

from __future__ import annotations

import time

from tests.newspages import BASE_TIME
from tests.newsserver import Item, NewsServer, article_html
from tests.scraper.conftest import Refresh, assert_unaffected


def test_all_well(news: NewsServer, refresh: Refresh) -> None:
    report = refresh()
    assert report.ok and report.errors == {}
    assert_unaffected(report, news, "paper1", "paper2", "paper3")
    assert len(report.articles) == 9
    assert all(a.model_version and a.label for a in report.articles)


def test_feed_timeout(news: NewsServer, refresh: Refresh) -> None:
    news.fault(news.feed_url("paper1"), delay=1.5)
    report = refresh(read_timeout=0.5)
    assert report.source("paper1").error == "timeout after 0.5 s"
    assert report.source("paper1").articles == ()
    assert_unaffected(report, news)


def test_article_timeout_falls_back_to_the_feed_summary(news: NewsServer, refresh: Refresh) -> None:
    news.fault(news.article_url("paper1", 1), delay=1.5)
    report = refresh(read_timeout=0.5)
    articles = report.source("paper1").articles
    assert [a.text_source for a in articles] == ["page", "summary", "page"]
    assert articles[1].text == news.items("paper1")[1].summary
    assert report.source("paper1").ok
    assert_unaffected(report, news)


def test_500_then_success(news: NewsServer, refresh: Refresh) -> None:
    news.fault(news.feed_url("paper1"), statuses=(500,))
    news.fault(news.article_url("paper1", 0), statuses=(503, 500))
    report = refresh()
    assert_unaffected(report, news, "paper1", "paper2", "paper3")
    assert news.hits(news.feed_url("paper1")) == 2
    assert news.hits(news.article_url("paper1", 0)) == 3


def test_429_with_retry_after(news: NewsServer, refresh: Refresh) -> None:
    news.fault(news.feed_url("paper1"), statuses=(429,), retry_after="1")
    start = time.monotonic()
    report = refresh()
    assert time.monotonic() - start >= 1.0
    assert_unaffected(report, news, "paper1", "paper2", "paper3")


def test_403_feed_and_403_pages(news: NewsServer, refresh: Refresh) -> None:
    news.fault(news.feed_url("paper1"), statuses=(403,))
    for n in range(3):
        news.fault(news.article_url("paper2", n), statuses=(403,))
    report = refresh()
    assert report.source("paper1").error == "HTTP 403"
    paper2 = report.source("paper2")
    assert paper2.ok and {a.text_source for a in paper2.articles} == {"summary"}
    assert [a.title for a in paper2.articles] == [i.title for i in news.items("paper2")]
    assert_unaffected(report, news, "paper3")


def test_403_pages_without_summaries_are_reported(news: NewsServer, refresh: Refresh) -> None:
    news.set_items("paper1", [Item(i.title, i.link) for i in news.items("paper1")])
    for n in range(3):
        news.fault(news.article_url("paper1", n), statuses=(403,))
    report = refresh()
    assert report.source("paper1").error == "HTTP 403"
    assert report.source("paper1").skipped == {"HTTP 403": 3}
    assert_unaffected(report, news)


def test_robots_disallow(news: NewsServer, refresh: Refresh) -> None:
    news.set_robots("paper1", "User-agent: *\nDisallow: /paper1/\n")
    news.set_robots("paper2", "User-agent: *\nDisallow: /paper2/articles/2.html\n")
    report = refresh()
    assert report.source("paper1").error == "blocked by robots.txt"
    assert news.hits(news.feed_url("paper1")) == 0
    assert [a.text_source for a in report.source("paper2").articles] == ["page", "page", "summary"]
    assert news.hits(news.article_url("paper2", 2)) == 0
    assert_unaffected(report, news, "paper3")


def test_oversized_feed(news: NewsServer, refresh: Refresh) -> None:
    news.fault(news.feed_url("paper1"), oversize=300_000)
    report = refresh(max_bytes=200_000)
    assert report.source("paper1").error == "response larger than 200,000 bytes"
    assert_unaffected(report, news)


def test_gzip(news: NewsServer, refresh: Refresh) -> None:
    news.fault(news.feed_url("paper1"), gzip=True)
    for n in range(3):
        news.fault(news.article_url("paper1", n), gzip=True)
    assert_unaffected(refresh(), news, "paper1", "paper2", "paper3")


def test_latin1_page_without_charset(news: NewsServer, refresh: Refresh) -> None:
    news.fault(news.article_url("paper1", 0), latin1=True)
    report = refresh()
    text = report.source("paper1").articles[0].text
    assert "Prices at the café near the ground rose to £5" in text
    assert_unaffected(report, news, "paper1", "paper2", "paper3")


def test_malformed_xml(news: NewsServer, refresh: Refresh) -> None:
    news.fault(news.feed_url("paper1"), body=b'<?xml version="1.0"?>\n<rss><channel><item><ti')
    report = refresh()
    assert report.source("paper1").error == "malformed feed (XML error at line 2)"
    assert_unaffected(report, news)


def test_empty_feed(news: NewsServer, refresh: Refresh) -> None:
    news.set_items("paper1", [])
    report = refresh()
    assert report.source("paper1").error == "empty feed (no items)"
    assert report.source("paper1").found == 0
    assert_unaffected(report, news)


def test_html_served_as_feed(news: NewsServer, refresh: Refresh) -> None:
    page = article_html("paper1", 0, "Home").encode()
    news.fault(news.feed_url("paper1"), body=page, content_type="text/html")
    report = refresh()
    assert report.source("paper1").error == "not a feed (the server sent an HTML page)"
    assert_unaffected(report, news)


def test_redirect_loop(news: NewsServer, refresh: Refresh) -> None:
    news.fault(news.feed_url("paper1"), redirect_loop=True)
    news.fault(news.article_url("paper2", 0), redirect_loop=True)
    report = refresh(max_redirects=2)
    assert report.source("paper1").error == "more than 2 redirects"
    assert [a.text_source for a in report.source("paper2").articles] == ["summary", "page", "page"]
    assert_unaffected(report, news, "paper3")


def test_javascript_and_data_links_in_a_feed(news: NewsServer, refresh: Refresh) -> None:
    good = news.items("paper1")
    bad = [
        Item("Click me", "javascript:alert(document.cookie)"),
        Item("Inline", "data:text/html;base64,PHNjcmlwdD4="),
    ]
    news.set_items("paper1", [bad[0], *good[:2], bad[1], good[2]])
    report = refresh()
    paper1 = report.source("paper1")
    assert [a.url for a in paper1.articles] == [i.link for i in good]
    assert paper1.found == 3 and {a.text_source for a in paper1.articles} == {"page"}
    assert_unaffected(report, news)


def test_duplicate_items(news: NewsServer, refresh: Refresh) -> None:
    items = news.items("paper1")
    again = Item(items[0].title, items[0].link + "?utm_source=rss&utm_medium=feed")
    news.set_items("paper1", [items[0], again, items[1], items[1], items[2]])
    report = refresh()
    paper1 = report.source("paper1")
    assert [a.url for a in paper1.articles] == [i.link for i in items]
    assert paper1.found == 3 and news.hits(items[1].link) == 1
    assert_unaffected(report, news)


def test_title_holding_html(news: NewsServer, refresh: Refresh) -> None:
    items = news.items("paper1")
    raw = (
        '&lt;a href="https://x.example/"&gt;Markets&lt;/a&gt; '
        "&lt;b&gt;rally&lt;/b&gt; &amp;amp; bonds"
    )
    news.set_items("paper1", [Item(raw, items[0].link, items[0].summary, items[0].published)])
    report = refresh()
    assert [a.title for a in report.source("paper1").articles] == ["Markets rally & bonds"]
    assert_unaffected(report, news)


def test_robots_wildcards_keep_out_every_private_page(news: NewsServer, refresh: Refresh) -> None:
    news.set_robots("paper1", "User-agent: *\nDisallow: /*/private/\n")
    own = news.items("paper1")
    private = [
        Item(f"Private {n}", f"{news.origin('paper1')}/s/x/private/{n}.html", "", BASE_TIME)
        for n in range(3)
    ]
    news.set_items("paper1", [*private, *own])
    report = refresh(limit=10)
    paper1 = report.source("paper1")
    assert all(news.hits(item.link) == 0 for item in private)
    assert paper1.skipped == {"blocked by robots.txt": 3}
    assert [a.url for a in paper1.articles] == [i.link for i in own]
    assert {a.text_source for a in paper1.articles} == {"page"}
    assert_unaffected(report, news)
