"""Figures show exactly the counts they are given, in the category colours."""

from __future__ import annotations

from datetime import date

from dashboard.colors import CATEGORY_COLORS, category_color, category_order
from dashboard.figures import (
    ALL_PAPERS,
    compare_figure,
    compare_height,
    confusion_figure,
    history_figure,
    probabilities_figure,
)

COUNTS = {"guardian": {"sport": 3, "other": 2, "tech": 1}, "skynews": {"politics": 4}}
NAMES = {"guardian": "The Guardian", "skynews": "Sky News"}


def test_compare_figure_shows_shares_per_paper_with_full_names_and_all_on_top() -> None:
    figure = compare_figure(COUNTS, NAMES)
    traces = {trace.name: trace for trace in figure.data}
    assert list(traces) == ["politics", "sport", "tech", "other"]
    assert list(traces["sport"].y) == [ALL_PAPERS, "The Guardian", "Sky News"]
    assert list(traces["sport"].x) == [0.3, 0.5, 0.0]
    assert list(traces["politics"].x) == [0.4, 0.0, 1.0]
    assert [row[:2] for row in traces["sport"].customdata] == [
        ["", "sport"],
        ["guardian", "sport"],
        ["skynews", "sport"],
    ]
    assert traces["other"].marker.color == CATEGORY_COLORS["other"]
    assert figure.layout.barmode == "stack" and not figure.layout.showlegend
    assert figure.layout.height == compare_height(2)


def test_empty_counts_give_a_message_not_a_blank_chart() -> None:
    figure = compare_figure({"guardian": {}}, NAMES)
    assert not figure.data
    assert "No articles" in figure.layout.annotations[0].text


def test_history_starts_at_first_day_with_data_and_stacks() -> None:
    history = {
        date(2026, 11, 20): {},
        date(2026, 11, 21): {"sport": 2},
        date(2026, 11, 22): {},
        date(2026, 11, 23): {"sport": 1, "tech": 5},
    }
    figure = history_figure(history)
    assert figure.layout.barmode == "stack"
    sport = next(trace for trace in figure.data if trace.name == "sport")
    assert list(sport.x) == ["2026-11-21", "2026-11-22", "2026-11-23"]
    assert list(sport.y) == [2, 0, 1]
    assert not history_figure({date(2026, 11, 20): {}}).data


def test_probabilities_figure_keeps_top_three_most_likely_on_top() -> None:
    bars = probabilities_figure(
        {"sport": 0.1, "tech": 0.5, "politics": 0.3, "business": 0.06, "entertainment": 0.04}
    ).data[0]
    assert list(bars.y) == ["sport", "politics", "tech"]


def test_confusion_figure_keeps_the_matrix() -> None:
    cells = confusion_figure(["a", "b"], [[5, 1], [0, 7]]).data[0]
    shown = dict(zip(zip(cells.y, cells.x, strict=True), cells.marker.color, strict=True))
    assert shown == {("a", "a"): 5, ("a", "b"): 1, ("b", "a"): 0, ("b", "b"): 7}


def test_category_order_puts_other_last_and_unknown_before_it() -> None:
    assert category_order({"other", "zzz", "tech", "business"}) == [
        "business",
        "tech",
        "zzz",
        "other",
    ]
    assert category_color("zzz") not in CATEGORY_COLORS.values()
