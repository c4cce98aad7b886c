"""Each newspaper shows when it was refreshed and a stale badge after an hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dashboard.freshness import ago, freshness_badges

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_ago_phrases() -> None:
    assert ago(timedelta(seconds=5)) == "just now"
    assert ago(timedelta(minutes=5)) == "5 min ago"
    assert ago(timedelta(hours=3)) == "3 h ago"
    assert ago(timedelta(days=2)) == "2 days ago"


def test_stale_after_an_hour_and_when_never_refreshed() -> None:
    refreshed = {"a": NOW - timedelta(minutes=59), "b": NOW - timedelta(minutes=61), "c": None}
    items = freshness_badges(["a", "b", "c"], {"a": "A"}, refreshed, NOW).children
    props = [item.to_plotly_json()["props"] for item in items]
    stale = {prop["data-paper"]: prop["data-stale"] for prop in props}
    assert stale == {"a": "false", "b": "true", "c": "true"}
    assert "never refreshed" in items[2].children[1]
