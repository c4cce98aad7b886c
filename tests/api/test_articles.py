"""Article listing, filters, cursor pagination and the CSV export against a real SQLite store."""

from __future__ import annotations

import csv
import io

import pytest
from flask.testing import FlaskClient

from store import ArticleRecord
from tests.api.conftest import HOSTILE_TITLE


@pytest.fixture
def db_url(store_url: str) -> str:
    """These tests run on SQLite and on PostgreSQL."""
    return store_url


def test_newspapers_lists_configured_sources(client: FlaskClient) -> None:
    response = client.get("/api/v1/newspapers")
    assert response.status_code == 200
    papers = response.get_json()["newspapers"]
    ids = [paper["id"] for paper in papers]
    assert "guardian" in ids and "bbc" in ids
    assert all(set(paper) == {"id", "name", "homepage", "archive_only"} for paper in papers)
    assert not any(paper["archive_only"] for paper in papers)


def test_articles_newest_first_with_cursor_pages(
    client: FlaskClient, seeded: list[ArticleRecord]
) -> None:
    seen: list[str] = []
    url = "/api/v1/articles?newspaper=guardian&limit=5"
    cursor = None
    for _ in range(10):
        response = client.get(url + (f"&cursor={cursor}" if cursor else ""))
        assert response.status_code == 200
        body = response.get_json()
        seen += [item["url"] for item in body["articles"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    expected = sorted(
        (r for r in seeded if r.source_id == "guardian"), key=lambda r: r.published, reverse=True
    )
    assert seen == [record.url for record in expected]


def test_articles_filters(client: FlaskClient, seeded: list[ArticleRecord]) -> None:
    body = client.get(
        "/api/v1/articles?newspaper=guardian&category=sport&min_confidence=0.75"
        "&since=2024-05-01T02:00:00Z&until=2024-05-01T11:00:00%2B00:00"
    ).get_json()
    got = {item["url"] for item in body["articles"]}
    want = {
        r.url
        for r in seeded
        if r.source_id == "guardian"
        and r.label == "sport"
        and r.confidence >= 0.75
        and r.published is not None
        and 2 <= r.published.hour < 11
    }
    assert got == want and want
    item = body["articles"][0]
    assert item["newspaper"] == "guardian" and item["category"] == "sport"
    assert "text" not in item
    assert item["published"].endswith("Z")


def test_several_newspapers_and_date_only(client: FlaskClient, seeded: list[ArticleRecord]) -> None:
    body = client.get("/api/v1/articles?newspaper=bbc&newspaper=guardian&limit=500").get_json()
    assert len(body["articles"]) == len(seeded)
    assert body["next_cursor"] is None
    assert client.get("/api/v1/articles?since=2030-01-01").get_json()["articles"] == []


def test_empty_interval_is_empty_not_an_error(
    client: FlaskClient, seeded: list[ArticleRecord]
) -> None:
    response = client.get("/api/v1/articles?since=2024-05-02&until=2024-05-01")
    assert response.status_code == 200
    assert response.get_json() == {"articles": [], "next_cursor": None}


def test_csv_streams_every_article_with_formulas_neutralised(
    client: FlaskClient, seeded: list[ArticleRecord]
) -> None:
    response = client.get("/api/v1/articles.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == len(seeded)
    hostile = next(row for row in rows if row["title"].endswith('"click")'))
    assert hostile["title"] == "'" + HOSTILE_TITLE
    assert hostile["summary"] == "'@SUM(A1:A2)"
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@"))


def test_csv_filters(client: FlaskClient, seeded: list[ArticleRecord]) -> None:
    text = client.get("/api/v1/articles.csv?newspaper=bbc").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["newspaper"] for row in rows} == {"bbc"}
    assert len(rows) == 3
