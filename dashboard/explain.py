"""The "why" of a prediction: the model's top terms shown as badges."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html

from classifier import TermWeight


def why_terms(terms: Sequence[TermWeight], label: str) -> html.Div | html.P:
    """Badges for the terms that pushed the prediction towards ``label`` most."""
    if not terms:
        return html.P(
            "No known words: the model has never seen the words of this text, "
            "so it cannot say why.",
            className="text-muted mb-0",
        )
    # A word whose push rounds to 0.00 explains nothing; the strongest one is always shown.
    shown = [term for term in terms if round(term.weight, 2) > 0] or list(terms[:1])
    badges = [
        dbc.Badge(
            f"{term.term} · {term.weight:.2f}",
            color="light",
            text_color="dark",
            className="why-term border",
            title=f"weight of '{term.term}' towards {label}",
        )
        for term in shown
    ]
    return html.Div(badges, className="why-terms")
