"""Model endpoints: classify texts on demand and describe the model in use."""

from __future__ import annotations

import re
from typing import Any

from flask import Response, jsonify

from api.blueprint import bp, current_model
from api.errors import ApiError
from api.validation import allowed_keys, json_object, query_params
from classifier import MAX_TEXT_CHARS, Prediction, TopicModel

MAX_TEXTS = 100
"""Most texts one request may classify."""
TEXT_PATTERN = r"[^ \t\n\r\f\v]"
"""A text must contain a character other than ASCII whitespace (same in every regex dialect)."""
DEFAULT_TOP_TERMS = 5
"""Top terms per result when ``text`` is given; a ``texts`` batch gets none unless asked,
because explaining re-reads each text and costs about four times the batch prediction."""
MAX_TOP_TERMS = 20
_FIELDS = ("text", "texts", "top_terms")


@bp.post("/classify")
def classify() -> Response:
    """Label one text (``text``) or up to MAX_TEXTS (``texts``) with the current model."""
    query_params(())
    body = json_object()
    allowed_keys(body, _FIELDS)
    if ("text" in body) == ("texts" in body):
        raise ApiError(400, 'give exactly one of "text" (a string) or "texts" (a list of strings)')
    single = "text" in body
    top_terms = _top_terms(body.get("top_terms", DEFAULT_TOP_TERMS if single else 0))
    texts = [_checked_text(body["text"], "text")] if single else _checked_texts(body["texts"])
    model = current_model()
    results = _results(model, texts, top_terms)
    if single:
        return jsonify({"model_version": model.version, "result": results[0]})
    return jsonify({"model_version": model.version, "results": results})


@bp.get("/model")
def describe_model() -> Response:
    """The model's version, labels, training metadata and metrics."""
    query_params(())
    model = current_model()
    return jsonify(
        {
            "version": model.version,
            "labels": list(model.labels),
            "max_text_chars": MAX_TEXT_CHARS,
            "metadata": model.metadata,
        }
    )


def _results(model: TopicModel, texts: list[str], top_terms: int) -> list[dict[str, Any]]:
    predictions: list[Prediction] = model.predict(texts)
    results = []
    for text, prediction in zip(texts, predictions, strict=True):
        result = prediction.to_dict()
        terms = model.explain(text, k=top_terms) if top_terms else []
        result["top_terms"] = [{"term": t.term, "weight": t.weight} for t in terms]
        results.append(result)
    return results


def _top_terms(value: object) -> int:
    if isinstance(value, float) and value.is_integer():  # JSON has no int type: 5.0 is 5
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(400, f'"top_terms" must be a whole number from 0 to {MAX_TOP_TERMS}')
    if not 0 <= value <= MAX_TOP_TERMS:
        raise ApiError(400, f'"top_terms" must be from 0 to {MAX_TOP_TERMS}, got {value}')
    return value


def _checked_texts(value: object) -> list[str]:
    if not isinstance(value, list):
        raise ApiError(400, '"texts" must be a list of strings')
    if not value:
        raise ApiError(400, '"texts" must not be empty')
    if len(value) > MAX_TEXTS:
        raise ApiError(400, f'"texts" has {len(value)} items; at most {MAX_TEXTS} per request')
    return [_checked_text(item, f"texts[{index}]") for index, item in enumerate(value)]


def _checked_text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ApiError(400, f'"{where}" must be a string')
    if not re.search(TEXT_PATTERN, value):
        raise ApiError(400, f'"{where}" is empty; give the text to classify')
    if len(value) > MAX_TEXT_CHARS:
        raise ApiError(413, f'"{where}" has {len(value)} characters; the limit is {MAX_TEXT_CHARS}')
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, f'"{where}" contains invalid Unicode (a lone surrogate)') from None
    return value
