"""The time window every count, chart and table of the main view follows (``?window=``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import parse_qs

WINDOWS: dict[str, tuple[str, timedelta | None]] = {
    "24h": ("Last 24 hours", timedelta(hours=24)),
    "7d": ("Last 7 days", timedelta(days=7)),
    "30d": ("Last 30 days", timedelta(days=30)),
    "all": ("All time", None),
}
"""Window id → (label, length); ``all`` has no start."""

DEFAULT_WINDOW = "24h"
_PARAM = "window"


def parse_window(search: str | None, default: str = DEFAULT_WINDOW) -> str:
    """The window named in a URL query string, else ``default`` (unknown names too)."""
    query = parse_qs((search or "").lstrip("?"))
    value = (query.get(_PARAM) or [default])[0].strip()
    return value if value in WINDOWS else default


def window_start(window: str, now: datetime) -> datetime | None:
    """Where the window begins, to the whole minute (so a minute of requests shares a cache)."""
    length = WINDOWS.get(window, WINDOWS[DEFAULT_WINDOW])[1]
    if length is None:
        return None
    return (now - length).replace(second=0, microsecond=0)


def window_label(window: str) -> str:
    """The human name of a window ("Last 24 hours")."""
    return WINDOWS.get(window, WINDOWS[DEFAULT_WINDOW])[0]


def history_days(window: str) -> int:
    """How many days the trend chart covers in this window (at least a week, at most 30)."""
    length = WINDOWS.get(window, WINDOWS[DEFAULT_WINDOW])[1]
    return 30 if length is None else max(7, min(30, length.days))
