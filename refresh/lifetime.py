"""Tie a child process's life to its parent's: when the parent dies, so does the child.

The worker's embedded beat (``celery worker -B``) is a forked child; after ``kill -9`` of
the worker it would be re-parented to PID 1 and keep queueing ticks nobody reads. Linux's
``PR_SET_PDEATHSIG`` has the kernel kill it with its parent; elsewhere a thread waits for
the parent to go.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1
_WATCH_S = 1.0


def die_with_parent(parent_pid: int) -> None:
    """Make this process exit when ``parent_pid`` (its parent) dies; at once if it is gone."""
    if not _kernel_kills_us():
        threading.Thread(target=_watch, args=(parent_pid,), name="parent", daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the kernel was told
        os._exit(1)


def _kernel_kills_us() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    stop = threading.Event()
    while not stop.wait(_WATCH_S):  # no parent sentinel to wait on: poll who the parent is
        if os.getppid() != parent_pid:
            os._exit(1)
