"""GET /topics: the configured topics, which the committed model learnt, and from where."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from api.topics import topic_rows
from runtime.services import champion
from settings import get_settings


def test_topics_list_the_configured_topics_with_their_training_counts(
    client: FlaskClient,
) -> None:
    body = client.get("/api/v1/topics").get_json()
    model = champion()
    assert body["model_version"] == model.version and body["cut"] == model.threshold
    names = [row["name"] for row in body["topics"]]
    assert names[: len(get_settings().topics)] == list(get_settings().topics)
    assert names[-1] == "other"
    rows = {row["name"]: row for row in body["topics"]}
    for label in model.labels:
        assert rows[label]["learnt"] and rows[label]["examples"] > 0
        assert rows[label]["examples"] == sum(rows[label]["sources"].values())
    for row in body["topics"]:
        if not row["learnt"] and row["name"] in model.metadata["topic_rule"]["refused"]:
            assert row["not_learnt_because"]


def test_any_topic_list_works(monkeypatch: pytest.MonkeyPatch) -> None:
    metadata = {
        "sources": {"weather": {"a": 30, "b": 20}, "sport": {"a": 5}},
        "topic_rule": {"refused": {"sport": "5 labelled articles, fewer than 40"}},
    }
    rows = topic_rows(["weather"], ["sport", "weather"], metadata)
    assert [r["name"] for r in rows] == ["sport", "weather", "other"]
    assert rows[0] == {
        "name": "sport",
        "learnt": False,
        "examples": 5,
        "sources": {"a": 5},
        "not_learnt_because": "5 labelled articles, fewer than 40",
    }
    assert rows[1]["learnt"] and rows[1]["examples"] == 50
    assert rows[2]["learnt"] is False and rows[2]["examples"] == 0


def test_a_refused_topic_lists_the_articles_collected_so_far() -> None:
    metadata = {
        "classes": ["sport", "world"],
        "sources": {"sport": {"a": 50, "b": 40}, "world": {"a": 30, "b": 20}},
        "topic_rule": {
            "refused": {"science": "20 labelled articles, fewer than 40",
                        "other": "37 labelled articles, fewer than 40"},
            "collected": {"science": {"huffpost": 20}, "other": {"huffpost": 37}},
        },
    }  # fmt: skip
    rows = {row["name"]: row for row in topic_rows(["sport", "world"], ["science"], metadata)}
    assert rows["science"]["learnt"] is False
    assert rows["science"]["examples"] == 20 and rows["science"]["sources"] == {"huffpost": 20}
    assert rows["science"]["not_learnt_because"] == "20 labelled articles, fewer than 40"
    assert rows["other"]["learnt"] is False and rows["other"]["examples"] == 37
