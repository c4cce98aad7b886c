"""Parse and check query strings and JSON bodies, raising ApiError with a one-line reason."""

from __future__ import annotations

import math
from collections.abc import Collection
from datetime import UTC, date, datetime, time
from typing import Any

from flask import request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

from api.errors import ApiError


def query_params(allowed: Collection[str], repeatable: Collection[str] = ()) -> MultiDict[str, str]:
    """The request's query string, rejecting unknown or wrongly repeated parameters."""
    args = request.args
    unknown = sorted(set(args) - set(allowed))
    if unknown:
        names = ", ".join(_shorten(name) for name in unknown)
        expected = ", ".join(sorted(allowed)) or "none"
        raise ApiError(400, f"unknown query parameter(s): {names}; allowed: {expected}")
    for name in args:
        if name not in repeatable and len(args.getlist(name)) > 1:
            raise ApiError(400, f"query parameter {name!r} may be given only once")
    return args


def int_param(args: MultiDict[str, str], name: str, low: int, high: int, default: int) -> int:
    """An integer query parameter within ``low..high`` (inclusive)."""
    raw = args.get(name)
    if raw is None:
        return default
    text = raw.strip()
    if not (text.isascii() and text.lstrip("+-").isdigit()) or len(text) > 20:
        raise ApiError(400, f"{name} must be a whole number from {low} to {high}")
    value = int(text)
    if not low <= value <= high:
        raise ApiError(400, f"{name} must be from {low} to {high}, got {value}")
    return value


def float_param(args: MultiDict[str, str], name: str, low: float, high: float) -> float | None:
    """A finite number query parameter within ``low..high``, or None when absent."""
    raw = args.get(name)
    if raw is None:
        return None
    try:
        value = float(raw) if raw.isascii() else math.nan
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and low <= value <= high):
        raise ApiError(400, f"{name} must be a number from {low} to {high}")
    return value


def datetime_param(args: MultiDict[str, str], name: str) -> datetime | None:
    """An ISO 8601 date or date-time query parameter as an aware UTC datetime."""
    raw = args.get(name)
    if raw is None:
        return None
    text = raw.strip().upper()
    try:
        if not text.isascii():
            raise ValueError(raw)
        if len(text) == 10:
            parsed = datetime.combine(date.fromisoformat(text), time())
        else:
            parsed = datetime.fromisoformat(text)
    except ValueError:
        message = f"{name} must be an ISO 8601 date or date-time, e.g. 2024-05-01T12:00:00Z"
        raise ApiError(400, message) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        raise ApiError(400, f"{name} is out of range") from None


def json_object() -> dict[str, Any]:
    """The request body as a JSON object; 415 for other content types, 400 when malformed."""
    if not request.is_json:
        raise ApiError(415, "the request body must be JSON (Content-Type: application/json)")
    try:
        body = request.get_json()
    except (BadRequest, RecursionError):
        raise ApiError(400, "the request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object")
    return body


def allowed_keys(body: dict[str, Any], allowed: Collection[str]) -> None:
    """Reject a JSON object with fields other than ``allowed``."""
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        names = ", ".join(_shorten(name) for name in unknown)
        raise ApiError(400, f"unknown field(s): {names}; allowed: {', '.join(sorted(allowed))}")


def _shorten(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[:limit] + "…"
    return repr(shown)
