"""Reads stay one or two SQL queries and fast with thousands of articles."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from store import ArticleQuery, Store
from tests.store.fixtures import make_article, utc

_PAPERS = [f"paper{n}" for n in range(8)]
_LABELS = ["business", "entertainment", "politics", "sport", "tech", "other"]
_ARTICLES = 5000


def _seed(store: Store) -> None:
    refresh = store.start_refresh(_PAPERS)
    for index, paper in enumerate(_PAPERS):
        records = [
            make_article(
                f"https://{paper}.example/{n}",
                paper,
                published=utc(2026, 11, 22) - timedelta(minutes=7 * n + index),
                label=_LABELS[n % len(_LABELS)],
                confidence=(n % 10) / 10,
                text="word " * 100,
                section_label=_LABELS[(n // 2) % len(_LABELS)] if n % 3 else None,
                coverage=(n % 7) / 7,
            )
            for n in range(_ARTICLES // len(_PAPERS))
        ]
        store.save_source_result(refresh, paper, records)
    store.finish_refresh(refresh)


@contextmanager
def _selects(store: Store) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", record)


def _measure(store: Store, read: Callable[[], object]) -> tuple[int, float]:
    read()  # warm the pool and statement caches
    with _selects(store) as statements:
        started = time.perf_counter()
        read()
        elapsed = time.perf_counter() - started
    return len(statements), elapsed


def test_reads_are_one_or_two_queries_and_fast(store: Store) -> None:
    _seed(store)
    papers = _PAPERS[:5]
    last_page = store.articles(ArticleQuery(limit=500, newspapers=papers))
    reads: dict[str, Callable[[], object]] = {
        "articles(limit=500)": lambda: store.articles(ArticleQuery(limit=500)),
        "articles(filtered, next page)": lambda: store.articles(
            ArticleQuery(
                newspapers=papers,
                category="sport",
                min_confidence=0.3,
                since=utc(2026, 11, 1),
                limit=100,
                cursor=last_page.next_cursor,
            )
        ),
        "category_counts": lambda: store.category_counts(papers),
        "category_history(30 days)": lambda: store.category_history(
            papers, days=30, today=date(2026, 11, 22)
        ),
        "label_health(30 days)": lambda: store.label_health(
            "other", days=30, today=date(2026, 11, 22)
        ),
        "newspaper_ids": store.newspaper_ids,
        "last_refreshed": lambda: store.last_refreshed(papers),
        "recent_refreshes": lambda: store.recent_refreshes(20),
    }
    for name, read in reads.items():
        queries, elapsed = _measure(store, read)
        print(
            f"{store.engine.dialect.name:10} {name:32} {queries} queries {elapsed * 1000:7.1f} ms"
        )
        assert queries <= 2, name  # the time is printed; bars on time live in bench/
    counts = store.category_counts()
    assert sum(sum(by_label.values()) for by_label in counts.values()) == _ARTICLES
