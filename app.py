"""Latest News Classifier: the Dash app entry point (`python app.py`, `gunicorn app:server`).

Reads the settings and hands them to the composition root (``runtime``), which builds the
services (store, model, sources, HTTP caches, where refreshes run) once for every request.
"""

from __future__ import annotations

import faulthandler

from runtime.web import build_web, serve
from runtime.web import start_schedule as _start_schedule
from settings import get_settings

faulthandler.enable()  # a native crash leaves a Python traceback in the log
web = build_web(get_settings())
app = web.app
server = web.server
services = web.services


def start_schedule() -> None:
    """Tick the schedule in this process unless Celery beat runs it (REDIS_URL set)."""
    _start_schedule(services)


if __name__ == "__main__":
    serve(web)
