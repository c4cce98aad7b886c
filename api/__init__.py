"""The JSON API under /api/v1 on the app's Flask server, plus server-wide hardening."""

from __future__ import annotations

from dash import Dash
from flask import Flask
from flask_caching import Cache
from werkzeug.middleware.proxy_fix import ProxyFix

from api import (  # noqa: F401  (they attach the routes)
    articles,
    classify,
    corrections,
    docs,
    ops,
    refreshes,
    stories,
    topics,
)
from api.blueprint import bp
from api.errors import ApiError, register_routing_handlers
from api.limits import install_rate_limits
from api.routing import install_route_guard
from api.security import install_security_headers
from refresh.services import Services
from views.cache import init_cache
from views.services import current, install

MAX_BODY_BYTES = 8 * 1024 * 1024
"""Largest request body the server reads (MAX_CONTENT_LENGTH); larger ones get 413."""

__all__ = ["MAX_BODY_BYTES", "ApiError", "init_app"]


def init_app(
    server: Flask,
    dash_app: Dash | None = None,
    *,
    services: Services | None = None,
    trusted_proxies: int = 0,
    redis_url: str | None = None,
) -> None:
    """Mount the API on ``server`` and harden it: errors, headers, rate and size limits.

    ``services`` are installed on ``server`` (None: already installed, e.g. by the dashboard).
    ``trusted_proxies`` (settings ``TRUSTED_PROXIES``) is how many proxies' X-Forwarded-For
    to believe; ``redis_url`` (``REDIS_URL``) shares the rate limits and the read cache
    between processes.
    """
    if services is not None:
        install(server, services)
    with server.app_context():
        current()  # a one-line error now rather than in every request
    if not any(isinstance(key, Cache) for key in server.extensions.get("cache", {})):
        init_cache(server, redis_url)  # the API alone (without the dashboard) gets one too
    hops = trusted_proxies
    if hops:
        # Only then is X-Forwarded-For the client (rate limits key on it); otherwise any client
        # could claim any address.
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_port=hops)  # type: ignore[method-assign]
    if server.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's default config has it as None
        server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    register_routing_handlers(server)
    server.register_blueprint(bp)
    install_route_guard(server, bp.name)
    install_rate_limits(server, redis_url)
    install_security_headers(server, dash_app)
