"""Politeness state shared by the fleet: feed validators and robots.txt, in Redis when set.

The seam is a small key-value interface (``get``/``set``/``delete``, the shape of
CacheControl's cache), so the HTTP layer's caches keep their own logic and only choose where
they keep it: in the process, or in Redis for every worker. CacheControl stores the feeds'
responses and validators through ``KeyValueValidatorCache``; the robots cache keeps each
origin's robots.txt through ``KeyValueRulesStore``. Per-host limits need no sharing: a
newspaper is refreshed by one worker at a time (the per-paper lock).
"""

from __future__ import annotations

import contextlib
import math
import threading
from datetime import datetime
from typing import Protocol
from urllib.parse import parse_qs, urlsplit

import redis
from cachecontrol.cache import BaseCache

VALIDATOR_TTL_S = 7 * 24 * 3600
"""Validators and bodies of feeds kept this long after their last full answer."""


class KeyValue(Protocol):
    """Bytes by key with an optional lifetime (CacheControl's ``BaseCache`` shape)."""

    def get(self, key: str) -> bytes | None:
        """The value, or None when absent, expired or unreachable."""

    def set(self, key: str, value: bytes, expires: int | None = None) -> None:
        """Keep ``value`` (for ``expires`` seconds when given); never raises."""

    def delete(self, key: str) -> None:
        """Forget ``key``; never raises."""


class MemoryKeyValue:
    """This process only (no expiry: the callers' own bounds apply)."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """The value, or None."""
        with self._lock:
            return self._data.get(key)

    def set(self, key: str, value: bytes, expires: int | None = None) -> None:
        """Keep the value."""
        with self._lock:
            self._data[key] = value

    def delete(self, key: str) -> None:
        """Forget the key."""
        with self._lock:
            self._data.pop(key, None)


class RedisKeyValue:
    """Redis under a key prefix; an unreachable Redis reads as empty and drops writes."""

    def __init__(self, client: redis.Redis, prefix: str = "news:polite:") -> None:
        self.client, self.prefix = client, prefix

    def get(self, key: str) -> bytes | None:
        """The value, or None (also when Redis does not answer)."""
        try:
            value = self.client.get(self.prefix + key)
        except redis.RedisError:
            return None
        return value if isinstance(value, bytes) else None

    def set(self, key: str, value: bytes, expires: int | None = None) -> None:
        """Keep the value for ``expires`` seconds (forever when None)."""
        with contextlib.suppress(redis.RedisError):
            self.client.set(self.prefix + key, value, ex=expires)

    def delete(self, key: str) -> None:
        """Forget the key."""
        with contextlib.suppress(redis.RedisError):
            self.client.delete(self.prefix + key)


def redis_client(url: str) -> redis.Redis:
    """A Redis client for ``redis://`` or ``rediss://`` URLs, with short timeouts.

    Heroku's Key-Value Store serves TLS with a self-signed certificate, so a ``rediss://``
    URL without its own ``ssl_cert_reqs`` parameter does not verify it.
    """
    extra: dict[str, object] = {"socket_timeout": 5, "socket_connect_timeout": 3}
    parts = urlsplit(url)
    if parts.scheme == "rediss" and "ssl_cert_reqs" not in parse_qs(parts.query):
        extra["ssl_cert_reqs"] = None
    return redis.Redis.from_url(url, **extra)


class KeyValueValidatorCache(BaseCache):
    """CacheControl's cache of feed responses (bodies and validators) kept in a ``KeyValue``."""

    def __init__(self, storage: KeyValue) -> None:
        self.storage = storage

    def get(self, key: str) -> bytes | None:
        """The cached response for ``key``, or None."""
        return self.storage.get(f"validators:{key}")

    def set(self, key: str, value: bytes, expires: int | datetime | None = None) -> None:
        """Keep a response; feeds rarely say how long, so validators are kept a week."""
        if isinstance(expires, datetime):
            expires = math.ceil((expires - datetime.now(expires.tzinfo)).total_seconds())
        self.storage.set(f"validators:{key}", value, max(1, expires or VALIDATOR_TTL_S))

    def delete(self, key: str) -> None:
        """Forget a response."""
        self.storage.delete(f"validators:{key}")


class KeyValueRulesStore:
    """The robots cache's ``RulesStore`` in a ``KeyValue``: one fetch per origin for the fleet."""

    def __init__(self, storage: KeyValue) -> None:
        self.storage = storage

    def get(self, origin: str) -> str | None:
        """The robots.txt text of ``origin`` as any worker last kept it."""
        raw = self.storage.get(f"robots:{origin}")
        return raw.decode("utf-8", "replace") if raw is not None else None

    def put(self, origin: str, text: str, ttl_s: float) -> None:
        """Keep ``text`` for ``ttl_s`` seconds (at least one)."""
        self.storage.set(f"robots:{origin}", text.encode(), max(1, math.ceil(ttl_s)))
