"""Model endpoints: classify texts on demand and describe the model in use."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from api.blueprint import bp, current_model
from api.models import (
    DEFAULT_TOP_TERMS,
    MAX_TEXTS,
    ClassifyRequest,
    NoQuery,
)
from api.responses import ClassifyResponse, ModelInfo
from api.spec import answers, json_body, spec
from classifier import MAX_TEXT_CHARS, Prediction, TopicModel

__all__ = ["MAX_TEXTS", "classify", "describe_model"]


@bp.post("/classify")
@json_body
@spec.validate(
    query=NoQuery,
    json=ClassifyRequest,
    resp=answers(ClassifyResponse, 400, 413, 415, 429, 503),
)
def classify(json: ClassifyRequest) -> Response:
    """Classify one text (`text`) or a batch (`texts`); rate limited per client address."""
    single = json.text is not None
    default = DEFAULT_TOP_TERMS if single else 0
    top_terms = json.top_terms if json.top_terms is not None else default
    texts = [json.text] if json.text is not None else list(json.texts or [])
    model = current_model()
    results = _results(model, texts, top_terms)
    if single:
        return jsonify({"model_version": model.version, "result": results[0]})
    return jsonify({"model_version": model.version, "results": results})


@bp.get("/model")
@spec.validate(query=NoQuery, resp=answers(ModelInfo, 503))
def describe_model() -> Response:
    """The model in use: version, labels, metadata and metrics."""
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
