"""The one mapping from category to colour, shared by every chart, chip and legend."""

from __future__ import annotations

import zlib

OTHER = "other"
"""The label the model gives when it is unsure."""

CATEGORY_COLORS: dict[str, str] = {
    "business": "#1f77b4",
    "entertainment": "#9467bd",
    "politics": "#d62728",
    "sport": "#2ca02c",
    "tech": "#ff7f0e",
    "world": "#17becf",
    "crime": "#8c564b",
    "science": "#bcbd22",
    "health": "#e377c2",
    OTHER: "#9e9e9e",
}
"""Colour per default topic (the Tableau 10 hues bar its grey; ``other`` is neutral grey)."""

_EXTRA = ("#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354")
"""Colours of topics outside the default list (NEWS_TOPICS), none of them grey."""


def category_color(label: str) -> str:
    """The colour of a category label; a configured topic outside the defaults gets a stable
    colour of its own (by a hash of its name), never ``other``'s grey."""
    found = CATEGORY_COLORS.get(label)
    if found is not None:
        return found
    return _EXTRA[zlib.crc32(label.encode()) % len(_EXTRA)]


def category_order(labels: set[str] | list[str]) -> list[str]:
    """Labels in display order: the known topics alphabetically, unknown ones, then ``other``."""
    known = [label for label in CATEGORY_COLORS if label != OTHER and label in labels]
    unknown = sorted(label for label in labels if label not in CATEGORY_COLORS)
    tail = [OTHER] if OTHER in labels else []
    return known + unknown + tail
