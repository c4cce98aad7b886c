"""Figures show exactly the counts they are given, in the category colours."""

from __future__ import annotations

from dashboard.colors import CATEGORY_COLORS, category_color, category_order
from dashboard.figures import confusion_figure, message_figure, probabilities_figure


def test_message_figure_shows_its_text() -> None:
    figure = message_figure("No articles yet.")
    assert not figure.data
    assert "No articles" in figure.layout.annotations[0].text


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
