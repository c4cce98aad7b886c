"""robots.txt rules, fetched through the one HTTP layer and cached per host for a while."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from scraper.downloads import Downloader, FetchError
from scraper.sources import FetchPolicy

_ROBOTS_POLICY = FetchPolicy(
    connect_timeout=5.0, read_timeout=5.0, retries=0, max_bytes=500_000, max_redirects=5
)


class RobotsCache:
    """Answers "may we fetch this URL?" per host; entries live for ``ttl_s`` seconds."""

    def __init__(self, ttl_s: float = 3600.0) -> None:
        self.ttl_s = ttl_s
        self._rules: dict[str, tuple[float, RobotFileParser]] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str, downloader: Downloader, policy: FetchPolicy | None = None) -> bool:
        """True when the site's robots.txt lets our User-Agent fetch ``url``."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            host_lock = self._host_locks.setdefault(origin, threading.Lock())
        # One fetch per host even when many article threads ask at once.
        with host_lock:
            entry = self._rules.get(origin)
            if entry is None or entry[0] < time.monotonic():
                rules = _fetch_rules(origin, downloader, policy or _ROBOTS_POLICY)
                entry = (time.monotonic() + self.ttl_s, rules)
                with self._lock:
                    self._rules[origin] = entry
        return entry[1].can_fetch(downloader.user_agent, url)


def _fetch_rules(origin: str, downloader: Downloader, policy: FetchPolicy) -> RobotFileParser:
    rules = RobotFileParser(f"{origin}/robots.txt")
    robots_policy = FetchPolicy(
        connect_timeout=min(policy.connect_timeout, _ROBOTS_POLICY.connect_timeout),
        read_timeout=min(policy.read_timeout, _ROBOTS_POLICY.read_timeout),
        retries=0,
        backoff_factor=policy.backoff_factor,
        retry_after_max=policy.retry_after_max,
        max_bytes=_ROBOTS_POLICY.max_bytes,
        max_redirects=policy.max_redirects,
    )
    try:
        response = downloader.get(f"{origin}/robots.txt", robots_policy)
    except FetchError as exc:
        status = str(exc)
        # RFC 9309 / urllib.robotparser: 401 and 403 mean "keep out"; a missing or
        # unreachable robots.txt places no restriction.
        keep_out = status in {"HTTP 401", "HTTP 403"}
        rules.parse(["User-agent: *", "Disallow: /"] if keep_out else [])
        return rules
    rules.parse(response.text.splitlines())
    return rules
