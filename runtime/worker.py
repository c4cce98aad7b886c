"""The Celery worker's composition root: ``celery -A runtime.worker worker -B --pool threads``.

The worker runs refreshes and retrains, and its embedded beat ticks the schedule
(``refresh.schedule``) every few seconds; its services are built once, on first use.
"""

from __future__ import annotations

from functools import cache

from refresh.celery_app import make_app
from refresh.services import Services
from refresh.tasks import register
from runtime.services import build_services
from settings import get_settings

app = make_app(get_settings())


@cache
def services() -> Services:
    """This worker process's services, built on first use."""
    return build_services(get_settings())


register(app, services)
