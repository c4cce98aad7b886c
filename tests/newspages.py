"""Content of the fake newspapers: RSS documents and generated article pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape

TOPICS = {
    "business": "shares profits bank investors market economy growth company sales quarter",
    "sport": "match goal season coach players league championship victory team cup",
    "tech": "software users phone internet computer chip data online digital network",
    "politics": "minister election party government vote parliament labour policy tax mps",
    "entertainment": "film music album star actor award festival band show singer",
}
BASE_TIME = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    """One feed entry; ``title`` and ``summary`` are inserted as given (escape them yourself)."""

    title: str
    link: str
    summary: str = ""
    published: datetime | None = None
    categories: tuple[str, ...] = ()


def rss(items: list[Item], title: str = "Paper") -> bytes:
    """An RSS 2.0 document listing ``items`` in the given order."""
    entries = "".join(
        f"<item><title>{i.title}</title><link>{escape(i.link)}</link>"
        f"<description>{escape(i.summary)}</description>"
        + (f"<pubDate>{format_datetime(i.published)}</pubDate>" if i.published else "")
        + "".join(f"<category>{escape(c)}</category>" for c in i.categories)
        + "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>{entries}</channel></rss>"
    ).encode()


def article_html(sid: str, n: int, title: str) -> str:
    """A generated article page: a headline and a few paragraphs of topical words."""
    topic = list(TOPICS)[(n + len(sid)) % len(TOPICS)]
    words = TOPICS[topic].split()
    paragraphs = (
        "".join(
            f"<p>The {words[k % 10]} and the {words[(k + 3) % 10]} were in the news again today, "
            f"as the {words[(k + 5) % 10]} said the {words[(k + 7) % 10]} would change.</p>"
            for k in range(8)
        )
        + "<p>Prices at the café near the ground rose to £5, the owner told the paper.</p>"
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{paragraphs}"
        "</article><footer>Copyright Paper</footer></body></html>"
    )
