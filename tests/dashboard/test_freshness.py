"""Each newspaper shows how old its newest article is, and a stale badge after 6 hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dashboard.pages.main.freshness import ago, freshness_badges

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_ago_phrases() -> None:
    assert ago(timedelta(seconds=5)) == "just now"
    assert ago(timedelta(minutes=5)) == "5 min ago"
    assert ago(timedelta(hours=3)) == "3 h ago"
    assert ago(timedelta(days=2)) == "2 days ago"
    assert ago(timedelta(days=59)) == "59 days ago"
    assert ago(timedelta(days=60)) == "2 months ago"
    assert ago(timedelta(days=400)) == "1 year ago"
    assert ago(timedelta(days=4650)) == "12 years ago"  # the demo's 2014 headlines


def test_badge_judges_the_newest_article_not_the_last_refresh() -> None:
    newest = {"a": NOW - timedelta(hours=5), "b": NOW - timedelta(days=400), "c": None}
    refreshed = {"a": NOW - timedelta(days=2), "b": NOW - timedelta(minutes=1), "c": None}
    box = freshness_badges(["a", "b", "c"], {"a": "A"}, newest, refreshed, NOW)
    items = box.children[1].children
    props = [item.to_plotly_json()["props"] for item in items]
    stale = {prop["data-paper"]: prop["data-stale"] for prop in props}
    assert stale == {"a": "false", "b": "true", "c": "true"}
    assert "newest article 5 h ago, refreshed 2 days ago" in items[0].children[1]
    assert "refreshed 1 min ago" in items[1].children[1]
    assert "no articles, never refreshed" in items[2].children[1]
