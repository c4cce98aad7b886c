"""GET /topics: the configured topics, which the model learnt, and what taught each."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from api.blueprint import bp, current_model
from api.models import NoQuery
from api.responses import Topics
from api.spec import answers, spec
from classifier.topics import OTHER, TopicSupport
from views.services import current as current_services


def topic_rows(
    model_labels: list[str], configured: list[str], metadata: dict[str, Any]
) -> list[dict[str, Any]]:
    """One row per configured or learnt topic, then ``other``: learnt or not, examples, sources
    (a topic not learnt: the labelled articles collected so far, and why they are too few)."""
    support = TopicSupport.of(metadata)
    names = [*configured, *(label for label in model_labels if label not in configured), OTHER]
    rows = []
    for name in names:
        learnt = name in model_labels or (name == OTHER and name in support.sources)
        # A topic the rule refused lists the labelled articles collected so far (not trained on).
        counts = support.sources.get(name) or support.collected.get(name) or {}
        taught = {str(k): int(v) for k, v in counts.items()}
        rows.append(
            {
                "name": name,
                "learnt": learnt,
                "examples": sum(taught.values()),
                "sources": taught,
                "not_learnt_because": None if learnt else support.refused.get(name),
            }
        )
    return rows


@bp.get("/topics")
@spec.validate(query=NoQuery, resp=answers(Topics, 503))
def topics() -> Response:
    """The topics: the configured ones (NEWS_TOPICS) and the model's, each with its training
    examples per source; a topic without enough labelled examples says why it is not learnt."""
    model = current_model()
    configured = list(current_services().settings.topics)
    rows = topic_rows(list(model.labels), configured, model.metadata)
    return jsonify({"model_version": model.version, "cut": model.threshold, "topics": rows})
