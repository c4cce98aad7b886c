"""The common section vocabulary: raw section names of newspapers and archives → topics."""

from __future__ import annotations

import pytest

from scraper.vocabulary import normalise_section, section_topic


def test_spellings_of_one_name_are_one_name() -> None:
    names = ("Business & Economy", "business and economy", "BUSINESS_AND-ECONOMY")
    assert {normalise_section(name) for name in names} == {"business and economy"}


@pytest.mark.parametrize(
    ("section", "topic"),
    [
        ("/world/europe/", "world"),
        ("news/crime", "crime"),
        ("Armed conflicts and attacks", "world"),
        ("Law and crime", "crime"),
        ("Science and technology", "tech"),
        ("Health and environment", "health"),
    ],
)
def test_paths_and_headings_find_their_topic(section: str, topic: str) -> None:
    assert section_topic(section) == topic


@pytest.mark.parametrize(
    ("category", "topic"),
    [  # the News Category Dataset's names across 2012-2022, as an archive brings them
        ("WORLD NEWS", "world"),
        ("THE WORLDPOST", "world"),
        ("WORLDPOST", "world"),
        ("CRIME", "crime"),
        ("SCIENCE", "science"),
        ("GREEN", "science"),
        ("WELLNESS", "health"),
        ("ARTS & CULTURE", "entertainment"),
        ("CULTURE & ARTS", "entertainment"),
        ("COMEDY", "entertainment"),
        ("MONEY", "business"),
        ("HOME & LIVING", "other"),
        ("STYLE & BEAUTY", "other"),
        ("TRAVEL", "other"),
    ],
)
def test_news_category_dataset_sections_map_to_topics(category: str, topic: str) -> None:
    assert section_topic(category) == topic


@pytest.mark.parametrize(
    "mixed", ["U.S. NEWS", "WEIRD NEWS", "QUEER VOICES", "MEDIA", "IMPACT", "Opinion", ""]
)
def test_sections_that_mix_topics_teach_nothing(mixed: str) -> None:
    assert section_topic(mixed) is None
