"""Parsing in child processes: a native crash there costs only the pages it held.

trafilatura/lxml (and feedparser on lxml) crash natively now and then when several threads
parse at once (``double free or corruption``, SIGSEGV: adbar/trafilatura#840, #925). A
crash kills the whole process, so pages and feeds are parsed in a pool of processes forked
from a clean fork server (never from this threaded process), never on a thread of the web
server or worker. When a child dies the pool breaks (``BrokenProcessPool``); it is rebuilt
and every call that was in flight is tried once more on the new pool, so one dead child
costs at most the page that killed it twice. Children die with their parent (they watch
its sentinel), so a killed worker leaves none behind.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import connection
from types import TracebackType
from typing import Any, TypeVar

from scraper.downloads import FetchError

T = TypeVar("T")
DIED = "extraction process died"
_TRIES = 2
_PRELOAD = ("scraper.pipeline",)
"""Imported once in the fork server, so each child starts without importing trafilatura."""
_JOIN_S = 5.0
"""How long to wait for a broken pool's children to be reaped (they are dead or terminated)."""


class ChildDied(FetchError):
    """The child parsing this page or feed died (twice); ``str()`` says how."""


class ParsePool:
    """Runs parse calls in child processes; thread-safe; rebuilt when a child dies."""

    def __init__(self, workers: int = 2) -> None:
        self.workers = max(1, workers)
        self.rebuilds = 0
        """How many times a dead child broke the pool (each time it was rebuilt)."""
        self.reasons: list[str] = []
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False

    def run(self, call: Callable[..., T], *args: Any) -> T:
        """``call(*args)`` in a child; raise ChildDied when the child dies on both tries."""
        reason = DIED
        for _ in range(_TRIES):
            pool = self._current()
            try:
                future = pool.submit(call, *args)
            except RuntimeError:  # broken (BrokenProcessPool), or shut down by a rebuild
                reason = self._rebuild(pool)
                continue
            try:
                return future.result()
            except (BrokenProcessPool, CancelledError):
                reason = self._rebuild(pool)
        raise ChildDied(reason)

    def pids(self) -> list[int]:
        """The process ids of the current children (for tests and diagnostics)."""
        with self._lock:
            processes = getattr(self._pool, "_processes", None) or {}
            return list(processes)

    def close(self) -> None:
        """Stop every child (pending calls are cancelled)."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise ChildDied("the parse pool is closed")
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.workers, mp_context=_context(), initializer=_child_started
                )
            return self._pool

    def _rebuild(self, broken: ProcessPoolExecutor) -> str:
        """Replace ``broken`` (once, whoever notices first); return how its child died."""
        with self._lock:
            if self._pool is not broken:  # another thread already rebuilt it
                return self.reasons[-1] if self.reasons else DIED
            self._pool = None
            self.rebuilds += 1
            processes = list((getattr(broken, "_processes", None) or {}).values())
        broken.shutdown(wait=False, cancel_futures=True)
        reason = f"{DIED} ({_how(processes)})"
        with self._lock:
            self.reasons.append(reason)
        return reason

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: children are forked from a clean, single-threaded server process that has
    # imported the parsers once (never from this process's threads); spawn where there is none.
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(_PRELOAD))
    return context


def _how(processes: list[Any]) -> str:
    """ "signal 9" for the child that was killed (the pool SIGTERMs the others)."""
    codes = []
    for process in processes:
        process.join(_JOIN_S)
        if process.exitcode is not None:
            codes.append(process.exitcode)
    killed = [c for c in codes if c < 0 and c != -signal.SIGTERM] or [c for c in codes if c]
    if not killed:
        return "unknown cause"
    code = killed[0]
    return f"signal {-code}" if code < 0 else f"exit code {code}"


def _child_started() -> None:
    """In each child: tracebacks on native crashes, and die with the parent."""
    faulthandler.enable()
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel: int) -> None:
    connection.wait([sentinel])
    os._exit(1)
