"""Language: a non-English text is `other` with the reason "not English", never a topic."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier.language import OPENING_CHARS, detect_language
from classifier.loading import load_model
from classifier.model import NOT_ENGLISH, OTHER


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Shares fell after the bank cut its profit forecast for the year.", "en"),
        ("El Real Madrid gana la Liga por tercera vez consecutiva", "es"),
        ("Le gouvernement a annoncé de nouvelles mesures pour les retraites", "fr"),
        ("Der Bundestag hat heute beschlossen, dass die Steuern steigen", "de"),
        ("Goal!", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_a_long_page_is_judged_by_its_language_beyond_the_english_opening_check() -> None:
    # Longer than OPENING_CHARS: English is settled on the opening, anything else on the
    # whole sample (py3langid), as before the opening check.
    spanish = "El gobierno aprobó hoy una nueva ley sobre las pensiones de los jubilados. " * 30
    english = "The government passed a new law on pensions for retired workers today. " * 30
    foreign_title = "Reforma de las pensiones\n" + english
    assert len(spanish) > OPENING_CHARS
    assert detect_language(spanish) == "es"
    assert detect_language(english) == "en"
    assert detect_language(foreign_title) == "en"


def test_english_headlines_without_function_words_are_not_called_foreign() -> None:
    for headline in ("Trump Tweets About Stormy Daniels Again", "Kanye West Drops New Song"):
        assert detect_language(headline) in {"en", None}


def test_a_spanish_sports_headline_is_other_because_it_is_not_english(
    tiny_model_dir: Path,
) -> None:
    model = load_model(tiny_model_dir)
    spanish, english = model.predict(
        [
            "El equipo ganó el partido con un gol del delantero en la liga de campeones",
            "The striker scored a goal as the team won the match and the league",
        ]
    )
    assert (spanish.label, spanish.reason, spanish.language) == (OTHER, NOT_ENGLISH, "es")
    assert (english.label, english.reason, english.language) == ("sport", None, "en")
    assert spanish.to_dict()["reason"] == NOT_ENGLISH
    assert spanish.confidence == 0.0 and english.confidence > 0.5
