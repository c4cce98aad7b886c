"""Politeness state shared by the fleet: feed validators and robots.txt, in Redis when set.

The seam is a small key-value interface (``get``/``set``/``delete``, the shape of
CacheControl's cache), so the HTTP layer's caches keep their own logic and only choose where
they keep it: in the process, or in Redis for every worker. ``scraper/`` is not changed:
the validator cache is subclassed through its public methods, and robots.txt answers are
shared by handing the robots cache a downloader that asks the storage first. Per-host limits
need no sharing: a newspaper is refreshed by one worker at a time (the per-paper lock).
"""

from __future__ import annotations

import base64
import contextlib
import json
import threading
from typing import Any, Protocol, cast
from urllib.parse import parse_qs, urlsplit

import redis

from scraper.downloads import Downloader, FetchError, Response, ValidatorCache
from scraper.robots import RobotsCache
from scraper.sources import FetchPolicy

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


def _dump(response: Response, **extra: object) -> bytes:
    data = {
        "url": response.url,
        "status": response.status,
        "content": base64.b64encode(response.content).decode("ascii"),
        "content_type": response.content_type,
        "charset": response.charset,
        **extra,
    }
    return json.dumps(data).encode()


def _load(data: dict[str, Any]) -> Response:
    return Response(
        url=data["url"],
        status=data["status"],
        content=base64.b64decode(data["content"]),
        content_type=data["content_type"],
        charset=data["charset"],
    )


class _SharedRobotsFetch:
    """Stands in for the downloader of robots.txt fetches: the fleet's answer first."""

    def __init__(self, downloader: Downloader, storage: KeyValue, ttl_s: int) -> None:
        self.downloader, self.storage, self.ttl_s = downloader, storage, ttl_s
        self.user_agent = downloader.user_agent

    def get(self, url: str, policy: FetchPolicy, *, conditional: bool = False) -> Response:
        """robots.txt from the storage, else fetched and kept there (failures too)."""
        if not url.endswith("/robots.txt"):
            return self.downloader.get(url, policy, conditional=conditional)
        key = f"robots:{url}"
        raw = self.storage.get(key)
        if raw is not None:
            try:
                data = json.loads(raw)
                if data.get("error"):
                    raise FetchError(data["error"])
                return _load(data)
            except (ValueError, KeyError, TypeError):
                pass  # unreadable entry: fetch again
        try:
            response = self.downloader.get(url, policy, conditional=conditional)
        except FetchError as exc:
            self.storage.set(key, json.dumps({"error": str(exc)}).encode(), self.ttl_s)
            raise
        self.storage.set(key, _dump(response), self.ttl_s)
        return response

    def __getattr__(self, name: str) -> Any:
        return getattr(self.downloader, name)


class SharedRobotsCache(RobotsCache):
    """robots.txt rules fetched once per host for the whole fleet (per ``ttl_s``)."""

    def __init__(self, storage: KeyValue, ttl_s: float = 3600.0) -> None:
        super().__init__(ttl_s)
        self.storage = storage

    def allowed(self, url: str, downloader: Downloader, policy: FetchPolicy | None = None) -> bool:
        """True when the site's robots.txt (as any worker last fetched it) allows ``url``."""
        shared = _SharedRobotsFetch(downloader, self.storage, int(self.ttl_s))
        return super().allowed(url, cast(Downloader, shared), policy)


class SharedValidatorCache(ValidatorCache):
    """The feed validators (ETag, Last-Modified, last body) kept in a ``KeyValue``."""

    def __init__(self, storage: KeyValue) -> None:
        super().__init__()
        self.storage = storage

    def _entry(self, url: str) -> tuple[str | None, str | None, Response] | None:
        raw = self.storage.get(f"validators:{url}")
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            return data.get("etag"), data.get("modified"), _load(data)
        except (ValueError, KeyError, TypeError):
            return None

    def headers(self, url: str) -> dict[str, str]:
        """The conditional headers to send for ``url``, if any."""
        entry = self._entry(url)
        if entry is None:
            return {}
        etag, modified, _ = entry
        headers = {"If-None-Match": etag} if etag else {}
        if modified:
            headers["If-Modified-Since"] = modified
        return headers

    def cached(self, url: str) -> Response | None:
        """The last full response stored for ``url``."""
        entry = self._entry(url)
        return entry[2] if entry else None

    def store(self, url: str, etag: str | None, modified: str | None, response: Response) -> None:
        """Keep the validators of a fresh 200 response for the whole fleet."""
        if not (etag or modified):
            return
        value = _dump(response, etag=etag, modified=modified)
        self.storage.set(f"validators:{url}", value, VALIDATOR_TTL_S)
