"""Security headers, the request size limit and rate limits (memory and Redis storage)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
from dash import Dash, dcc, html
from flask.testing import FlaskClient

from api import MAX_BODY_BYTES, init_app
from api.limits import CLASSIFY_LIMIT, REFRESH_LIMIT
from runtime.services import build_services
from tests.api.conftest import AppFactory
from tests.conftest import REPO, require


def _limit_count(limit: str) -> int:
    return int(limit.split()[0])


def test_api_responses_carry_security_headers(client: FlaskClient) -> None:
    for path in ("/api/v1/newspapers", "/api/v1/nope"):
        headers = client.get(path).headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_dash_pages_get_a_csp_with_their_inline_script_hashes(api_env: object) -> None:
    dash_app = Dash(__name__)
    dash_app.layout = html.Div([dcc.Graph(id="g"), html.P("hello")])
    init_app(dash_app.server, dash_app, services=build_services())
    response = dash_app.server.test_client().get("/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    for digest in dash_app.csp_hashes():
        assert digest.startswith("'sha256-") and digest in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # Dash's own 404s stay HTML, not API JSON.
    assert dash_app.server.test_client().get("/_nothing").mimetype != "application/json"


def test_dash_catch_all_never_answers_api_paths(api_env: object) -> None:
    dash_app = Dash(__name__, use_pages=False)
    dash_app.layout = html.P("page")
    init_app(dash_app.server, dash_app, services=build_services())
    client = dash_app.server.test_client()
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    wrong = client.get("/api/v1/classify")
    assert wrong.status_code == 405
    assert set(wrong.headers["Allow"].split(", ")) == {"OPTIONS", "POST"}
    options = client.options("/api/v1/classify")
    assert options.status_code == 204 and options.headers["Allow"] == "OPTIONS, POST"
    assert client.get("/some/dash/page").status_code == 200


def test_request_size_limit(client: FlaskClient) -> None:
    body = b'{"text": "' + b"a" * MAX_BODY_BYTES + b'"}'
    response = client.post("/api/v1/classify", data=body, content_type="application/json")
    assert response.status_code == 413
    assert str(MAX_BODY_BYTES) in response.get_json()["error"]["message"]


def test_classify_rate_limit(client: FlaskClient) -> None:
    allowed = _limit_count(CLASSIFY_LIMIT)
    statuses = [
        client.post("/api/v1/classify", json={"text": "goal"}).status_code
        for _ in range(allowed + 1)
    ]
    assert statuses[:allowed] == [200] * allowed
    assert statuses[-1] == 429
    response = client.post("/api/v1/classify", json={"text": "goal"})
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert int(response.headers["Retry-After"]) > 0
    # Other endpoints are not limited by it.
    assert client.get("/api/v1/newspapers").status_code == 200


def test_refresh_rate_limit_counts_unauthorised_attempts(client: FlaskClient) -> None:
    allowed = _limit_count(REFRESH_LIMIT)
    statuses = [client.post("/api/v1/refresh").status_code for _ in range(allowed + 1)]
    assert statuses == [403] * allowed + [429]


def test_rate_limit_shared_through_redis(make_app: AppFactory) -> None:
    url = os.environ.get("TEST_REDIS_URL")
    require(url, "TEST_REDIS_URL is not set")
    prefix = f"test-{uuid.uuid4().hex}"
    first = make_app(RATELIMIT_STORAGE_URI=url, RATELIMIT_KEY_PREFIX=prefix).test_client()
    second = make_app(RATELIMIT_STORAGE_URI=url, RATELIMIT_KEY_PREFIX=prefix).test_client()
    allowed = _limit_count(REFRESH_LIMIT)
    for _ in range(allowed):
        assert first.post("/api/v1/refresh").status_code == 403
    # A second server (another gunicorn worker) sees the same count.
    assert second.post("/api/v1/refresh").status_code == 429


@pytest.mark.parametrize("trusted", [0, 1])
def test_rate_limits_key_on_x_forwarded_for_only_behind_trusted_proxies(
    make_app: AppFactory, trusted: int
) -> None:
    client = make_app(trusted_proxies=trusted).test_client()
    allowed = _limit_count(REFRESH_LIMIT)

    def post(client_address: str) -> int:
        # The client forged the first entry; the (one) proxy appended the address it saw.
        headers = {"X-Forwarded-For": f"192.0.2.1, {client_address}"}
        return client.post("/api/v1/refresh", headers=headers).status_code

    statuses = [post("203.0.113.7") for _ in range(allowed + 1)]
    assert statuses == [403] * allowed + [429]
    # Another client behind the same proxy: its own budget only when the proxy is trusted;
    # without that, a forged header does not buy a fresh budget either.
    assert post("198.51.100.9") == (403 if trusted else 429)


@pytest.mark.parametrize("path", ["/api/v1/classify", "/api/v1/refresh"])
def test_limit_headers_advertised(client: FlaskClient, path: str) -> None:
    response = client.post(path, json={"text": "tennis"})
    assert "X-RateLimit-Limit" in response.headers


def test_debug_is_off_when_served_by_gunicorn(api_env: object) -> None:
    # gunicorn imports app:server; DASH_DEBUG only affects `python app.py`.
    code = "import app; print(app.server.debug, app.app._dev_tools.ui)"
    env = {**os.environ, "DASH_DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "False"]
