"""Loading and validating sources.toml and NEWS_SOURCES."""

from __future__ import annotations

from pathlib import Path

import pytest

from runtime.services import sources_of
from scraper import SourcesError, load_sources
from tests.scraper.conftest import REQUIRED_PAPERS

_VALID = """
[defaults]
limit = 7

[[source]]
id = "one"
name = "One"
homepage = "https://one.example/"
feeds = ["https://one.example/rss"]
exclude = ["/video/"]

[[source]]
id = "two"
name = "Two"
homepage = "https://two.example/"
feeds = []
link_pattern = "/news/"
include = ["^https://two\\\\.example/"]
limit = 3
"""


def test_shipped_sources_cover_the_required_newspapers() -> None:
    sources = load_sources(Path(__file__).resolve().parents[2] / "scraper" / "sources.toml")
    names = {s.name for s in sources}
    assert len(sources) >= 8
    assert set(REQUIRED_PAPERS) <= names
    assert all(s.feeds and s.limit == 20 for s in sources)
    bbc = next(s for s in sources if s.id == "bbc")
    assert not bbc.wants("https://www.bbc.co.uk/news/av/world-123")
    assert not bbc.wants("https://www.bbc.co.uk/news/live/uk-123")
    assert bbc.wants("https://www.bbc.co.uk/news/articles/c0abc")


def test_news_sources_replaces_the_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(_VALID, encoding="utf-8")
    monkeypatch.setenv("NEWS_SOURCES", str(path))
    one, two = sources_of()
    assert (one.id, one.limit, two.limit) == ("one", 7, 3)
    assert one.wants("https://one.example/a") and not one.wants("https://one.example/video/a")
    assert two.link_pattern is not None and two.feeds == ()
    assert not two.wants("https://elsewhere.example/news/a")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[source]]\nid = 'x'\nname = \n", "line 3"),
        (_VALID.replace('id = "two"', 'id = "one"'), "line 12 (source #2): duplicate id 'one'"),
        (
            _VALID.replace('feeds = ["https://one.example/rss"]', 'feeds = ["ftp://one/rss"]'),
            "line 5 (source #1) 'one': field 'feeds' has 'ftp://one/rss', not an http(s) URL",
        ),
        (_VALID.replace("limit = 3", 'limit = "3"'), "field 'limit' must be a non-negative int"),
        (_VALID.replace('exclude = ["/video/"]', 'exclude = ["(unclosed"]'), "bad pattern"),
        (
            _VALID.replace('name = "Two"', 'nmae = "Two"'),
            "line 12 (source #2): unknown field 'nmae'",
        ),
        (_VALID.replace('link_pattern = "/news/"', ""), "field 'feeds' is empty"),
        ("[defaults]\nlimit = 3\n", "no [[source]] entries"),
    ],
)
def test_malformed_files_name_the_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="cannot read the sources file"):
        load_sources(tmp_path / "absent.toml")
