"""A refresh stores each article's newspaper section and label next to the model's label."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from classifier import TopicModel
from refresh import scrape
from runtime.services import build_services
from store import ArticleQuery, Store
from tests.newsserver import NewsServer


def test_feed_topics_url_sections_and_categories_reach_the_store(
    news: NewsServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    model: TopicModel,
    store: Store,
) -> None:
    news.set_items("paper3", [replace(i, categories=("Politics",)) for i in news.items("paper3")])
    fast = "read_timeout = 2.0\nretries = 0\n"
    path = tmp_path / "sources.toml"
    # paper1 is also listed by a "business" section feed (the hub serves the same items);
    # paper2 has a URL rule, paper3 a category rule.
    path.write_text(
        f"""
[[source]]
id = "paper1"
name = "Paper 1"
homepage = "{news.origin("paper1")}/"
feeds = ["{news.feed_url("paper1")}", {{ url = "{news.url}/paper1/feed.xml", topic = "business" }}]
{fast}
[[source]]
id = "paper2"
name = "Paper 2"
homepage = "{news.origin("paper2")}/"
feeds = ["{news.feed_url("paper2")}"]
{fast}
[source.sections]
"/paper2/articles/" = "other"

[[source]]
id = "paper3"
name = "Paper 3"
homepage = "{news.origin("paper3")}/"
feeds = ["{news.feed_url("paper3")}"]
{fast}
[source.categories]
"politics" = "politics"
"""
    )
    monkeypatch.setenv("NEWS_SOURCES", str(path))
    report = scrape(build_services(store=store, model=model))
    assert report.ok
    stored = store.articles(ArticleQuery(limit=500)).items
    labels = {(a.source_id, a.section, a.section_label) for a in stored}
    assert labels == {
        ("paper1", "business", "business"),
        ("paper2", "paper2/articles", "other"),
        ("paper3", "Politics", "politics"),
    }
    assert len(stored) == 3 * len(news.items("paper1"))
    assert all(a.coverage is not None for a in stored)
