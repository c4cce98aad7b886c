"""Services built once per process (store, model, sources, HTTP caches, executor), passed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol

from cachecontrol.cache import BaseCache

from refresh.catalog import SourceCatalog
from refresh.executors import default_executor
from refresh.politeness import (
    KeyValue,
    KeyValueRulesStore,
    KeyValueValidatorCache,
    MemoryKeyValue,
    RedisKeyValue,
    redis_client,
)
from scraper.downloads import ValidatorCache
from scraper.robots import RobotsCache
from settings import Settings, get_settings
from store import Store, open_store

if TYPE_CHECKING:
    from classifier import TopicModel


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


def _load_model(settings: Settings) -> TopicModel:
    from classifier import load_model  # scikit-learn loads on first use, not at import

    # The registry's live champion (else MODEL_DIR): a promotion is picked up without a restart.
    return load_model()


def build_services(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    model: TopicModel | None = None,
    executor: Executor | None = None,
) -> Services:
    """The process's services from the settings; tests may hand in their own parts.

    Nothing is opened here: the store, model and sources file are read on first use, so a
    process starts (and says what is wrong) even when one of them is unavailable.
    """
    settings = settings or get_settings()
    politeness: KeyValue = (
        RedisKeyValue(redis_client(settings.redis_url), f"{settings.refresh_queue}:polite:")
        if settings.redis_url
        else MemoryKeyValue()
    )
    shared = settings.redis_url is not None
    validators = KeyValueValidatorCache(politeness) if shared else ValidatorCache()
    return Services(
        settings=settings,
        stores=(lambda: store) if store is not None else partial(open_store, settings.database_url),
        sources=SourceCatalog(settings.news_sources),
        models=(lambda: model) if model is not None else partial(_load_model, settings),
        validators=validators,
        robots=RobotsCache(store=KeyValueRulesStore(politeness)) if shared else RobotsCache(),
        executor=executor or default_executor(settings),
        politeness=politeness,
    )
