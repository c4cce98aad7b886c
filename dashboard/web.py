"""Web basics of the app's server: 404 for unknown pages, compression, long-lived asset caching."""

from __future__ import annotations

from collections.abc import Callable

from dash import Dash
from flask import Flask, Response, request
from flask_compress import Compress

from dashboard.router import PAGES

ASSET_MAX_AGE = 31_536_000
"""Versioned files (Dash fingerprints and ``?m=`` asset stamps) are cached for a year."""

CHUNK_MAX_AGE = 86_400
"""Unversioned component chunks (lazily loaded JavaScript) are cached for a day."""

_NO_CACHE = "nocache"


class StaticOnlyCache:
    """Flask-Compress's cache of compressed bytes, for static files only (never for data)."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        """The compressed bytes of a static file, if compressed before."""
        return None if key.endswith(_NO_CACHE) else self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        """Remember a static file's compressed bytes."""
        if not key.endswith(_NO_CACHE):
            self._data[key] = value


def _compress_key(req: object) -> str:
    path = request.path
    static = path.startswith(("/assets/", "/_dash-component-suites/")) and request.method == "GET"
    return request.full_path if static else _NO_CACHE


def _is_page_path(path: str) -> bool:
    return (path.rstrip("/") or "/") in PAGES


def not_found_hook(dash_app: Dash) -> Callable[[], tuple[str, int] | None]:
    """A ``before_request`` hook: an unknown page path answers 404 (the app says so)."""

    def guard() -> tuple[str, int] | None:
        path = request.path
        if request.method != "GET" or path.startswith(("/_", "/assets/", "/api")):
            return None
        if _is_page_path(path):
            return None
        return dash_app.index(), 404  # type: ignore[no-untyped-call]

    return guard


def _cache_headers(response: Response) -> Response:
    path = request.path
    if response.status_code != 200 or request.method != "GET":
        return response
    if path.startswith("/assets/") and (request.args.get("m") or request.args.get("v")):
        response.cache_control.public = True
        response.cache_control.max_age = ASSET_MAX_AGE
        response.cache_control.no_cache = None
    elif path.startswith("/_dash-component-suites/") and response.cache_control.max_age is None:
        response.cache_control.public = True
        response.cache_control.max_age = CHUNK_MAX_AGE
    return response


def install_web_basics(dash_app: Dash) -> None:
    """Attach 404s, compression and cache headers to ``dash_app``'s Flask server."""
    server: Flask = dash_app.server
    server.config.setdefault("COMPRESS_CACHE_BACKEND", StaticOnlyCache)
    server.config.setdefault("COMPRESS_CACHE_KEY", _compress_key)
    server.config.setdefault("COMPRESS_BR_LEVEL", 5)
    Compress(server)
    server.before_request(not_found_hook(dash_app))
    server.after_request(_cache_headers)
