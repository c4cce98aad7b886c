"""Which language a text is in: English by its function words, else py3langid decides."""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from classifier.text import tokens

ENGLISH = "en"
SAMPLE_CHARS = 3_000
"""Only the start of a text is examined: enough words, bounded cost."""
OPENING_CHARS = 1_000
"""The English check reads this much first (~150 words, plenty to count function words):
most texts are English and are settled at a third of the cost; the rest get ``SAMPLE_CHARS``."""
MIN_WORDS = 3
"""Fewer words than this: no language is claimed (the text is treated as English)."""
ENGLISH_SHARE = 0.12
"""English running text has ~25-40 % of these words; other languages well under 10 %."""
MIN_CONFIDENCE = 0.8
"""py3langid's normalised probability needed to call a text non-English."""
LANGUAGES = (
    *("en", "es", "fr", "de", "it", "pt", "nl", "ca", "sv", "da", "no", "fi", "pl", "cs"),
    *("ro", "hu", "tr", "ru", "uk", "ar", "fa", "he", "hi", "bn", "ur", "zh", "ja", "ko"),
    *("id", "ms", "vi", "th", "el", "sw", "tl"),
)
"""The languages py3langid chooses among: major news languages (dialects and rare languages
split the vote on short texts, e.g. Spanish against Extremaduran and Galician)."""
_ENGLISH_WORDS = frozenset(
    (
        *("the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "as"),
        *("it", "by", "at", "from", "his", "her", "have", "has", "are", "were", "this"),
        *("which", "said", "after", "but", "not", "they", "their", "he", "she", "its", "an"),
        *("will", "would", "been", "who", "be"),
    )
)


_LOADING = threading.Lock()


@cache
def preload() -> None:
    """Start loading py3langid's model in a background thread, once per process (its
    decompression releases the GIL), so the first non-English text does not wait for it."""
    threading.Thread(target=_identifier, name="py3langid-preload", daemon=True).start()


def _identifier() -> Any:
    """py3langid's identifier, loaded once per process (~0.3 s)."""
    with _LOADING:
        return _load_identifier()


@cache
def _load_identifier() -> Any:
    """py3langid's identifier with normalised probabilities, restricted to ``LANGUAGES``."""
    from py3langid.langid import (  # type: ignore[import-untyped]
        MODEL_FILE,
        LanguageIdentifier,
    )

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _looks_english(words: list[str]) -> bool:
    """True when ``words`` are enough words with enough English function words among them."""
    english = sum(word in _ENGLISH_WORDS for word in words)
    return len(words) >= MIN_WORDS and english >= 2 and english >= ENGLISH_SHARE * len(words)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it is too short or unclear.

    Texts whose words are at least ``ENGLISH_SHARE`` common English function words are
    English without asking the library; everything else goes to py3langid, whose answer
    counts only at ``MIN_CONFIDENCE`` or above.
    """
    opening = tokens(text[:OPENING_CHARS])
    if _looks_english(opening):
        return ENGLISH
    sample = text[:SAMPLE_CHARS]
    words = tokens(sample) if len(text) > OPENING_CHARS else opening
    if len(words) < MIN_WORDS:
        return None
    if _looks_english(words):
        return ENGLISH
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= MIN_CONFIDENCE else None


def is_foreign(language: str | None) -> bool:
    """True when ``language`` is known and not English."""
    return language is not None and language != ENGLISH
