"""The "Classify your text" page: paste text, see the top three categories and why."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html

from classifier import MAX_TEXT_CHARS, ModelError
from dashboard.colors import OTHER
from dashboard.explain import why_terms
from dashboard.figures import GRAPH_CONFIG, probabilities_figure
from dashboard.layout import LIVE
from views.services import current

_MIN_CHARS = 20
_TERMS = 10
_LOW_COVERAGE = 0.6
"""Below this share of known words the page warns that the model is out of its depth."""


def layout(topics: Sequence[str] = (), unlearnt: Sequence[str] = ()) -> html.Div:
    """The page: a text box, a Classify button and the result area; the introduction names
    the live model's ``topics`` and the configured ones it has not ``unlearnt`` yet (none:
    the Dash validation layout, built before any request)."""
    return html.Div(
        [
            html.H1("Classify your text", className="h3 mb-3"),
            html.P(_intro(topics, unlearnt), className="text-muted", id="classify-intro"),
            dbc.Label("Text to classify", html_for="classify-text"),
            dbc.Textarea(
                id="classify-text",
                rows=8,
                maxLength=MAX_TEXT_CHARS,
                placeholder="Paste an article here…",
                className="mb-2",
            ),
            dbc.Button("Classify", id="classify-button", color="primary", className="mb-3"),
            dcc.Loading(html.Div(id="classify-result", **LIVE)),
        ]
    )


def _intro(topics: Sequence[str], unlearnt: Sequence[str]) -> str:
    ask = "Paste a news article (or any text)."
    if not topics:
        return ask
    # Without an `other` class the model rarely abstains on an unlearnt topic's text: it gives
    # the nearest learnt topic (BENCHMARKS.md, *The `other` cut*), so the page says so.
    missing = (
        f" It has not learnt {_listed(unlearnt)} yet (too few labelled articles): a text "
        "about them gets the nearest topic it knows."
        if unlearnt
        else ""
    )
    return (
        f"{ask} The model knows {', '.join(topics)} (the Model page says what taught each)."
        f"{missing} Where no topic is likely enough, the text is labelled 'other'."
    )


def _listed(names: Sequence[str]) -> str:
    """The names as a reader lists them: a; a or b; a, b or c."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _result(text: str) -> list[Any]:
    model = current().model
    prediction = model.predict([text])[0]
    verdict = (
        "The model is unsure: none of the topics fits well enough (other)."
        if prediction.label == OTHER
        else f"Most likely {prediction.label} ({prediction.confidence:.0%} confident)."
    )
    return [
        html.P(verdict, className="lead", id="classify-verdict"),
        _coverage_note(prediction.coverage),
        dcc.Graph(
            id="classify-chart",
            figure=probabilities_figure(prediction.probabilities),
            config=GRAPH_CONFIG,
        ),
        html.H2("Why: the words that weighed most", className="h6 mt-3"),
        why_terms(model.explain(text, k=_TERMS), prediction.label),
    ]


def _coverage_note(coverage: float) -> html.P | dbc.Alert:
    """How much of the text the model's vocabulary covers; a warning when too little."""
    known = f"The model knows {coverage:.0%} of the words in this text."
    if coverage >= _LOW_COVERAGE:
        return html.P(known, className="text-muted small", id="classify-coverage")
    return dbc.Alert(
        f"{known} The rest are words it never saw in its training news, which it "
        "ignores, so treat this result with caution.",
        color="warning",
        id="classify-coverage",
    )


def classify(_clicks: int | None, text: str | None) -> list[Any] | dbc.Alert:
    """Classify the pasted text, or say what is wrong with it."""
    text = (text or "").strip()
    if len(text) < _MIN_CHARS:
        return dbc.Alert(
            f"Please paste at least {_MIN_CHARS} characters of text to classify.", color="info"
        )
    try:
        return _result(text)
    except ModelError as exc:
        return dbc.Alert(f"The model is not available: {exc}", color="danger")


def register(app: Dash) -> None:
    """Attach this page's callbacks to ``app``."""
    app.callback(
        Output("classify-result", "children"),
        Input("classify-button", "n_clicks"),
        State("classify-text", "value"),
        prevent_initial_call=True,
    )(classify)
