"""The model registry in ``VAR_DIR/models/``: saved versions, the champion pointer, history.

Layout: ``versions/<version>/`` (model.skops + model.json, as in ``pickles/``), ``champion.json``
(the live version; its mtime is what running processes watch) and ``history.json`` (every
retrain decision with its metrics, newest last). Every file is written atomically; a lock
file serialises writers. The shipped ``pickles/`` model is never written here.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sklearn.pipeline import Pipeline

from classifier.artifacts import save_model
from classifier.errors import ModelError

if TYPE_CHECKING:
    from settings import Settings

MODELS = "models"
"""The registry's folder under VAR_DIR."""
CHAMPION = "champion.json"
HISTORY = "history.json"
VERSIONS = "versions"
_VERSION = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{8}")


def registry_for(settings: Settings) -> Registry:
    """The registry of this deployment: ``VAR_DIR/models``."""
    return Registry(settings.var_dir / MODELS)


def _write_json(path: Path, value: Any) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(value, out, indent=2, ensure_ascii=False)
            out.write("\n")
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    finally:
        Path(tmp).unlink(missing_ok=True)


class Registry:
    """Versions, champion and promotion history of retrained models under ``root``."""

    def __init__(self, root: Path) -> None:
        """Use ``root`` (created on first write)."""
        self.root = root

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def model_dir(self, version: str) -> Path:
        """The folder of ``version`` (ModelError for a malformed name)."""
        if not _VERSION.fullmatch(version):
            raise ModelError(f"{version!r} is not a model version like 20261125T201500Z-ab12cd34")
        return self.root / VERSIONS / version

    def save(self, pipeline: Pipeline, metadata: dict[str, Any]) -> str:
        """Store a new version (not live until promoted); return its name."""
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        version = f"{stamp}-{os.urandom(4).hex()}"
        with self._locked():
            target = self.model_dir(version)
            staging = Path(tempfile.mkdtemp(dir=self.root, prefix=".staging-"))
            save_model(pipeline, {**metadata, "version": version}, staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            staging.replace(target)
        return version

    def versions(self) -> list[str]:
        """Every stored version, oldest first."""
        folder = self.root / VERSIONS
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if _VERSION.fullmatch(p.name))

    def champion(self) -> str | None:
        """The live version, or None (then the shipped model is live)."""
        return self._pointer()[0]

    def promoted_at(self) -> str | None:
        """When the live version was promoted (ISO 8601 UTC), or None without a champion."""
        return self._pointer()[1]

    def _pointer(self) -> tuple[str | None, str | None]:
        try:
            pointer = json.loads((self.root / CHAMPION).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None, None
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read {self.root / CHAMPION}: {exc}") from exc
        version = pointer.get("version") if isinstance(pointer, dict) else None
        if not isinstance(version, str):
            raise ModelError(f"{self.root / CHAMPION} names no version")
        when = pointer.get("promoted_at")
        return version, when if isinstance(when, str) else None

    def pointer_stamp(self) -> int | None:
        """The champion pointer's mtime in ns (None when absent): a cheap change check."""
        try:
            return (self.root / CHAMPION).stat().st_mtime_ns
        except FileNotFoundError:
            return None

    def promote(self, version: str, entry: dict[str, Any]) -> None:
        """Make ``version`` live and record ``entry`` (metrics, reasons) in the history."""
        if not (self.model_dir(version) / "model.json").is_file():
            raise ModelError(f"no model version {version} in {self.root}")
        with self._locked():
            previous = self.champion()
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            _write_json(self.root / CHAMPION, {"version": version, "promoted_at": now})
            self._append({**entry, "at": now, "version": version, "previous": previous})

    def record(self, entry: dict[str, Any]) -> None:
        """Record a retrain decision that promoted nothing."""
        with self._locked():
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            self._append({**entry, "at": now, "previous": self.champion()})

    def _append(self, entry: dict[str, Any]) -> None:
        _write_json(self.root / HISTORY, [*self.history(), entry])

    def history(self) -> list[dict[str, Any]]:
        """Every recorded retrain decision, oldest first."""
        try:
            found = json.loads((self.root / HISTORY).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read {self.root / HISTORY}: {exc}") from exc
        return list(found) if isinstance(found, list) else []
