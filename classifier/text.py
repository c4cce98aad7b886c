"""Text cleaning for the topic model: a stateless scikit-learn transformer."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

import regex  # type: ignore[import-untyped]
from nltk.corpus import stopwords
from nltk.stem import WordNetLemmatizer
from sklearn.base import BaseEstimator, TransformerMixin

from classifier import corpora

# Typographic apostrophes become ASCII so "company’s" and "company's" clean alike.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\u2032`\u00b4", "'"))
# Runs of letters (any script, with their combining marks), optionally joined by inner
# apostrophes ("o'neill", "don't"). Digits of any kind ("2005", "²") and punctuation
# separate tokens and are dropped; `re` has no letter class, hence `regex`.
_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:'\p{L}[\p{L}\p{M}]*)*")
_LEMMA_CACHE_SIZE = 200_000


@cache
def _stop_words() -> frozenset[str]:
    corpora.require("stopwords")
    return frozenset(stopwords.words("english"))


@cache
def _lemmatizer() -> WordNetLemmatizer:
    corpora.require("wordnet")
    return WordNetLemmatizer()


@lru_cache(maxsize=_LEMMA_CACHE_SIZE)
def normalise_token(token: str) -> str:
    """The cleaned form of one lower-case token, or "" when it carries no topic."""
    stop = _stop_words()
    if token in stop:
        return ""
    if token.endswith("'s"):
        token = token[:-2]
    token = token.replace("'", "")
    if len(token) < 2:
        return ""
    lemmatizer = _lemmatizer()
    lemma: str = lemmatizer.lemmatize(token, "v")
    if lemma == token:
        lemma = lemmatizer.lemmatize(token, "n")
    return "" if lemma in stop else lemma


def clean_text(text: str) -> str:
    """Lower-case, tokenised, stop-word-free, lemmatised text joined by single spaces."""
    tokens = _TOKEN.findall(text.lower().translate(_APOSTROPHES))
    return " ".join(word for token in tokens if (word := normalise_token(token)))


class TextCleaner(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Pipeline step turning raw article texts into cleaned texts (see ``clean_text``)."""

    def fit(self, texts: Iterable[str], y: Any = None) -> TextCleaner:
        """Nothing to learn: cleaning is the same for every corpus."""
        return self

    def transform(self, texts: Iterable[str]) -> list[str]:
        """Clean each text."""
        return [clean_text(text) for text in texts]
