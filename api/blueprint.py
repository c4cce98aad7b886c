"""The /api/v1 blueprint and the accessors its views use for the store, model and sources."""

from __future__ import annotations

from flask import Blueprint, Response

from api.errors import ApiError, error_response, register_blueprint_handlers
from classifier import ModelError, TopicModel
from scraper import Source, SourcesError
from store import Store, StoreError
from views.newspapers import archive_only
from views.services import current as current_services

bp = Blueprint("api", __name__, url_prefix="/api/v1")
register_blueprint_handlers(bp)


@bp.errorhandler(StoreError)
def _store_down(exc: StoreError) -> Response:
    return error_response(503, f"the article store is unavailable: {exc}")


def current_store() -> Store:
    """The configured store (one engine per URL per process); 503 when it cannot be opened."""
    try:
        return current_services().store
    except StoreError as exc:
        raise ApiError(503, f"the article store is unavailable: {exc}") from None


def current_model() -> TopicModel:
    """The loaded model (cached by the classifier); 503 when it cannot be loaded."""
    try:
        return current_services().model
    except ModelError as exc:
        raise ApiError(503, f"the model is unavailable: {exc}") from None


def newspapers() -> dict[str, Source]:
    """The configured newspapers by id; 503 when the sources file is broken."""
    try:
        return current_services().sources.by_id()  # parsed once, again only when it changes
    except SourcesError as exc:
        raise ApiError(503, f"the newspaper list is unusable: {exc}") from None


def every_newspaper() -> list[str]:
    """The ids of every newspaper: the configured ones in file order, then the archive-only
    ones in the store (imported, never scraped)."""
    configured = list(newspapers())
    return configured + archive_only(configured, current_store())


def known_newspapers(ids: list[str]) -> list[str]:
    """``ids`` unchanged when each is a configured or archive-only newspaper, else a 404."""
    known = set(newspapers())
    if not known.issuperset(ids):
        known.update(archive_only(known, current_store()))
    for source_id in ids:
        if source_id not in known:
            shown = source_id if len(source_id) <= 40 else source_id[:40] + "…"
            raise ApiError(404, f"unknown newspaper {shown!r}; see /api/v1/newspapers")
    return ids
