"""Refresh state: request (or join), claim, heartbeat and progress, fail, reap; per-paper locks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from store.models import Refresh, RefreshLock, RefreshSource, refresh_record
from store.records import ACTIVE_STATES, RefreshRecord, RefreshTicket, StoreError

# Any fixed number: every refresh request of the fleet queues on it for a few milliseconds.
_PG_REQUEST_LOCK = 7_310_452_119
_MAX_ERROR_CHARS = 1000
QUEUED_PATIENCE = 10
"""A queued refresh no worker picked up is failed after this many stale periods."""


def _now() -> datetime:
    return datetime.now(UTC)


def _serialise(session: Session) -> None:
    # SQLite writers already hold the database lock (BEGIN IMMEDIATE); PostgreSQL needs one.
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_REQUEST_LOCK})


def request(
    session: Session, source_ids: Sequence[str], trigger: str, stale_after_s: float
) -> RefreshTicket:
    """Queue a refresh of the free papers, or join the one already holding them."""
    if not source_ids:
        raise StoreError("a refresh needs at least one newspaper")
    _serialise(session)
    reap(session, stale_after_s)
    wanted = list(dict.fromkeys(source_ids))
    held = select(RefreshLock.source_id, RefreshLock.refresh_id)
    rows = session.execute(held.where(RefreshLock.source_id.in_(wanted)))
    busy = {source_id: refresh_id for source_id, refresh_id in rows}
    free = [source_id for source_id in wanted if source_id not in busy]
    if not free:
        return RefreshTicket(refresh_id=max(busy.values()), created=False, busy=busy)
    now = _now()
    refresh = Refresh(
        started_at=now,
        finished_at=None,
        source_ids=free,
        status="running",
        state="queued",
        trigger=trigger[:16],
        heartbeat_at=now,
        done=0,
        total=0,
    )
    session.add(refresh)
    session.flush()
    session.add_all(RefreshLock(source_id=s, refresh_id=refresh.id, locked_at=now) for s in free)
    return RefreshTicket(refresh_id=refresh.id, created=True, busy=busy)


def claim(session: Session, refresh_id: int) -> RefreshRecord | None:
    """Move a queued refresh to running; None when it is not queued (ran, failed, unknown)."""
    moved = session.execute(
        update(Refresh)
        .where(Refresh.id == refresh_id, Refresh.state == "queued")
        .values(state="running", heartbeat_at=_now())
    )
    if not moved.rowcount:  # type: ignore[attr-defined]
        return None
    return get(session, refresh_id)


def beat(session: Session, refresh_id: int, done: int, total: int) -> bool:
    """Record a heartbeat and progress (never backwards); False when no longer running."""
    greatest = func.max if session.get_bind().dialect.name == "sqlite" else func.greatest
    moved = session.execute(
        update(Refresh)
        .where(Refresh.id == refresh_id, Refresh.state == "running")
        .values(
            heartbeat_at=_now(),
            done=greatest(Refresh.done, done),
            total=greatest(Refresh.total, total),
        )
    )
    return bool(moved.rowcount)  # type: ignore[attr-defined]


def fail(session: Session, refresh_id: int, error: str) -> None:
    """Mark an unfinished refresh failed with a one-line reason and free its papers."""
    session.execute(
        update(Refresh)
        .where(Refresh.id == refresh_id, Refresh.state.in_(ACTIVE_STATES))
        .values(state="failed", status="failed", finished_at=_now(), error=error[:_MAX_ERROR_CHARS])
    )
    release(session, [refresh_id])


def release(session: Session, refresh_ids: Sequence[int]) -> None:
    """Free the papers these refreshes held."""
    if refresh_ids:
        session.execute(delete(RefreshLock).where(RefreshLock.refresh_id.in_(refresh_ids)))


def reap(session: Session, stale_after_s: float) -> list[int]:
    """Fail every refresh whose heartbeat is older than ``stale_after_s``; return their ids."""
    now = _now()
    running = (Refresh.state == "running") & (
        Refresh.heartbeat_at < now - timedelta(seconds=stale_after_s)
    )
    queued = (Refresh.state == "queued") & (
        Refresh.heartbeat_at < now - timedelta(seconds=stale_after_s * QUEUED_PATIENCE)
    )
    dead = list(session.scalars(select(Refresh.id).where(running | queued)))
    if not dead:
        return []
    reason = f"the worker stopped (no heartbeat for {stale_after_s:g} s)"
    session.execute(
        update(Refresh)
        .where(Refresh.id.in_(dead), Refresh.state.in_(ACTIVE_STATES))
        .values(state="failed", status="failed", finished_at=now, error=reason)
    )
    release(session, dead)
    return dead


def get(session: Session, refresh_id: int) -> RefreshRecord | None:
    """One refresh with its per-paper results, or None."""
    refresh = session.get(Refresh, refresh_id, populate_existing=True)
    if refresh is None:
        return None
    rows = session.scalars(select(RefreshSource).where(RefreshSource.refresh_id == refresh_id))
    return refresh_record(refresh, list(rows))


def latest(session: Session, limit: int) -> list[RefreshRecord]:
    """The active refreshes and the newest ones, newest first, with per-paper results."""
    ids = list(session.scalars(select(Refresh.id).order_by(Refresh.id.desc()).limit(limit)))
    ids += session.scalars(select(Refresh.id).where(Refresh.state.in_(ACTIVE_STATES)))
    records = [get(session, refresh_id) for refresh_id in sorted(set(ids), reverse=True)]
    return [record for record in records if record is not None]
