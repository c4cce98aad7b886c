"""Plotly figures for the dashboard, all coloured through ``dashboard.colors``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import plotly.graph_objects as go
import plotly.io as pio
from dash import dcc

from dashboard.colors import category_color, category_order

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


ALL_PAPERS = "All selected"
"""The compare chart's first row: every selected newspaper together."""

_ROW_PX = 30


def compare_height(papers: int) -> int:
    """Pixel height of the compare chart for this many newspapers (one bar row each, plus all)."""
    return 60 + _ROW_PX * (papers + 1)


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


def compare_figure(counts: Mapping[str, Mapping[str, int]], names: Mapping[str, str]) -> go.Figure:
    """Each newspaper's topic mix as shares (horizontal stacked bars, full names), all on top.

    ``customdata`` of every bar is ``[paper id ("" for all), topic]``, read by click filters.
    """
    labels = category_order({label for per_paper in counts.values() for label in per_paper})
    papers = [paper for paper in counts if sum(counts[paper].values())]
    if not labels or not papers:
        return message_figure("No articles from these newspapers in this time window.")
    rows = [("", ALL_PAPERS)] + [(paper, names.get(paper, paper)) for paper in papers]
    totals = {
        paper: sum(counts[paper].values())
        if paper
        else sum(sum(c.values()) for c in counts.values())
        for paper, _ in rows
    }

    def count(paper: str, label: str) -> int:
        if paper:
            return counts[paper].get(label, 0)
        return sum(per_paper.get(label, 0) for per_paper in counts.values())

    figure = go.Figure(layout=_plain_layout(compare_height(len(papers))), **_FAST)
    for label in labels:
        values = [count(paper, label) for paper, _ in rows]
        figure.add_trace(
            go.Bar(
                **_FAST,
                name=label,
                orientation="h",
                y=[name for _, name in rows],
                x=[value / totals[paper] for value, (paper, _) in zip(values, rows, strict=True)],
                customdata=[
                    [paper, label, value] for value, (paper, _) in zip(values, rows, strict=True)
                ],
                marker_color=category_color(label),
                hovertemplate="%{y}<br>"
                + label
                + ": %{x:.0%} (%{customdata[2]} articles)<extra></extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        xaxis={"range": [0, 1.001], "tickformat": ".0%", "dtick": 0.25, "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
    )
    return figure


def history_figure(history: Mapping[date, Mapping[str, int]]) -> go.Figure:
    """Stacked bars of the category mix per day the articles were collected (``history[day]``)."""
    busy = [day for day, per_day in history.items() if any(per_day.values())]
    if not busy:
        return message_figure("Nothing collected in these days yet.")
    days = sorted(day for day in history if day >= min(busy))
    labels = category_order({label for day in days for label in history[day]})
    figure = go.Figure(layout=_plain_layout(), **_FAST)
    for label in labels:
        figure.add_trace(
            go.Bar(
                **_FAST,
                name=label,
                x=[day.isoformat() for day in days],
                y=[history[day].get(label, 0) for day in days],
                customdata=[["", label]] * len(days),
                marker_color=category_color(label),
                hovertemplate="%{x|%b %d}<br>" + label + ": %{y}<extra></extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        yaxis={"title": {"text": "articles collected"}, "automargin": True, "fixedrange": True},
        xaxis={"type": "date", "tickformat": "%b %d", "fixedrange": True, "automargin": True},
        margin={"l": 8, "r": 12, "t": 8, "b": 8},
    )
    return figure


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
