"""How a label reads: 'unsure: best guess ...' under the cut, and a colour per topic."""

from __future__ import annotations

from dashboard.colors import CATEGORY_COLORS, OTHER, category_color
from dashboard.unsure import label_text


def test_an_other_under_the_cut_names_its_best_guess_and_the_cut() -> None:
    probabilities = {"politics": 0.81, "world": 0.15, "other": 0.04}
    text = label_text(OTHER, 0.81, probabilities, 0.85)
    assert text == "unsure: best guess politics (81%), below the 85% cut"
    assert label_text("politics", 0.9, probabilities, 0.85) == "politics 90%"
    assert label_text(OTHER, 0.0, probabilities, 0.85) == "other 0%"  # not English


def test_every_topic_has_its_own_colour_and_other_stays_grey() -> None:
    topics = ["business", "entertainment", "politics", "sport", "tech", "world", "crime"]
    colours = [category_color(t) for t in [*topics, "science", "health"]]
    assert len(set(colours)) == len(colours) and CATEGORY_COLORS[OTHER] not in colours
    assert category_color("weather") == category_color("weather") != category_color(OTHER)
