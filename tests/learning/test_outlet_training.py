"""The shipped recipe adds each pooled column only to a model that learns its topic."""

from __future__ import annotations

import random
from typing import Any

from learning.outlet_training import train_outlets
from learning.outlet_weights import SMALLER_OUTLETS
from learning.outlets import View, article_views

WORDS = {
    "business": "bank shares profit market investor rates trade",
    "sport": "match goal striker league coach champion final",
    "crime": "police arrest suspect murder prison charge robbery",
}


def _views(topics: tuple[str, ...]) -> list[View]:
    rng = random.Random(3)
    views: list[View] = []
    for outlet in ("a", "b"):
        for topic in topics:
            for number in range(22):
                words = rng.choices(WORDS[topic].split(), k=12)
                title, body = " ".join(words[:4]), " ".join(words[4:]) + "."
                views += article_views(title, body, topic, outlet, f"{outlet}:{topic}:{number}")
    return views


def test_a_model_that_learns_crime_pools_crime_words_and_meets_offence_with_justice() -> None:
    trained = train_outlets(_views(("business", "sport", "crime")), ("business", "sport", "crime"))
    steps = dict(trained.pipeline.steps)
    assert list(steps) == ["clean", "tfidf", "lexicon", "justice", "clf"]
    assert "crime" in trained.classes
    vocabulary = steps["tfidf"].vocabulary_
    justice = steps["justice"]
    assert vocabulary["murder"] in justice.columns and vocabulary["murder"] not in justice.meet
    assert vocabulary["arrest"] in justice.meet and vocabulary["arrest"] not in justice.columns


def test_without_a_crime_class_the_pipeline_has_no_crime_column() -> None:
    trained = train_outlets(_views(("business", "sport")), ("business", "sport", "crime"))
    assert [name for name, _ in trained.pipeline.steps] == ["clean", "tfidf", "clf"]


def _steps_with(topic: str, words: str) -> dict[str, Any]:
    """The pipeline steps of a model trained on business, sport and ``topic`` (its ``words``)."""
    WORDS[topic] = words
    try:
        topics = ("business", "sport", topic)
        return dict(train_outlets(_views(topics), topics).pipeline.steps)
    finally:
        del WORDS[topic]


def test_a_model_that_learns_world_meets_foreign_places_with_statecraft() -> None:
    steps = _steps_with("world", "france minister summit ukraine troops kyiv election")
    assert list(steps) == ["clean", "tfidf", "world", "clf"]
    pool = steps["world"]
    vocabulary = steps["tfidf"].vocabulary_
    assert vocabulary["france"] in pool.columns and vocabulary["kyiv"] in pool.columns
    assert vocabulary["summit"] in pool.meet and vocabulary["france"] not in pool.meet


def test_a_model_that_learns_politics_pools_election_words_less_foreign_places() -> None:
    steps = _steps_with("politics", "senator voters election gop labour parliament minister "
                        "france")  # fmt: skip
    assert list(steps) == ["clean", "tfidf", "politics", "clf"]
    vocabulary = steps["tfidf"].vocabulary_
    columns = steps["politics"].columns
    assert {vocabulary[word] for word in ("senator", "voter", "election", "gop")} <= set(columns)
    assert vocabulary["minister"] not in columns  # statecraft: the world column's word
    assert steps["politics"].unless == (vocabulary["france"],)  # a vote abroad is world news


def test_model_json_keeps_the_articles_collected_for_a_refused_topic() -> None:
    views = _views(("business", "sport", "crime"))
    thin = [view for view in views if view.label != "crime" or view.outlet == "a"]
    described = train_outlets(thin, ("business", "sport", "crime")).describe()
    assert "crime" not in described["classes"]
    assert described["topic_rule"]["refused"]["crime"].startswith("22 labelled articles")
    assert described["topic_rule"]["collected"]["crime"] == {"a": 22}
    assert "crime" not in described["sources"]


def test_small_outlets_are_held_out_and_judged_together_beside_a_larger_one() -> None:
    views = _views(("business", "sport"))  # outlets a and b: 44 articles each
    rng = random.Random(5)
    for topic in ("business", "sport"):
        for number in range(60):
            words = rng.choices(WORDS[topic].split(), k=12)
            title, body = " ".join(words[:4]), " ".join(words[4:]) + "."
            views += article_views(title, body, topic, "large", f"large:{topic}:{number}")
    trained = train_outlets(views, ("business", "sport"))
    assert set(trained.held_out) == {"large", SMALLER_OUTLETS}
    assert trained.held_out[SMALLER_OUTLETS]["n"] == sum(v.outlet in ("a", "b") for v in views)
    # Only small outlets: each stays its own, so something is still held out across outlets.
    assert set(train_outlets(_views(("business", "sport")), ("business", "sport")).held_out) == {
        "a",
        "b",
    }
