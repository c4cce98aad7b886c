"""The label set: the configured topics (settings ``NEWS_TOPICS``) and ``OTHER``, defined once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from settings import Settings


OTHER = "other"
"""The label of a text that is out of scope, not English, or that the model is unsure of."""
_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")


def topic_columns(classes: Iterable[str]) -> np.ndarray:
    """The indices of ``classes`` that are topics (every class but a learnt ``OTHER``)."""
    return np.flatnonzero(np.asarray(list(classes)) != OTHER)


def check_topics(topics: Iterable[str]) -> tuple[str, ...]:
    """The topics, validated: at least two distinct lower-case names, none of them ``OTHER``."""
    names = tuple(topics)
    for name in names:
        if not _NAME.fullmatch(name):
            raise ValueError(f"topic {name!r} is not a lower-case name like 'business'")
    if OTHER in names:
        raise ValueError(f"{OTHER!r} is not a topic: it is the label for everything else")
    if len(set(names)) != len(names) or len(names) < 2:
        raise ValueError(f"topics must be at least two distinct names, got {list(names)}")
    return names


def configured_topics(settings: Settings) -> tuple[str, ...]:
    """The topics that training learns (settings ``NEWS_TOPICS``), validated."""
    return check_topics(settings.topics)


def is_label(value: str, topics: Iterable[str]) -> bool:
    """True when ``value`` is one of ``topics`` or ``OTHER``."""
    return value == OTHER or value in set(topics)


def label_choices(configured: Iterable[str], learnt: Iterable[str]) -> tuple[str, ...]:
    """The labels a reader may pick or filter by: the configured topics, then any topic the
    model learnt beyond them, then ``OTHER`` (a configured topic the model has not learnt yet
    is a choice too: corrections are how it collects examples)."""
    first = list(configured)
    return (*first, *(label for label in learnt if label not in first), OTHER)


@dataclass(frozen=True)
class TopicSupport:
    """What model.json says taught each topic: labelled articles per source of every learnt
    class (``sources``), why each other topic was left out (``refused``) and the articles
    collected for it so far (``collected``). Empty for a model saved without them."""

    sources: Mapping[str, Mapping[str, int]]
    refused: Mapping[str, str]
    collected: Mapping[str, Mapping[str, int]]

    @classmethod
    def of(cls, metadata: Mapping[str, Any]) -> TopicSupport:
        """The support recorded in ``metadata`` (model.json)."""
        rule = metadata.get("topic_rule") or {}
        return cls(
            metadata.get("sources") or {}, rule.get("refused") or {}, rule.get("collected") or {}
        )

    @property
    def unlearnt(self) -> tuple[str, ...]:
        """The topics left out, without ``OTHER``."""
        return tuple(str(topic) for topic in self.refused if topic != OTHER)
