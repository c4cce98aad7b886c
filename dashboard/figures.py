"""Plotly figures for the dashboard, all coloured through ``dashboard.colors``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import plotly.io as pio
from dash import dcc

from dashboard.colors import category_color

GRAPH_CONFIG = dcc.Graph.Config(displayModeBar=False, displaylogo=False, responsive=True)
"""Chart options shared by every graph: no toolbar (no cloud upload, nothing over titles)."""

_TEMPLATE = pio.templates["plotly_white"]
# Figures are built from values this module controls, so plotly's per-property validation
# (about 30 ms a chart, most of a selection change's server time) is skipped: _validate=False.
_FAST = {"_validate": False}

_MARGIN = {"l": 48, "r": 16, "t": 48, "b": 40}
_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13}


def _base_layout(title: str) -> dict[str, object]:
    return {
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
        "template": _TEMPLATE,
        "margin": _MARGIN,
        "font": _FONT,
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "autosize": True,
    }


def message_figure(message: str, title: str = "") -> go.Figure:
    """An empty chart that shows ``message`` in its middle (for empty and error states)."""
    figure = go.Figure(layout=_base_layout(title) if title else _plain_layout(200), **_FAST)
    figure.update_layout(
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": message,
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 15, "color": "#6c757d"},
            }
        ],
    )
    return figure


def _plain_layout(height: int | None = None) -> dict[str, object]:
    # Titles and the legend are HTML around the chart, so nothing inside it can collide.
    layout: dict[str, object] = {
        "template": _TEMPLATE,
        "margin": {"l": 8, "r": 12, "t": 8, "b": 28},
        "font": _FONT,
        "showlegend": False,
        "autosize": True,
        "bargap": 0.25,
    }
    if height:
        layout["height"] = height
    return layout


def probabilities_figure(probabilities: Mapping[str, float], top: int = 3) -> go.Figure:
    """Horizontal bars of the ``top`` most probable categories, most likely on top."""
    ranked = sorted(probabilities.items(), key=lambda item: item[1], reverse=True)[:top]
    ranked.reverse()
    figure = go.Figure(
        go.Bar(
            **_FAST,
            x=[probability for _, probability in ranked],
            y=[label for label, _ in ranked],
            orientation="h",
            marker_color=[category_color(label) for label, _ in ranked],
            text=[f"{probability:.0%}" for _, probability in ranked],
            textposition="auto",
            hovertemplate="%{y}: %{x:.1%}<extra></extra>",
        ),
        layout=_base_layout(f"Top {top} categories"),
        **_FAST,
    )
    figure.update_layout(xaxis={"range": [0, 1], "tickformat": ".0%"}, height=260)
    return figure


def confusion_figure(labels: Sequence[str], matrix: Sequence[Sequence[int]]) -> go.Figure:
    """The test-set confusion matrix as a grid of shaded squares (rows: true, columns: predicted).

    Drawn with a scatter trace, not a heatmap: the page ships plotly.js's basic bundle (bar, pie,
    scatter), which is 0.3 MB lighter than one with heatmaps and so starts faster.
    """
    cells = [(true, predicted) for true in range(len(labels)) for predicted in range(len(labels))]
    values = [matrix[true][predicted] for true, predicted in cells]
    figure = go.Figure(
        go.Scatter(
            **_FAST,
            x=[labels[predicted] for _, predicted in cells],
            y=[labels[true] for true, _ in cells],
            mode="markers+text",
            marker={
                "symbol": "square",
                "size": 44,
                "color": values,
                # Light to mid blue, so the black counts stay readable on every cell.
                "colorscale": [[0.0, "#f7fbff"], [1.0, "#6baed6"]],
                "line": {"width": 0},
            },
            text=[str(value) for value in values],
            hovertemplate="true %{y}, predicted %{x}: %{text}<extra></extra>",
            showlegend=False,
        ),
        layout=_base_layout("Confusion matrix (test set)"),
        **_FAST,
    )
    figure.update_layout(
        xaxis={"title": {"text": "predicted"}, "showgrid": False, "zeroline": False},
        yaxis={
            "title": {"text": "true"},
            "autorange": "reversed",
            "showgrid": False,
            "zeroline": False,
        },
        height=420,
    )
    return figure
