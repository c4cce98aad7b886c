"""POST /api/v1/articles/{id}/correction: stored with the corrected model version, validated."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from api.limits import CORRECTION_LIMIT
from runtime.services import store_of
from settings import get_settings
from store import ArticleRecord
from tests.api.conftest import AppFactory

URL = "/api/v1/articles/{}/correction"
TOKEN = "token-for-corrections"


@pytest.fixture(autouse=True)
def open_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Anyone may correct (CORRECTIONS=open) unless a test says otherwise."""
    monkeypatch.setenv("CORRECTIONS", "open")


def _app_in_mode(make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, mode: str) -> FlaskClient:
    monkeypatch.setenv("CORRECTIONS", mode)
    monkeypatch.setenv("API_TOKEN", TOKEN)
    return make_app().test_client()


def test_corrections_switched_off_are_refused_with_the_reason(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, seeded: list[ArticleRecord]
) -> None:
    client = _app_in_mode(make_app, monkeypatch, "off")
    response = client.post(URL.format(_first_id(seeded)), json={"label": "politics"})
    assert response.status_code == 403
    assert "switched off" in response.get_json()["error"]["message"]
    assert store_of().corrections() == []


def test_the_default_token_mode_needs_the_token_and_records_its_holder(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, seeded: list[ArticleRecord]
) -> None:
    client = _app_in_mode(make_app, monkeypatch, "token")
    monkeypatch.delenv("CORRECTIONS")
    assert get_settings().corrections == "token"  # the default
    url, body = URL.format(_first_id(seeded)), {"label": "politics"}
    anonymous = client.post(url, json=body)
    assert anonymous.status_code == 401 and "API token" in anonymous.get_json()["error"]["message"]
    wrong = client.post(url, json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    held = client.post(url, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert held.status_code == 201
    [stored] = store_of().corrections()
    assert stored.label == "politics"


def test_in_open_mode_one_client_counts_once_and_cannot_outvote_two_others(
    client: FlaskClient, seeded: list[ArticleRecord]
) -> None:
    url = URL.format(_first_id(seeded))
    for _ in range(3):  # one client insisting
        client.post(url, json={"label": "politics"}, environ_base={"REMOTE_ADDR": "10.0.0.1"})
    for address in ("10.0.0.2", "10.0.0.3"):
        client.post(url, json={"label": "sport"}, environ_base={"REMOTE_ADDR": address})
    [stored] = store_of().corrections()
    assert stored.label == "sport"


@pytest.fixture
def db_url(store_url: str) -> str:
    """These tests run on SQLite and on PostgreSQL."""
    return store_url


def _first_id(seeded: list[ArticleRecord]) -> int:
    return store_of().articles().items[-1].id


def test_a_correction_is_stored_with_the_model_version_it_corrects(
    client: FlaskClient, seeded: list[ArticleRecord]
) -> None:
    article_id = _first_id(seeded)
    response = client.post(URL.format(article_id), json={"label": "politics"})
    assert response.status_code == 201, response.get_json()
    correction = response.get_json()["correction"]
    assert correction["article_id"] == article_id and correction["label"] == "politics"
    assert correction["model_version"] == "test-model"  # the label the reader saw
    assert correction["created_at"].endswith("Z")
    [stored] = store_of().corrections()
    assert (stored.article_id, stored.label) == (article_id, "politics")


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"label": "weather"}, 400, '"label" must be one of: business, entertainment'),
        ({"label": 3}, 400, '"label" must be one of'),
        ({}, 400, '"label" must be one of'),
        ({"label": "sport", "why": "x"}, 400, "unknown field(s): 'why'"),
        ([1], 400, "must be a JSON object"),
    ],
)
def test_bad_bodies_are_400(
    client: FlaskClient,
    seeded: list[ArticleRecord],
    body: object,
    status: int,
    message: str,
) -> None:
    response = client.post(URL.format(_first_id(seeded)), json=body)
    assert response.status_code == status
    assert message in response.get_json()["error"]["message"]
    assert store_of().corrections() == []


def test_not_json_is_415(client: FlaskClient, seeded: list[ArticleRecord]) -> None:
    response = client.post(URL.format(_first_id(seeded)), data="label=sport")
    assert response.status_code == 415


@pytest.mark.parametrize("article_id", ["999999", str(2**40), "-1", "abc"])
def test_unknown_articles_are_404(
    client: FlaskClient, seeded: list[ArticleRecord], article_id: str
) -> None:
    response = client.post(URL.format(article_id), json={"label": "sport"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_corrections_are_rate_limited(client: FlaskClient, seeded: list[ArticleRecord]) -> None:
    allowed = int(CORRECTION_LIMIT.split()[0])
    url = URL.format(_first_id(seeded))
    statuses = [client.post(url, json={"label": "tech"}).status_code for _ in range(allowed + 1)]
    assert statuses == [201] * allowed + [429]
    assert len(store_of().corrections()) == 1  # the newest correction per article counts


def test_the_openapi_document_describes_corrections(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/api/v1/articles/{article_id}/correction"]["post"]
    assert set(operation["responses"]) >= {"201", "400", "404", "429"}
    schema = document["components"]["schemas"]["CorrectionRequest"]
    assert "other" in schema["properties"]["label"]["enum"]
