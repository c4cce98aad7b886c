"""The topic rule: a topic is learnt only with enough articles from at least two sources."""

from __future__ import annotations

from learning.outlets import article_views
from learning.topic_rule import TopicRule, support


def _views(label: str, outlet: str, articles: int) -> list:
    views = []
    for number in range(articles):
        views += article_views(f"Head {number}", "One. Two.", label, outlet, f"{outlet}:{number}")
    return views


def test_views_of_one_article_count_once_per_source() -> None:
    counted = support(_views("world", "a", 12) + _views("world", "b", 3))
    assert counted == {"world": {"a": 12, "b": 3}}


def test_a_topic_needs_enough_articles_from_two_sources() -> None:
    rule = TopicRule(min_articles=20, min_sources=2, min_per_source=5)
    counted = support(
        _views("world", "a", 15) + _views("world", "b", 6)  # 21 from two sources: learnt
        + _views("crime", "a", 30)  # one source only
        + _views("science", "a", 8) + _views("science", "b", 8)  # too few in all
        + _views("other", "a", 12) + _views("other", "b", 12)
    )  # fmt: skip
    learnt, refused = rule.admit(counted, ["world", "crime", "science", "health"])
    assert learnt == ["world", "other"]
    assert refused == {
        "crime": "1 source(s) with at least 5 articles, fewer than 2",
        "science": "16 labelled articles, fewer than 20",
        "health": "0 labelled articles, fewer than 20",
    }
    assert "at least 20 labelled articles" in rule.describe()
