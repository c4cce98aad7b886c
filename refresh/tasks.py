"""The Celery tasks of the refresh use case: run a refresh, retrain, tick the schedule.

``register(app, services)`` attaches them to a Celery app; the worker's composition root
(``runtime.worker``, run as ``celery -A runtime.worker worker -B --pool threads``) builds the
app and the services from the settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from celery import Celery

from refresh.celery_app import TICK_TASK
from refresh.executors import RETRAIN_TASK, RUN_TASK
from refresh.schedule import TICK_S, run_due
from refresh.services import Services

log = logging.getLogger(__name__)


def register(app: Celery, services: Callable[[], Services]) -> None:
    """Define the refresh, retrain and tick tasks on ``app``; ``services`` returns the worker's."""

    @app.task(name=RUN_TASK)  # type: ignore[untyped-decorator]
    def run(refresh_id: int) -> None:
        """Run the queued refresh ``refresh_id``."""
        from refresh.jobs import run_refresh

        try:
            run_refresh(services(), refresh_id)
        except Exception as exc:  # already recorded as the refresh's reason; one line in the log
            log.error("refresh %d failed: %s", refresh_id, exc)

    @app.task(name=RETRAIN_TASK)  # type: ignore[untyped-decorator]
    def retrain() -> None:
        """Retrain (if labels changed) and relabel after a promotion, on this worker."""
        from refresh.retraining import retrain_now

        try:
            retrain_now(services())
        except Exception as exc:  # one line in the log; the next scheduled run tries again
            log.error("retrain failed: %s", exc)

    @app.task(name=TICK_TASK, expires=TICK_S)  # type: ignore[untyped-decorator]
    def tick() -> None:
        """Run the scheduled jobs that are due (once per fleet, decided by the store)."""
        run_due(services())
