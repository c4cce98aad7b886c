"""Labelled outlets: headline-length views, section mapping, a clear error for missing files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from classifier.errors import CorpusError
from learning.outlets import (
    FILES,
    FULL,
    HEADLINE,
    HUFFPOST,
    LEAD,
    article_views,
    dated_groups,
    first_sentence,
    huffpost_views,
    read_outlets,
)


def test_an_article_gives_full_headline_and_lead_views_with_one_group() -> None:
    views = article_views(
        "Rates rise", "The bank raised rates. Markets fell.", "business", "x", "g"
    )
    assert [(v.kind, v.text) for v in views] == [
        (FULL, "Rates rise\nThe bank raised rates. Markets fell."),
        (HEADLINE, "Rates rise"),
        (LEAD, "Rates rise. The bank raised rates."),
    ]
    assert {v.group for v in views} == {"g"}
    assert [v.kind for v in article_views("Only a headline", "", "tech", "x", "h")] == [HEADLINE]
    assert first_sentence("Talks failed in 2024.  Envoys left.") == "Talks failed in 2024."
    assert first_sentence("One sentence only") == "One sentence only"


def test_huffpost_sections_map_to_topics_and_mixed_sections_are_dropped(tmp_path: Path) -> None:
    rows = [
        {"category": "WORLD NEWS", "headline": "Talks fail", "short_description": "Envoys left."},
        {"category": "CRIME", "headline": "Man held", "short_description": ""},
        {"category": "QUEER VOICES", "headline": "A voice", "short_description": "Mixed."},
    ]
    path = tmp_path / "h.jsonl.gz"
    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    views = huffpost_views(path)
    assert {(v.label, v.kind) for v in views} == {
        ("world", FULL), ("world", HEADLINE), ("world", LEAD), ("crime", HEADLINE)
    }  # fmt: skip


def test_dated_groups_date_the_groups_the_views_carry(tmp_path: Path) -> None:
    rows = [
        {"category": "POLITICS", "headline": "Vote today", "date": "2018-05-02"},
        {"category": "QUEER VOICES", "headline": "A voice", "date": "2018-05-01"},
        {"category": "CRIME", "headline": "Man held", "date": "2018-04-30"},
    ]
    path = tmp_path / FILES[HUFFPOST]
    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    dates = dated_groups(tmp_path, HUFFPOST)
    assert {v.group: dates[v.group] for v in huffpost_views(path)} == {
        "huffpost:0": "2018-05-02", "huffpost:2": "2018-04-30"
    }  # fmt: skip


def test_missing_training_data_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as caught:
        read_outlets(tmp_path)
    message = str(caught.value)
    assert "\n" not in message and "bbc-fulltext.zip" in message and "NEWS_DATA_DIR" in message


def test_make_model_without_the_data_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from runtime.__main__ import main

    args = ["model", "--data-dir", str(tmp_path), "--model-dir", str(tmp_path / "out")]
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: training data missing in") and "\n" not in err
    assert not (tmp_path / "out").exists()
