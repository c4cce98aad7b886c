"""Celery on Redis: the refresh task and the schedule's tick (``celery -A refresh.tasks``).

Run ``celery -A refresh.tasks worker -B --pool threads``: the worker runs refreshes and
its embedded beat ticks the schedule (``refresh.schedule``) every few seconds. The beat
child dies with the worker (``refresh.lifetime``), so a killed worker leaves nothing
queueing ticks; page parsing runs in child processes that die with it too.
"""

from __future__ import annotations

import faulthandler
import logging
import os
from functools import cache
from typing import Any

from celery.signals import beat_embedded_init

from refresh.celery_app import TICK_TASK, make_app
from refresh.executors import RETRAIN_TASK, RUN_TASK
from refresh.lifetime import die_with_parent
from refresh.schedule import TICK_S, run_due
from refresh.services import Services, build_services

log = logging.getLogger(__name__)
faulthandler.enable()  # the worker and beat: a native crash leaves a Python traceback
app = make_app()
_WORKER_PID = os.getpid()
"""The worker's pid, inherited by the beat child it forks (``-B``)."""


@beat_embedded_init.connect  # type: ignore[untyped-decorator]
def _beat_dies_with_worker(**_: Any) -> None:
    die_with_parent(_WORKER_PID)


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
