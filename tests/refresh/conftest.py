"""Refresh test fixtures: fake newspapers, Redis at TEST_REDIS_URL, the model."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis

from tests.conftest import require
from tests.newsserver import NewsServer


@pytest.fixture
def news() -> Iterator[NewsServer]:
    """Three fake papers with four articles each on loopback."""
    with NewsServer(sources=3, articles=4) as server:
        yield server


@pytest.fixture
def redis_url() -> str:
    """TEST_REDIS_URL when Redis answers there; skips (fails under CI) otherwise."""
    url = os.environ.get("TEST_REDIS_URL", "")
    require(url, "TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379/14)")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        require(False, f"Redis at TEST_REDIS_URL does not answer: {exc}")
    return url


@pytest.fixture
def queue(redis_url: str) -> Iterator[str]:
    """A Celery queue name (and key prefix) of this test only; its keys removed afterwards."""
    name = f"test-{uuid.uuid4().hex[:10]}"
    yield name
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{name}:*"))
    if keys:
        client.delete(*keys)
