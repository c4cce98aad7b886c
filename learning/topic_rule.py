"""Which topics a model may learn: enough labelled articles from at least two sources.

A topic (or the ``other`` class) joins a trained model only when its labelled articles number
at least ``min_articles`` in all and at least ``min_per_source`` come from each of at least
``min_sources`` different sources (outlets, newspapers). One source's section is one editor's
idea of the topic, and a model that has seen only it is confidently wrong on the next
outlet; two sources also mean every held-out-outlet split still has examples of the topic,
so calibration and the abstention cut can be measured for it. A thin topic is left out (its
articles are not trained on) until the section feeds have collected enough.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from classifier.topics import OTHER

MIN_ARTICLES = 40
MIN_SOURCES = 2
MIN_PER_SOURCE = 10


class Labelled(Protocol):
    """A labelled text of one article from one source."""

    @property
    def label(self) -> str: ...

    @property
    def outlet(self) -> str: ...

    @property
    def group(self) -> str: ...


Support = dict[str, dict[str, int]]
"""label → source → distinct labelled articles."""


def support(items: Iterable[Labelled]) -> Support:
    """How many distinct articles (views of one article count once) each source has per label."""
    articles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for item in items:
        articles[item.label][item.outlet].add(item.group)
    return {
        label: {source: len(groups) for source, groups in sorted(by_source.items())}
        for label, by_source in sorted(articles.items())
    }


@dataclass(frozen=True)
class TopicRule:
    """The numbers of the rule (see the module docstring)."""

    min_articles: int = MIN_ARTICLES
    min_sources: int = MIN_SOURCES
    min_per_source: int = MIN_PER_SOURCE

    def describe(self) -> str:
        """The rule in one sentence (model.json, the model page)."""
        return (
            f"a topic is learnt when it has at least {self.min_articles} labelled articles, "
            f"at least {self.min_per_source} from each of at least {self.min_sources} sources"
        )

    def refusal(self, by_source: dict[str, int]) -> str | None:
        """Why a label with this support is left out (None: it joins)."""
        total = sum(by_source.values())
        strong = [source for source, count in by_source.items() if count >= self.min_per_source]
        if total < self.min_articles:
            return f"{total} labelled articles, fewer than {self.min_articles}"
        if len(strong) < self.min_sources:
            return (
                f"{len(strong)} source(s) with at least {self.min_per_source} articles, "
                f"fewer than {self.min_sources}"
            )
        return None

    def admit(self, counts: Support, wanted: Sequence[str]) -> tuple[list[str], dict[str, str]]:
        """(the learnt classes among ``wanted`` topics and ``other``, why each other is not)."""
        learnt, refused = [], {}
        for label in [*wanted, OTHER]:
            reason = self.refusal(counts.get(label, {}))
            if reason is None:
                learnt.append(label)
            else:
                refused[label] = reason
        return learnt, refused

    def to_dict(self) -> dict[str, Any]:
        """The rule's numbers and sentence."""
        return {
            "min_articles": self.min_articles,
            "min_sources": self.min_sources,
            "min_per_source": self.min_per_source,
            "rule": self.describe(),
        }
