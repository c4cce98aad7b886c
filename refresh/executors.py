"""Where queued refreshes run: Celery workers on Redis, else a child process per refresh."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refresh.services import Executor, Services
    from settings import Settings

log = logging.getLogger(__name__)
RUN_TASK = "refresh.run"
RETRAIN_TASK = "refresh.retrain"


class ThreadExecutor:
    """Runs refreshes on threads of this process (tests and single-process tools)."""

    def __init__(self, workers: int = 2) -> None:
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._retrain: Future[Any] | None = None

    def submit(self, services: Services, refresh_id: int) -> None:
        """Run the refresh on a pool thread (created after any fork, in the running process)."""
        from refresh.jobs import run_refresh

        self._start(run_refresh, services, refresh_id)

    def _start(self, call: Callable[[Services, int], object], services: Services, id_: int) -> None:
        with self._lock:
            if self._pool is None or self._pid != os.getpid():
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="refresh")
                self._pid = os.getpid()
            future = self._pool.submit(call, services, id_)
        future.add_done_callback(_log_failure)

    def retrain(self, services: Services) -> Future[Any] | None:
        """Retrain on a background thread of its own (refreshes keep their pool), one at a time;
        returns its future (None when one is already running here)."""
        with self._lock:
            if self._retrain is not None and not self._retrain.done():
                log.info("retrain already running in this process")
                return None
            future: Future[Any] = Future()
            self._retrain = future
        threading.Thread(
            target=_retrain_into,
            args=(future, self._retrain_job, services),
            name="retrain",
            daemon=True,
        ).start()
        return future

    @staticmethod
    def _retrain_job(services: Services) -> Any:
        from refresh.retraining import retrain_now

        return retrain_now(services)


class ProcessExecutor(ThreadExecutor):
    """Runs each refresh and each retrain in a child process (``python -m runtime.child``), at
    most ``workers`` refreshes at once: the embedded default (no Redis), so a native crash
    never takes the web server down and training never holds the web process's interpreter.
    A refresh whose child dies fails at once, saying how it died."""

    def submit(self, services: Services, refresh_id: int) -> None:
        """Start the refresh's process when a slot is free (a pool thread waits for it)."""
        self._start(_run_refresh_child, services, refresh_id)

    @staticmethod
    def _retrain_job(services: Services) -> int:
        code = _run_child("retrain")
        if code != 0:
            raise RuntimeError(f"its process ended with {_how(code)}")
        return code


def _how(code: int) -> str:
    return f"signal {-code}" if code < 0 else f"exit code {code}"


def _run_child(*args: str) -> int:
    root = str(Path(__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    child = subprocess.Popen(  # noqa: S603 (our own module, fixed words and an integer)
        [sys.executable, "-m", "runtime.child", *args],
        cwd=root,
        env={**os.environ, "PYTHONPATH": path},
    )
    return child.wait()


def _run_refresh_child(services: Services, refresh_id: int) -> int:
    code = _run_child("refresh", str(refresh_id))
    if code != 0:
        if code < 0:
            log.error("refresh %d: its process died (%s)", refresh_id, _how(code))
        # Only an unfinished refresh is failed: one that recorded its own error keeps it.
        services.store.fail_refresh(refresh_id, f"refresh process died ({_how(code)})")
    return code


def _retrain_into(future: Future[Any], call: Callable[[Services], Any], services: Services) -> None:
    try:
        future.set_result(call(services))
    except Exception as exc:  # one line in the log; the next scheduled run tries again
        log.error("retrain failed: %s", exc)
        future.set_exception(exc)


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

    def retrain(self, services: Services) -> None:
        """Queue the task ``refresh.retrain`` (a worker trains; this process returns at once)."""
        from refresh.celery_app import make_app

        with self._lock:
            if self._app is None:
                self._app = make_app(self.settings)
        self._app.send_task(RETRAIN_TASK)


def default_executor(settings: Settings) -> Executor:
    """Celery when REDIS_URL is set, else a child process per refresh."""
    return CeleryExecutor(settings) if settings.redis_url else ProcessExecutor()
