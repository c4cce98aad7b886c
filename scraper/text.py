"""Cleaning of short texts from the wild: titles and summaries holding entities or HTML."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup

_SPACES = re.compile(r"\s+")
_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>|&[#\w]+;")
_BLOCK = re.compile(r"(<(?:/?(?:p|div|li|ul|ol|h[1-6]|tr|td|blockquote)|br)\b)", re.IGNORECASE)


def clean_text(value: str | None) -> str:
    """Plain text of ``value``: tags dropped, entities (even twice-escaped) decoded, one-spaced."""
    if not value:
        return ""
    text = value
    # Feeds escape HTML inside <title> once or twice ("&amp;lt;a&amp;gt;"): peel both layers.
    for _ in range(3):
        if not _MARKUP.search(text):
            break
        text = BeautifulSoup(_BLOCK.sub(r" \1", text), "html.parser").get_text("")
        text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()
