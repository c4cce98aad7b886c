"""The Celery worker's composition root: ``celery -A runtime.worker worker -B --pool threads``.

The worker runs refreshes and retrains, and its embedded beat ticks the schedule
(``refresh.schedule``) every few seconds; its services are built once, on first use. The
beat child dies with the worker (``refresh.lifetime``), so a killed worker leaves nothing
queueing ticks; page parsing runs in child processes that die with it too.
"""

from __future__ import annotations

import faulthandler
import os
from functools import cache
from typing import Any

from celery.signals import after_setup_logger, beat_embedded_init

from refresh.celery_app import make_app
from refresh.lifetime import die_with_parent
from refresh.services import Services
from refresh.tasks import register
from runtime.logs import quiet_libraries
from runtime.services import build_services
from settings import get_settings

faulthandler.enable()  # the worker and beat: a native crash leaves a Python traceback
app = make_app(get_settings())
_WORKER_PID = os.getpid()
"""The worker's pid, inherited by the beat child it forks (``-B``)."""


@beat_embedded_init.connect  # type: ignore[untyped-decorator]
def _beat_dies_with_worker(**_: Any) -> None:
    die_with_parent(_WORKER_PID)


@after_setup_logger.connect  # type: ignore[untyped-decorator]
def _quiet_libraries(**_: Any) -> None:
    quiet_libraries()


@cache
def services() -> Services:
    """This worker process's services, built on first use."""
    return build_services(get_settings())


register(app, services)
