"""Upserts by normalised URL, refresh records and all-or-nothing source results."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import replace

import pytest
import sqlalchemy as sa

from store import Store, StoreError, articles, base, open_store
from store.models import Article, RefreshSource
from tests.store.fixtures import make_article, utc


def _rows(store: Store, table: type[Article] | type[RefreshSource]) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_save_normalises_and_returns_stored_articles(store: Store) -> None:
    refresh = store.start_refresh(["guardian"])
    saved = store.save_source_result(
        refresh,
        "guardian",
        [make_article("HTTPS://www.theguardian.com/a/?CMP=x", published=utc(2026, 11, 1, 9))],
        found=3,
        duration_s=1.5,
    )
    assert len(saved) == 1
    article = saved[0]
    assert article.url == "https://www.theguardian.com/a"
    assert article.id > 0 and article.refresh_id == refresh
    assert article.published == utc(2026, 11, 1, 9)
    assert article.first_seen.tzinfo is not None and article.first_seen == article.last_seen
    assert article.probabilities == {"business": 0.9, "tech": 0.1}
    result = store.finish_refresh(refresh)
    assert result.status == "ok" and result.finished_at is not None
    assert [(s.source_id, s.found, s.stored, s.error) for s in result.sources] == [
        ("guardian", 3, 1, None)
    ]


def test_rescraping_updates_and_never_duplicates(store: Store) -> None:
    first = store.start_refresh(["guardian"])
    [old] = store.save_source_result(
        first,
        "guardian",
        [make_article("https://e.com/a?utm_source=rss", published=utc(2026, 1, 1))],
    )
    second = store.start_refresh(["guardian"])
    [new] = store.save_source_result(
        second,
        "guardian",
        [make_article("https://E.com/a/#top", title="Corrected", label="tech", published=None)],
    )
    assert new.id == old.id and _rows(store, Article) == 1
    assert new.title == "Corrected" and new.label == "tech" and new.refresh_id == second
    assert new.first_seen == old.first_seen and new.last_seen > old.last_seen
    assert new.published == utc(2026, 1, 1)  # a feed that drops the date does not erase it


def test_duplicates_in_one_batch_are_stored_once(store: Store) -> None:
    refresh = store.start_refresh(["mirror"])
    batch = [
        make_article("https://m.co.uk/a", "mirror", title="one"),
        make_article("https://m.co.uk/a?utm_medium=rss", "mirror", title="two"),
        make_article("https://m.co.uk/b", "mirror"),
    ]
    saved = store.save_source_result(refresh, "mirror", batch)
    assert len(saved) == 2 and _rows(store, Article) == 2
    assert {a.title for a in saved if a.url.endswith("/a")} == {"two"}


def test_a_summary_never_replaces_text_read_from_the_page(store: Store) -> None:
    url = "https://e.com/story"
    store.save_source_result(store.start_refresh(["e"]), "e", [make_article(url, "e", text="Page")])
    [again] = store.save_source_result(
        store.start_refresh(["e"]),
        "e",
        [make_article(url, "e", text="Short", text_source="summary", label="other", title="T2")],
    )
    assert (again.text, again.text_source, again.label, again.title) == (
        "Page",
        "page",
        "business",
        "T2",
    )


def test_future_dates_are_clamped_to_now(store: Store) -> None:
    refresh = store.start_refresh(["e"])
    [saved] = store.save_source_result(
        refresh, "e", [make_article("https://e.com/f", "e", published=utc(2999, 1, 1))]
    )
    assert saved.published is not None and saved.published <= saved.first_seen


def test_refresh_status_follows_its_sources(store: Store) -> None:
    partial = store.start_refresh(["a", "b"])
    store.save_source_result(partial, "a", [make_article("https://a.com/1", "a")])
    store.save_source_result(partial, "b", [], error="timeout after 10 s", found=0)
    assert store.finish_refresh(partial).status == "partial"

    failed = store.start_refresh(["a", "b"])
    store.save_source_result(failed, "a", [], error="HTTP 403")
    assert store.finish_refresh(failed).status == "failed"  # b never reported

    ok = store.start_refresh(["a"])
    store.save_source_result(ok, "a", [], error="HTTP 500")
    store.save_source_result(ok, "a", [make_article("https://a.com/2", "a")])  # a retry wins
    assert store.finish_refresh(ok).status == "ok"

    recent = store.recent_refreshes(limit=2)
    assert [r.id for r in recent] == [ok, failed]
    assert recent[1].sources[0].error == "HTTP 403"


def test_unknown_refresh_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="there is no refresh 999"):
        store.finish_refresh(999)
    with pytest.raises(StoreError, match="cannot save the articles of a"):
        store.save_source_result(999, "a", [make_article("https://a.com/x", "a")])
    assert _rows(store, Article) == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text_source", "ocr", "text_source must be"),
        ("confidence", float("nan"), "from 0 to 1"),
        ("probabilities", {"tech": 1.7}, "from 0 to 1"),
        ("url", "javascript:void(0)", "not an http"),
        ("source_id", "other", "belongs to 'other'"),
        ("label", "", "no label"),
    ],
)
def test_an_invalid_record_halfway_stores_nothing_of_the_batch(
    store: Store, field: str, value: object, message: str
) -> None:
    refresh = store.start_refresh(["a"])
    batch = [make_article(f"https://a.com/{n}", "a") for n in range(5)]
    batch[3] = replace(batch[3], **{field: value})
    with pytest.raises(StoreError, match=message):
        store.save_source_result(refresh, "a", batch)
    assert _rows(store, Article) == 0 and _rows(store, RefreshSource) == 0


def test_a_crash_midway_leaves_no_half_written_rows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh = store.start_refresh(["a"])
    [kept] = store.save_source_result(refresh, "a", [make_article("https://a.com/0", "a")])
    real_chunks = articles.chunks

    def crash_after_two_chunks(rows: list[dict[str, object]]) -> Iterator[list[dict[str, object]]]:
        for number, chunk in enumerate(real_chunks(rows)):
            if number == 2:
                raise RuntimeError("worker killed")
            yield chunk

    monkeypatch.setattr(base, "_CHUNK", 2)
    monkeypatch.setattr(articles, "chunks", crash_after_two_chunks)
    batch = [make_article(f"https://a.com/{n}", "a", title="new") for n in range(6)]
    with pytest.raises(RuntimeError, match="worker killed"):
        store.save_source_result(store.start_refresh(["a"]), "a", batch)
    assert _rows(store, Article) == 1 and _rows(store, RefreshSource) == 1
    [still] = store.articles().items
    assert still.title == kept.title and still.refresh_id == refresh


def _die_midway(url: str, refresh: int) -> None:
    store = open_store(url)
    real_chunks = articles.chunks

    def die_after_first_chunk(rows: list[dict[str, object]]) -> Iterator[list[dict[str, object]]]:
        for number, chunk in enumerate(real_chunks(rows)):
            if number == 1:
                os._exit(9)  # no cleanup, no rollback: like a killed worker
            yield chunk

    base._CHUNK = 2
    articles.chunks = die_after_first_chunk  # type: ignore[assignment]
    store.save_source_result(
        refresh, "a", [make_article(f"https://a.com/{n}", "a") for n in range(6)]
    )


def test_a_killed_process_leaves_no_half_written_rows(store: Store, store_url: str) -> None:
    refresh = store.start_refresh(["a"])
    child = multiprocessing.get_context("fork").Process(
        target=_die_midway, args=(store_url, refresh)
    )
    child.start()
    child.join(timeout=60)
    assert child.exitcode == 9
    assert _rows(store, Article) == 0 and _rows(store, RefreshSource) == 0
    saved = store.save_source_result(refresh, "a", [make_article("https://a.com/0", "a")])
    assert len(saved) == 1  # the database is usable straight away: no lock left behind
