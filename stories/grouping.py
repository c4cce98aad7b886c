"""Top stories: articles of two or more newspapers that report the same story, biggest first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import numpy as np

from stories.features import story_text, vectors
from stories.membership import SIMILARITY, WINDOW, StoryItem, assign

_OTHER = "other"


class StoryArticle(StoryItem, Protocol):
    """What grouping reads of an article (``store.ArticleRow`` fits)."""

    @property
    def url(self) -> str: ...
    @property
    def label(self) -> str: ...


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

    def per_paper(self) -> tuple[StoryArticle, ...]:
        """Each paper's newest article of the story, newest first: one line per paper."""
        return tuple({item.source_id: item for item in reversed(self.articles)}.values())[::-1]

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


def _topic(articles: Sequence[StoryArticle]) -> str:
    votes = Counter(item.label for item in articles)
    ranked = [label for label, _ in votes.most_common() if label != _OTHER]
    return ranked[0] if ranked else _OTHER


def _story(members: Sequence[StoryArticle]) -> Story:
    # The headline is the article most like the others (the group's medoid).
    rows = vectors([story_text(item.title, item.summary) for item in members])
    centre = int(np.argmax(np.asarray((rows @ rows.T).sum(axis=1)).ravel()))
    head = members[centre]
    ordered = sorted(members, key=lambda item: item.when, reverse=True)
    return Story(
        headline=head.title or head.url,
        url=head.url,
        topic=_topic(members),
        papers=tuple(dict.fromkeys(item.source_id for item in ordered)),
        articles=tuple(ordered),
        latest=ordered[0].when,
    )


def collect(
    articles: Sequence[StoryArticle],
    story_of: Mapping[int, int | None],
    *,
    limit: int | None = 10,
) -> list[Story]:
    """The top ``limit`` stories (None: all) of assigned articles (``story_of``: id → story id).

    Linear in the articles: this is how a window of stored articles is read.
    """
    groups: dict[int, list[StoryArticle]] = {}
    for item in articles:
        story = story_of.get(item.id)
        if story is not None:
            groups.setdefault(story, []).append(item)
    shared = [
        members for members in groups.values() if len({item.source_id for item in members}) >= 2
    ]

    def rank(members: list[StoryArticle]) -> tuple[int, int, datetime]:
        return (
            len({item.source_id for item in members}),
            len(members),
            max(item.when for item in members),
        )

    shared.sort(key=rank, reverse=True)
    return [_story(members) for members in shared[:limit]]


def group_stories(
    articles: Sequence[StoryArticle], *, threshold: float = SIMILARITY, limit: int | None = None
) -> list[Story]:
    """Stories reported by two or more newspapers: most newspapers first, then most articles.

    Every such story by default; ``limit`` keeps the first ones (a panel's top stories).

    A pure function: the articles are assigned in time order as the store assigns them when
    they are stored (``stories.membership``), then collected.
    """
    items = sorted(articles, key=lambda item: (item.when, item.id))
    if len({item.source_id for item in items}) < 2:
        return []
    rows = vectors([story_text(item.title, item.summary) for item in items])
    ids = [item.id for item in items]
    times = [item.when for item in items]
    papers = [item.source_id for item in items]
    found = assign(ids, times, papers, rows, [None] * len(items), threshold=threshold)
    return collect(items, dict(zip(ids, found, strict=True)), limit=limit)


__all__ = ["SIMILARITY", "WINDOW", "Story", "StoryArticle", "collect", "group_stories"]
