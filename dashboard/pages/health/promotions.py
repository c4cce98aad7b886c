"""The model registry as the model page reads it: the live version and the promotion history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from classifier.registry import Registry


@dataclass(frozen=True)
class RegistryState:
    """The champion (None: the shipped model is live) and every retrain decision, newest first."""

    champion: str | None = None
    promoted_at: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)


def registry_state(registry: Registry) -> RegistryState:
    """Read ``registry`` through its own API; ModelError names a file that is unreadable."""
    entries = [entry for entry in registry.history() if isinstance(entry, dict)]
    return RegistryState(
        champion=registry.champion(),
        promoted_at=registry.promoted_at(),
        history=entries[::-1],
    )
