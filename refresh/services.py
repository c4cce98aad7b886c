"""The services the refresh use case receives (built once per process by ``runtime``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from cachecontrol.cache import BaseCache

from refresh.catalog import SourceCatalog
from refresh.politeness import KeyValue
from scraper.robots import RobotsCache
from store import Store

if TYPE_CHECKING:
    from classifier import TopicModel
    from settings import Settings


class Executor(Protocol):
    """Where queued refreshes run: a Celery worker, or a thread of this process."""

    def submit(self, services: Services, refresh_id: int) -> None:
        """Start (or hand over) the queued refresh ``refresh_id``; raise if it cannot."""

    def retrain(self, services: Services) -> object:
        """Start (or hand over) a retrain off the caller's thread and return at once."""


@dataclass(frozen=True)
class Services:
    """What the refresh use case needs, built by a composition root and handed in."""

    settings: Settings
    stores: Callable[[], Store]
    """Returns the store (one engine per process; opened, and migrated, on first use)."""
    sources: SourceCatalog
    models: Callable[[], TopicModel]
    """Returns the current model (the classifier caches it and notices a new champion)."""
    validators: BaseCache
    robots: RobotsCache
    executor: Executor
    politeness: KeyValue

    @property
    def store(self) -> Store:
        """The article store (raises StoreError when it cannot be opened)."""
        return self.stores()

    @property
    def model(self) -> TopicModel:
        """The current topic model (raises ModelError when there is none)."""
        return self.models()
