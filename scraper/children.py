"""Parsing in child processes: a native crash there costs only the page it was parsing.

trafilatura/lxml (and feedparser on lxml) crash natively now and then when several threads
parse at once (``double free or corruption``, SIGSEGV: adbar/trafilatura#840, #925). A
crash kills the whole process, so feeds and pages are parsed in child processes forked
from a clean fork server (never from this threaded process), never on a thread of the web
server or worker. Each child parses one call at a time over its own pipe, so a child that
dies loses only that call (unlike ``ProcessPoolExecutor``, whose whole pool breaks and
fails every queued call): it is replaced, the call is tried once more on a fresh child,
and then reported as "extraction process died (signal 9)". A call that hangs is killed
after ``timeout_s``. Children die with their parent (they watch its sentinel).
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable
from multiprocessing import connection
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, TypeVar

from scraper.downloads import FetchError

T = TypeVar("T")
DIED = "extraction process died"
_TRIES = 2
_PRELOAD = ("scraper.pipeline",)
"""Imported once in the fork server, so each child starts without importing trafilatura."""


class ChildDied(FetchError):
    """The child parsing this page or feed died (twice) or hung; ``str()`` says how."""


class _Child:
    """One parse process and the parent's end of its pipe."""

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        self.conn, theirs = context.Pipe()
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(theirs,), name="parse", daemon=True
        )
        self.process.start()
        theirs.close()

    def call(self, call: Callable[..., Any], args: tuple[Any, ...], timeout_s: float) -> Any:
        """Run ``call(*args)`` in the child; raise ChildDied when it dies or hangs."""
        try:
            self.conn.send((call, args))
            if not self.conn.poll(timeout_s):
                self.stop()
                raise ChildDied(f"extraction took longer than {timeout_s:g} s")
            ok, value = self.conn.recv()
        except (EOFError, OSError):
            raise ChildDied(f"{DIED} ({self._how()})") from None
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """Kill the child (it may be stuck in native code) and reap it."""
        self.process.kill()
        self.process.join()
        self.conn.close()

    def _how(self) -> str:
        self.process.join()
        self.conn.close()
        code = self.process.exitcode
        return f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"


class ParsePool:
    """Runs parse calls in up to ``workers`` child processes; thread-safe."""

    def __init__(self, workers: int = 2, timeout_s: float = 60.0) -> None:
        self.workers, self.timeout_s = max(1, workers), timeout_s
        self.deaths: list[str] = []
        """How each dead child died ("extraction process died (signal 9)")."""
        self._idle: queue.SimpleQueue[_Child] = queue.SimpleQueue()
        self._children: set[_Child] = set()
        self._lock = threading.Lock()
        self._closed = False

    def run(self, call: Callable[..., T], *args: Any) -> T:
        """``call(*args)`` in a child (a picklable top-level function and arguments)."""
        for attempt in range(_TRIES):
            child = self._take()
            try:
                result: T = child.call(call, args, self.timeout_s)
            except ChildDied as exc:
                self._lost(child, str(exc))
                if attempt == _TRIES - 1:
                    raise
                continue
            except BaseException:
                self._give_back(child)
                raise
            self._give_back(child)
            return result
        raise AssertionError("unreachable")

    def pids(self) -> list[int]:
        """The process ids of the living children (for tests and diagnostics)."""
        with self._lock:
            return [c.process.pid for c in self._children if c.process.pid is not None]

    def close(self) -> None:
        """Stop every child; calls still running lose their child."""
        with self._lock:
            self._closed = True
            children, self._children = list(self._children), set()
        for child in children:
            child.stop()

    def _take(self) -> _Child:
        with self._lock:
            if self._closed:
                raise ChildDied("the parse pool is closed")
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                pass
            if len(self._children) < self.workers:
                child = _Child(_context())
                self._children.add(child)
                return child
        return self._idle.get()

    def _give_back(self, child: _Child) -> None:
        with self._lock:
            if child in self._children:
                self._idle.put(child)
                return
        child.stop()  # the pool was closed meanwhile

    def _lost(self, child: _Child, reason: str) -> None:
        with self._lock:
            self._children.discard(child)
            self.deaths.append(reason)
            if len(self._children) < self.workers and not self._closed:
                replacement = _Child(_context())  # a waiting caller gets a child at once
                self._children.add(replacement)
                self._idle.put(replacement)

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
    # forkserver: children are forked from a clean, single-threaded server that has imported
    # the parsers once (never from this threaded process); spawn where there is none.
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(_PRELOAD))
    return context


def _serve(conn: connection.Connection) -> None:
    """In a child: tracebacks on native crashes, die with the parent, answer calls."""
    faulthandler.enable()
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    while True:
        try:
            call, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[bool, Any] = (True, call(*args))
        except Exception as exc:
            answer = (False, exc)
        try:
            conn.send(answer)
        except Exception as exc:  # e.g. an exception that does not pickle: say what it was
            conn.send((False, FetchError(f"parse failed: {type(exc).__name__}")))


def _exit_with(sentinel: int) -> None:
    connection.wait([sentinel])
    os._exit(1)
