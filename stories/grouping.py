"""Group articles by story: TF-IDF of title and summary, cosine similarity, average linkage."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

SIMILARITY = 0.3
"""Two articles are the same story when their texts' average cosine similarity reaches this."""

MAX_ARTICLES = 1500
"""Only the newest this many articles are grouped (the distance matrix is quadratic)."""

_OTHER = "other"


class StoryArticle(Protocol):
    """What grouping reads of an article (``store.ArticleRow`` fits)."""

    @property
    def id(self) -> int: ...
    @property
    def url(self) -> str: ...
    @property
    def source_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def when(self) -> datetime: ...


@dataclass(frozen=True)
class Story:
    """One story: its headline article, topic, and every article (of any paper) reporting it."""

    headline: str
    url: str
    topic: str
    papers: tuple[str, ...]
    articles: tuple[StoryArticle, ...] = field(repr=False)
    latest: datetime

    def missing(self, selected: Sequence[str]) -> list[str]:
        """The selected newspapers that do not report this story."""
        return [paper for paper in selected if paper not in self.papers]

    def to_dict(self, selected: Sequence[str] = ()) -> dict[str, Any]:
        """The JSON form (the API's and the dashboard's)."""
        return {
            "headline": self.headline,
            "url": self.url,
            "topic": self.topic,
            "newspapers": list(self.papers),
            "missing": self.missing(selected),
            "latest": self.latest.isoformat().replace("+00:00", "Z"),
            "articles": [
                {
                    "id": item.id,
                    "newspaper": item.source_id,
                    "title": item.title,
                    "url": item.url,
                    "category": item.label,
                }
                for item in self.articles
            ],
        }


_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    # A light, predictable stemmer: plural and past forms meet ("rates", "rate", "rated").
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    return word[:-1] if word.endswith("e") and len(word) >= 4 else word


def words(text: str) -> list[str]:
    """The stemmed content words of ``text`` (English stop words and possessives dropped)."""
    found = _WORD.findall(text.lower().replace("\u2019s", "").replace("'s", ""))
    return [_stem(word) for word in found if word not in ENGLISH_STOP_WORDS]


def _texts(articles: Sequence[StoryArticle]) -> list[str]:
    # The title twice: it names the story; summaries add the context words.
    return [f"{item.title} {item.title} {item.summary or ''}" for item in articles]


def _topic(articles: Sequence[StoryArticle]) -> str:
    votes = Counter(item.label for item in articles)
    ranked = [label for label, _ in votes.most_common() if label != _OTHER]
    return ranked[0] if ranked else _OTHER


def _story(members: list[StoryArticle], similarity: np.ndarray, index: list[int]) -> Story:
    # The headline is the article most like the others (the group's medoid).
    inner = similarity[np.ix_(index, index)]
    centre = int(np.argmax(inner.sum(axis=1)))
    head = members[centre]
    papers = tuple(dict.fromkeys(item.source_id for item in members))
    ordered = sorted(members, key=lambda item: item.when, reverse=True)
    return Story(
        headline=head.title or head.url,
        url=head.url,
        topic=_topic(members),
        papers=papers,
        articles=tuple(ordered),
        latest=ordered[0].when,
    )


def group_stories(
    articles: Sequence[StoryArticle], *, threshold: float = SIMILARITY, limit: int = 10
) -> list[Story]:
    """Stories reported by two or more newspapers: most newspapers first, then most articles."""
    items = sorted(articles, key=lambda item: item.when, reverse=True)[:MAX_ARTICLES]
    if len({item.source_id for item in items}) < 2:
        return []
    try:
        vectorizer = TfidfVectorizer(sublinear_tf=True, tokenizer=words, token_pattern=None)
        vectors = vectorizer.fit_transform(_texts(items))
    except ValueError:  # no word left after stop words
        return []
    similarity = np.asarray((vectors @ vectors.T).todense())
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - threshold,
    ).fit_predict(distance)
    groups: dict[int, list[int]] = {}
    for position, group in enumerate(labels):
        groups.setdefault(int(group), []).append(position)
    stories = [
        _story([items[i] for i in index], similarity, index)
        for index in groups.values()
        if len({items[i].source_id for i in index}) >= 2
    ]
    stories.sort(key=lambda story: (len(story.papers), len(story.articles), story.latest))
    stories.reverse()
    return stories[:limit]
