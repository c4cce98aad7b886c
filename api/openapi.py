"""The OpenAPI 3.1 document describing /api/v1, built from the same limits the views enforce."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from api.articles import CSV_COLUMNS, DEFAULT_LIMIT, MAX_CURSOR_CHARS
from api.blueprint import bp, current_model
from api.classify import MAX_TEXTS
from api.limits import CLASSIFY_LIMIT, REFRESH_LIMIT
from api.schemas import JSON, component_schemas, error_responses, json_response
from api.stories import STORIES_PATH
from api.validation import query_params
from classifier import OTHER
from store.records import MAX_PAGE_SIZE


@bp.get("/openapi.json")
def openapi_json() -> Response:
    """This API's OpenAPI 3.1 document."""
    query_params(())
    return jsonify(openapi_document((*current_model().labels, OTHER)))


def openapi_document(categories: tuple[str, ...]) -> dict[str, Any]:
    """The OpenAPI document; ``categories`` are the labels articles can carry."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Latest News Classifier API",
            "version": "1.0.0",
            "description": (
                "Classified newspaper articles and the topic model behind them. Every error "
                'answers {"error": {"code", "message"}}. Unknown query parameters are rejected.'
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": _paths(categories),
        "components": {
            "schemas": component_schemas(categories),
            "responses": error_responses(),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def _paths(categories: tuple[str, ...]) -> dict[str, Any]:
    filters = _filter_parameters(categories)
    page = [
        _query(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_LIMIT},
            "Articles per page.",
        ),
        _query(
            "cursor",
            {"type": "string", "minLength": 1, "maxLength": MAX_CURSOR_CHARS},
            "The next_cursor of the previous page.",
        ),
    ]
    return {
        "/newspapers": {"get": _get("The configured newspapers.", "Newspapers")},
        "/stories": STORIES_PATH,
        "/articles": {
            "get": _get(
                "Articles, newest first, one page at a time.",
                "ArticlePage",
                parameters=filters + page,
                errors=("400", "404"),
            )
        },
        "/articles.csv": {
            "get": {
                "summary": f"Every matching article as CSV (columns: {', '.join(CSV_COLUMNS)}).",
                "parameters": filters,
                "responses": {
                    "200": {
                        "description": "CSV",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    **_refs("400", "404", "503"),
                },
            }
        },
        "/classify": {
            "post": {
                "summary": f"Classify one text or up to {MAX_TEXTS}. Rate limit: {CLASSIFY_LIMIT}.",
                "requestBody": _json_body("ClassifyRequest"),
                "responses": {
                    "200": json_response("Labels for the texts.", "ClassifyResponse"),
                    **_refs("400", "413", "415", "429", "503"),
                },
            }
        },
        "/model": {"get": _get("The model in use: version, labels, metadata, metrics.", "Model")},
        "/healthz": {
            "get": {
                "summary": "200 when the store answers and the model is loaded, else 503.",
                "responses": {
                    "200": json_response("Healthy.", "Health"),
                    "503": json_response("Not healthy; says what is down.", "Unhealthy"),
                    **_refs("400"),
                },
            }
        },
        "/refresh": {
            "post": {
                "summary": f"Scrape newspapers now (synchronous). Rate limit: {REFRESH_LIMIT}. "
                "Answers 403 when the server has no API_TOKEN.",
                "security": [{"bearer": []}],
                "requestBody": {**_json_body("RefreshRequest"), "required": False},
                "responses": {
                    "200": json_response("The refresh summary.", "RefreshSummary"),
                    **_refs("400", "401", "403", "404", "415", "429", "503"),
                },
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This document.",
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.1",
                        "content": {JSON: {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    }


def _filter_parameters(categories: tuple[str, ...]) -> list[dict[str, Any]]:
    when = {
        "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]
    }
    return [
        {
            **_query(
                "newspaper",
                {"type": "string", "minLength": 1, "maxLength": 100},
                "Newspaper id (see /newspapers); repeat for several.",
            ),
            "explode": True,
        },
        _query("category", {"type": "string", "enum": list(categories)}, "Topic label."),
        _query("since", when, "Only articles at or after this time (ISO 8601, UTC if no zone)."),
        _query("until", when, "Only articles before this time (ISO 8601, UTC if no zone)."),
        _query(
            "min_confidence",
            {"type": "number", "minimum": 0, "maximum": 1},
            "Only articles labelled with at least this confidence.",
        ),
    ]


def _get(
    summary: str,
    schema: str,
    parameters: list[dict[str, Any]] | None = None,
    errors: tuple[str, ...] = (),
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {"200": json_response(summary, schema), **_refs("400", *errors, "503")},
    }
    if parameters:
        operation["parameters"] = parameters
    return operation


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def _json_body(schema: str) -> dict[str, Any]:
    return {
        "required": True,
        "content": {JSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _refs(*statuses: str) -> dict[str, Any]:
    return {
        status: {"$ref": f"#/components/responses/{status}"} for status in dict.fromkeys(statuses)
    }
