"""Feed parsing: the real Guardian feed and the odd feeds found in the wild."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from runtime.services import sources_of
from scraper.feeds import FeedError, homepage_items, parse_feed
from scraper.text import clean_text
from tests.newsserver import Item, article_html, rss

GUARDIAN = "https://www.theguardian.com/us/rss"
_PAGE = article_html("p", 1, "A page").encode()


def test_real_guardian_feed_parses_newest_first(fixtures_dir: Path) -> None:
    items = parse_feed((fixtures_dir / "feeds" / "guardian.rss").read_bytes(), GUARDIAN)
    assert len(items) == 55
    first = items[0]
    assert first.title == "Tottenham Hotspur v Manchester United: Premier League – live!"
    assert first.published == datetime(2018, 1, 31, 20, 13, 54, tzinfo=UTC)
    assert all(
        a.published and b.published and a.published >= b.published
        for a, b in itertools.pairwise(items)
    )
    assert all(i.url.startswith("https://www.theguardian.com/") for i in items)
    assert len({i.url for i in items}) == 55
    trump = next(i for i in items if i.url.endswith("state-of-the-union-address-unity-discord"))
    assert trump.title == "Trump State of the Union address promised unity but emphasized discord"
    assert trump.summary.startswith("The president’s ‘new American moment’ speech stirred")
    assert "<" not in trump.summary and "Continue reading..." in trump.summary


def test_guardian_patterns_drop_live_blogs_and_galleries(fixtures_dir: Path) -> None:
    guardian = next(s for s in sources_of() if s.id == "guardian")
    items = parse_feed((fixtures_dir / "feeds" / "guardian.rss").read_bytes(), GUARDIAN)
    kept = [i for i in items if guardian.wants(i.url)]
    assert 30 < len(kept) < len(items)
    assert not any("/live/" in i.url or "/gallery/" in i.url for i in kept)


def test_unsafe_links_and_duplicates_are_dropped() -> None:
    items = [
        Item("Good", "https://paper.example/a", published=datetime(2026, 1, 1, tzinfo=UTC)),
        Item("Script", "javascript:alert(1)"),
        Item("Data", "data:text/html,<b>x</b>"),
        Item("Mail", "mailto:desk@paper.example"),
        Item("Again", "https://paper.example/a?utm_source=rss"),
        Item("Relative", "/b", published=datetime(2026, 1, 2, tzinfo=UTC)),
    ]
    parsed = parse_feed(rss(items), "https://paper.example/feed.xml")
    assert [(i.title, i.url) for i in parsed] == [
        ("Relative", "https://paper.example/b"),
        ("Good", "https://paper.example/a"),
    ]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Markets &lt;b&gt;rally&lt;/b&gt; &amp;amp; bonds fall", "Markets rally & bonds fall"),
        ('&lt;a href="https://x.example/"&gt;Linked&lt;/a&gt; headline', "Linked headline"),
        ("Rock &amp;#8217;n&amp;#8217; roll", "Rock ’n’ roll"),
        ("Plain title", "Plain title"),
    ],
)
def test_titles_holding_html_are_cleaned(raw: str, clean: str) -> None:
    parsed = parse_feed(rss([Item(raw, "https://paper.example/a")]), "https://paper.example/")
    assert parsed[0].title == clean


def test_clean_text_keeps_words_apart_across_blocks() -> None:
    assert clean_text("<p>One.</p><p>Two<br>three</p> <em>f</em>our") == "One. Two three four"


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (_PAGE, "text/html", "not a feed (the server sent an HTML page)"),
        (_PAGE, "application/rss+xml", "not a feed (the server sent an HTML page)"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti',
            "",
            "malformed feed (XML error at line 1)",
        ),
        (b"<rss><channel><item><title>A & B</title></item></channel></rss>", "", "malformed feed"),
        (b"just some text", "text/plain", "not a feed"),
    ],
)
def test_broken_feeds_give_a_plain_reason(body: bytes, content_type: str, reason: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(body, "https://paper.example/feed.xml", content_type)
    assert str(caught.value).startswith(reason)


def test_an_empty_feed_has_no_items() -> None:
    assert parse_feed(rss([]), "https://paper.example/feed.xml") == []


def test_a_feed_served_as_text_html_is_still_read() -> None:
    body = rss([Item("Title", "https://paper.example/a")])
    assert [i.title for i in parse_feed(body, "https://paper.example/", "text/html")] == ["Title"]


def test_homepage_links_matching_the_pattern_in_page_order() -> None:
    html = (
        "<html><body><a href='/news/a-1'>First &amp; best</a><a href='/about'>About</a>"
        "<a href='javascript:void(0)'>Menu</a><a href='https://paper.example/news/b-2'>Second</a>"
        "<a href='/news/a-1#comments'>Comments</a></body></html>"
    )
    items = homepage_items(html, "https://paper.example/", re.compile(r"/news/[a-z]-\d"))
    assert [(i.url, i.title) for i in items] == [
        ("https://paper.example/news/a-1", "First & best"),
        ("https://paper.example/news/b-2", "Second"),
    ]
