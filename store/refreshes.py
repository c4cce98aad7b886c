"""Refresh state: request (or join), claim, heartbeat and progress, fail, reap; per-paper locks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from store.base import Repository
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


def start_refresh(session: Session, source_ids: Sequence[str]) -> int:
    """Record that a refresh of these sources began; return its id."""
    now = _now()
    refresh = Refresh(
        started_at=now,
        finished_at=None,
        source_ids=list(source_ids),
        status="running",
        state="running",
        trigger="direct",
        heartbeat_at=now,
        done=0,
        total=0,
    )
    session.add(refresh)
    session.flush()
    return refresh.id


def finish_refresh(session: Session, refresh_id: int) -> RefreshRecord:
    """Mark a refresh finished with ok, partial or failed from its per-source results."""
    refresh = session.get(Refresh, refresh_id, with_for_update=True)
    if refresh is None:
        raise StoreError(f"there is no refresh {refresh_id}")
    sources = list(
        session.scalars(select(RefreshSource).where(RefreshSource.refresh_id == refresh_id))
    )
    succeeded = {row.source_id for row in sources if row.error is None}
    expected = set(refresh.source_ids) | {row.source_id for row in sources}
    if succeeded == expected:
        refresh.status = "ok"
    else:
        refresh.status = "partial" if succeeded else "failed"
    refresh.finished_at = _now()
    if refresh.state in ("queued", "running"):
        refresh.state = "failed" if refresh.status == "failed" else "done"
        if refresh.status == "failed":
            refresh.error = "no newspaper could be refreshed"
    refresh.total = max(refresh.total, refresh.done)
    session.execute(delete(RefreshLock).where(RefreshLock.refresh_id == refresh_id))
    session.flush()
    return refresh_record(refresh, sources)


class Refreshes(Repository):
    """The refresh state machine: start or request (queued), claim, beat, fail, reap, finish."""

    def start_refresh(self, source_ids: Sequence[str]) -> int:
        """Record that a refresh of these sources began; return its id."""
        with self._write("cannot record the refresh") as session:
            return start_refresh(session, source_ids)

    def finish_refresh(self, refresh_id: int) -> RefreshRecord:
        """Mark a refresh finished (ok, partial or failed) and return it."""
        with self._write(f"cannot finish refresh {refresh_id}") as session:
            return finish_refresh(session, refresh_id)

    def request_refresh(
        self, source_ids: Sequence[str], trigger: str = "user", stale_after_s: float = 60.0
    ) -> RefreshTicket:
        """Queue a refresh of the papers no refresh holds, or join the one holding them."""
        with self._write("cannot request a refresh") as session:
            return request(session, source_ids, trigger, stale_after_s)

    def claim_refresh(self, refresh_id: int) -> RefreshRecord | None:
        """Start a queued refresh (queued → running); None when it is not queued."""
        with self._write(f"cannot start refresh {refresh_id}") as session:
            return claim(session, refresh_id)

    def beat_refresh(self, refresh_id: int, done: int, total: int) -> bool:
        """Heartbeat and progress in articles (never backwards); False once it is not running."""
        with self._write(f"cannot record progress of refresh {refresh_id}") as session:
            return beat(session, refresh_id, done, total)

    def fail_refresh(self, refresh_id: int, error: str) -> None:
        """Mark an unfinished refresh failed, saying why, and free its newspapers."""
        with self._write(f"cannot fail refresh {refresh_id}") as session:
            fail(session, refresh_id, error)

    def reap_refreshes(self, stale_after_s: float) -> list[int]:
        """Fail the refreshes whose heartbeat is older than ``stale_after_s``; return their ids."""
        with self._write("cannot reap stale refreshes") as session:
            return reap(session, stale_after_s)

    def refresh(self, refresh_id: int) -> RefreshRecord | None:
        """One refresh with state, progress and per-paper results (None if there is none)."""
        with self._read(f"cannot read refresh {refresh_id}") as session:
            return get(session, refresh_id)

    def latest_refreshes(self, limit: int = 1) -> list[RefreshRecord]:
        """Every active refresh plus the ``limit`` newest ones, newest first."""
        with self._read("cannot list refreshes") as session:
            return latest(session, limit)
