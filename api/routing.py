"""Keep /api paths to the API's own routes, so the Dash catch-all page never answers them."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, request
from werkzeug.routing import Map, Rule

from api.errors import API_PREFIX


def api_only_map(server: Flask, blueprint_name: str) -> Map:
    """A routing map holding just ``blueprint_name``'s rules from ``server``."""
    rules = [
        Rule(rule.rule, methods=rule.methods, endpoint=rule.endpoint)
        for rule in server.url_map.iter_rules()
        if rule.endpoint.startswith(f"{blueprint_name}.")
    ]
    return Map(rules)


def api_route_guard(routes: Map) -> Callable[[], Response | None]:
    """A ``before_request`` hook: 404/405 (and OPTIONS) for /api paths by the API routes alone."""

    def guard() -> Response | None:
        if not request.path.startswith(API_PREFIX):
            return None
        adapter = routes.bind("")
        if request.method == "OPTIONS":
            allowed = adapter.allowed_methods(request.path)
            if not allowed:
                adapter.match(request.path, method="GET")  # raises the JSON 404
            response = Response(status=204)
            response.headers["Allow"] = ", ".join(sorted(allowed))
            return response
        # Raises NotFound or MethodNotAllowed (with Allow) when no API route fits.
        adapter.match(request.path, method=request.method)
        return None

    return guard


def install_route_guard(server: Flask, blueprint_name: str) -> None:
    """Route /api requests on ``server`` by ``blueprint_name``'s rules only."""
    server.before_request(api_route_guard(api_only_map(server, blueprint_name)))
