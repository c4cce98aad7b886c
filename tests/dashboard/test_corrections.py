"""The detail panel: the newspaper's label in words, and "Wrong topic?" storing a correction."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard.pages.main.corrections import save_correction, section_sentence
from dashboard.pages.main.detail import article_detail
from dashboard.pages.main.table import article_row
from settings import get_settings
from store import Listing, Store
from tests.store.fixtures import make_article


def _text(component: object) -> str:
    return json.dumps(component, cls=PlotlyJSONEncoder)


G = "The Guardian files this under "


@pytest.mark.parametrize(
    ("section", "section_label", "label", "sentence"),
    [
        ("business", "business", "business", G + "Business: the model agrees."),
        ("money", "business", "other", G + "Business (section “money”): the model says other."),
        (
            "travel",
            "other",
            "sport",
            G + "“travel”, outside the model's topics (other): the model says sport.",
        ),
        ("world", "", "politics", G + "“world” (no topic is taken from that section)."),
        ("", "", "politics", None),
    ],
)
def test_the_newspapers_label_in_words(
    section: str, section_label: str, label: str, sentence: str | None
) -> None:
    assert section_sentence("The Guardian", section, section_label, label) == sentence


@pytest.fixture
def saved(store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """One stored Guardian business article, with DATABASE_URL pointing at its store."""
    monkeypatch.setenv("DATABASE_URL", store_url)
    get_settings.cache_clear()
    refresh = store.start_refresh(["guardian"])
    record = make_article(
        "https://www.theguardian.com/business/a", section="business", section_label="business"
    )
    [article] = store.save_source_result(refresh, "guardian", [record])
    yield article.id
    get_settings.cache_clear()


def test_the_detail_panel_shows_the_label_and_the_correction_form(store: Store, saved: int) -> None:
    article = store.article(saved)
    assert article is not None
    [listed] = store.listing(Listing(limit=1))
    row = article_row(listed, {"guardian": "The Guardian"})
    assert (row["id"], row["section"], row["section_label"]) == (saved, "business", "business")
    text = _text(article_detail(article, "The Guardian", None))
    assert "The Guardian files this under Business: the model agrees." in text
    assert "Wrong topic?" in text and '"correction-label"' in text
    assert '"value": "business"' not in text  # the current label is not offered again


def test_wrong_topic_stores_a_correction_with_the_model_version(store: Store, saved: int) -> None:
    feedback = _text(save_correction(1, "politics", saved))
    assert "Thank you: saved as politics" in feedback
    [correction] = store.corrections()
    assert (correction.article_id, correction.label) == (saved, "politics")


@pytest.mark.parametrize(
    ("label", "article_id", "message"),
    [
        ("weather", 1, "Pick one of the topics first."),
        ("sport", None, "Pick one of the topics first."),
        ("sport", 99999, "This article is no longer stored."),
    ],
)
def test_wrong_topic_refuses_bad_choices(
    store: Store, saved: int, label: str, article_id: int | None, message: str
) -> None:
    assert message in _text(save_correction(1, label, article_id))
    assert store.corrections() == []


def test_wrong_topic_with_the_store_down_is_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    get_settings.cache_clear()
    try:
        text = _text(save_correction(1, "sport", 1))
    finally:
        get_settings.cache_clear()
    assert "The correction could not be saved" in text and "danger" in text
