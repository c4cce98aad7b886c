"""The model registry as the model page reads it: the live version and the promotion history.

It reads ``VAR_DIR/models/champion.json`` and ``history.json`` as the retraining package
writes them (``classifier.registry``: one JSON object ``{"version", "promoted_at"}`` and a
list of decisions, oldest first). It is kept to this one function so the page can switch to
the registry's own reader once both are merged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MODELS_FOLDER = "models"


@dataclass(frozen=True)
class RegistryState:
    """The champion (None: the shipped model is live) and every retrain decision, newest first."""

    champion: str | None = None
    promoted_at: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)


def registry_state(var_dir: Path) -> RegistryState:
    """Read the registry under ``var_dir``; raise ValueError naming a file that is unreadable."""
    root = var_dir / MODELS_FOLDER
    pointer = _read(root / "champion.json", {})
    history = _read(root / "history.json", [])
    if not isinstance(pointer, dict) or not isinstance(history, list):
        raise ValueError(f"the model registry in {root} is not in the expected format")
    entries = [entry for entry in history if isinstance(entry, dict)]
    version, promoted_at = pointer.get("version"), pointer.get("promoted_at")
    return RegistryState(
        champion=version if isinstance(version, str) else None,
        promoted_at=promoted_at if isinstance(promoted_at, str) else None,
        history=entries[::-1],
    )


def _read(path: Path, empty: object) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return empty
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from None
