"""The article table: its columns, the sort a column stands for, and each row's fields."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC
from typing import Any

from dashboard.colors import OTHER
from dashboard.links import safe_link
from dashboard.unsure import label_text
from store import ArticleRow

LOW_CONFIDENCE = 0.5
"""Below this an ``other`` article is shown muted: the model is out of its depth."""

BLOCK_ROWS = 50
"""Rows on one page of the table (each page is read from the store)."""

COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("paper", "Newspaper"),
    ("label", "Category"),
    ("section_label", "Paper's label"),
    ("confidence", "Confidence"),
    ("published", "Published"),
)
"""The table's columns: row field and header, in order (every column sorts)."""

SORT_FIELDS = {
    "title": "title",
    "paper": "source_id",
    "label": "label",
    "section_label": "section_label",
    "confidence": "confidence",
    "published": "when",
}
"""Table column → store sort field."""

DEFAULT_SORT = ("published", True)
"""Newest first."""


def trust(confidence: float, coverage: float | None) -> str:
    """A compact trust level: ``high``, ``medium`` or ``low``, from confidence and coverage."""
    if confidence < LOW_CONFIDENCE or (coverage is not None and coverage < 0.3):
        return "low"
    if confidence >= 0.8 and (coverage is None or coverage >= 0.5):
        return "high"
    return "medium"


def trust_note(confidence: float, coverage: float | None) -> str:
    """The trust cue's tooltip: the numbers behind it."""
    note = f"{confidence:.0%} confident"
    if coverage is not None:
        note += f"; knows {coverage:.0%} of the words"
    return note


def article_row(
    article: ArticleRow, names: Mapping[str, str], cut: float | None = None
) -> dict[str, Any]:
    """One table row: display fields only (no text), a link only for http(s) URLs; ``cut``
    is the model's `other` threshold (an article under it reads "unsure: best guess ...")."""
    published = article.when.astimezone(UTC)
    confidence = round(float(article.confidence), 3)
    text = label_text(article.label, confidence, article.probabilities, cut)
    return {
        "id": article.id,
        "link": safe_link(article.url),
        "title": article.title or article.url,
        "paper": names.get(article.source_id, article.source_id),
        "label": article.label,
        "confidence": confidence,
        "trust": trust(confidence, article.coverage),
        "trust_note": trust_note(confidence, article.coverage),
        "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "section": article.section or "",
        "section_label": article.section_label or "",
        "unsure": text if text.startswith("unsure") else "",
        # A low-confidence `other` is shown muted: the model is out of its depth.
        "muted": article.label == OTHER and confidence < LOW_CONFIDENCE,
    }
