"""Watching refreshes: GET /refreshes/{id} (state, progress in articles, per-paper results)."""

from __future__ import annotations

from flask import Response, jsonify

from api.blueprint import bp
from api.errors import ApiError
from api.models import NoQuery
from api.responses import RefreshState
from api.spec import answers, spec
from refresh import status
from views.services import current as current_services


@bp.get("/refreshes/<int:refresh_id>")
@spec.validate(query=NoQuery, resp=answers(RefreshState, 400, 404, 503))
def refresh_status(refresh_id: int) -> Response:
    """One refresh: queued, running, done or failed, its progress and each paper's result."""
    record = status(current_services(), refresh_id)
    if record is None:
        raise ApiError(404, f"there is no refresh {refresh_id}")
    return jsonify(record.to_dict())
