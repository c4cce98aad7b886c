"""GET /api/v1/stories: the window's top stories, as the dashboard shows them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from flask import Response, jsonify
from pydantic import Field

from api.blueprint import bp, current_store, every_newspaper, known_newspapers
from api.models import NewspaperId, Query, Says
from api.spec import answers, spec
from views.cache import cache_key, cached
from views.stories import top_stories
from views.window import window_start

MAX_STORIES = 20
DEFAULT_STORIES = 10


class StoriesQuery(Query):
    """Which newspapers and time window to group stories from."""

    newspaper: Annotated[
        list[NewspaperId], Says("newspaper must be a newspaper id of 1 to 100 characters")
    ] = Field(
        default_factory=list,
        description=(
            "Newspaper id (see /newspapers); repeat for several; default every newspaper, "
            "archive-only ones too."
        ),
    )
    window: Annotated[
        Literal["24h", "7d", "30d", "all"], Says("window must be one of: 24h, 7d, 30d, all")
    ] = Field("24h", description="Time window, by publication time.")
    limit: Annotated[
        int,
        Field(ge=1, le=MAX_STORIES),
        Says(f"{{where}} must be a whole number from 1 to {MAX_STORIES}"),
    ] = Field(DEFAULT_STORIES, description="Most stories returned.")


@bp.get("/stories")
@spec.validate(query=StoriesQuery, resp=answers(None, 400, 404, 503))
def list_stories(query: StoriesQuery) -> Response:
    """Stories reported by two or more newspapers in a time window, most newspapers first.

    Each has ``headline``, ``url``, ``topic``, ``newspapers``, ``missing`` (asked-for papers
    without it), ``latest`` and its ``articles``; grouped when they were stored (see ``stories``).
    """
    window, limit = query.window, query.limit
    selected = known_newspapers(query.newspaper) if query.newspaper else every_newspaper()
    since = window_start(window, datetime.now(UTC))
    store = current_store()

    def build() -> dict[str, Any]:
        return {
            "window": window,
            "since": since.isoformat().replace("+00:00", "Z") if since else None,
            "newspapers": selected,
            "stories": [
                story.to_dict(selected) for story in top_stories(store, selected, since, limit)
            ],
        }

    # The dashboard's read cache, keyed by the data version: a refresh shows at once.
    key = cache_key("stories", store.data_version(), selected, window, since, limit)
    return jsonify(cached(key, build))
