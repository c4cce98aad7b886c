"""Corrections: a reader tells the app an article's right topic (stored for retraining)."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from api.blueprint import bp, current_model, current_store
from api.errors import ApiError
from api.models import CorrectionRequest, NoQuery
from api.responses import CorrectionCreated
from api.spec import answers, json_body, spec
from classifier.topics import label_choices
from store import ArticleNotFoundError, CorrectionRecord
from views.services import current as current_services
from views.trust import CorrectionRefused, correction_client

MAX_ARTICLE_ID = 2**31 - 1
"""Article ids are 32-bit integers in every supported database."""


@bp.post("/articles/<int:article_id>/correction")
@json_body
@spec.validate(
    query=NoQuery,
    json=CorrectionRequest,
    resp=answers(CorrectionCreated, 400, 401, 403, 404, 413, 415, 429, 503, status=201),
)
def correct_article(article_id: int, json: CorrectionRequest) -> Response:
    """Record the right topic of an article, with the model version whose label it corrects.

    Who may is ``CORRECTIONS``: ``token`` (default: the API token as a bearer token),
    ``open`` (anyone; counted once per client and article) or ``off`` (403).
    Any configured topic (NEWS_TOPICS) is accepted, also one the model has not learnt yet:
    corrections are how a thin topic collects its examples.
    """
    client = _client()
    labels = label_choices(current_services().settings.topics, current_model().labels)
    label = json.label
    if label not in labels:
        raise ApiError(400, f'"label" must be one of: {", ".join(labels)}')
    store = current_store()
    article = store.article(article_id) if article_id <= MAX_ARTICLE_ID else None
    if article is None:
        raise ApiError(404, f"there is no article {article_id}")
    try:
        correction = store.add_correction(article.id, label, article.model_version, client)
    except ArticleNotFoundError:  # deleted in between (retention)
        raise ApiError(404, f"there is no article {article_id}") from None
    response = jsonify({"correction": correction_dict(correction)})
    response.status_code = 201
    return response


def _client() -> str:
    settings = current_services().settings
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    token = given if scheme.lower() == "bearer" else None
    secret = settings.api_token or settings.database_url
    try:
        return correction_client(
            settings.corrections, settings.api_token, token, request.remote_addr or "", secret
        )
    except CorrectionRefused as exc:
        headers = {"WWW-Authenticate": 'Bearer realm="news-api"'} if exc.status == 401 else None
        raise ApiError(exc.status, str(exc), headers=headers) from None


def correction_dict(correction: CorrectionRecord) -> dict[str, Any]:
    """The JSON form of a stored correction."""
    return {
        "id": correction.id,
        "article_id": correction.article_id,
        "label": correction.label,
        "model_version": correction.model_version,
        "created_at": correction.created_at.isoformat().replace("+00:00", "Z"),
    }
