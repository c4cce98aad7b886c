"""Charts of the model's health: agreement with the newspapers, `other` and unseen words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import plotly.graph_objects as go

from dashboard.figures import message_figure
from dashboard.pages.health.measures import Health

_FAST = {"_validate": False}
_LAYOUT = {
    "template": "plotly_white",
    "margin": {"l": 48, "r": 16, "t": 48, "b": 40},
    "legend": {"orientation": "h", "y": -0.18, "x": 0},
    "yaxis": {"tickformat": ".0%", "range": [0, 1.05]},
    "autosize": True,
    "hovermode": "x unified",
}
_SERIES = (
    ("agreement with the newspapers", "agreement", "#2ca02c"),
    ("labelled other", "other_share", "#9e9e9e"),
    ("unseen words", "unseen_share", "#d62728"),
)


def _title(text: str) -> dict[str, object]:
    return {"title": {"text": text, "x": 0.01, "xanchor": "left"}}


def health_figure(days: Sequence[date], totals: Sequence[Health]) -> go.Figure:
    """Per day, all newspapers: agreement, share of `other` and share of unseen words."""
    title = "Model health per day"
    if not any(day.articles for day in totals):
        return message_figure("No articles in this period.", title)
    figure = go.Figure(layout={**_LAYOUT, **_title(title)}, **_FAST)
    for name, attribute, color in _SERIES:
        figure.add_trace(
            go.Scatter(
                **_FAST,
                name=name,
                x=list(days),
                y=[getattr(day, attribute) for day in totals],
                mode="lines+markers",
                line={"color": color},
                connectgaps=True,
                hovertemplate=name + ": %{y:.0%}<extra></extra>",
            )
        )
    return figure


def paper_agreement_figure(
    days: Sequence[date], agreement: Mapping[str, Sequence[float | None]], names: Mapping[str, str]
) -> go.Figure:
    """Per day and newspaper: agreement of the model's label with the newspaper's own."""
    title = "Agreement with each newspaper's own labels"
    if not agreement:
        return message_figure("No newspaper-labelled articles in this period.", title)
    figure = go.Figure(layout={**_LAYOUT, **_title(title)}, **_FAST)
    for paper, values in agreement.items():
        name = names.get(paper, paper)
        figure.add_trace(
            go.Scatter(
                **_FAST,
                name=name,
                x=list(days),
                y=list(values),
                mode="lines+markers",
                connectgaps=True,
                hovertemplate=name + ": %{y:.0%}<extra></extra>",
            )
        )
    return figure
