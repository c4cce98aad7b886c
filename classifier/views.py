"""The readings of one article the model averages over: full text, headline, headline + lead.

Training builds its headline-length views with ``reading_views`` and prediction reads a
titled text the same way, so a full text's confidence is the mean over the readings a model
was calibrated on: a long page no longer gets its own, much sharper, probability.
"""

from __future__ import annotations

import re

FULL, HEADLINE, LEAD = "full", "headline", "lead"
AVERAGED = "mean over full text, headline and headline + first sentence"
"""model.json ``calibration.views`` of a model whose full texts are read as this mean."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“A-Z0-9])")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (the whole text when it has one sentence)."""
    stripped = " ".join(text.split())
    return _SENTENCE.split(stripped, maxsplit=1)[0] if stripped else ""


def reading_views(title: str, body: str) -> list[tuple[str, str]]:
    """(kind, text) of the distinct readings of an article: FULL, HEADLINE and LEAD (headline
    + first sentence); only the headline when there is no body; empty texts and repeats dropped."""
    title, body = " ".join(title.split()), body.strip()
    if not body:
        return [(HEADLINE, title)] if title else []
    seen: set[str] = set()
    views = []
    for kind, text in (
        (FULL, f"{title}\n{body}"),
        (HEADLINE, title),
        (LEAD, f"{title}. {first_sentence(body)}"),
    ):
        if text and text not in seen:
            seen.add(text)
            views.append((kind, text))
    return views


def split_article(text: str) -> tuple[str, str]:
    """(headline, body) of a model input: its first line, then the rest (``model_input``)."""
    title, _, body = text.strip().partition("\n")
    return title, body
