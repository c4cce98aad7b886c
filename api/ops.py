"""Operational endpoints: the health check and the token-protected refresh request."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, jsonify, request, url_for
from spectree import Response as Documented

from api.blueprint import bp, current_model, current_store, known_newspapers
from api.errors import ApiError, error_response
from api.models import NoQuery, RefreshRequest
from api.responses import Health, OpenAPIDocument, RefreshQueued, Unhealthy
from api.spec import answers, json_body, openapi_document, spec
from classifier import OTHER
from refresh import request as request_refresh
from store import RefreshTicket
from views.services import current as current_services

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="news-api"'}


def token_required(view: Callable[..., Response]) -> Callable[..., Response]:
    """Check the bearer token before anything else, so a client without it learns nothing."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Response:
        _authorise()
        return view(*args, **kwargs)

    return guarded


@bp.get("/healthz")
@spec.validate(query=NoQuery, resp=Documented(HTTP_200=Health, HTTP_503=Unhealthy))
def healthz() -> Response:
    """200 when the store answers and the model is loaded, else 503 naming what is down."""
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
@token_required
@json_body
@spec.validate(
    query=NoQuery,
    json=RefreshRequest,
    security={"bearer": []},
    resp=answers(RefreshQueued, 400, 401, 403, 404, 415, 429, 503, status=202),
)
def refresh(json: RefreshRequest) -> Response:
    """Queue a refresh of the given (or all) newspapers, or join the running one: 202."""
    sources = json.sources
    source_ids = known_newspapers(list(dict.fromkeys(sources))) if sources else None
    services = current_services()
    ticket = request_refresh(services, source_ids, trigger="api")
    location = url_for("api.refresh_status", refresh_id=ticket.refresh_id)
    wanted = [source.id for source in services.sources.choose(source_ids)]
    response = jsonify(
        {
            "refresh_id": ticket.refresh_id,
            "joined": not ticket.created,
            "status_url": location,
            "refreshes": _parts(ticket, wanted),
        }
    )
    response.status_code = 202
    response.headers["Location"] = location
    return response


@bp.get("/openapi.json")
@spec.validate(query=NoQuery, resp=answers(OpenAPIDocument, 503))
def openapi_json() -> Response:
    """This document (OpenAPI 3.1)."""
    return jsonify(openapi_document((*current_model().labels, OTHER)))


def _parts(ticket: RefreshTicket, wanted: list[str]) -> list[dict[str, Any]]:
    """Every refresh covering ``wanted``: the new one (its free papers) and each joined one."""
    covering: dict[int, list[str]] = {}
    for source_id in wanted:
        covering.setdefault(ticket.busy.get(source_id, ticket.refresh_id), []).append(source_id)
    return [
        {
            "refresh_id": refresh_id,
            "joined": not (ticket.created and refresh_id == ticket.refresh_id),
            "status_url": url_for("api.refresh_status", refresh_id=refresh_id),
            "newspapers": papers,
        }
        for refresh_id, papers in sorted(covering.items())
    ]


def _authorise() -> None:
    token = current_services().settings.api_token
    if token is None:
        raise ApiError(403, "refreshing through the API is disabled: the server has no API_TOKEN")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(
            401, "send the API token as 'Authorization: Bearer <token>'", headers=_CHALLENGE
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "the API token is wrong", headers=_CHALLENGE)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
