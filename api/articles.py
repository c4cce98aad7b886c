"""Article endpoints: the newspapers, filtered article pages, and the CSV export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any

from flask import Response, jsonify, stream_with_context

from api.blueprint import bp, current_model, current_store, known_newspapers, newspapers
from api.csvexport import csv_lines
from api.errors import ApiError
from api.models import ArticleFilters, ArticleListQuery, NoQuery
from api.responses import ArticlePage as ArticlePageBody
from api.responses import Newspapers
from api.spec import answers, spec
from classifier.topics import label_choices
from store import ArticlePage, ArticleQuery, StoredArticle, StoreQueryError
from views.newspapers import archive_only
from views.services import current as current_services

CSV_COLUMNS = (
    "id",
    "published",
    "first_seen",
    "newspaper",
    "category",
    "confidence",
    "title",
    "url",
    "summary",
    "text_source",
    "model_version",
    "section",
    "section_label",
)
_CSV_PAGE = 200


@bp.get("/newspapers")
@spec.validate(query=NoQuery, resp=answers(Newspapers, 503))
def list_newspapers() -> Response:
    """Every configured newspaper with its homepage, then the archive-only ones (by id)."""
    configured = newspapers()
    items: list[dict[str, Any]] = [
        {"id": source.id, "name": source.name, "homepage": source.homepage, "archive_only": False}
        for source in configured.values()
    ]
    items += [
        {"id": source_id, "name": source_id, "homepage": None, "archive_only": True}
        for source_id in archive_only(configured, current_store())
    ]
    return jsonify({"newspapers": items})


@bp.get("/articles")
@spec.validate(
    query=ArticleListQuery,
    resp=answers(ArticlePageBody, 400, 404, 503),
)
def list_articles(query: ArticleListQuery) -> Response:
    """Articles, newest first, one page at a time (next_cursor for the next)."""
    found = _article_query(query, query.limit, query.cursor)
    if found is None:
        return jsonify({"articles": [], "next_cursor": None})
    page = _read_page(found)
    return jsonify(
        {"articles": [article_dict(item) for item in page.items], "next_cursor": page.next_cursor}
    )


@bp.get("/articles.csv")
@spec.validate(
    query=ArticleFilters,
    resp=answers(None, 400, 404, 503),  # 200 is text/csv
)
def export_articles(query: ArticleFilters) -> Response:
    """Every matching article as CSV (text/csv), streamed page by page."""
    found = _article_query(query, _CSV_PAGE)
    # The first page is read before streaming starts so store errors still get a status code.
    rows = _csv_rows(found, _read_page(found)) if found is not None else iter(())
    response = Response(stream_with_context(csv_lines(CSV_COLUMNS, rows)), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="articles.csv"'
    return response


def article_dict(article: StoredArticle) -> dict[str, Any]:
    """The JSON form of a stored article (its full text stays out of listings)."""
    return {
        "id": article.id,
        "url": article.url,
        "newspaper": article.source_id,
        "title": article.title,
        "summary": article.summary,
        "text_source": article.text_source,
        "published": _iso(article.published),
        "first_seen": _iso(article.first_seen),
        "category": article.label,
        "confidence": article.confidence,
        "probabilities": article.probabilities,
        "model_version": article.model_version,
        "coverage": article.coverage,
        "language": article.language,
        "section": article.section,
        "section_label": article.section_label,
    }


def _article_query(
    filters: ArticleFilters, limit: int, cursor: str | None = None
) -> ArticleQuery | None:
    """The store query for validated ``filters``; None when they cannot match anything."""
    category = filters.category
    if category is not None:
        # The configured and the loaded model's topics, so checked here.
        categories = label_choices(current_services().settings.topics, current_model().labels)
        if category not in categories:
            raise ApiError(400, f"category must be one of: {', '.join(categories)}")
    ids = filters.newspaper
    since, until = filters.since, filters.until
    try:
        newspapers = known_newspapers(ids) if ids else None
        if since is not None and until is not None and since >= until:
            return None
        return ArticleQuery(
            newspapers=newspapers,
            category=category,
            since=since,
            until=until,
            min_confidence=filters.min_confidence,
            limit=limit,
            cursor=cursor,
            with_text=False,  # listings and the CSV never show the full text
        )
    except StoreQueryError as exc:
        raise ApiError(400, str(exc)) from None


def _read_page(query: ArticleQuery) -> ArticlePage:
    try:
        return current_store().articles(query)
    except StoreQueryError as exc:
        raise ApiError(400, str(exc)) from None


def _csv_rows(query: ArticleQuery, page: ArticlePage) -> Iterator[list[object]]:
    while True:
        for item in page.items:
            yield [
                item.id,
                _iso(item.published),
                _iso(item.first_seen),
                item.source_id,
                item.label,
                f"{item.confidence:.4f}",
                item.title,
                item.url,
                item.summary,
                item.text_source,
                item.model_version,
                item.section,
                item.section_label,
            ]
        if page.next_cursor is None:
            return
        query = replace(query, cursor=page.next_cursor)
        page = _read_page(query)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None
