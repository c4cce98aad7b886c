"""Validating archive lines: every field, one-line reasons, size caps, gzip."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from archive import MAX_LINE_BYTES, ArchiveError
from archive.lines import field_names, parse_line, read_lines
from runtime.services import sources_of
from scraper.sources import site_owner
from tests.archive.conftest import line, write_lines

TOPICS = ("business", "sport", "other")


def _parse(**fields: Any) -> Any:
    return parse_line(json.dumps(line(1, **fields)).encode(), TOPICS)


def test_a_good_line_is_parsed() -> None:
    article = _parse(topic="business", section=" Markets ", extra="ignored")
    assert article.url == "https://old.example/news/1" and article.newspaper == "oldpaper"
    assert article.published == datetime(2018, 4, 30, 9, tzinfo=UTC)
    assert (article.topic, article.section) == ("business", "Markets")


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("Wall Street Journal \\(blog\\)", "Wall Street Journal (blog)"),  # as in the UCI data
        ("StreetInsider.com \\(subscription\\)", "StreetInsider.com (subscription)"),
        ("Le Monde (English)", "Le Monde (English)"),
        ("AC\\DC Weekly", "AC\\DC Weekly"),  # a backslash before a letter is kept
    ],
)
def test_a_display_name_reads_without_regex_escapes(given: str, shown: str) -> None:
    assert _parse(source_name=given).source_name == shown


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2018-04-30", datetime(2018, 4, 30, tzinfo=UTC)),
        ("2018-04-30T11:00:00+02:00", datetime(2018, 4, 30, 9, tzinfo=UTC)),
        ("2018-04-30 09:00", datetime(2018, 4, 30, 9, tzinfo=UTC)),
    ],
)
def test_published_is_any_iso_8601_date_or_time(published: str, expected: datetime) -> None:
    assert _parse(published=published).published == expected


def test_a_news_category_dataset_line_is_read_with_its_own_field_names() -> None:
    raw = {  # as in the HuffPost News Category Dataset: no newspaper, no url, no title
        "link": "https://www.huffingtonpost.com/entry/merkel-coalition_us_5a9c",
        "headline": "Merkel Secures Fourth Term",
        "short_description": "Her party's coalition deal was approved.",
        "category": "WORLD NEWS",
        "authors": "AP",
        "date": "2018-03-04",
    }
    article = parse_line(json.dumps(raw).encode(), TOPICS)
    assert (article.url, article.title) == (raw["link"], raw["headline"])
    assert (article.summary, article.section) == (raw["short_description"], "WORLD NEWS")
    assert article.newspaper == "huffingtonpost-com"  # from the URL's host
    assert article.published == datetime(2018, 3, 4, tzinfo=UTC) and article.text == ""


def test_an_rss_item_line_is_read_with_its_pubdate() -> None:
    raw = {
        "title": "Ukraine war: Kyiv braced for assault",
        "link": "https://www.bbc.co.uk/news/world-europe-60641873",
        "description": "Russian forces advance on the capital.",
        "pubDate": "Mon, 07 Mar 2022 08:01:56 GMT",
        "newspaper": "bbc",
    }
    article = parse_line(json.dumps(raw).encode(), TOPICS)
    assert article.published == datetime(2022, 3, 7, 8, 1, 56, tzinfo=UTC)
    assert (article.newspaper, article.summary) == ("bbc", raw["description"])


def test_a_line_without_newspaper_or_a_url_with_a_host_says_which_is_missing() -> None:
    raw = {"link": "not a link", "headline": "A", "date": "2018-03-04"}
    with pytest.raises(ValueError, match=r"^newspaper: missing, and the url 'not a link' has no"):
        parse_line(json.dumps(raw).encode(), TOPICS)


def test_a_line_without_newspaper_belongs_to_the_configured_paper_whose_site_it_is_on() -> None:
    owner = site_owner(sources_of())
    raw = {"link": "https://www.bbc.co.uk/news/world-europe-60641873", "headline": "A",
           "pubDate": "Mon, 07 Mar 2022 08:01:56 GMT"}  # fmt: skip
    assert parse_line(json.dumps(raw).encode(), TOPICS, owner).newspaper == "bbc"
    assert parse_line(json.dumps(raw).encode(), TOPICS).newspaper == "bbc-co-uk"  # no owner
    elsewhere = {**raw, "link": "https://bbc.co.uk.example.net/news/world-1"}
    assert parse_line(json.dumps(elsewhere).encode(), TOPICS, owner).newspaper == (
        "bbc-co-uk-example-net"
    )
    given = {**raw, "newspaper": "oldpaper"}  # a line's own newspaper always wins
    assert parse_line(json.dumps(given).encode(), TOPICS, owner).newspaper == "oldpaper"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"url": None}, "url: Field required"),
        ({"title": "  "}, "title: String should have at least 1 character"),
        ({"text": 5}, "text: Input should be a valid string"),
        ({"published": "30/04/2018"}, "published: '30/04/2018' is not an ISO 8601 date"),
        ({"published": 1525000000}, "published: must be an ISO 8601 date or date-time string"),
        ({"newspaper": "Old Paper"}, "newspaper: String should match pattern"),
        ({"topic": "world"}, "topic: 'world' is not one of business, other, sport"),
        ({"section": "x" * 201}, "section: String should have at most 200 characters"),
    ],
)
def test_bad_fields_give_a_one_line_reason(fields: dict[str, Any], reason: str) -> None:
    with pytest.raises(ValueError, match="^" + reason.replace("(", r"\(")) as caught:
        _parse(**fields)
    assert "\n" not in str(caught.value)


def test_read_lines_numbers_good_and_bad_lines(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "a.jsonl",
        [line(1), "{not json", "", "[1, 2]", line(5, topic="nope"), line(6)],
    )
    read = [(x.number, x.article is not None, x.error) for x in read_lines(path, TOPICS)]
    assert read == [
        (1, True, None),
        (2, False, "not JSON (Expecting property name enclosed in double quotes at column 2)"),
        (4, False, "not a JSON object"),
        (5, False, "topic: 'nope' is not one of business, other, sport"),
        (6, True, None),
    ]


def test_gzip_and_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(b"\xef\xbb\xbf" + json.dumps(line(1)).encode() + b"\n"))
    [only] = read_lines(path, TOPICS)
    assert only.article is not None and only.offset == path.stat().st_size


def test_an_over_long_line_is_bad_and_reading_goes_on(tmp_path: Path) -> None:
    long = json.dumps(line(1, text="x" * (MAX_LINE_BYTES + 10)))
    path = write_lines(tmp_path / "a.jsonl", [long, line(2)])
    read = [(x.number, x.error) for x in read_lines(path, TOPICS)]
    assert read == [(1, f"longer than {MAX_LINE_BYTES:,} bytes"), (2, None)]


def test_files_that_cannot_be_read_are_archive_errors(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="cannot read"):
        list(read_lines(tmp_path / "missing.jsonl", TOPICS))
    fake = tmp_path / "a.jsonl.gz"
    fake.write_text(json.dumps(line(1)))
    with pytest.raises(ArchiveError, match="not a gzip file"):
        list(read_lines(fake, TOPICS))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(json.dumps(line(1)).encode() * 50)[:-30])
    with pytest.raises(ArchiveError, match="damaged"):
        list(read_lines(cut, TOPICS))


def test_the_file_size_cap_stops_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("archive.lines.MAX_FILE_BYTES", 500)
    path = write_lines(tmp_path / "a.jsonl", [line(n) for n in range(10)])
    read = []
    with pytest.raises(ArchiveError, match="stopped after line 3: more than 500 bytes"):
        read.extend(read_lines(path, TOPICS))
    assert [x.number for x in read] == [1, 2, 3]


def test_field_names_are_every_name_a_line_may_use() -> None:
    assert field_names("published") == {"published", "date", "pubDate"}
    assert {"url", "link", "headline", "short_description", "category"} <= field_names()
