"""Foreign places from the countryinfo gazetteer, cleaned the way the model reads them."""

from __future__ import annotations

import pytest

from classifier.places import foreign_place_names, place_terms
from classifier.text import TextCleaner


@pytest.fixture(scope="module")
def terms() -> frozenset[str]:
    return place_terms(TextCleaner().fit([]).transform(foreign_place_names()))


def test_names_capitals_and_demonyms_of_foreign_countries_are_places(
    terms: frozenset[str],
) -> None:
    assert {"france", "paris", "french", "ukraine", "kyiv", "israeli", "saudi arabia"} <= terms
    assert {"hong kong", "burma", "pyongyang", "north korea", "korean"} <= terms


def test_home_countries_and_ambiguous_names_are_not_world(terms: frozenset[str]) -> None:
    home = {"american", "america", "british", "britain", "london", "washington", "scottish"}
    assert not home & terms
    assert "georgia" not in terms  # in US news mostly the state
    assert not {"new", "south", "island", "republic", "city"} & terms


def test_small_territories_are_left_out_and_a_home_can_be_chosen() -> None:
    names = foreign_place_names()
    assert "Christmas Island" not in names and "France" in names
    assert "United States" in foreign_place_names(home=("GB",))
    assert "United Kingdom" not in names
