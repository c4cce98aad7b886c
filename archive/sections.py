"""An archive's section names mapped to topics (when a line gives a section but no topic)."""

from __future__ import annotations

from collections.abc import Collection

_SYNONYMS = {
    "science and technology": "tech",
    "technology": "tech",
    "sci/tech": "tech",
    "sports": "sport",
    "business and economy": "business",
    "politics and elections": "politics",
    "arts and culture": "entertainment",
}
"""Common section names of news aggregators and portals, and the topic each one is."""


def section_topic(section: str | None, topics: Collection[str]) -> str | None:
    """The topic a section names: itself when it is a topic, else a known synonym of a topic;
    None when the section names none of ``topics`` (world news, health, ...)."""
    if not section:
        return None
    name = " ".join(section.lower().split())
    topic = name if name in topics else _SYNONYMS.get(name)
    return topic if topic in topics else None
