"""The one mapping from category to colour, shared by every chart, chip and legend."""

from __future__ import annotations

OTHER = "other"
"""The label the model gives when it is unsure."""

CATEGORY_COLORS: dict[str, str] = {
    "business": "#1f77b4",
    "entertainment": "#9467bd",
    "politics": "#d62728",
    "sport": "#2ca02c",
    "tech": "#ff7f0e",
    OTHER: "#9e9e9e",
}
"""Colour per category (colour-blind-safe-ish Tableau hues; ``other`` is neutral grey)."""

_FALLBACK = "#607d8b"


def category_color(label: str) -> str:
    """The colour of a category label; a neutral slate for an unknown label."""
    return CATEGORY_COLORS.get(label, _FALLBACK)


def category_order(labels: set[str] | list[str]) -> list[str]:
    """Labels in display order: the known topics alphabetically, unknown ones, then ``other``."""
    known = [label for label in CATEGORY_COLORS if label != OTHER and label in labels]
    unknown = sorted(label for label in labels if label not in CATEGORY_COLORS)
    tail = [OTHER] if OTHER in labels else []
    return known + unknown + tail
