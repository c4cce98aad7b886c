"""Latest article links from RSS/Atom feeds or a homepage: newest first, cleaned, deduplicated."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXException

import feedparser
import lxml.html
from lxml.etree import ParserError

from scraper.text import clean_text
from store import normalise_url

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)
_MAX_CATEGORIES = 20
_MAX_CATEGORY_CHARS = 100


class FeedError(ValueError):
    """A feed could not be read; ``str()`` says why in plain words."""


@dataclass(frozen=True)
class FeedItem:
    """One article announced by a feed or a homepage."""

    url: str
    title: str
    summary: str = ""
    published: datetime | None = None
    categories: tuple[str, ...] = ()
    """The feed's ``<category>`` names for the item, in feed order."""
    feed_topic: str | None = None
    """The topic of the section feed that listed the item (None for a general feed)."""


def parse_feed(content: bytes, url: str, content_type: str = "") -> list[FeedItem]:
    """Items of a downloaded RSS/Atom document: newest first, http(s) links only, no duplicates."""
    # Sniff rather than trust Content-Type: some real feeds are served as text/html.
    if _HTML_START.match(content[:2048]):
        raise FeedError("not a feed (the server sent an HTML page)")
    if not content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise FeedError("not a feed (the response is not XML)")
    # feedparser is given bytes only, never a URL: it must not fetch anything itself.
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(content, response_headers=headers)
    error = parsed.get("bozo_exception")
    if isinstance(error, SAXException):
        line = getattr(error, "getLineNumber", lambda: None)()
        where = f" at line {line}" if line else ""
        raise FeedError(f"malformed feed (XML error{where})")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not a feed (no RSS or Atom root element)")
    items = []
    for position, entry in enumerate(parsed.entries):
        link = _http_link(entry.get("link"), url)
        if link is None:
            continue
        title = clean_text(entry.get("title"))
        summary = clean_text(entry.get("summary"))
        item = FeedItem(link, title, summary, _published(entry), _categories(entry))
        items.append((position, item))
    return newest_first(item for _, item in items)


def homepage_items(html: str, url: str, pattern: re.Pattern[str]) -> list[FeedItem]:
    """Article links on a homepage whose absolute URL matches ``pattern``, in page order."""
    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError) as exc:
        raise FeedError("homepage is not readable HTML") from exc
    items = []
    for anchor in root.iter("a"):
        link = _http_link(anchor.get("href"), url)
        if link and pattern.search(link):
            items.append(FeedItem(link, clean_text(anchor.text_content())))
    return dedupe(items)


def newest_first(items: Iterable[FeedItem]) -> list[FeedItem]:
    """Dated items newest first, then undated ones in their original order; duplicates dropped."""
    listed = dedupe(items)
    epoch = datetime.min.replace(tzinfo=UTC)
    return sorted(listed, key=lambda item: item.published or epoch, reverse=True)


def dedupe(items: Iterable[FeedItem]) -> list[FeedItem]:
    """The first item of each normalised URL, order kept, with the labels of its repeats."""
    unique: dict[str, FeedItem] = {}
    for item in items:
        try:
            key = normalise_url(item.url)
        except ValueError:  # e.g. a bad port: not a link we can fetch
            continue
        first = unique.get(key)
        if first is None:
            unique[key] = item
        elif item.feed_topic or item.categories:
            # A general feed and a section feed may list the same article: keep its label.
            categories = tuple(dict.fromkeys((*first.categories, *item.categories)))
            topic = first.feed_topic or item.feed_topic
            unique[key] = replace(first, categories=categories, feed_topic=topic)
    return list(unique.values())


def _http_link(href: object, base: str) -> str | None:
    if not isinstance(href, str) or not href.strip():
        return None
    link = urljoin(base, href.strip())
    parts = urlsplit(link)
    # javascript:, data:, mailto: and friends are never articles.
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return link


def _categories(entry: feedparser.FeedParserDict) -> tuple[str, ...]:
    names = (clean_text(tag.get("term") or tag.get("label")) for tag in entry.get("tags") or ())
    return tuple(dict.fromkeys(name[:_MAX_CATEGORY_CHARS] for name in names if name))[
        :_MAX_CATEGORIES
    ]


def _published(entry: feedparser.FeedParserDict) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)
