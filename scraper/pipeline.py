"""The network half of a refresh: one source's latest items, and one article's text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from scraper.children import ParsePool
from scraper.downloads import Downloader, FetchError, RefusedLink, decode
from scraper.extract import ExtractedArticle, extract_article
from scraper.feeds import FeedError, FeedItem, homepage_items, newest_first, parse_feed
from scraper.outbound import Refused
from scraper.robots import BLOCKED, RobotsCache
from scraper.sources import Source

ROBOTS_BLOCKED = BLOCKED
NO_TEXT = "no article text"
_HTML_TYPES = frozenset({"", "text/html", "application/xhtml+xml", "text/plain"})


class SourceFailed(Exception):
    """A source's article list could not be had; ``str()`` says why."""


@dataclass(frozen=True)
class Page:
    """One article's text as obtained: from its page, from its feed summary, or not at all."""

    item: FeedItem
    title: str
    text: str
    text_source: str | None
    """"page", "summary", or None when there is no text at all."""
    published: datetime | None
    reason: str | None = None
    """Why the page itself could not be used (also set when the summary stood in)."""
    refused: bool = False
    """The link (or its redirect) left the source's own hosts: not fetched, not stored."""


def latest_items(
    source: Source, limit: int, downloader: Downloader, robots: RobotsCache, parser: ParsePool
) -> list[FeedItem]:
    """The source's newest wanted items (at most ``limit``); raise SourceFailed with a reason.

    Feeds and homepages are parsed in ``parser``'s child processes, never on this thread.
    """
    items: list[FeedItem] = []
    errors: list[str] = []
    for url in source.feeds or (source.homepage,):
        try:
            items += _listing(source, url, downloader, robots, parser)
        except (FetchError, FeedError) as exc:
            errors.append(str(exc))
    if errors and not items:
        raise SourceFailed(errors[0])
    if not items:
        raise SourceFailed("empty feed (no items)")
    wanted = [item for item in newest_first(items) if source.wants(item.url)]
    if not wanted:
        raise SourceFailed("no items left after the include/exclude patterns")
    return wanted[:limit]


def fetch_page(
    source: Source, item: FeedItem, downloader: Downloader, robots: RobotsCache, parser: ParsePool
) -> Page:
    """The article's text from its page, else from the feed summary, else a reason.

    The page is extracted in ``parser``'s child processes; a child that dies on it costs
    this page only (its reason reads "extraction process died (signal 9)").
    """
    try:
        article = _article(source, item.url, downloader, robots, parser)
    except RefusedLink as exc:
        # Not the paper's article: its summary is not stored under a foreign link either.
        return Page(item, item.title, "", None, item.published, str(exc), refused=True)
    except FetchError as exc:
        reason = str(exc)
    else:
        # The feed's title and time are the publisher's own; the page's fill the gaps.
        title = item.title or article.title
        return Page(item, title, article.text, "page", item.published or article.published)
    if item.summary:
        return Page(item, item.title, item.summary, "summary", item.published, reason)
    return Page(item, item.title, "", None, item.published, reason)


def _article(
    source: Source, url: str, downloader: Downloader, robots: RobotsCache, parser: ParsePool
) -> ExtractedArticle:
    try:
        source.outbound.check_url(url)  # before robots.txt: a foreign host gets no request
    except Refused as exc:
        raise RefusedLink(str(exc)) from None
    allowed = _robots_check(source, downloader, robots, FetchError)
    allowed(url)
    response = downloader.get(url, source.policy, outbound=source.outbound, hop=allowed)
    if response.content_type not in _HTML_TYPES:
        raise FetchError(f"not an article page ({response.content_type})")
    article = parser.run(_extract, response.content, response.charset, response.url)
    if not article.text:
        raise FetchError(NO_TEXT)
    return article


def _listing(
    source: Source, url: str, downloader: Downloader, robots: RobotsCache, parser: ParsePool
) -> list[FeedItem]:
    allowed = _robots_check(source, downloader, robots, FeedError)
    allowed(url)
    if source.feeds:
        response = downloader.get(
            url, source.policy, conditional=True, outbound=source.outbound, hop=allowed
        )
        items = parser.run(parse_feed, response.content, response.url, response.content_type)
        topic = source.feed_topic(url)
        return [replace(item, feed_topic=topic) for item in items] if topic else items
    assert source.link_pattern is not None  # guaranteed by load_sources
    response = downloader.get(url, source.policy, outbound=source.outbound, hop=allowed)
    args = (response.content, response.charset, response.url, source.link_pattern)
    return parser.run(_homepage, *args)


def _robots_check(
    source: Source, downloader: Downloader, robots: RobotsCache, error: type[Exception]
) -> Callable[[str], None]:
    """Raise ``error`` for a URL robots.txt keeps us from: the first one and every redirect."""

    def allowed(url: str) -> None:
        blocked = robots.verdict(url, downloader, source.policy, source.outbound)
        if blocked:
            raise error(blocked)

    return allowed


def _extract(content: bytes, charset: str | None, url: str) -> ExtractedArticle:
    """In a child: decode and extract an article page."""
    return extract_article(decode(content, charset), url)


def _homepage(
    content: bytes, charset: str | None, url: str, pattern: re.Pattern[str]
) -> list[FeedItem]:
    """In a child: decode a homepage and list its article links."""
    return homepage_items(decode(content, charset), url, pattern)
