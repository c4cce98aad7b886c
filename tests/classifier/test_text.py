"""The text cleaner: quotes, possessives, numbers, stop words, lemmas, empty input."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.corpus import stopwords

from classifier.text import TextCleaner, clean_text


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("The company’s shares", "company share"),
        ("The company's shares", "company share"),
        ("the companies’ profits", "company profit"),
        ("Don’t say it’s over", "say"),
        ("O’Neill scored", "oneill score"),
        ("Profits rose 15% to £5.2bn in 2005", "profit rise bn"),
        ("Ministers WERE running", "minister run"),
        ("naïve café owners", "naïve café owner"),
        ("x² H₂O", ""),
        ("", ""),
        ("   \n\t ", ""),
        ("123 456 !!! ...", ""),
    ],
)
def test_clean_text(raw: str, cleaned: str) -> None:
    assert clean_text(raw) == cleaned


def test_cleaner_is_a_stateless_pipeline_step() -> None:
    cleaner = TextCleaner()
    assert cleaner.fit(["anything"]) is cleaner
    assert cleaner.get_params() == {}
    assert cleaner.transform(["Shares rose", ""]) == ["share rise", ""]


@settings(deadline=None)  # the first call may load WordNet
@given(st.text(max_size=200))
def test_cleaned_words_are_lower_case_letters_without_stop_words(raw: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    for word in cleaned.split():
        assert len(word) >= 2 and word.lower() == word
        assert not any(c.isdigit() or c.isspace() or c in string.punctuation for c in word)
        assert word not in stopwords.words("english")
