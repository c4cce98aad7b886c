"""Foreign places for the world column: country names, capitals and demonyms from countryinfo.

World news is news about other countries. Each country's name, capital, demonym and one-word
alternative spellings come from the countryinfo package (a maintained gazetteer), except the
home countries of the newspapers this app reads (the United States and the United Kingdom:
their places are home news, not world news) and territories under ``MIN_POPULATION``
(Christmas Island, the Isle of Man: their names are common words). The names are cleaned by
the model's own cleaner at training time (``place_terms``), so they match its vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable

HOME_COUNTRIES = ("US", "GB")
"""ISO codes of the countries whose news is home news for the papers in sources.toml."""
MIN_POPULATION = 150_000
_GENERIC_TEXT = """
    south north new united republic democratic island islands saint st east west central
    equatorial federal state states kingdom city territory sint san sao holy people federated
    air cape coast grand fort
"""
_GENERIC = frozenset(_GENERIC_TEXT.split())
"""Tokens of multi-word names that say nothing about a place on their own."""
_HOME_TEXT = """
    america american britain british england english scotland scottish wales welsh edinburgh
    london washington ulster georgia georgian
"""
_HOME_OR_AMBIGUOUS = frozenset(_HOME_TEXT.split())
"""Home places (named inside other countries' entries, e.g. American Samoa), and Georgia,
which in US news is mostly the state."""


def foreign_place_names(
    home: Iterable[str] = HOME_COUNTRIES, min_population: int = MIN_POPULATION
) -> list[str]:
    """Names, capitals, demonyms and one-word alternative spellings of foreign countries."""
    from countryinfo import all_countries  # imported here: only training needs the gazetteer

    homes = set(home)
    names: list[str] = []
    for country in all_countries():
        info = country.info()
        if (info.get("ISO") or {}).get("alpha2") in homes:
            continue
        if (country.population() or 0) < min_population:
            continue
        names += [info.get("name") or "", info.get("capital") or "", country.demonym() or ""]
        names += [alt for alt in info.get("altSpellings") or []
                  if len(alt) > 3 and alt.isascii() and " " not in alt]  # fmt: skip
    return [name for name in names if name]


def place_terms(cleaned_names: Iterable[str]) -> frozenset[str]:
    """The TF-IDF terms of cleaned place names: each distinctive word, and a name's last two
    words as a word pair ("saudi arabia", "hong kong")."""
    terms: set[str] = set()
    for name in cleaned_names:
        words = name.split()
        if len(words) >= 2:
            terms.add(" ".join(words[-2:]))
        terms.update(word for word in words if word not in _GENERIC and len(word) > 2)
    return frozenset(terms - _HOME_OR_AMBIGUOUS)
