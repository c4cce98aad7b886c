"""Refresh state in the store (SQLite and PostgreSQL): join, locks, progress, reaper, claims."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from store import Store
from store.retention import kept_for_retraining
from tests.store.fixtures import make_article


def test_a_second_request_joins_the_refresh_holding_its_papers(store: Store) -> None:
    first = store.request_refresh(["bbc", "guardian"], "user", 60)
    again = store.request_refresh(["guardian", "bbc"], "api", 60)
    assert first.created and not again.created
    assert again.refresh_id == first.refresh_id
    assert again.busy == {"bbc": first.refresh_id, "guardian": first.refresh_id}


def test_only_free_papers_go_into_a_new_refresh(store: Store) -> None:
    first = store.request_refresh(["bbc"], "user", 60)
    second = store.request_refresh(["bbc", "sky"], "user", 60)
    assert second.created and second.busy == {"bbc": first.refresh_id}
    record = store.refresh(second.refresh_id)
    assert record is not None and record.source_ids == ("sky",) and record.state == "queued"


def test_many_requests_at_once_make_one_refresh(store: Store) -> None:
    with ThreadPoolExecutor(8) as pool:
        tickets = list(pool.map(lambda _: store.request_refresh(["a", "b"], "user", 60), range(8)))
    assert len({ticket.refresh_id for ticket in tickets}) == 1
    assert sum(ticket.created for ticket in tickets) == 1


def test_papers_are_free_again_when_the_refresh_ends(store: Store) -> None:
    first = store.request_refresh(["bbc"], "user", 60)
    assert store.claim_refresh(first.refresh_id) is not None
    assert store.claim_refresh(first.refresh_id) is None  # claimed once only
    store.save_source_result(first.refresh_id, "bbc", [make_article("https://b.example/1", "bbc")])
    finished = store.finish_refresh(first.refresh_id)
    assert finished.state == "done" and finished.status == "ok"
    assert store.request_refresh(["bbc"], "user", 60).created


def test_progress_never_goes_backwards(store: Store) -> None:
    ticket = store.request_refresh(["bbc"], "user", 60)
    store.claim_refresh(ticket.refresh_id)
    store.beat_refresh(ticket.refresh_id, 5, 12)
    store.beat_refresh(ticket.refresh_id, 3, 9)
    record = store.refresh(ticket.refresh_id)
    assert record is not None and (record.done, record.total) == (5, 12)


def test_a_refresh_without_heartbeat_is_reaped_and_frees_its_papers(store: Store) -> None:
    ticket = store.request_refresh(["bbc"], "user", 60)
    store.claim_refresh(ticket.refresh_id)
    claimed = datetime.now(UTC)
    assert store.reap_refreshes(60) == []
    assert store.reap_refreshes(60, now=claimed + timedelta(seconds=30)) == []
    assert store.reap_refreshes(60, now=claimed + timedelta(seconds=61)) == [ticket.refresh_id]
    record = store.refresh(ticket.refresh_id)
    assert record is not None and record.state == "failed" and record.status == "failed"
    assert "heartbeat" in (record.error or "")
    assert not store.beat_refresh(ticket.refresh_id, 1, 1)  # a late worker cannot revive it
    assert store.request_refresh(["bbc"], "user", 60).created


def test_a_scheduled_job_is_claimed_once_per_interval(store: Store) -> None:
    with ThreadPoolExecutor(6) as pool:
        claims = list(pool.map(lambda _: store.claim_job("refresh", 30), range(6)))
    assert claims.count(True) == 1
    assert store.claim_job("refresh", 0)  # an interval of 0 is always due


def test_retention_removes_old_articles_only(store: Store) -> None:
    refresh_id = store.start_refresh(["bbc"])
    store.save_source_result(refresh_id, "bbc", [make_article(f"https://b.example/{n}", "bbc")
                                                 for n in range(3)])  # fmt: skip
    store.finish_refresh(refresh_id)
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE articles SET last_seen = :old WHERE url LIKE '%/0'"),
            {"old": "2000-01-01 00:00:00"},
        )
    recent = store.articles().items[0].last_seen
    assert store.remove_articles_before(recent - timedelta(days=1)) == 1
    assert len(store.articles().items) == 2


def test_retention_keeps_what_retraining_needs_when_the_schema_has_it() -> None:
    rule = str(kept_for_retraining())
    # Before the label columns exist nothing is protected; with them, labelled and
    # corrected articles are (the rule reads the schema, so it follows the merge).
    assert rule == "false" or "section_label" in rule or "corrections" in rule
