"""When each newspaper was last refreshed, as badges that flag stale data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

STALE_AFTER = timedelta(hours=1)
"""Articles older than this since the last refresh get a "stale" badge."""


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
    return f"{days} day{'s' if days > 1 else ''} ago"


def _data(paper: str, stale: bool) -> dict[str, Any]:
    return {"data-paper": paper, "data-stale": "true" if stale else "false"}


def freshness_badges(
    papers: Sequence[str],
    names: Mapping[str, str],
    refreshed: Mapping[str, datetime | None],
    now: datetime,
) -> html.Ul:
    """One line per selected newspaper: its name, when it was refreshed, and a stale badge."""
    items = []
    for paper in papers:
        when = refreshed.get(paper)
        stale = when is None or now - when > STALE_AFTER
        text = f"refreshed {ago(now - when)}" if when else "never refreshed"
        badge = dbc.Badge(
            "stale" if stale else "fresh",
            color="warning" if stale else "success",
            text_color="dark" if stale else None,
            className="ms-1",
            title="Older than an hour: press Refresh" if stale else "Refreshed within the hour",
        )
        items.append(
            html.Li(
                [html.Strong(names.get(paper, paper)), f" · {text}", badge],
                className="list-inline-item me-3",
                **_data(paper, stale),
            )
        )
    return html.Ul(items, className="list-inline freshness small mb-0")
