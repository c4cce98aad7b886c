"""The reads the app and API make: filters, keyset pages, counts, history, refresh times."""

from __future__ import annotations

import base64
import json
import re
from datetime import date

import pytest
import sqlalchemy as sa

from store import ArticleQuery, Store, StoreQueryError
from store.cursor import encode_cursor
from tests.store.fixtures import make_article, utc


def _seed(store: Store) -> None:
    refresh = store.start_refresh(["guardian", "sky"])
    store.save_source_result(
        refresh,
        "guardian",
        [
            make_article("https://g.com/1", published=utc(2026, 11, 20, 8), label="sport"),
            make_article("https://g.com/2", published=utc(2026, 11, 21, 8), confidence=0.4),
            make_article("https://g.com/3", published=utc(2026, 11, 22, 8), label="tech"),
        ],
    )
    store.save_source_result(
        refresh,
        "sky",
        [
            make_article("https://s.com/1", "sky", published=utc(2026, 11, 21, 12), label="sport"),
            make_article("https://s.com/2", "sky", published=None, label="other", confidence=0.3),
        ],
    )
    store.finish_refresh(refresh)


def _urls(store: Store, **filters: object) -> list[str]:
    return [a.url for a in store.articles(ArticleQuery(**filters)).items]  # type: ignore[arg-type]


def test_newest_first_with_first_seen_standing_in_for_a_missing_date(store: Store) -> None:
    _seed(store)
    assert _urls(store) == [
        "https://s.com/2",  # undated: sorted by when it was first seen (now)
        "https://g.com/3",
        "https://s.com/1",
        "https://g.com/2",
        "https://g.com/1",
    ]


def test_filters(store: Store) -> None:
    _seed(store)
    assert _urls(store, newspapers=["sky"]) == ["https://s.com/2", "https://s.com/1"]
    assert _urls(store, newspapers=[]) == []
    assert _urls(store, category="sport") == ["https://s.com/1", "https://g.com/1"]
    assert _urls(store, min_confidence=0.5, newspapers=["guardian"]) == [
        "https://g.com/3",
        "https://g.com/1",
    ]
    assert _urls(store, since=utc(2026, 11, 21), until=utc(2026, 11, 22)) == [
        "https://s.com/1",
        "https://g.com/2",
    ]
    recent = _urls(store, since=utc(2026, 11, 23))  # first_seen counts when there is no date
    assert "https://s.com/2" in recent and "https://g.com/3" not in recent


def test_pages_cover_every_article_once_even_with_equal_times(store: Store) -> None:
    refresh = store.start_refresh(["guardian"])
    same = utc(2026, 11, 1, 12)
    store.save_source_result(
        refresh, "guardian", [make_article(f"https://g.com/{n}", published=same) for n in range(7)]
    )
    seen: list[int] = []
    cursor = None
    for expected in (3, 3, 1):
        page = store.articles(ArticleQuery(limit=3, cursor=cursor))
        assert len(page.items) == expected
        seen += [a.id for a in page.items]
        cursor = page.next_cursor
    assert cursor is None
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == 7


def test_cursor_keeps_filters_working(store: Store) -> None:
    _seed(store)
    first = store.articles(ArticleQuery(category="sport", limit=1))
    assert first.next_cursor is not None
    second = store.articles(ArticleQuery(category="sport", limit=1, cursor=first.next_cursor))
    assert [a.url for a in second.items] == ["https://g.com/1"] and second.next_cursor is None


def _raw_cursor(when: str, article_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([when, article_id]).encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "nonsense!",
        "",
        "e30",
        encode_cursor(utc(2026, 1, 1), 1)[:-3],
        "WyJ4IiwxXQ",
        _raw_cursor("0001-01-01T00:00:00+05:00", 1),
        _raw_cursor("9999-12-31T23:00:00-05:00", 1),
        _raw_cursor("2026-01-01T00:00:00+00:00", 2**64),
        _raw_cursor("2026-01-01T00:00:00+00:00", -1),
    ],
)
def test_bad_cursor_is_a_clear_query_error(store: Store, cursor: str) -> None:
    with pytest.raises(StoreQueryError, match="invalid cursor"):
        store.articles(ArticleQuery(cursor=cursor))


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"limit": 0}, "limit must be between 1 and 500"),
        ({"limit": 501}, "limit must be between 1 and 500"),
        ({"min_confidence": 1.5}, "min_confidence must be between 0 and 1"),
        ({"since": utc(2026, 2, 1), "until": utc(2026, 1, 1)}, "since must be earlier"),
        ({"newspapers": "guardian"}, "list of source ids"),
    ],
)
def test_bad_filters_are_query_errors(filters: dict[str, object], message: str) -> None:
    with pytest.raises(StoreQueryError, match=message):
        ArticleQuery(**filters)  # type: ignore[arg-type]
    assert issubclass(StoreQueryError, ValueError)


def test_category_counts(store: Store) -> None:
    _seed(store)
    assert store.category_counts() == {
        "guardian": {"sport": 1, "business": 1, "tech": 1},
        "sky": {"sport": 1, "other": 1},
    }
    assert store.category_counts(["sky", "bbc"]) == {"sky": {"sport": 1, "other": 1}, "bbc": {}}
    assert store.category_counts(["guardian"], since=utc(2026, 11, 21)) == {
        "guardian": {"business": 1, "tech": 1}
    }


def test_category_history_per_day(store: Store) -> None:
    _seed(store)
    history = store.category_history(["guardian", "sky"], days=3, today=date(2026, 11, 22))
    assert history == {
        date(2026, 11, 20): {"sport": 1},
        date(2026, 11, 21): {"business": 1, "sport": 1},
        date(2026, 11, 22): {"tech": 1},
    }
    assert list(store.category_history(["sky"], days=2, today=date(2026, 11, 22)).values()) == [
        {"sport": 1},
        {},
    ]
    today = store.category_history(days=1)
    assert list(today.values()) == [{"other": 1}]


def test_last_refreshed_counts_only_successes(store: Store) -> None:
    good = store.start_refresh(["guardian", "sky"])
    store.save_source_result(good, "guardian", [])
    store.save_source_result(good, "sky", [])
    store.finish_refresh(good)
    bad = store.start_refresh(["guardian", "sky"])
    store.save_source_result(bad, "guardian", [])
    store.save_source_result(bad, "sky", [], error="robots.txt forbids the feed")
    store.finish_refresh(bad)
    times = store.last_refreshed(["guardian", "sky", "bbc"])
    assert times["bbc"] is None
    assert times["guardian"] is not None and times["sky"] is not None
    assert times["guardian"] > times["sky"]  # sky's last success is the earlier refresh


def test_ping(store: Store) -> None:
    store.ping()


def test_history_and_refresh_limits_are_query_errors(store: Store) -> None:
    with pytest.raises(StoreQueryError, match="days must be between 1 and 366"):
        store.category_history(days=0)
    with pytest.raises(StoreQueryError, match="limit must be between 1 and 500"):
        store.recent_refreshes(0)


def test_a_listing_never_reads_the_full_text(store: Store) -> None:
    _seed(store)
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", record)
    try:
        page = store.articles(ArticleQuery(with_text=False, limit=500))
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", record)
    assert len(page.items) == 5 and {a.text for a in page.items} == {""}
    assert page.items[0].title and page.items[0].summary  # everything else is there
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects and not any(re.search(r"articles\.text\b", s) for s in selects)
    assert store.articles(ArticleQuery(limit=1)).items[0].text  # the default still reads it
