"""A newspaper's own label for an article, from its URL section, feed categories or section feed.

Rules (per source in ``sources.toml``, see the comment at its top):

- ``[source.sections]`` maps URL path patterns to topics. A pattern starts with ``/`` and
  matches the start of the article's URL path, case-insensitively; ``*`` stands for any
  characters within one path segment. The most specific pattern (most literal characters)
  wins, so ``"/news/uk/politics/"`` beats ``"/news/"``.
- ``[source.categories]`` maps feed ``<category>`` names (case-insensitive) to topics. When
  an item's mapped categories disagree, they give no label (noisy labels hurt retraining).
- A feed may carry a topic: ``{ url = "...", topic = "business" }``.

The first of URL section, categories and feed topic that gives a label wins. A topic is one
of the model's topics, ``other`` (lifestyle-type sections such as travel or food) or any
lower-case topic name a later model may learn; sections without a rule (world and national
news) get no label. The raw ``section`` is kept either way: the rule's section, else the
URL's first path segment (``/world/2026/...``), else the item's first category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

TOPIC = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
"""What a topic name looks like (the store keeps labels of at most 32 characters)."""
_SEGMENT = re.compile(r"^[a-z][a-z0-9_-]*$")
_MAX_PATTERN_CHARS = 200


class Section(NamedTuple):
    """The newspaper's raw section of an article and the topic it maps to (None: no label)."""

    section: str | None
    label: str | None


class RuleError(ValueError):
    """A section rule is malformed; ``str()`` says why."""


@dataclass(frozen=True)
class PathRule:
    """One URL path pattern and the topic of the articles under it."""

    pattern: str
    topic: str
    regex: re.Pattern[str]
    section: str

    @property
    def specificity(self) -> int:
        """How many literal characters the pattern has: the more, the more specific."""
        return len(self.pattern.replace("*", ""))


def path_rule(pattern: str, topic: str) -> PathRule:
    """Compile one ``[source.sections]`` entry; raise RuleError when it is malformed."""
    check_topic(topic)
    if not pattern.startswith("/") or len(pattern) > _MAX_PATTERN_CHARS:
        raise RuleError(f"section pattern {pattern!r} must start with '/' (a URL path)")
    if pattern.replace("*", "").strip("/") == "":
        raise RuleError(f"section pattern {pattern!r} would match every article")
    parts = (re.escape(part) for part in pattern.lower().split("*"))
    regex = re.compile("^" + "[^/]*".join(parts))
    section = pattern.replace("*", "").strip("/-_").lower()
    return PathRule(pattern, topic, regex, section)


def check_topic(topic: object) -> str:
    """Return the topic if it is a valid topic name; raise RuleError otherwise."""
    if not isinstance(topic, str) or not TOPIC.match(topic):
        raise RuleError(f"topic {topic!r} must be a lower-case name such as 'business' or 'other'")
    return topic


@dataclass(frozen=True)
class SectionRules:
    """One source's rules: URL path patterns and feed category names mapped to topics."""

    paths: tuple[PathRule, ...] = ()
    categories: tuple[tuple[str, str], ...] = ()
    """(case-folded category name, topic) pairs."""

    @classmethod
    def build(cls, paths: dict[str, str], categories: dict[str, str]) -> SectionRules:
        """Rules from the two tables of a source; raise RuleError naming a bad entry."""
        compiled = [path_rule(pattern, topic) for pattern, topic in paths.items()]
        compiled.sort(key=lambda rule: -rule.specificity)  # stable: file order breaks ties
        named = []
        for name, topic in categories.items():
            if not name.strip():
                raise RuleError("a category name is empty")
            named.append((name.strip().casefold(), check_topic(topic)))
        return cls(tuple(compiled), tuple(named))

    def label(
        self, url: str, categories: tuple[str, ...] = (), feed_topic: str | None = None
    ) -> Section:
        """The raw section and mapped label of one article."""
        path = urlsplit(url).path.lower() or "/"
        rule = next((r for r in self.paths if r.regex.match(path)), None)
        if rule is not None:
            return Section(rule.section, rule.topic)
        names = [c.strip() for c in categories if c.strip()]
        by_name = dict(self.categories)
        mapped = [(name, by_name[name.casefold()]) for name in names if name.casefold() in by_name]
        if mapped and len({topic for _, topic in mapped}) == 1:
            return Section(mapped[0][0], mapped[0][1])
        if feed_topic is not None:
            return Section(feed_topic, feed_topic)
        return Section(url_section(path) or (names[0] if names else None), None)


def url_section(path: str) -> str | None:
    """The first segment of a URL path when it names a section (``/world/2026/...``)."""
    segments = [s for s in path.lower().split("/") if s]
    if len(segments) < 2 or not _SEGMENT.match(segments[0]):
        return None
    return segments[0]
