"""The main view's charts as plain HTML: shares per paper and topics per day, never overlapping.

Every bar segment is a link to ``#f=<paper>:<topic>`` (a legend topic to ``#t=<topic>``); the
main view reads that hash as a table filter, so charts filter with a click, a tap or the
keyboard. No chart library is loaded on the main page (plotly.js stays on the classify and
model pages).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import quote, unquote

from dash import html

from dashboard.colors import category_color, category_order

ALL_PAPERS = "All selected"
"""The first row of the topic mix: every selected newspaper together."""

_HASH = "#f="
_TOPIC_HASH = "#t="
_HIDDEN: dict[str, Any] = {"aria-hidden": "true"}


def _attrs(values: dict[str, Any]) -> dict[str, Any]:
    return values


def filter_hash(paper: str, topic: str) -> str:
    """The link of one bar segment: the table filter it sets."""
    return f"{_HASH}{quote(paper)}:{quote(topic)}"


def topic_hash(topic: str) -> str:
    """The link of one legend topic: a table filter by topic that keeps the paper filter."""
    return f"{_TOPIC_HASH}{quote(topic)}"


def parse_filter_hash(value: str | None) -> tuple[str, str] | None:
    """``(paper, topic)`` from a segment link (``paper`` may be ""); None for other hashes."""
    if not value or not value.startswith(_HASH) or ":" not in value:
        return None
    paper, topic = value[len(_HASH) :].split(":", 1)
    return unquote(paper), unquote(topic)


def _segment(paper: str, topic: str, share: float, title: str) -> html.A:
    return html.A(
        href=filter_hash(paper, topic),
        className="seg",
        title=title,
        style={"width": f"{share * 100:.2f}%", "backgroundColor": category_color(topic)},
        **_attrs({"data-topic": topic}),
    )


def message(text: str) -> html.P:
    """What a chart says when it has nothing to draw."""
    return html.P(text, className="chart-message text-muted")


def topic_mix(counts: Mapping[str, Mapping[str, int]], names: Mapping[str, str]) -> html.Div:
    """Each newspaper's topic mix as shares (full names, one row each), all papers on top."""
    labels = category_order({label for per_paper in counts.values() for label in per_paper})
    papers = [paper for paper in counts if sum(counts[paper].values())]
    if not labels or not papers:
        return html.Div(message("No articles from these newspapers in this time window."))
    everything = {label: sum(per.get(label, 0) for per in counts.values()) for label in labels}
    rows = [("", ALL_PAPERS, everything)] + [
        (paper, names.get(paper, paper), counts[paper]) for paper in papers
    ]
    children: list[Any] = []
    for paper, name, per in rows:
        total = sum(per.values()) or 1
        segments = [
            _segment(
                paper,
                label,
                per.get(label, 0) / total,
                f"{name}: {label} {per.get(label, 0) / total:.0%} ({per.get(label, 0)})",
            )
            for label in labels
            if per.get(label, 0)
        ]
        count = sum(per.values())
        children.append(
            html.Div(
                [
                    html.Span(name, className="mix-name"),
                    html.Div(segments, className="mix-bar"),
                    html.Span(
                        f"{count:,}", className="mix-count", title=f"{count:,} articles ({name})"
                    ),
                ],
                className="mix-row" + (" mix-all" if not paper else ""),
            )
        )
    axis = html.Div(
        [
            html.Span(className="mix-name"),
            html.Div([html.Span(t) for t in _TICKS], className="mix-axis"),
            html.Span("articles", className="mix-count"),
        ],
        className="mix-row",
        **_HIDDEN,
    )
    return html.Div([*children, axis], className="mix")


_TICKS = ("0%", "25%", "50%", "75%", "100%")


def _day(day: date) -> str:
    return day.strftime("%b %d").replace(" 0", " ")


def topic_days(history: Mapping[date, Mapping[str, int]]) -> html.Div:
    """Stacked columns of topics per day the articles were collected (oldest left)."""
    busy = [day for day, per_day in history.items() if any(per_day.values())]
    if not busy:
        return html.Div(message("Nothing collected in these days yet."))
    days = sorted(day for day in history if day >= min(busy))
    labels = category_order({label for day in days for label in history[day]})
    peak = max(sum(history[day].values()) for day in days) or 1
    columns = []
    for day in days:
        per = history[day]
        total = sum(per.values())
        segments = [
            html.A(
                href=filter_hash("", label),
                className="seg",
                title=f"{_day(day)}: {label} {per[label]} of {total}",
                style={
                    "height": f"{per[label] / peak * 100:.2f}%",
                    "backgroundColor": category_color(label),
                },
                **_attrs({"data-topic": label}),
            )
            for label in labels
            if per.get(label)
        ]
        columns.append(html.Div(segments, className="day", title=f"{_day(day)}: {total} articles"))
    shown = _labelled(days)
    axis = [html.Span(_day(day) if day in shown else "", className="day-label") for day in days]
    return html.Div(
        [
            html.Div(f"{peak} articles", className="days-peak small text-muted"),
            html.Div(columns, className="days"),
            html.Div(axis, className="days-axis", **_HIDDEN),
        ],
        className="days-chart",
    )


def _labelled(days: Sequence[date]) -> set[date]:
    # First, middle and last day only: three labels never collide, even on a phone.
    if len(days) <= 3:
        return set(days)
    return {days[0], days[len(days) // 2], days[-1]}
