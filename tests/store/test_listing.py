"""Light listing reads: no full texts, windows, search, sort, offset, newest, version, by id."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from store import Listing, Store, StoreQueryError
from store.listing import ArticleRow
from tests.store.fixtures import make_article, utc


def _seed(store: Store) -> None:
    refresh = store.start_refresh(["guardian", "sky"])
    store.save_source_result(
        refresh,
        "guardian",
        [
            make_article(
                "https://g.com/1",
                title="Cup final won",
                published=utc(2026, 11, 20, 8),
                label="sport",
            ),
            make_article(
                "https://g.com/2",
                title="Bank rates up",
                published=utc(2026, 11, 21, 8),
                confidence=0.4,
            ),
            make_article(
                "https://g.com/3",
                title="New 50% phone",
                published=utc(2026, 11, 22, 8),
                label="tech",
            ),
        ],
    )
    store.save_source_result(
        refresh,
        "sky",
        [
            make_article(
                "https://s.com/1",
                "sky",
                title="Cup drama",
                published=utc(2026, 11, 21, 12),
                label="sport",
            )
        ],
    )
    store.finish_refresh(refresh)


def _titles(store: Store, **fields: object) -> list[str]:
    return [row.title for row in store.listing(Listing(**fields))]  # type: ignore[arg-type]


def test_rows_carry_no_full_text_and_sort_newest_first(store: Store) -> None:
    _seed(store)
    rows = store.listing(Listing())
    assert all(isinstance(row, ArticleRow) and not hasattr(row, "text") for row in rows)
    assert [row.title for row in rows] == [
        "New 50% phone",
        "Cup drama",
        "Bank rates up",
        "Cup final won",
    ]
    assert rows[0].when == utc(2026, 11, 22, 8)


def test_filters_window_label_search_and_newspapers(store: Store) -> None:
    _seed(store)
    assert _titles(store, since=utc(2026, 11, 21, 9)) == ["New 50% phone", "Cup drama"]
    assert _titles(store, label="sport") == ["Cup drama", "Cup final won"]
    assert _titles(store, search="cup", newspapers=["guardian"]) == ["Cup final won"]
    assert _titles(store, search="50%") == ["New 50% phone"]  # LIKE wildcards are escaped
    assert _titles(store, search="sky") == ["Cup drama"]  # matches the newspaper too
    assert store.listing_count(Listing(label="sport")) == 2


def test_sort_and_offset_page_through(store: Store) -> None:
    _seed(store)
    assert _titles(store, sort="title", descending=False, limit=2) == ["Bank rates up", "Cup drama"]
    assert _titles(store, sort="title", descending=False, offset=2, limit=2) == [
        "Cup final won",
        "New 50% phone",
    ]
    assert _titles(store, sort="confidence", descending=False, limit=1) == ["Bank rates up"]
    with pytest.raises(StoreQueryError, match="sort must be one of"):
        Listing(sort="text")
    with pytest.raises(StoreQueryError, match="limit"):
        Listing(limit=0)


def test_newest_article_per_paper(store: Store) -> None:
    _seed(store)
    newest = store.newest_articles(["guardian", "sky", "bbc"])
    assert newest == {"guardian": utc(2026, 11, 22, 8), "sky": utc(2026, 11, 21, 12), "bbc": None}


def test_history_counts_by_day_collected_not_published(store: Store) -> None:
    _seed(store)  # published 2026, collected today
    today = datetime.now(UTC).date()
    history = store.collected_history(["guardian", "sky"], days=7, today=today)
    assert list(history)[-1] == today and len(history) == 7
    assert history[today] == {"sport": 2, "business": 1, "tech": 1}
    assert sum(sum(day.values()) for day in history.values()) == 4
    assert store.collected_history(["guardian"], days=3, today=date(2020, 1, 3)) == {
        date(2020, 1, 1): {},
        date(2020, 1, 2): {},
        date(2020, 1, 3): {},
    }


def test_history_of_a_window_counts_the_window_s_articles_only(store: Store) -> None:
    _seed(store)  # published 2026-11-21/22, collected today: none is of the last 24 hours
    today = datetime.now(UTC).date()
    day_ago = datetime.now(UTC) - timedelta(hours=24)
    papers = ["guardian", "sky"]
    recent = store.collected_history(papers, days=7, today=today, since=day_ago)
    assert all(counts == {} for counts in recent.values())
    since = utc(2026, 11, 22)
    window = store.collected_history(papers, days=7, today=today, since=since)
    counts = store.category_counts(papers, since)
    in_window = sum(sum(labels.values()) for labels in counts.values())
    assert 0 < sum(sum(day.values()) for day in window.values()) == in_window < 4


def test_data_version_changes_with_every_write(store: Store) -> None:
    empty = store.data_version()
    _seed(store)
    seeded = store.data_version()
    assert seeded != empty
    assert store.data_version() == seeded
    refresh = store.start_refresh(["sky"])
    store.save_source_result(refresh, "sky", [make_article("https://s.com/9", "sky")])
    assert store.data_version() != seeded


def test_article_by_id_has_the_full_text(store: Store) -> None:
    _seed(store)
    row = store.listing(Listing(limit=1))[0]
    article = store.article(row.id)
    assert article is not None and article.url == row.url
    assert article.text == "The full text of the article."
    assert store.article(row.id + 1000) is None


def test_window_start_in_the_future_lists_nothing(store: Store) -> None:
    _seed(store)
    later = datetime.now(UTC) + timedelta(days=1)
    assert store.listing(Listing(since=later)) == []
    assert store.listing_count(Listing(since=later)) == 0
