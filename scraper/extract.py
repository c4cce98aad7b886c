"""The title, main text and publication time of an article page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from bs4 import BeautifulSoup

from scraper.text import clean_text

MIN_TEXT_CHARS = 200
"""Shorter main texts are treated as "no article text" (teasers, paywall stubs, error pages)."""

_DATE_PARAMS = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
_NOISE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figure")


@dataclass(frozen=True)
class ExtractedArticle:
    """What an article page says: ``text`` is empty when no article body was found."""

    title: str
    text: str
    published: datetime | None
    method: str
    """"trafilatura", "fallback" (BeautifulSoup paragraphs) or "none"."""


def extract_article(html: str, url: str) -> ExtractedArticle:
    """Extract the title, main text and publication time of the article page ``html``."""
    doc = None
    if html.strip():
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            # Recall keeps short standfirst and quote paragraphs news pages are made of.
            favor_recall=True,
            date_extraction_params=_DATE_PARAMS,
        )
    title = clean_text(getattr(doc, "title", None))
    published = _parse_date(getattr(doc, "date", None))
    text = (getattr(doc, "text", None) or "").strip()
    if len(text) >= MIN_TEXT_CHARS:
        return ExtractedArticle(title or _fallback_title(html), text, published, "trafilatura")
    fallback = _paragraphs(html)
    if len(fallback) >= MIN_TEXT_CHARS:
        return ExtractedArticle(title or _fallback_title(html), fallback, published, "fallback")
    return ExtractedArticle(title or _fallback_title(html), "", published, "none")


def _paragraphs(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(_NOISE_TAGS):
        tag.decompose()
    scope = soup.find("article") or soup.find("main") or soup.body or soup
    paragraphs = (clean_text(p.get_text(" ")) for p in scope.find_all("p"))
    return "\n".join(p for p in paragraphs if len(p.split()) >= 4)


def _fallback_title(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    meta = soup.find("meta", attrs={"property": "og:title"})
    content = meta.get("content") if meta else None
    if isinstance(content, str) and content.strip():
        return clean_text(content)
    for node in (soup.find("h1"), soup.title):
        if node is not None and node.get_text(strip=True):
            return clean_text(node.get_text(" "))
    return ""


def _parse_date(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None
