"""The committed model on real pages and a real feed of outlets no training data came from."""

from __future__ import annotations

from pathlib import Path

from bench.outlets import guardian_feed, third_outlet
from runtime.services import champion

SOURCES = Path(__file__).resolve().parents[2] / "scraper" / "sources.toml"


def test_guardian_feed_items_get_their_sections_topic_and_none_confidently_wrong(
    fixtures_dir: Path,
) -> None:
    measured = guardian_feed(champion(), fixtures_dir, SOURCES)
    lead, headline = measured["lead"], measured["headline"]
    assert lead["n"] == headline["n"] >= 30  # the items its section rules label
    assert lead["accuracy"] >= 0.55 and headline["accuracy"] >= 0.45
    assert lead["confidently_wrong"] <= 0.03 and headline["confidently_wrong"] <= 0.03
    assert lead["accuracy"] > headline["accuracy"]  # a summary sentence helps


def test_fixture_pages_full_text_beats_the_headline_and_none_confidently_wrong(
    fixtures_dir: Path,
) -> None:
    measured = third_outlet(champion(), fixtures_dir)
    assert measured["full"]["accuracy"] >= 0.65 > measured["headline"]["accuracy"] >= 0.45
    assert all(m["confidently_wrong"] <= 0.03 for m in measured.values())
