"""The live champion: a ``TopicModel`` that swaps in a newly promoted model without a restart."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from classifier.artifacts import load_artifact
from classifier.errors import ModelError
from classifier.model import Fitted, TopicModel, fit_state
from classifier.registry import Registry

_LOG = logging.getLogger(__name__)


def _load(registry: Registry, fallback: Path) -> Fitted:
    version = registry.champion()
    folder = registry.model_dir(version) if version else fallback
    return fit_state(*load_artifact(folder))


def _load_or_fallback(registry: Registry, fallback: Path) -> Fitted:
    """The champion; the shipped model (with a warning) when the champion cannot be loaded."""
    try:
        return _load(registry, fallback)
    except ModelError as exc:
        _LOG.warning("serving the shipped model in %s: %s", fallback, exc)
        return fit_state(*load_artifact(fallback))


class ChampionModel(TopicModel):
    """The registry's champion (else the shipped model), re-checked every ``check_seconds``.

    The check is one ``stat`` of the pointer file; a changed pointer loads the new champion
    once (under a lock) and later calls use it. A broken new champion is logged and the
    current model stays.
    """

    def __init__(self, registry: Registry, fallback: Path, check_seconds: float) -> None:
        """Load the current champion (else ``fallback``); ModelError when neither loads."""
        self._registry = registry
        self._fallback = fallback
        self._check_seconds = check_seconds
        self._lock = threading.Lock()
        self._stamp = registry.pointer_stamp()
        self._checked = time.monotonic()
        self._state = _load_or_fallback(registry, fallback)

    def _fitted(self) -> Fitted:
        now = time.monotonic()
        if now - self._checked >= self._check_seconds:
            self._checked = now
            stamp = self._registry.pointer_stamp()
            if stamp != self._stamp:
                self._reload(stamp)
        return self._state

    def _reload(self, stamp: int | None) -> None:
        with self._lock:
            if stamp == self._stamp:
                return
            try:
                self._state = _load(self._registry, self._fallback)
            except ModelError as exc:
                _LOG.warning("keeping model %s: %s", self._state.version, exc)
            self._stamp = stamp
