"""GET /api/v1/stories gives the dashboard's top stories; /api/v1/docs documents the API."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient

from runtime.services import store_of
from tests.dashboard.seed import seed


def test_stories_of_the_window_with_covering_and_missing_papers(
    client: FlaskClient, api_env: Path
) -> None:
    seed(store_of(), ["guardian", "bbc", "skynews"], 60)
    body = client.get(
        "/api/v1/stories?newspaper=guardian&newspaper=bbc&newspaper=mirror"
    ).get_json()
    assert body["window"] == "24h" and body["since"].endswith("Z")
    assert body["stories"], body
    first = body["stories"][0]
    assert set(first["newspapers"]) == {"guardian", "bbc"}
    assert first["missing"] == ["mirror"]
    assert {"headline", "url", "topic", "articles", "latest"} <= set(first)
    assert all("text" not in article for article in first["articles"])


def test_stories_reject_bad_windows_and_parameters(client: FlaskClient, api_env: Path) -> None:
    assert client.get("/api/v1/stories?window=1y").status_code == 400
    assert client.get("/api/v1/stories?limit=0").status_code == 400
    assert client.get("/api/v1/stories?newspaper=nope").status_code == 404
    assert client.get("/api/v1/stories?page=2").status_code == 400
    empty = client.get("/api/v1/stories?window=all").get_json()
    assert empty["stories"] == [] and empty["since"] is None


def test_api_docs_are_an_html_page_served_offline(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "/api/v1/docs/static/swagger-ui-bundle.js" in html and "http" not in html.split(
        "<body>"
    )[1].replace("/api/v1/openapi.json", "")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    bundle = client.get("/api/v1/docs/static/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.get_data()) > 100_000
    assert client.get("/api/v1/docs/static/../openapi.py").status_code == 404
    assert client.get("/api/v1/docs/static/index.html").status_code == 404
    assert "/api/v1/stories" in client.get("/api/v1/openapi.json").get_json()["paths"]


def test_stories_default_to_every_newspaper_archive_only_ones_too(
    client: FlaskClient, api_env: Path
) -> None:
    seed(store_of(), ["wdrb", "valuewalk"], 40)  # imported, not in the sources file
    body = client.get("/api/v1/stories").get_json()
    assert body["newspapers"][-2:] == ["valuewalk", "wdrb"]
    assert body["stories"] and set(body["stories"][0]["newspapers"]) == {"valuewalk", "wdrb"}
