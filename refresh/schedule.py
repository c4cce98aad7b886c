"""The schedule: a small table of jobs, each run once per fleet per interval (store claim).

Celery beat (``REDIS_URL``) and the embedded scheduler (no Redis) both only *tick*; the
store decides which process runs a due job, so several web workers or a second worker
never run it twice. To schedule more, add a ``Job`` to ``jobs()``; a long job (``retrain``)
only hands its work to the executor, so the tick never waits for it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from refresh.jobs import request
from refresh.retraining import start_retrain
from refresh.services import Services

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)
TICK_S = 5.0
"""How often the schedule looks for due jobs (beat and embedded alike)."""
RETENTION_EVERY_S = 3600


@dataclass(frozen=True)
class Job:
    """A named job run every ``every_s`` seconds somewhere in the fleet."""

    name: str
    every_s: float
    run: Callable[[Services], object]


def refresh_all(services: Services) -> int:
    """Queue a refresh of every configured newspaper (or join the running one)."""
    return request(services, None, trigger="schedule").refresh_id


def reap(services: Services) -> list[int]:
    """Fail refreshes whose worker died."""
    return services.store.reap_refreshes(services.settings.refresh_stale_after)


def remove_old_articles(services: Services) -> int:
    """Remove articles older than RETENTION_DAYS that retraining does not need."""
    cutoff = datetime.now(UTC) - timedelta(days=services.settings.retention_days)
    removed = services.store.remove_articles_before(cutoff)
    log.info("retention: removed %d articles last seen before %s", removed, cutoff.date())
    return removed


def jobs(settings: Settings) -> tuple[Job, ...]:
    """The jobs the settings ask for: refresh, retention, retrain, the reaper of dead refreshes."""
    table = [Job("reap", settings.refresh_stale_after / 2, reap)]
    if settings.refresh_interval > 0:
        table.append(Job("refresh", settings.refresh_interval, refresh_all))
    if settings.retention_days > 0:
        table.append(Job("retention", RETENTION_EVERY_S, remove_old_articles))
    if settings.retrain_interval > 0:
        table.append(Job("retrain", settings.retrain_interval, start_retrain))
    return tuple(table)


def run_due(services: Services, table: tuple[Job, ...] | None = None) -> list[str]:
    """Run every job that is due and that this process claimed; return their names."""
    ran: list[str] = []
    for job in jobs(services.settings) if table is None else table:
        try:
            if services.store.claim_job(job.name, job.every_s):
                job.run(services)
                ran.append(job.name)
        except Exception as exc:  # one failing job must not stop the others or the ticking
            log.error("scheduled job %s failed: %s", job.name, exc)
    return ran


class EmbeddedScheduler:
    """Ticks the schedule on a daemon thread of this process (the default without Redis)."""

    def __init__(self, services: Services, tick_s: float = TICK_S) -> None:
        self.services, self.tick_s = services, tick_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def start(self) -> None:
        """Start ticking (again after a fork: threads do not survive one)."""
        if self._thread is not None and self._pid == os.getpid() and self._thread.is_alive():
            return
        self._pid = os.getpid()
        self._thread = threading.Thread(target=self._loop, name="schedule", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop ticking."""
        self._stop.set()

    def _loop(self) -> None:
        while True:
            run_due(self.services)
            if self._stop.wait(self.tick_s):
                return


def start_embedded(services: Services) -> EmbeddedScheduler | None:
    """Start the in-process schedule unless Celery beat owns it (REDIS_URL set)."""
    if services.settings.redis_url:
        return None
    scheduler = EmbeddedScheduler(services)
    scheduler.start()
    return scheduler
