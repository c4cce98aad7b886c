"""Text cleaning for the topic model: a scikit-learn transformer that carries its own word lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import regex  # type: ignore[import-untyped]
from sklearn.base import BaseEstimator, TransformerMixin

from classifier import corpora
from classifier.lemmas import export_tables, lemmatizer_for

# Typographic apostrophes become ASCII so "company’s" and "company's" clean alike.
_APOSTROPHES = "\u2019\u2018\u02bc\u2032`\u00b4"
# Runs of letters (any script, with their combining marks), optionally joined by inner
# apostrophes ("o'neill", "don't"). Digits of any kind ("2005", "²") and punctuation
# separate tokens and are dropped; `re` has no letter class, hence `regex`.
_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:'\p{L}[\p{L}\p{M}]*)*")
_CACHE_LIMIT = 200_000

Lemmatize = Callable[[str, str], str]


@cache
def nltk_stop_words() -> frozenset[str]:
    """NLTK's English stop words (needs the ``stopwords`` corpus)."""
    corpora.require("stopwords")
    from nltk.corpus import stopwords

    return frozenset(stopwords.words("english"))


@cache
def nltk_lemmatize() -> Lemmatize:
    """NLTK's WordNet lemmatiser (needs the ``wordnet`` corpus; slow to load)."""
    corpora.require("wordnet")
    from nltk.stem import WordNetLemmatizer

    lemmatize: Lemmatize = WordNetLemmatizer().lemmatize
    return lemmatize


class Normaliser:
    """Token → cleaned word ("" when it carries no topic), each distinct token computed once."""

    def __init__(self, stop: frozenset[str], lemmatize: Lemmatize) -> None:
        """Use the ``stop`` words and a WordNet-style ``lemmatize(word, pos)``."""
        self._stop = stop
        self._lemmatize = lemmatize
        self._cache: dict[str, str] = {}

    def __call__(self, token: str) -> str:
        """The cleaned form of one lower-case token."""
        found = self._cache.get(token)
        if found is None:
            found = self._normalise(token)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[token] = found
        return found

    def words(self, tokens: Iterable[str]) -> list[str]:
        """The cleaned words of ``tokens``, empty ones dropped (``__call__`` per token, with
        the cache read inline: a call per token was a third of a prediction's cleaning)."""
        cache = self._cache
        found = []
        for token in tokens:
            word = cache.get(token)
            if word is None:
                word = self(token)
            if word:
                found.append(word)
        return found

    def _normalise(self, token: str) -> str:
        stop = self._stop
        if token in stop:
            return ""
        if token.endswith("'s"):
            token = token[:-2]
        token = token.replace("'", "")
        if len(token) < 2:
            return ""
        lemma = self._lemmatize(token, "v")
        if lemma == token:
            lemma = self._lemmatize(token, "n")
        return "" if lemma in stop or len(lemma) < 2 else lemma

    def clear(self) -> None:
        """Forget the computed tokens (benchmarks measure a cold cache with it)."""
        self._cache.clear()


@cache
def nltk_normaliser() -> Normaliser:
    """The normaliser on NLTK's own corpora (training, and models saved before lemma tables)."""
    return Normaliser(nltk_stop_words(), nltk_lemmatize())


@cache
def _table_normaliser(stop_words: str, tables: str) -> Normaliser:
    return Normaliser(frozenset(stop_words.split("\n")), lemmatizer_for(tables).lemmatize)


def tokens(text: str) -> list[str]:
    """The lower-case word tokens of ``text``."""
    text = text.lower()
    for apostrophe in _APOSTROPHES:  # str.replace is ~10x faster than str.translate here
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    found: list[str] = _TOKEN.findall(text)
    return found


def clean_text(text: str, normalise: Normaliser | None = None) -> str:
    """Lower-case, tokenised, stop-word-free, lemmatised text joined by single spaces."""
    return " ".join((normalise or nltk_normaliser()).words(tokens(text)))


class TextCleaner(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Pipeline step turning raw article texts into cleaned texts (see ``clean_text``).

    ``fit`` copies NLTK's stop words and WordNet's noun/verb tables into the step, so a saved
    model cleans without NLTK's corpora and without the seconds WordNet takes to load.
    """

    def fit(self, texts: Iterable[str], y: Any = None) -> TextCleaner:
        """Take the word lists from NLTK (the same for every corpus)."""
        self.stop_words_ = "\n".join(sorted(nltk_stop_words()))
        self.lemma_tables_ = export_tables()
        return self

    def normaliser(self) -> Normaliser:
        """The token normaliser: from the stored tables, or NLTK's when not fitted."""
        if not hasattr(self, "lemma_tables_"):
            return nltk_normaliser()
        return _table_normaliser(self.stop_words_, self.lemma_tables_)

    def transform(self, texts: Iterable[str]) -> list[str]:
        """Clean each text."""
        normalise = self.normaliser()
        return [clean_text(text, normalise) for text in texts]
