"""Operational endpoints: the health check and the token-protected refresh."""

from __future__ import annotations

import hmac

from flask import Response, jsonify, request, url_for

from api.blueprint import bp, current_model, current_store, known_newspapers
from api.errors import ApiError, error_response
from api.validation import allowed_keys, json_object, query_params
from refresh import request as request_refresh
from refresh.web import current as current_services
from settings import get_settings

MAX_SOURCES = 100
"""Most newspaper ids one refresh request may list."""
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="news-api"'}


@bp.get("/healthz")
def healthz() -> Response:
    """200 when the store answers and the model is loaded, else 503 naming what is down."""
    query_params(())
    checks: dict[str, str] = {}
    version = None
    try:
        current_store().ping()
        checks["store"] = "ok"
    except Exception as exc:  # any failure means "not healthy", never a 500
        checks["store"] = _one_line(exc)
    try:
        version = current_model().version
        checks["model"] = "ok"
    except Exception as exc:
        checks["model"] = _one_line(exc)
    if all(value == "ok" for value in checks.values()):
        return jsonify({"status": "ok", "checks": checks, "model_version": version})
    failing = ", ".join(f"{name}: {value}" for name, value in checks.items() if value != "ok")
    extra = {"status": "unavailable", "checks": checks, "model_version": version}
    return error_response(503, f"not healthy: {failing}", extra=extra)


@bp.post("/refresh")
def refresh() -> Response:
    """Queue a refresh of the given (or all) newspapers, or join the running one: 202."""
    query_params(())
    _authorise()
    source_ids = _requested_sources()
    ticket = request_refresh(current_services(), source_ids, trigger="api")
    location = url_for("api.refresh_status", refresh_id=ticket.refresh_id)
    response = jsonify(
        {
            "refresh_id": ticket.refresh_id,
            "joined": not ticket.created,
            "status_url": location,
        }
    )
    response.status_code = 202
    response.headers["Location"] = location
    return response


def _authorise() -> None:
    token = get_settings().api_token
    if token is None:
        raise ApiError(403, "refreshing through the API is disabled: the server has no API_TOKEN")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(
            401, "send the API token as 'Authorization: Bearer <token>'", headers=_CHALLENGE
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "the API token is wrong", headers=_CHALLENGE)


def _requested_sources() -> list[str] | None:
    if not request.content_length and not request.is_json:
        return None
    body = json_object()
    allowed_keys(body, ("sources",))
    if "sources" not in body:
        return None
    sources = body["sources"]
    if not isinstance(sources, list) or not all(isinstance(item, str) for item in sources):
        raise ApiError(400, '"sources" must be a list of newspaper ids')
    if not sources:
        raise ApiError(400, '"sources" must not be empty; leave it out to refresh every newspaper')
    if len(sources) > MAX_SOURCES:
        raise ApiError(400, f'"sources" may list at most {MAX_SOURCES} newspapers')
    return known_newspapers(list(dict.fromkeys(sources)))


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
