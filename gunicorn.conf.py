"""gunicorn settings read from the project folder: start the schedule in each worker.

Without REDIS_URL the schedule runs in the web workers (each ticks, the store lets exactly
one of them run a due job); with REDIS_URL the Celery worker's beat runs it instead.
Threads do not survive a fork, so each worker starts its own ticker after forking.
"""

from __future__ import annotations

from typing import Any


def post_fork(_server: Any, _worker: Any) -> None:
    """Start this worker's schedule ticker."""
    from app import start_schedule

    start_schedule()
