"""JSON error bodies for every 4xx/5xx under /api, including werkzeug's and the limiter's."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

API_PREFIX = "/api/"

_log = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """A client-facing error: HTTP status, machine code and a one-line message."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or _CODES.get(status, "error")
        self.headers = headers or {}


def error_response(
    status: int, message: str, code: str | None = None, extra: dict[str, Any] | None = None
) -> Response:
    """The ``{"error": {"code", "message"}}`` response, plus any ``extra`` top-level fields."""
    error = {"code": code or _CODES.get(status, "error"), "message": message}
    response = jsonify({"error": error, **(extra or {})})
    response.status_code = status
    return response


def _on_api_error(exc: ApiError) -> Response:
    response = error_response(exc.status, exc.message, exc.code)
    response.headers.update(exc.headers)
    return response


def _on_http_error(exc: HTTPException) -> Response | HTTPException:
    if not request.path.startswith(API_PREFIX):
        return exc
    return _json_http_error(exc)


def _json_http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    message = _http_message(exc, status)
    response = error_response(status, message)
    # Keep the headers werkzeug/the limiter attach (Allow on 405, Retry-After on 429).
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _http_message(exc: HTTPException, status: int) -> str:
    if status == 429:
        return f"too many requests: limit is {exc.description}; retry later"
    if status == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        return f"request body too large: the limit is {limit} bytes" if limit else exc.name
    if status == 405:
        return f"method {request.method} is not allowed here"
    if status == 404:
        return f"no such API endpoint: {request.path}"
    return (exc.description or exc.name).strip().splitlines()[0]


def _on_unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return _json_http_error(exc)
    _log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal error; the server logged the details")


def register_blueprint_handlers(blueprint: Blueprint) -> None:
    """Make every error raised in ``blueprint``'s views answer with a JSON error body."""
    blueprint.register_error_handler(ApiError, _on_api_error)
    # Blueprint-level so Dash's own pages keep Flask's default handling.
    blueprint.register_error_handler(Exception, _on_unexpected)


def register_routing_handlers(server: Flask) -> None:
    """JSON bodies for routing errors under /api (unknown path, wrong method, limits)."""
    server.register_error_handler(HTTPException, _on_http_error)
