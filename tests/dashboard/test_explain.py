"""The "why" badges: the words that pushed a prediction, as a reader sees them."""

from __future__ import annotations

import json

import plotly

from classifier import TermWeight
from dashboard.explain import why_terms


def _text(component: object) -> str:
    return json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def test_words_whose_push_rounds_to_nothing_are_not_shown() -> None:
    terms = [TermWeight("scientist discover", 0.45), TermWeight("ice", 0.01),
             TermWeight("moon", 0.003)]  # fmt: skip
    text = _text(why_terms(terms, "tech"))
    assert "scientist discover · 0.45" in text and "ice · 0.01" in text
    assert "moon" not in text


def test_the_strongest_word_is_shown_even_when_every_push_is_tiny() -> None:
    text = _text(why_terms([TermWeight("moon", 0.003), TermWeight("ice", 0.001)], "tech"))
    assert "moon · 0.00" in text and "ice" not in text


def test_no_known_word_says_so() -> None:
    assert "No known words" in _text(why_terms([], "tech"))
