"""What makes two headlines the same story: hashed stemmed content words and character n-grams.

The vectors need no fitting (no vocabulary, no IDF), so an article stored today and one
stored last week are compared in the same space: membership can be computed incrementally
when articles are stored, and the pure grouping gives the same answer over the same articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scipy.sparse import csr_matrix, diags, hstack
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.preprocessing import normalize

_WORD = re.compile(r"[a-z0-9]+")
_FEATURES = 2**18
_NEWS_WORDS = frozenset(
    [
        "say",
        "says",
        "said",
        "new",
        "news",
        "report",
        "reports",
        "year",
        "years",
        "week",
        "day",
        "today",
        "time",
        "update",
        "live",
        "video",
        "watch",
        "photo",
        "photos",
    ]
)
"""Words in headlines of every kind of story: without an IDF they would join unrelated ones."""


def _stem(word: str) -> str:
    # A light, predictable stemmer: plural and past forms meet ("rates", "rate", "rated").
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    return word[:-1] if word.endswith("e") and len(word) >= 4 else word


_DROPPED = ENGLISH_STOP_WORDS | _NEWS_WORDS


def words(text: str) -> list[str]:
    """The stemmed content words of ``text`` (English stop words and possessives dropped)."""
    found = _WORD.findall(text.lower().replace("\u2019s", "").replace("'s", ""))
    return [_stem(word) for word in found if word not in _DROPPED]


_WORDS = HashingVectorizer(
    tokenizer=words, token_pattern=None, lowercase=False, n_features=_FEATURES,
    alternate_sign=False, norm="l2",
)  # fmt: skip
_CHARS = HashingVectorizer(
    analyzer="char_wb", ngram_range=(4, 5), n_features=_FEATURES, alternate_sign=False, norm="l2"
)


def story_text(title: str | None, summary: str | None) -> str:
    """The text a story is recognised by: the headline (the summary when there is none).

    Summaries are left out otherwise: measured on headlines, and a long summary would
    drown the headline's names in the character n-grams.
    """
    return (title or "").strip() or (summary or "").strip()


def vectors(texts: Sequence[str]) -> csr_matrix:
    """One unit-length row per text: content words and character 4–5-grams, weighted equally
    (a zero row for a text without content words)."""
    content = _WORDS.transform(texts)
    # A text without a content word ("the and of") shares only noise: it matches nothing.
    has_words = diags((content.getnnz(axis=1) > 0).astype(float))
    both = hstack([content, has_words @ _CHARS.transform(texts)], format="csr")
    return csr_matrix(normalize(both))
