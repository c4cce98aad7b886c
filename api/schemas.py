"""OpenAPI component schemas and error responses for /api/v1."""

from __future__ import annotations

from typing import Any

from api.classify import DEFAULT_TOP_TERMS, MAX_TEXTS, MAX_TOP_TERMS, TEXT_PATTERN
from api.ops import MAX_SOURCES
from classifier import MAX_TEXT_CHARS

JSON = "application/json"


def component_schemas(categories: tuple[str, ...]) -> dict[str, Any]:
    """The component schemas; ``categories`` are the labels articles can carry."""
    text = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS, "pattern": TEXT_PATTERN}
    probabilities = {"type": "object", "additionalProperties": {"type": "number"}}
    nullable_time = {"type": ["string", "null"], "format": "date-time"}
    return {
        "Error": _object(
            {"error": _object({"code": {"type": "string"}, "message": {"type": "string"}})}
        ),
        "Newspapers": _object(
            {
                "newspapers": {
                    "type": "array",
                    "items": _object(
                        {
                            "id": {"type": "string"},
                            "name": {"type": "string"},
                            "homepage": {"type": "string"},
                        }
                    ),
                }
            }
        ),
        "Article": _object(
            {
                "id": {"type": "integer"},
                "url": {"type": "string"},
                "newspaper": {"type": "string"},
                "title": {"type": "string"},
                "summary": {"type": "string"},
                "text_source": {"enum": ["page", "summary"]},
                "published": nullable_time,
                "first_seen": {"type": "string", "format": "date-time"},
                "category": {"type": "string"},
                "confidence": {"type": "number"},
                "probabilities": probabilities,
                "model_version": {"type": "string"},
            }
        ),
        "ArticlePage": _object(
            {
                "articles": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}},
                "next_cursor": {"type": ["string", "null"]},
            }
        ),
        "ClassifyRequest": {
            "type": "object",
            "properties": {
                "text": text,
                "texts": {"type": "array", "items": text, "minItems": 1, "maxItems": MAX_TEXTS},
                "top_terms": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": MAX_TOP_TERMS,
                    "description": f"Terms explaining each label; default {DEFAULT_TOP_TERMS} "
                    "for `text`, 0 for `texts` (explaining costs ~4x the prediction).",
                },
            },
            "oneOf": [{"required": ["text"]}, {"required": ["texts"]}],
            "additionalProperties": False,
        },
        "Result": _object(
            {
                "label": {"type": "string", "enum": list(categories)},
                "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                "probabilities": probabilities,
                "topic": {"type": "string", "enum": list(categories)},
                "coverage": {"type": "number", "minimum": 0, "maximum": 1},
                "top_terms": {
                    "type": "array",
                    "items": _object({"term": {"type": "string"}, "weight": {"type": "number"}}),
                },
            },
            all_required=False,
        ),
        "ClassifyResponse": {
            "type": "object",
            "required": ["model_version"],
            "properties": {
                "model_version": {"type": "string"},
                "result": {"$ref": "#/components/schemas/Result"},
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/Result"}},
            },
            "oneOf": [{"required": ["result"]}, {"required": ["results"]}],
        },
        "Model": _object(
            {
                "version": {"type": "string"},
                "labels": {"type": "array", "items": {"type": "string"}},
                "max_text_chars": {"type": "integer"},
                "metadata": {"type": "object"},
            }
        ),
        "Health": _object(
            {
                "status": {"const": "ok"},
                "model_version": {"type": "string"},
                "checks": {"type": "object", "additionalProperties": {"type": "string"}},
            }
        ),
        "Unhealthy": {
            "allOf": [
                {"$ref": "#/components/schemas/Error"},
                _object(
                    {"status": {"const": "unavailable"}, "checks": {"type": "object"}},
                    all_required=False,
                ),
            ]
        },
        "RefreshRequest": {
            "type": "object",
            "properties": {
                "sources": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": MAX_SOURCES,
                    "items": {"type": "string", "minLength": 1},
                }
            },
            "additionalProperties": False,
        },
        "RefreshQueued": _object(
            {
                "refresh_id": {"type": "integer"},
                "joined": {"type": "boolean"},
                "status_url": {"type": "string"},
            }
        ),
        "RefreshSummary": _object(
            {
                "id": {"type": "integer"},
                "status": {"enum": ["queued", "running", "done", "failed"]},
                "outcome": {"enum": ["ok", "partial", "failed", None]},
                "trigger": {"type": "string"},
                "progress": _object({"done": {"type": "integer"}, "total": {"type": "integer"}}),
                "started_at": {"type": "string", "format": "date-time"},
                "finished_at": nullable_time,
                "heartbeat_at": nullable_time,
                "error": {"type": ["string", "null"]},
                "newspapers": {"type": "array", "items": {"type": "string"}},
                "results": {"type": "array", "items": {"type": "object"}},
            }
        ),
    }


def error_responses() -> dict[str, Any]:
    """One reusable JSON error response per status the API answers with."""
    reasons = {
        "400": "Bad request: malformed JSON, wrong types, bad dates or limits, unknown parameters.",
        "401": "Missing or wrong bearer token.",
        "403": "Refreshing is disabled on this server (no API_TOKEN).",
        "404": "Unknown newspaper or refresh.",
        "413": f"Body over the size limit, or a text over {MAX_TEXT_CHARS} characters.",
        "415": "The body is not application/json.",
        "429": "Rate limit hit; see Retry-After.",
        "503": "The store or the model is unavailable.",
    }
    return {status: json_response(text, "Error") for status, text in reasons.items()}


def json_response(description: str, schema: str) -> dict[str, Any]:
    """A JSON response referring to component schema ``schema``."""
    return {
        "description": description,
        "content": {JSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _object(properties: dict[str, Any], all_required: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if all_required:
        schema["required"] = list(properties)
    return schema
