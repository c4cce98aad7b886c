"""GET /api/v1/stories: the window's top stories, as the dashboard shows them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from flask import Flask, Response, jsonify
from flask.blueprints import BlueprintSetupState
from flask_caching import Cache

from api.blueprint import bp, current_store, known_newspapers, newspapers
from api.errors import ApiError
from api.validation import int_param, query_params
from dashboard.cache import cache_key, cached, init_cache
from dashboard.window import DEFAULT_WINDOW, WINDOWS, window_start
from settings import get_settings
from store import Listing
from stories import group_stories

MAX_STORIES = 20
DEFAULT_STORIES = 10
STORY_ARTICLES = 500


@bp.record_once
def _read_cache(state: BlueprintSetupState) -> None:
    # The API alone (without the dashboard) still gets the in-process read cache.
    if not any(isinstance(key, Cache) for key in state.app.extensions.get("cache", {})):
        init_cache(cast(Flask, state.app), get_settings().redis_url)


@bp.get("/stories")
def list_stories() -> Response:
    """Stories reported by two or more newspapers in a time window, most newspapers first."""
    args = query_params(("newspaper", "window", "limit"), repeatable=("newspaper",))
    window = args.get("window", DEFAULT_WINDOW)
    if window not in WINDOWS:
        raise ApiError(400, f"window must be one of: {', '.join(WINDOWS)}")
    limit = int_param(args, "limit", 1, MAX_STORIES, DEFAULT_STORIES)
    ids = args.getlist("newspaper")
    selected = known_newspapers(ids) if ids else list(newspapers())
    since = window_start(window, datetime.now(UTC))
    store = current_store()

    def build() -> dict[str, Any]:
        rows = store.listing(Listing(newspapers=selected, since=since, limit=STORY_ARTICLES))
        return {
            "window": window,
            "since": since.isoformat().replace("+00:00", "Z") if since else None,
            "newspapers": selected,
            "stories": [story.to_dict(selected) for story in group_stories(rows, limit=limit)],
        }

    # The dashboard's read cache, keyed by the data version: a refresh shows at once.
    key = cache_key("stories", store.data_version(), selected, window, since, limit)
    return jsonify(cached(key, build))


STORIES_PATH: dict[str, Any] = {
    "get": {
        "summary": (
            "Top stories: articles of different newspapers reporting the same story "
            "(TF-IDF cosine of title and summary), most newspapers first."
        ),
        "parameters": [
            {
                "name": "newspaper",
                "in": "query",
                "required": False,
                "schema": {"type": "array", "items": {"type": "string"}},
                "style": "form",
                "explode": True,
                "description": "Newspaper ids (repeatable); default every configured one.",
            },
            {
                "name": "window",
                "in": "query",
                "required": False,
                "schema": {"type": "string", "enum": list(WINDOWS), "default": DEFAULT_WINDOW},
                "description": "Time window by publication time.",
            },
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_STORIES,
                    "default": DEFAULT_STORIES,
                },
                "description": "Most stories returned.",
            },
        ],
        "responses": {
            "200": {
                "description": "Stories with headline, topic, covering and missing newspapers.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            "400": {"$ref": "#/components/responses/400"},
            "404": {"$ref": "#/components/responses/404"},
            "503": {"$ref": "#/components/responses/503"},
        },
    }
}
"""The OpenAPI description of GET /stories (merged into the document by ``api.openapi``)."""
