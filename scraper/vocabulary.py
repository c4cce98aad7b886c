"""Common section vocabularies: a newspaper's raw section name → one of the news topics.

Newspapers, aggregators and archives name their sections differently ("WORLD NEWS",
"Armed conflicts and attacks", "Law and crime", "science and technology", "Courts"). This
table maps the common names to the default topics (settings ``NEWS_TOPICS``: business,
entertainment, politics, sport, tech, world, crime, science, health) or ``other`` (lifestyle,
travel, food, style, puzzles). It applies to every newspaper, configured or archive-only;
a source's own ``[source.sections]`` / ``[source.categories]`` rules in sources.toml win.

Names are compared case-folded, with ``&`` as "and" and punctuation and extra spaces as one
space, so "Business & Economy", "business and economy" and "BUSINESS_AND-ECONOMY" are one
name. Sections that mix topics (opinion, national news, "U.S. NEWS", "weird news", identity
sections) have no entry on purpose: a noisy label teaches the model less than none.
"""

from __future__ import annotations

import re

_SECTIONS: dict[str, tuple[str, ...]] = {
    "business": (
        "business", "business and economy", "business and econony", "economy", "economics",
        "money", "finance", "markets", "companies", "personal finance", "business news",
        "economy and business", "b",
    ),
    "entertainment": (
        "entertainment", "arts and culture", "arts", "culture", "arts and entertainment",
        "entertainment and arts", "comedy", "film", "movies", "music", "tv", "television",
        "showbiz", "tvshowbiz", "celebrity", "books", "stage", "theatre", "culture and arts",
        "e",
    ),
    "politics": (
        "politics", "politics and elections", "elections", "government", "uk politics",
        "us politics", "election",
    ),
    "sport": (
        "sport", "sports", "football", "soccer", "cricket", "rugby", "tennis", "golf",
        "formula one", "f1", "boxing", "athletics", "olympics", "nfl", "nba",
    ),
    "tech": (
        "tech", "technology", "science and technology", "sci tech", "scitech", "sci/tech",
        "science tech", "gadgets", "internet", "computing", "t",
    ),
    "world": (
        "world", "world news", "international", "international relations", "foreign",
        "global", "armed conflicts and attacks", "armed conflicts", "conflicts", "war",
        "africa", "asia", "asia pacific", "europe", "middle east", "americas",
        "latin america", "australia pacific", "disasters and accidents", "global development",
        "worldpost", "the worldpost",
    ),
    "crime": (
        "crime", "law and crime", "law", "courts", "justice", "crime and justice",
        "crime and courts", "police", "legal", "true crime", "law and order",
    ),
    "science": (
        "science", "environment", "climate", "space", "climate crisis", "nature",
        "science and environment", "environment and science", "green", "earth",
    ),
    "health": (
        "health", "health and environment", "medicine", "wellness", "healthy living",
        "health news", "coronavirus", "covid", "m", "health and wellbeing", "nhs",
    ),
    "other": (
        "travel", "food", "food and drink", "style", "style and beauty", "fashion",
        "lifestyle", "life and style", "lifeandstyle", "puzzles", "crosswords", "games",
        "home", "home and garden", "homes", "property", "parenting", "parents", "weddings",
        "divorce", "taste", "beauty", "motoring", "cars", "shopping", "recipes", "horoscopes",
        "femail", "wellbeing", "home and living",
    ),
}  # fmt: skip
# "science and technology" is tech: the UCI aggregator's "t" and wire services' Sci/Tech are
# mostly gadgets and companies. "health and environment" is health (the portal's heading).

_SEPARATORS = re.compile(r"[\s_\-/:|,.]+")


def normalise_section(name: str) -> str:
    """One spelling of a section name: case-folded, ``&`` as "and", punctuation as spaces."""
    text = name.casefold().replace("&", " and ").replace("+", " and ")
    return " ".join(_SEPARATORS.sub(" ", text).split())


SECTION_TOPICS: dict[str, str] = {
    normalise_section(name): topic for topic, names in _SECTIONS.items() for name in names
}
"""Normalised section name → topic (or ``other``)."""
# Single letters are the UCI aggregator's raw category codes (b, e, t, m); they are kept
# because its files carry them, and no newspaper names a section with one letter.


def section_topic(section: str | None) -> str | None:
    """The topic a raw section name stands for, or None when it has no common meaning.

    A path-like section ("news/world", "/uk-news/crime/") is tried whole, then by its last
    segment and first segment, so "/world/europe/" is world and "news/crime" is crime.
    """
    if not section:
        return None
    whole = normalise_section(section)
    found = SECTION_TOPICS.get(whole)
    if found is not None:
        return found
    segments = [normalise_section(part) for part in re.split(r"[/>]", section) if part.strip()]
    for segment in (segments[-1:] + segments[:1]) if len(segments) > 1 else []:
        if (found := SECTION_TOPICS.get(segment)) is not None:
            return found
    return None
