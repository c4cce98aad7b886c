"""The schedule's bookkeeping: claiming a due job run is one atomic update, once per fleet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from store.models import ScheduledJob
from store.writes import _insert


def claim_job(session: Session, name: str, interval_s: float) -> bool:
    """True for exactly one caller per ``interval_s`` (across processes): that one runs the job."""
    now = datetime.now(UTC)
    session.execute(
        _insert(session)(ScheduledJob)
        .values(name=name, last_run_at=None)
        .on_conflict_do_nothing(index_elements=[ScheduledJob.name])
    )
    claimed = session.execute(
        update(ScheduledJob)
        .where(
            ScheduledJob.name == name,
            or_(
                ScheduledJob.last_run_at.is_(None),
                ScheduledJob.last_run_at <= now - timedelta(seconds=interval_s),
            ),
        )
        .values(last_run_at=now)
    )
    return bool(claimed.rowcount)  # type: ignore[attr-defined]
