"""Rate limits for the expensive endpoints (flask-limiter; Redis when REDIS_URL is set)."""

from __future__ import annotations

from typing import cast

from flask import Flask
from flask.typing import RouteCallable
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

CLASSIFY_LIMIT = "60 per minute"
"""Per client address: enough for interactive use, stops one client hogging the model."""
REFRESH_LIMIT = "5 per minute"
"""Per client address, counted before the token check so guessing tokens is slow too."""

CORRECTION_LIMIT = "30 per minute"
"""Per client address: a reader corrects a few articles, a script flooding labels is slowed."""

LIMITED_ENDPOINTS = {
    "api.classify": CLASSIFY_LIMIT,
    "api.refresh": REFRESH_LIMIT,
    "api.correct_article": CORRECTION_LIMIT,
}
"""Endpoint name → limit; per client address; the tests read it from here."""


def install_rate_limits(server: Flask, redis_url: str | None = None) -> Limiter:
    """Attach a limiter to ``server`` and limit the endpoints in ``LIMITED_ENDPOINTS``
    (counted in Redis at ``redis_url``, else in this process's memory)."""
    server.config.setdefault("RATELIMIT_STORAGE_URI", redis_url or "memory://")
    server.config.setdefault("RATELIMIT_KEY_PREFIX", "news-api")
    limiter = Limiter(
        get_remote_address,
        app=server,
        headers_enabled=True,
        # A Redis outage must not take the API down: count in memory until it returns.
        in_memory_fallback_enabled=True,
        swallow_errors=True,
    )
    # The wrapped views hold only a weak reference; when RATELIMIT_ENABLED is False the
    # limiter registers nothing on the app, so keep it alive here.
    server.extensions["api_limiter"] = limiter
    for endpoint, limit in LIMITED_ENDPOINTS.items():
        view = server.view_functions[endpoint]
        server.view_functions[endpoint] = cast("RouteCallable", limiter.limit(limit)(view))
    return limiter
