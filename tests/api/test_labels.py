"""Newspaper labels in the API: article objects, the CSV export, archive-only newspapers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from runtime.services import store_of
from tests.api.conftest import article


@pytest.fixture
def labelled(api_env: Path) -> None:
    """A Guardian article with its section, and one of an archive-only newspaper."""
    store = store_of()
    refresh = store.start_refresh(["guardian"])
    store.save_source_result(
        refresh,
        "guardian",
        [article(1, section="business", section_label="business", coverage=0.75, language="en")],
    )
    store.save_archive([article(2, "huffpost", section="travel", section_label="other")])


def test_articles_carry_the_newspapers_section_and_label(
    client: FlaskClient, labelled: None
) -> None:
    body = client.get("/api/v1/articles?newspaper=guardian").get_json()
    [item] = body["articles"]
    assert (item["section"], item["section_label"]) == ("business", "business")
    assert (item["coverage"], item["language"]) == (0.75, "en")


def test_the_csv_export_has_section_columns(client: FlaskClient, labelled: None) -> None:
    response = client.get("/api/v1/articles.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {(r["newspaper"], r["section"], r["section_label"]) for r in rows} == {
        ("guardian", "business", "business"),
        ("huffpost", "travel", "other"),
    }


def test_archive_only_newspapers_are_listed_by_id_and_filterable(
    client: FlaskClient, labelled: None
) -> None:
    papers = client.get("/api/v1/newspapers").get_json()["newspapers"]
    huffpost = [p for p in papers if p["id"] == "huffpost"]
    assert huffpost == [
        {"id": "huffpost", "name": "huffpost", "homepage": None, "archive_only": True}
    ]
    assert papers[-1]["id"] == "huffpost"  # after the configured ones
    body = client.get("/api/v1/articles?newspaper=huffpost").get_json()
    assert [a["section_label"] for a in body["articles"]] == ["other"]
    assert client.get("/api/v1/articles?newspaper=nosuchpaper").status_code == 404
