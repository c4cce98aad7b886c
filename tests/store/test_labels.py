"""Newspaper labels, language and coverage on articles; corrections; relabelling in batches."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa
from alembic import command

from store import ArticleNotFoundError, Relabel, Store, StoreError, StoreQueryError, open_store
from store.engine import alembic_config
from tests.store.fixtures import make_article, utc
from tests.store.test_speed import _selects


def _save(store: Store, *records: object, source: str = "guardian") -> list[int]:
    refresh = store.start_refresh([source])
    saved = store.save_source_result(refresh, source, list(records))  # type: ignore[arg-type]
    return [article.id for article in sorted(saved, key=lambda a: a.url)]


def test_section_language_and_coverage_are_stored_and_read_back(store: Store) -> None:
    record = make_article(
        "https://g.com/business/a",
        section="business",
        section_label="business",
        language="en",
        coverage=0.8,
    )
    [article_id] = _save(store, record)
    article = store.article(article_id)
    assert article is not None
    assert (article.section, article.section_label, article.language, article.coverage) == (
        "business",
        "business",
        "en",
        0.8,
    )
    assert store.articles().items[0].section_label == "business"
    assert store.article(article_id + 1000) is None


def test_a_listing_without_a_section_keeps_the_newspapers_label(store: Store) -> None:
    url = "https://g.com/business/a"
    _save(store, make_article(url, section="business", section_label="business"))
    [article_id] = _save(store, make_article(url, title="Again, from the front page"))
    article = store.article(article_id)
    assert article is not None and article.title == "Again, from the front page"
    assert (article.section, article.section_label) == ("business", "business")
    _save(store, make_article(url, section="travel", section_label="other"))
    again = store.article(article_id)
    assert again is not None and (again.section, again.section_label) == ("travel", "other")


def test_language_and_coverage_follow_the_page_text(store: Store) -> None:
    url = "https://g.com/a"
    _save(store, make_article(url, language="en", coverage=0.9))
    [article_id] = _save(
        store, make_article(url, text_source="summary", text="short", language="es", coverage=0.1)
    )
    article = store.article(article_id)
    assert article is not None and (article.language, article.coverage) == ("en", 0.9)


def test_long_sections_are_clipped_and_blank_ones_are_none(store: Store) -> None:
    ids = _save(
        store,
        make_article("https://g.com/a", section="x" * 500),
        make_article("https://g.com/b", section="   "),
    )
    first, second = (store.article(i) for i in ids)
    assert first is not None and first.section == "x" * 200
    assert second is not None and second.section is None


@pytest.mark.parametrize(
    "fields",
    [
        {"coverage": 1.5},
        {"coverage": float("nan")},
        {"section_label": ""},
        {"section_label": "x" * 33},
    ],
)
def test_bad_label_fields_are_refused(store: Store, fields: dict[str, object]) -> None:
    with pytest.raises(StoreError, match=r"g\.com/a"):
        _save(store, make_article("https://g.com/a", **fields))  # type: ignore[arg-type]
    assert store.articles().items == ()


def test_labelled_articles_are_those_with_a_newspaper_label(store: Store) -> None:
    _save(
        store,
        make_article("https://g.com/a", section="sport", section_label="sport", published=None),
        make_article(
            "https://g.com/b", section="travel", section_label="other", published=utc(2026, 1, 1)
        ),
        make_article("https://g.com/c", section="world", section_label=None),
        make_article("https://g.com/d"),
    )
    labelled = store.labelled_articles()
    assert [(a.url, a.section, a.label) for a in labelled] == [
        ("https://g.com/b", "travel", "other"),  # oldest first
        ("https://g.com/a", "sport", "sport"),
    ]
    first = labelled[0]
    assert first.source_id == "guardian" and first.text == "The full text of the article."
    assert first.published == utc(2026, 1, 1) and first.first_seen is not None


def test_corrections_keep_the_newest_label_per_article(store: Store) -> None:
    first, second = _save(store, make_article("https://g.com/a"), make_article("https://g.com/b"))
    one = store.add_correction(first, "tech", "v1")
    assert (one.article_id, one.label, one.model_version) == (first, "tech", "v1")
    assert one.id > 0 and one.created_at.tzinfo is not None
    store.add_correction(first, "politics", "v2")
    store.add_correction(second, "other", "v1")
    assert [(c.article_id, c.label) for c in store.corrections()] == [
        (first, "politics"),
        (second, "other"),
    ]


def test_a_correction_needs_an_article_and_a_label(store: Store) -> None:
    [article_id] = _save(store, make_article("https://g.com/a"))
    with pytest.raises(ArticleNotFoundError, match="no article 999"):
        store.add_correction(999, "tech", "v1")
    with pytest.raises(StoreError, match="no label"):
        store.add_correction(article_id, " ", "v1")
    assert store.corrections() == []


def test_relabel_updates_existing_articles_and_counts_them(store: Store) -> None:
    first, second = _save(
        store,
        make_article("https://g.com/a", coverage=0.5, language="en"),
        make_article("https://g.com/b", coverage=0.5),
    )
    updated = store.relabel(
        [
            Relabel(first, "sport", 0.7, {"sport": 0.7, "tech": 0.3}, "v2", coverage=0.75),
            Relabel(second, "other", 0.4, {"sport": 0.4}, "v2"),
            Relabel(12345, "sport", 0.7, {}, "v2"),
        ]
    )
    assert updated == 2
    one, two = store.article(first), store.article(second)
    assert one is not None and two is not None
    assert (one.label, one.confidence, one.coverage) == ("sport", 0.7, 0.75)
    assert one.model_version == "v2"
    assert one.probabilities == {"sport": 0.7, "tech": 0.3} and one.language == "en"
    assert (two.label, two.coverage) == ("other", 0.5)  # coverage kept when not measured
    assert store.relabel([]) == 0


def test_a_bad_relabel_changes_nothing(store: Store) -> None:
    [article_id] = _save(store, make_article("https://g.com/a"))
    good = Relabel(article_id, "sport", 0.7, {"sport": 0.7}, "v2")
    with pytest.raises(StoreError, match="from 0 to 1"):
        store.relabel([good, replace(good, confidence=2.0)])
    article = store.article(article_id)
    assert article is not None and article.model_version == "test-model"


def test_article_batches_walk_every_article_once_in_id_order(store: Store) -> None:
    ids = _save(store, *(make_article(f"https://g.com/{n:02d}") for n in range(7)))
    _save(store, make_article("https://g.com/new", model_version="v2"))
    batches = list(store.article_batches(3))
    assert [len(b) for b in batches] == [3, 3, 2]
    assert [a.id for b in batches for a in b] == sorted([*ids, max(ids) + 1])
    seen: list[int] = []
    for batch in store.article_batches(3, not_version="v2"):
        seen.extend(a.id for a in batch)
        store.relabel([Relabel(a.id, "tech", 0.9, {"tech": 0.9}, "v2") for a in batch])
    assert seen == sorted(ids)
    assert list(store.article_batches(3, not_version="v2")) == []
    with pytest.raises(StoreQueryError, match="batch_size"):
        next(store.article_batches(0))


def test_deleting_an_article_deletes_its_corrections(store: Store) -> None:
    [article_id] = _save(store, make_article("https://g.com/a"))
    store.add_correction(article_id, "tech", "v1")
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM articles"))
    assert store.corrections() == []


def test_upgrading_from_0001_keeps_articles_without_labels(store_url: str) -> None:
    store = open_store(store_url)
    [article_id] = _save(store, make_article("https://g.com/a", section_label="tech"))
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
        assert "section" not in {c["name"] for c in sa.inspect(conn).get_columns("articles")}
        command.upgrade(config, "head")
    article = store.article(article_id)
    assert article is not None and article.title == "Title of https://g.com/a"
    assert (article.section_label, article.coverage) == (None, None)


def test_archived_articles_are_upserted_without_a_refresh(store: Store) -> None:
    [scraped] = _save(store, make_article("https://g.com/a", title="Scraped"))
    saved = store.save_archive(
        [
            make_article("https://g.com/a?utm_source=x", title="Imported", section_label="tech"),
            make_article("https://old.example/b", "oldpaper", published=utc(2018, 4, 30)),
        ]
    )
    assert sorted(a.url for a in saved) == ["https://g.com/a", "https://old.example/b"]
    again = store.article(scraped)
    assert again is not None and again.title == "Imported" and again.section_label == "tech"
    assert again.refresh_id is not None  # still the refresh that scraped it
    archived = next(a for a in saved if a.source_id == "oldpaper")
    assert archived.refresh_id is None and archived.published == utc(2018, 4, 30)
    assert store.newspaper_ids() == ["guardian", "oldpaper"]
    assert store.last_refreshed(["oldpaper"]) == {"oldpaper": None}


def test_label_health_is_one_query_per_day_and_newspaper(store: Store) -> None:
    day1, day2 = utc(2026, 11, 24, 10), utc(2026, 11, 25, 10)
    rows_in = [  # (published, model label, newspaper label, coverage)
        (day1, "business", "business", 0.8),
        (day1, "other", "business", 0.4),
        (day1, "sport", None, None),
        (day2, "other", "other", 0.6),
        (utc(2026, 10, 1), "business", "business", 0.5),  # before the window
    ]
    _save(
        store,
        *(
            make_article(f"https://g.com/{n}", published=when, label=label, section_label=paper,
                         coverage=coverage)
            for n, (when, label, paper, coverage) in enumerate(rows_in)
        ),
    )  # fmt: skip
    _save(store, make_article("https://b.com/1", "bbc", published=day2, coverage=1.0), source="bbc")
    today = utc(2026, 11, 25).date()
    store.label_health("other", days=7, today=today)  # warm the pool
    with _selects(store) as selects:
        rows = store.label_health("other", days=7, today=today)
    assert len(selects) == 1
    table = [
        (r.day.isoformat(), r.source_id, r.articles, r.labelled, r.agreed, r.other, r.measured)
        for r in rows
    ]
    assert table == [
        ("2026-11-24", "guardian", 3, 2, 1, 1, 2),
        ("2026-11-25", "bbc", 1, 0, 0, 0, 1),
        ("2026-11-25", "guardian", 1, 1, 1, 1, 1),
    ]
    assert rows[0].coverage == pytest.approx(0.6)
    # A newspaper label the model cannot give yet is left out of the agreement.
    only = store.label_health("other", days=7, today=today, labels=["other"])
    assert [(r.labelled, r.agreed) for r in only] == [(0, 0), (0, 0), (1, 1)]
    with pytest.raises(StoreQueryError, match="days"):
        store.label_health("other", days=0)


def test_the_label_stamp_changes_only_when_labels_or_corrections_arrive(store: Store) -> None:
    empty = {"labelled": 0, "labelled_max_id": 0, "corrections": 0, "corrections_max_id": 0}
    assert store.label_stamp() == empty
    plain, labelled = _save(
        store,
        make_article("https://g.com/a"),
        make_article("https://g.com/b", section="business", section_label="business"),
    )
    stamp = store.label_stamp()
    assert stamp == {**empty, "labelled": 1, "labelled_max_id": labelled}
    store.relabel([Relabel(plain, "tech", 0.8, {"tech": 0.8}, "v2")])  # the model's label
    assert store.label_stamp() == stamp
    correction = store.add_correction(plain, "tech", "v2")
    assert store.label_stamp() == {**stamp, "corrections": 1, "corrections_max_id": correction.id}
