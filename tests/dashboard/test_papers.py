"""The ``?papers=`` URL state round-trips and ignores unknown newspapers."""

from __future__ import annotations

from dashboard.pages.main.papers import default_selection, papers_search, parse_papers

KNOWN = ["elpais", "guardian", "skynews", "bbc"]


def test_round_trip() -> None:
    for selection in (["guardian", "skynews"], ["bbc"], [], ["skynews", "elpais", "bbc"]):
        assert parse_papers(papers_search(selection), KNOWN) == selection


def test_search_is_readable() -> None:
    assert papers_search(["guardian", "skynews"]) == "?papers=guardian,skynews"


def test_missing_parameter_means_defaults() -> None:
    assert parse_papers("", KNOWN) == ["elpais", "guardian", "skynews"]
    assert parse_papers(None, KNOWN) == ["elpais", "guardian", "skynews"]
    assert parse_papers("?other=1", KNOWN) == ["elpais", "guardian", "skynews"]


def test_unknown_and_duplicate_ids_are_dropped() -> None:
    assert parse_papers("?papers=bbc,nope,bbc,<x>,guardian", KNOWN) == ["bbc", "guardian"]


def test_defaults_fall_back_to_first_three_configured() -> None:
    assert default_selection(["a", "b", "c", "d"]) == ["a", "b", "c"]
    assert default_selection(["x", "guardian"]) == ["guardian"]
