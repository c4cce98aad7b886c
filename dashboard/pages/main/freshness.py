"""When each newspaper was last refreshed, as badges that flag stale data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from dash import html

STALE_AFTER = timedelta(hours=6)
"""A newspaper whose newest stored article is older than this gets a "stale" badge."""


def ago(delta: timedelta) -> str:
    """A short human phrase for how long ago something happened ("5 min ago")."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    days = seconds // 86400
    if days < 60:
        return f"{days} day{'s' if days > 1 else ''} ago"
    if days < 365:
        return f"{days // 30} months ago"
    years = days // 365
    return f"{years} year{'s' if years > 1 else ''} ago"


def _data(paper: str, stale: bool) -> dict[str, Any]:
    return {"data-paper": paper, "data-stale": "true" if stale else "false"}


def freshness_badges(
    papers: Sequence[str],
    names: Mapping[str, str],
    newest: Mapping[str, datetime | None],
    refreshed: Mapping[str, datetime | None],
    now: datetime,
) -> html.Details:
    """One line per newspaper: how old its newest article is, when it was refreshed, a badge.

    The badge judges the newest *article*: a paper refreshed a minute ago whose articles are
    all days old is stale.
    """
    items = []
    stale_count = 0
    for paper in papers:
        latest, when = newest.get(paper), refreshed.get(paper)
        stale = latest is None or now - latest > STALE_AFTER
        text = f"newest article {ago(now - latest)}" if latest else "no articles"
        text += f", refreshed {ago(now - when)}" if when else ", never refreshed"
        stale_count += stale
        badge = html.Span(
            "stale" if stale else "fresh",
            className="badge ms-1 " + ("bg-warning text-dark" if stale else "bg-success"),
            title="Its newest article is over 6 hours old"
            if stale
            else "Its newest article is under 6 hours old",
        )
        items.append(
            html.Li(
                [html.Strong(names.get(paper, paper)), f" · {text}", badge],
                className="list-inline-item me-3",
                **_data(paper, stale),
            )
        )
    fresh = len(items) - stale_count
    summary = f"Freshness: {fresh} of {len(items)} newspapers have an article from the last 6 hours"
    return html.Details(
        [
            html.Summary(summary, className="small"),
            html.Ul(items, className="list-inline freshness small mb-0"),
        ],
        open=len(items) <= 3,
    )
