"""GET /healthz and the token rules of POST /refresh."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from runtime.services import champion
from tests.api.conftest import AppFactory

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def token_client(make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    """A client of a server whose API_TOKEN is set."""
    monkeypatch.setenv("API_TOKEN", TOKEN)
    return make_app().test_client()


def test_healthz_ok(client: FlaskClient) -> None:
    response = client.get("/api/v1/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["checks"] == {"store": "ok", "model": "ok"}
    assert body["model_version"] == champion().version


def test_healthz_503_when_store_unreachable(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = make_app().test_client().get("/api/v1/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable"
    assert body["error"]["code"] == "unavailable"
    assert body["checks"]["model"] == "ok" and body["checks"]["store"] != "ok"


def test_healthz_503_when_model_missing(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, api_env: object, tmp_path: object
) -> None:
    monkeypatch.setenv("MODEL_DIR", str(tmp_path))
    response = make_app().test_client().get("/api/v1/healthz")
    assert response.status_code == 503
    checks = response.get_json()["checks"]
    assert checks["store"] == "ok" and checks["model"] != "ok"


def test_refresh_disabled_without_token(client: FlaskClient) -> None:
    response = client.post("/api/v1/refresh", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert "API_TOKEN" in response.get_json()["error"]["message"]


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", f"Basic {TOKEN}", "Bearer wrong", f"Bearer {TOKEN}x"],
)
def test_refresh_rejects_missing_or_wrong_token(
    token_client: FlaskClient, header: str | None
) -> None:
    headers = {"Authorization": header} if header is not None else {}
    response = token_client.post("/api/v1/refresh", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"sources": "bbc"}, 400),
        ({"sources": []}, 400),
        ({"sources": ["nope"]}, 404),
        ({"papers": ["bbc"]}, 400),
        ([1], 400),
    ],
)
def test_refresh_validates_body_after_auth(
    token_client: FlaskClient, body: object, status: int
) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = token_client.post("/api/v1/refresh", json=body, headers=auth)
    assert response.status_code == status
    assert response.get_json()["error"]["message"]
