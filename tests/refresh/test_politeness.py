"""Politeness state shared through Redis: a second worker sends the first one's validators."""

from __future__ import annotations

import ssl
import uuid

import pytest
import redis
from kombu import Connection

from refresh.politeness import (
    KeyValueRulesStore,
    KeyValueValidatorCache,
    MemoryKeyValue,
    RedisKeyValue,
    redis_client,
)
from scraper.downloads import Downloader
from scraper.robots import RobotsCache
from scraper.sources import FetchPolicy
from settings import redis_url
from tests.newsserver import NewsServer


@pytest.fixture
def storage(redis_url: str) -> RedisKeyValue:
    """Redis under a key prefix of this test only."""
    return RedisKeyValue(redis_client(redis_url), f"test-{uuid.uuid4().hex[:10]}:")


def test_a_second_worker_gets_304_with_the_first_ones_validators(
    storage: RedisKeyValue, news: NewsServer
) -> None:
    feed = news.feed_url("paper1")
    first = Downloader("test-agent", validators=KeyValueValidatorCache(storage))
    full = first.get(feed, FetchPolicy(), conditional=True)
    # Another process: its own downloader and cache object, the same Redis.
    second = Downloader("test-agent", validators=KeyValueValidatorCache(storage))
    again = second.get(feed, FetchPolicy(), conditional=True)
    assert again.not_modified and again.content == full.content
    assert news.hits(feed) == 2
    keys = list(storage.client.scan_iter(storage.prefix + "*"))
    storage.client.delete(*keys)


def test_robots_rules_are_fetched_once_for_every_worker(
    storage: RedisKeyValue, news: NewsServer
) -> None:
    news.set_robots("paper1", "User-agent: *\nDisallow: /paper1/articles/\n")
    news.fault(news.robots_url("paper2"), statuses=(403,) * 5)
    for _worker in range(3):  # three processes: own caches and downloaders, one Redis
        robots = RobotsCache(store=KeyValueRulesStore(storage))
        loader = Downloader("test-agent")
        assert not robots.allowed(news.article_url("paper1", 0), loader, FetchPolicy())
        assert robots.allowed(news.feed_url("paper1"), loader, FetchPolicy())
        assert not robots.allowed(news.feed_url("paper2"), loader, FetchPolicy())  # 403: keep out
    assert news.hits(news.robots_url("paper1")) == 1
    assert news.hits(news.robots_url("paper2")) == 1
    storage.client.delete(*storage.client.scan_iter(storage.prefix + "*"))


def test_an_unreachable_redis_only_costs_the_cache(news: NewsServer) -> None:
    dead = RedisKeyValue(redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2))
    loader = Downloader("test-agent", validators=KeyValueValidatorCache(dead))
    response = loader.get(news.feed_url("paper1"), FetchPolicy(), conditional=True)
    assert response.status == 200 and not response.not_modified


def test_memory_storage_round_trips() -> None:
    kv = MemoryKeyValue()
    kv.set("a", b"1")
    assert kv.get("a") == b"1"
    kv.delete("a")
    assert kv.get("a") is None


def test_heroku_rediss_urls_use_tls_without_verifying_the_self_signed_certificate() -> None:
    client = redis_client("rediss://:secret@example.invalid:6380/0")
    kwargs = client.connection_pool.connection_kwargs
    assert kwargs["ssl_cert_reqs"] is None
    heroku = redis_url("rediss://:secret@example.invalid:6380")
    assert heroku == "rediss://:secret@example.invalid:6380?ssl_cert_reqs=none"
    assert redis_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"
    assert redis_url("rediss://h:6380/0?ssl_cert_reqs=required").endswith("=required")
    # Celery's transport reads the same parameter from the URL.
    assert Connection(heroku).ssl == {"ssl_cert_reqs": ssl.CERT_NONE}
