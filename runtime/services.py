"""The process's services, built once from the settings: store, model, sources, caches, executor."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from classifier.corpus import resolve_corpus_path
from classifier.registry import MODELS
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
from refresh.services import Executor, Services
from scraper.downloads import ValidatorCache
from scraper.robots import RobotsCache
from scraper.sources import Source, load_sources
from settings import Settings, get_settings
from store import Store, open_store

if TYPE_CHECKING:
    from classifier import TopicModel


def champion(settings: Settings | None = None) -> TopicModel:
    """The registry's live champion (else the shipped MODEL_DIR model), following promotions."""
    from classifier import load_model  # scikit-learn loads on first use, not at import

    settings = settings or get_settings()
    return load_model(settings.model_dir, settings.var_dir / MODELS, settings.model_check_seconds)


def corpus_path(settings: Settings | None = None, chosen: Path | None = None) -> Path:
    """The BBC corpus: ``chosen``, else NEWS_CORPUS, else ``data/bbc-fulltext.zip``
    (downloaded when absent: the command line may, the schedule never does)."""
    settings = settings or get_settings()
    return resolve_corpus_path(chosen or settings.news_corpus, settings.default_corpus)


def store_of(settings: Settings | None = None) -> Store:
    """The store at DATABASE_URL (pool DB_POOL_SIZE), migrated to head."""
    settings = settings or get_settings()
    return open_store(settings.database_url, settings.db_pool_size)


def sources_of(settings: Settings | None = None) -> list[Source]:
    """The newspapers of NEWS_SOURCES, read and validated (SourcesError naming the line)."""
    return load_sources((settings or get_settings()).news_sources)


def build_services(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    model: TopicModel | None = None,
    executor: Executor | None = None,
) -> Services:
    """The process's services from the settings (default: the environment's); tests may hand
    in their own parts.

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
        stores=(lambda: store) if store is not None else partial(store_of, settings),
        sources=SourceCatalog(settings.news_sources),
        models=(lambda: model) if model is not None else partial(champion, settings),
        validators=validators,
        robots=RobotsCache(store=KeyValueRulesStore(politeness)) if shared else RobotsCache(),
        executor=executor or default_executor(settings),
        politeness=politeness,
    )
