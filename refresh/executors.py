"""Where queued refreshes run: Celery workers on Redis, or a small thread pool in-process."""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from settings import Settings

if TYPE_CHECKING:
    from refresh.services import Executor, Services

log = logging.getLogger(__name__)
RUN_TASK = "refresh.run"


class ThreadExecutor:
    """Runs refreshes on threads of this process (the embedded default, no Redis)."""

    def __init__(self, workers: int = 2) -> None:
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def submit(self, services: Services, refresh_id: int) -> None:
        """Run the refresh on a pool thread (created after any fork, in the running process)."""
        from refresh.jobs import run_refresh

        with self._lock:
            if self._pool is None or self._pid != os.getpid():
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="refresh")
                self._pid = os.getpid()
            future = self._pool.submit(run_refresh, services, refresh_id)
        future.add_done_callback(_log_failure)


def _log_failure(future: Future[Any]) -> None:
    exc = future.exception()
    if exc is not None:
        log.error("refresh failed: %s", exc)


class CeleryExecutor:
    """Hands refreshes to the Celery workers through the Redis broker (REFRESH_QUEUE)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._app: Any = None
        self._lock = threading.Lock()

    def submit(self, services: Services, refresh_id: int) -> None:
        """Queue the task ``refresh.run(refresh_id)``."""
        from refresh.celery_app import make_app

        with self._lock:
            if self._app is None:
                self._app = make_app(self.settings)
        self._app.send_task(RUN_TASK, args=[refresh_id])


def default_executor(settings: Settings) -> Executor:
    """Celery when REDIS_URL is set, else threads of this process."""
    return CeleryExecutor(settings) if settings.redis_url else ThreadExecutor()
