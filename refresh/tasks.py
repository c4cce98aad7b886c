"""Celery on Redis: the refresh task and the schedule's tick (``celery -A refresh.tasks``).

Run ``celery -A refresh.tasks worker -B --pool threads``: the worker runs refreshes and
its embedded beat ticks the schedule (``refresh.schedule``) every few seconds.
"""

from __future__ import annotations

import logging
from functools import cache

from refresh.celery_app import TICK_TASK, make_app
from refresh.executors import RETRAIN_TASK, RUN_TASK
from refresh.schedule import TICK_S, run_due
from refresh.services import Services, build_services

log = logging.getLogger(__name__)
app = make_app()


@cache
def services() -> Services:
    """This worker process's services, built on first use."""
    return build_services()


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
