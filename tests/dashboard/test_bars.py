"""The main view's HTML charts: exact shares and counts, full names, filter links."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from plotly.utils import PlotlyJSONEncoder

from dashboard.colors import category_color
from dashboard.pages.main.bars import (
    ALL_PAPERS,
    filter_hash,
    parse_filter_hash,
    topic_days,
    topic_mix,
)

COUNTS = {"guardian": {"sport": 3, "other": 2, "tech": 1}, "skynews": {"politics": 4}}
NAMES = {"guardian": "The Guardian", "skynews": "Sky News"}


def _find(node: Any, css: str) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        props = node.get("props", {})
        if css in str(props.get("className", "")).split():
            found.append(props)
        for value in props.values():
            found += _find(value, css)
    elif isinstance(node, list):
        for item in node:
            found += _find(item, css)
    return found


def _plain(component: Any) -> Any:
    return json.loads(json.dumps(component, cls=PlotlyJSONEncoder))


def test_topic_mix_has_full_names_shares_counts_and_links() -> None:
    mix = _plain(topic_mix(COUNTS, NAMES))
    names = [props["children"] for props in _find(mix, "mix-name") if props.get("children")]
    assert names == [ALL_PAPERS, "The Guardian", "Sky News"]
    segments = _find(mix, "seg")
    guardian = {s["data-topic"]: s for s in segments if "#f=guardian:" in s["href"]}
    assert list(guardian) == ["sport", "tech", "other"]  # topic order, other last
    assert guardian["sport"]["style"]["width"] == "50.00%"
    assert guardian["sport"]["title"] == "The Guardian: sport 50% (3)"
    assert guardian["other"]["style"]["backgroundColor"] == category_color("other")
    everything = [s["title"] for s in segments if "#f=:" in s["href"]]
    assert everything == [
        "All selected: politics 40% (4)",
        "All selected: sport 30% (3)",
        "All selected: tech 10% (1)",
        "All selected: other 20% (2)",
    ]
    assert guardian["tech"]["href"] == filter_hash("guardian", "tech")


def test_filter_links_round_trip_and_other_hashes_are_ignored() -> None:
    assert parse_filter_hash(filter_hash("el pais", "sport")) == ("el pais", "sport")
    assert parse_filter_hash(filter_hash("", "tech")) == ("", "tech")
    assert parse_filter_hash("#page") is None and parse_filter_hash(None) is None


def test_topic_days_stack_per_day_from_the_first_busy_day() -> None:
    history = {
        date(2026, 11, 20): {},
        date(2026, 11, 21): {"sport": 2},
        date(2026, 11, 22): {},
        date(2026, 11, 23): {"sport": 1, "tech": 3},
    }
    chart = _plain(topic_days(history))
    days = _find(chart, "day")
    assert [day["title"] for day in days] == [
        "Nov 21: 2 articles",
        "Nov 22: 0 articles",
        "Nov 23: 4 articles",
    ]
    heights = [seg["style"]["height"] for seg in _find(chart, "seg")]
    assert heights == ["50.00%", "25.00%", "75.00%"]
    assert "Nothing collected" in json.dumps(_plain(topic_days({date(2026, 11, 20): {}})))


def test_empty_mix_says_so() -> None:
    assert "No articles" in json.dumps(_plain(topic_mix({"guardian": {}}, NAMES)))
