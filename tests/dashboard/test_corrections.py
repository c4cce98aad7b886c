"""The detail panel: the newspaper's label in words, and "Wrong topic?" storing a correction."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from plotly.utils import PlotlyJSONEncoder

from classifier import load_model
from dashboard.pages.main.corrections import correction_form, save_correction, section_sentence
from dashboard.pages.main.detail import article_detail
from dashboard.pages.main.table import article_row
from settings import BASE_DIR
from store import Listing, Store
from tests.conftest import DEAD_DATABASE, serving, settings_with
from tests.store.fixtures import make_article


def _text(component: object) -> str:
    return json.dumps(component, cls=PlotlyJSONEncoder)


G = "The Guardian files this under "
TOKEN = "token-for-dashboard-corrections"


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
def saved(store: Store) -> Iterator[int]:
    """One stored Guardian business article, in a request whose services hold its store and
    whose server has an API token (CORRECTIONS at its default: token)."""
    refresh = store.start_refresh(["guardian"])
    record = make_article(
        "https://www.theguardian.com/business/a", section="business", section_label="business"
    )
    [article] = store.save_source_result(refresh, "guardian", [record])
    with serving(store=store, settings=settings_with(api_token=TOKEN)):
        yield article.id


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
    refused = _text(save_correction(1, "politics", saved))
    assert "Not saved" in refused and "need the API token" in refused
    assert store.corrections() == []
    feedback = _text(save_correction(1, "politics", saved, TOKEN))
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
    assert message in _text(save_correction(1, label, article_id, TOKEN))
    assert store.corrections() == []


def test_wrong_topic_with_the_store_down_is_a_notice() -> None:
    with serving(settings=settings_with(database_url=DEAD_DATABASE, corrections="open")):
        text = _text(save_correction(1, "sport", 1))
    assert "The correction could not be saved" in text and "danger" in text


def test_switched_off_corrections_say_so_instead_of_a_form(store: Store, saved: int) -> None:
    text = _text(correction_form(saved, ["business", "sport", "other"], "business", "off"))
    assert "switched off" in text and "correction-save" not in text
    with serving(store=store, settings=settings_with(api_token=TOKEN, corrections="off")):
        assert "switched off" in _text(save_correction(1, "sport", saved, TOKEN))


def test_the_why_of_a_headline_only_article_reads_its_headline(store: Store) -> None:
    refresh = store.start_refresh(["guardian"])
    headline = "Russian troops shell Kyiv as NATO leaders meet at a summit"
    record = make_article(
        "https://www.theguardian.com/world/b", text="", summary="", title=headline
    )
    [saved] = store.save_source_result(refresh, "guardian", [record])
    article = store.article(saved.id)
    assert article is not None
    with serving(store=store):
        text = _text(article_detail(article, "The Guardian", load_model(BASE_DIR / "pickles")))
    assert "No known words" not in text and "why-term" in text


def test_a_headline_only_article_says_it_was_classified_from_its_headline(store: Store) -> None:
    refresh = store.start_refresh(["guardian"])
    record = make_article(
        "https://www.theguardian.com/world/c", text="", summary="", text_source="summary"
    )
    [saved] = store.save_source_result(refresh, "guardian", [record])
    article = store.article(saved.id)
    assert article is not None
    with serving(store=store):
        text = _text(article_detail(article, "The Guardian", None))
    assert text.count("Classified from the headline only") == 1
    assert "feed summary only" not in text and "No summary" not in text  # said once, not twice
