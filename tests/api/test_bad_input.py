"""A battery of malformed requests: every one gets a 4xx with a well-formed JSON error body."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from api import MAX_BODY_BYTES
from classifier import MAX_TEXT_CHARS

JSON = "application/json"
LONG = "x" * (MAX_TEXT_CHARS + 1)

# (method, path, request keyword arguments, expected status)
BAD_REQUESTS: list[tuple[str, str, dict[str, Any], int]] = [
    # /classify: body shape and content type
    ("POST", "/api/v1/classify", {"data": "{not json", "content_type": JSON}, 400),
    ("POST", "/api/v1/classify", {"data": "", "content_type": JSON}, 400),
    ("POST", "/api/v1/classify", {"data": "null", "content_type": JSON}, 400),
    ("POST", "/api/v1/classify", {"data": "[1, 2]", "content_type": JSON}, 400),
    ("POST", "/api/v1/classify", {"data": '"text"', "content_type": JSON}, 400),
    ("POST", "/api/v1/classify", {"data": "[" * 100_000, "content_type": JSON}, 400),
    ("POST", "/api/v1/classify", {"data": b"\xff\xfe{}", "content_type": JSON}, 400),
    ("POST", "/api/v1/classify", {"data": '{"text": "a"}', "content_type": "text/plain"}, 415),
    ("POST", "/api/v1/classify", {"data": "text=hello"}, 415),
    ("POST", "/api/v1/classify", {"json": {}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": ""}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": " \n\t "}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": None}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": 42}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": ["a"]}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": {"a": 1}}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": "a", "texts": ["b"]}}, 400),
    ("POST", "/api/v1/classify", {"json": {"texts": []}}, 400),
    ("POST", "/api/v1/classify", {"json": {"texts": "one string"}}, 400),
    ("POST", "/api/v1/classify", {"json": {"texts": ["ok", 3]}}, 400),
    ("POST", "/api/v1/classify", {"json": {"texts": ["ok", ""]}}, 400),
    ("POST", "/api/v1/classify", {"json": {"texts": ["news"] * 101}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": LONG}}, 413),
    ("POST", "/api/v1/classify", {"json": {"texts": ["ok", LONG]}}, 413),
    ("POST", "/api/v1/classify", {"json": {"text": "a", "extra": 1}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": "a", "top_terms": -1}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": "a", "top_terms": "5"}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": "a", "top_terms": True}}, 400),
    ("POST", "/api/v1/classify", {"json": {"text": "a", "top_terms": 10**30}}, 400),
    ("POST", "/api/v1/classify", {"data": '{"text": "\\ud800 lone"}', "content_type": JSON}, 400),
    ("POST", "/api/v1/classify?debug=1", {"json": {"text": "a"}}, 400),
    ("POST", "/api/v1/classify", {"data": "x" * (MAX_BODY_BYTES + 1), "content_type": JSON}, 413),
    ("GET", "/api/v1/classify", {}, 405),
    ("PUT", "/api/v1/articles", {}, 405),
    ("DELETE", "/api/v1/newspapers", {}, 405),
    # /articles: query strings
    ("GET", "/api/v1/articles?limit=0", {}, 400),
    ("GET", "/api/v1/articles?limit=-5", {}, 400),
    ("GET", "/api/v1/articles?limit=501", {}, 400),
    ("GET", "/api/v1/articles?limit=99999999999999999999999999", {}, 400),
    ("GET", "/api/v1/articles?limit=ten", {}, 400),
    ("GET", "/api/v1/articles?limit=1.5", {}, 400),
    ("GET", "/api/v1/articles?limit=%EF%BC%95", {}, 400),  # fullwidth digit five
    ("GET", "/api/v1/articles?limit=5&limit=6", {}, 400),
    ("GET", "/api/v1/articles?since=yesterday", {}, 400),
    ("GET", "/api/v1/articles?since=2024-13-01", {}, 400),
    ("GET", "/api/v1/articles?until=2024-02-30T10:00:00Z", {}, 400),
    ("GET", "/api/v1/articles?since=%F0%9F%92%A5", {}, 400),
    ("GET", "/api/v1/articles?min_confidence=1.5", {}, 400),
    ("GET", "/api/v1/articles?min_confidence=-0.1", {}, 400),
    ("GET", "/api/v1/articles?min_confidence=nan", {}, 400),
    ("GET", "/api/v1/articles?min_confidence=inf", {}, 400),
    ("GET", "/api/v1/articles?category=weather", {}, 400),
    ("GET", "/api/v1/articles?category=%00", {}, 400),
    ("GET", "/api/v1/articles?newspaper=the-onion", {}, 404),
    ("GET", "/api/v1/articles?newspaper=%E2%80%AEliam", {}, 404),
    ("GET", "/api/v1/articles?cursor=not-a-cursor", {}, 400),
    ("GET", "/api/v1/articles?cursor=" + "A" * 500, {}, 400),
    ("GET", "/api/v1/articles?since=2024-05-02&until=2024-05-01&cursor=bad", {}, 400),
    ("GET", "/api/v1/articles?page=2", {}, 400),
    ("GET", "/api/v1/articles?%F0%9F%92%A5=1", {}, 400),
    # /articles.csv
    ("GET", "/api/v1/articles.csv?limit=10", {}, 400),
    ("GET", "/api/v1/articles.csv?since=01/05/2024", {}, 400),
    ("GET", "/api/v1/articles.csv?newspaper=nope", {}, 404),
    # the other endpoints
    ("GET", "/api/v1/newspapers?x=1", {}, 400),
    ("GET", "/api/v1/model?verbose=true", {}, 400),
    ("GET", "/api/v1/healthz?deep=1", {}, 400),
    ("GET", "/api/v1/openapi.json?format=yaml", {}, 400),
    ("GET", "/api/v1/nothing-here", {}, 404),
    ("GET", "/api/v2/articles", {}, 404),
    ("POST", "/api/v1/refresh", {}, 403),
]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    BAD_REQUESTS,
    ids=[f"{i:02d}-{m} {p[:50]}" for i, (m, p, _, _) in enumerate(BAD_REQUESTS)],
)
def test_bad_request_gets_clear_4xx(
    client: FlaskClient, method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    response = client.open(path, method=method, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == JSON
    body = json.loads(response.get_data(as_text=True))
    assert set(body) >= {"error"}
    error = body["error"]
    assert set(error) == {"code", "message"}
    assert isinstance(error["code"], str) and error["code"]
    message = error["message"]
    assert isinstance(message, str) and 0 < len(message) < 300 and "\n" not in message
    assert "Traceback" not in message
