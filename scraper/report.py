"""What a refresh did: per-source articles, errors and timings, printable as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from store import ArticleRecord


@dataclass(frozen=True)
class SourceReport:
    """One source's outcome: the stored articles, or the reason it failed."""

    source_id: str
    name: str
    found: int
    """Items listed by the feed after the include/exclude patterns and the limit."""
    articles: tuple[ArticleRecord, ...]
    error: str | None
    duration_s: float
    skipped: dict[str, int] = field(default_factory=dict)
    """Articles left out for want of any text, counted by reason."""
    refused: dict[str, str] = field(default_factory=dict)
    """Links the outbound policy refused (foreign host, redirect, internal address): URL → why."""

    @property
    def ok(self) -> bool:
        """True when the source produced articles without an error."""
        return self.error is None

    @property
    def from_summary(self) -> int:
        """How many stored articles were classified from their feed summary."""
        return sum(a.text_source == "summary" for a in self.articles)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (articles as URL, title, label, confidence, text source)."""
        return {
            "source": self.source_id,
            "name": self.name,
            "ok": self.ok,
            "error": self.error,
            "found": self.found,
            "stored": len(self.articles),
            "from_summary": self.from_summary,
            "skipped": self.skipped,
            "refused_count": len(self.refused),
            "refused": [{"url": url, "reason": why} for url, why in self.refused.items()],
            "duration_s": round(self.duration_s, 3),
            "articles": [
                {
                    "url": a.url,
                    "title": a.title,
                    "label": a.label,
                    "confidence": round(a.confidence, 4),
                    "text_source": a.text_source,
                    "published": a.published.isoformat() if a.published else None,
                }
                for a in self.articles
            ],
        }


@dataclass(frozen=True)
class ScrapeReport:
    """A whole refresh: one report per source, in the order asked, plus overall timings."""

    refresh_id: int
    sources: tuple[SourceReport, ...]
    duration_s: float
    requests: int
    """HTTP requests sent (retries and redirects included)."""
    request_latency_s: float
    """Sum of every request's latency: what a sequential scraper would have waited."""

    @property
    def ok(self) -> bool:
        """True when every source succeeded."""
        return all(s.ok for s in self.sources)

    @property
    def articles(self) -> list[ArticleRecord]:
        """Every stored article, source by source."""
        return [a for s in self.sources for a in s.articles]

    @property
    def errors(self) -> dict[str, str]:
        """Failed sources and why."""
        return {s.source_id: s.error for s in self.sources if s.error is not None}

    def source(self, source_id: str) -> SourceReport:
        """The report of one source (KeyError if it was not scraped)."""
        for report in self.sources:
            if report.source_id == source_id:
                return report
        raise KeyError(source_id)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary of the refresh."""
        return {
            "refresh_id": self.refresh_id,
            "ok": self.ok,
            "duration_s": round(self.duration_s, 3),
            "requests": self.requests,
            "request_latency_s": round(self.request_latency_s, 3),
            "sources": [s.to_dict() for s in self.sources],
        }
