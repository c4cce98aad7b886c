"""The schedule's bookkeeping: claiming a due job run (once per fleet), and retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from store.base import Repository, insert_for
from store.models import ScheduledJob
from store.retention import remove_before


def claim_job(session: Session, name: str, interval_s: float) -> bool:
    """True for exactly one caller per ``interval_s`` (across processes): that one runs the job."""
    now = datetime.now(UTC)
    session.execute(
        insert_for(session)(ScheduledJob)
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


class Schedule(Repository):
    """The fleet's schedule: which process runs a due job, and the retention it runs."""

    def claim_job(self, name: str, interval_s: float) -> bool:
        """True for exactly one caller of the fleet per ``interval_s``: that one runs the job."""
        with self._write(f"cannot claim scheduled job {name}") as session:
            return claim_job(session, name, interval_s)

    def remove_articles_before(self, cutoff: datetime) -> int:
        """Delete articles last seen before ``cutoff`` unless retraining needs them; count."""
        with self._write("cannot remove old articles") as session:
            return remove_before(session, cutoff)
