"""The read cache of the main view: Flask-Caching on Redis when REDIS_URL is set, else in-process.

Keys carry the store's data version, so a refresh (any article or refresh result written)
makes every cached view stale at once; entries also expire after ``TIMEOUT_S``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask
from flask_caching import Cache
from plotly.io.json import to_json_plotly

TIMEOUT_S = 300
"""Longest life of a cached view (relabelling by a new model shows within this time)."""

cache = Cache()
T = TypeVar("T")
_log = logging.getLogger(__name__)


def init_cache(server: Flask, redis_url: str | None, prefix: str | None = None) -> None:
    """Attach the cache to ``server``: Redis when ``redis_url`` is given, else per process."""
    config: dict[str, Any] = {"CACHE_DEFAULT_TIMEOUT": TIMEOUT_S}
    if redis_url:
        config.update(
            CACHE_TYPE="RedisCache",
            CACHE_REDIS_URL=redis_url,
            CACHE_KEY_PREFIX=prefix or "lnc:view:",
            CACHE_OPTIONS={"socket_timeout": 1.0, "socket_connect_timeout": 1.0},
        )
    else:
        config.update(CACHE_TYPE="SimpleCache", CACHE_THRESHOLD=2000)
    cache.init_app(server, config=config)


def cache_key(kind: str, *parts: Any) -> str:
    """A short, stable key for ``kind`` and the JSON-able ``parts``."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return f"{kind}:{digest[:32]}"


def cached(key: str, build: Callable[[], T]) -> T:
    """The cached value of ``key``, else ``build()`` stored under it; a cache outage only slows."""
    try:
        hit = cache.get(key)
    except Exception as exc:
        _log.warning("view cache unavailable: %s", exc)
        return build()
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    value = build()
    try:
        cache.set(key, value)
    except Exception as exc:
        _log.warning("view cache unavailable: %s", exc)
    return value


def plain(value: Any) -> Any:
    """``value`` (components, figures) as plain JSON data: cheap to cache and to send again."""
    return json.loads(to_json_plotly(value))


def random_prefix() -> str:
    """A key prefix of its own (tests share one Redis database)."""
    return f"lnc:test:{secrets.token_hex(4)}:"
