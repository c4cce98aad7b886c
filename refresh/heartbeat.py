"""A running refresh's pulse: progress and a heartbeat written to the store every second."""

from __future__ import annotations

import contextlib
import threading
from types import TracebackType

from store import Store, StoreError


class Heartbeat:
    """Keeps ``done``/``total`` articles and writes them with a heartbeat from a thread.

    The thread beats even while every fetch is stuck, so only a dead worker goes stale.
    """

    def __init__(self, store: Store, refresh_id: int, every_s: float = 1.0) -> None:
        self.store, self.refresh_id, self.every_s = store, refresh_id, every_s
        self.done = self.total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="refresh-heartbeat", daemon=True)

    def progress(self, done: int, total: int) -> None:
        """Note the latest counts (written on the next beat)."""
        self.done, self.total = max(self.done, done), max(self.total, total, done)

    def beat(self) -> None:
        """Write the heartbeat and counts now; a store hiccup is retried on the next beat."""
        with contextlib.suppress(StoreError):
            self.store.beat_refresh(self.refresh_id, self.done, self.total)

    def _loop(self) -> None:
        while not self._stop.wait(self.every_s):
            self.beat()

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        self.beat()
