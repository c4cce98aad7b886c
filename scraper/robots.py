"""robots.txt per RFC 9309 (protego), fetched through the one HTTP layer and cached per host."""

from __future__ import annotations

import threading
import time
from typing import Protocol
from urllib.parse import urlsplit

from protego import Protego

from scraper.downloads import Downloader, FetchError, RefusedLink
from scraper.outbound import Outbound
from scraper.sources import FetchPolicy

BLOCKED = "blocked by robots.txt"
_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
MAX_ROBOTS_BYTES = 512_000
"""RFC 9309 2.5: parse at least 500 KiB; what lies beyond is ignored (the rest is parsed)."""
_ROBOTS_POLICY = FetchPolicy(
    connect_timeout=5.0, read_timeout=5.0, retries=0, max_bytes=MAX_ROBOTS_BYTES, max_redirects=5
)


class RulesStore(Protocol):
    """Where robots.txt texts are kept per origin; a Redis-backed one can share them."""

    def get(self, origin: str) -> str | None:
        """The stored robots.txt text of ``origin``, or None when absent or expired."""
        ...

    def put(self, origin: str, text: str, ttl_s: float) -> None:
        """Keep ``text`` as ``origin``'s robots.txt for ``ttl_s`` seconds."""
        ...


class MemoryRulesStore:
    """The in-process ``RulesStore``: a dict with expiry times."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def get(self, origin: str) -> str | None:
        """The text of ``origin`` unless expired."""
        with self._lock:
            entry = self._entries.get(origin)
        return entry[1] if entry and entry[0] > time.monotonic() else None

    def put(self, origin: str, text: str, ttl_s: float) -> None:
        """Keep ``text`` for ``ttl_s`` seconds."""
        with self._lock:
            self._entries[origin] = (time.monotonic() + ttl_s, text)


class RobotsCache:
    """Answers "may we fetch this URL?" per origin.

    A fetched robots.txt (200, or 404 meaning "no rules") is kept for ``ttl_s``; 401/403 mean
    keep out for as long. A 5xx or unreachable robots.txt means keep out for this fetch only:
    it is asked again after ``retry_s`` (RFC 9309 section 2.3.1.4).
    """

    def __init__(
        self, ttl_s: float = 3600.0, retry_s: float = 60.0, store: RulesStore | None = None
    ) -> None:
        self.ttl_s, self.retry_s = ttl_s, retry_s
        self._store: RulesStore = store if store is not None else MemoryRulesStore()
        self._parsed: dict[str, tuple[str, Protego]] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str, downloader: Downloader, policy: FetchPolicy | None = None) -> bool:
        """True when the site's robots.txt lets our User-Agent fetch ``url``."""
        return self.verdict(url, downloader, policy) is None

    def verdict(
        self,
        url: str,
        downloader: Downloader,
        policy: FetchPolicy | None = None,
        outbound: Outbound | None = None,
    ) -> str | None:
        """None when ``url`` may be fetched, else the reason it may not."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        text = self._store.get(origin)
        if text is None:
            with self._lock:
                host_lock = self._host_locks.setdefault(origin, threading.Lock())
            with host_lock:  # one fetch per origin even when many threads ask at once
                text = self._store.get(origin)
                if text is None:
                    text, ttl_s = self._fetch(origin, downloader, policy, outbound)
                    self._store.put(origin, text, ttl_s)
        if self._rules(origin, text).can_fetch(url, downloader.user_agent):
            return None
        if text.startswith(_UNAVAILABLE):
            return text.splitlines()[0].removeprefix("# ")
        return BLOCKED

    def _rules(self, origin: str, text: str) -> Protego:
        with self._lock:
            parsed = self._parsed.get(origin)
        if parsed is None or parsed[0] != text:
            parsed = (text, Protego.parse(text))
            with self._lock:
                self._parsed[origin] = parsed
        return parsed[1]

    def _fetch(
        self,
        origin: str,
        downloader: Downloader,
        policy: FetchPolicy | None,
        outbound: Outbound | None,
    ) -> tuple[str, float]:
        policy = policy or _ROBOTS_POLICY
        robots_policy = FetchPolicy(
            connect_timeout=min(policy.connect_timeout, _ROBOTS_POLICY.connect_timeout),
            read_timeout=min(policy.read_timeout, _ROBOTS_POLICY.read_timeout),
            retries=0,
            backoff_factor=policy.backoff_factor,
            retry_after_max=policy.retry_after_max,
            max_bytes=_ROBOTS_POLICY.max_bytes,
            # RFC 9309 2.3.1.2: follow at least five redirects, to another host too.
            max_redirects=_ROBOTS_POLICY.max_redirects,
        )
        url = f"{origin}/robots.txt"
        # Any host for the redirects, but still only public addresses (or the source's own).
        anywhere = (outbound or Outbound.for_urls([url])).anywhere()
        try:
            response = downloader.get(url, robots_policy, outbound=anywhere, truncate=True)
            return response.text, self.ttl_s
        except RefusedLink:
            raise  # the host itself is off limits: no verdict, the caller reports the link
        except FetchError as exc:
            reason = str(exc)
        if reason in {"HTTP 401", "HTTP 403"}:
            return _DISALLOW_ALL, self.ttl_s
        if reason.startswith("HTTP 4") and reason != "HTTP 429":  # 404, 410...: no rules
            return "", self.ttl_s
        # 5xx, 429, timeout, refused redirect, unreachable: complete disallow, ask again soon.
        return f"{_UNAVAILABLE}({reason}); retrying later\n{_DISALLOW_ALL}", self.retry_s


_UNAVAILABLE = "# robots.txt unavailable "
