"""The one HTTP layer: polite, bounded, retrying GET requests with clear failure reasons."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from bs4.dammit import EncodingDetector, UnicodeDammit
from cachecontrol import CacheControlAdapter
from cachecontrol.cache import BaseCache, DictCache
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from scraper.outbound import GuardedAdapter, Outbound, Refused, scope
from scraper.sources import FetchPolicy

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A request failed; ``str()`` is a reason a person understands ("HTTP 403")."""


class RefusedLink(FetchError):
    """The outbound policy refused the URL, a redirect or the resolved address; nothing was sent."""


@dataclass(frozen=True)
class Response:
    """A complete, size-checked response body and what is needed to decode it."""

    url: str
    status: int
    content: bytes
    content_type: str = ""
    charset: str | None = None
    elapsed_s: float = 0.0
    not_modified: bool = False
    """Served from the feed cache (revalidated with a 304, or still fresh)."""

    @property
    def text(self) -> str:
        """The body decoded by its declared or detected charset."""
        return decode(self.content, self.charset)


def decode(content: bytes, charset: str | None = None) -> str:
    """Decode by the header charset, a BOM, a <meta>/XML declaration, UTF-8, else Windows-1252."""
    declared = EncodingDetector.find_declared_encoding(content, is_html=True)
    dammit = UnicodeDammit(
        content,
        known_definite_encodings=[charset] if charset else [],
        # Before any statistical guess: pages without a charset that are not UTF-8 are, in
        # practice, latin-1 / Windows-1252.
        user_encodings=[e for e in (declared, "utf-8", "windows-1252") if e],
        is_html=True,
    )
    return dammit.unicode_markup or content.decode("utf-8", errors="replace")


@dataclass
class FetchStats:
    """Counts and summed latency of every HTTP attempt made by one downloader."""

    requests: int = 0
    latency_s: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, elapsed_s: float) -> None:
        """Record one finished request."""
        with self._lock:
            self.requests += 1
            self.latency_s += elapsed_s


class ValidatorCache(DictCache):
    """The in-process store of feed responses that CacheControl revalidates (ETag, Last-Modified).

    Any ``cachecontrol.cache.BaseCache`` works in its place, e.g. ``RedisCache`` to share it.
    """


class _GuardedCacheAdapter(CacheControlAdapter, GuardedAdapter):
    """The guarded adapter with CacheControl's conditional GET on top (feeds only)."""


class Downloader:
    """Fetches URLs through pooled sessions (one per fetch policy) with a per-host limit."""

    def __init__(
        self,
        user_agent: str,
        *,
        per_host: int = 4,
        validators: BaseCache | None = None,
    ) -> None:
        self.user_agent = user_agent
        self.stats = FetchStats()
        self._per_host = per_host
        self._validators: BaseCache = validators if validators is not None else ValidatorCache()
        self._sessions: dict[tuple[FetchPolicy, bool], requests.Session] = {}
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def get(
        self,
        url: str,
        policy: FetchPolicy,
        *,
        conditional: bool = False,
        outbound: Outbound | None = None,
        hop: Callable[[str], None] | None = None,
        truncate: bool = False,
    ) -> Response:
        """GET ``url`` following redirects; raise ``FetchError`` unless the answer is 2xx/304.

        Every hop must stay within ``outbound`` (default: ``url``'s own host and registrable
        domain), checked before sending and again on the resolved address at connect time.
        ``hop(url)`` is called before each redirect hop is requested and may raise
        ``FetchError`` to stop there (robots.txt is asked for every hop). ``conditional``
        revalidates through the feed cache (ETag / Last-Modified). ``truncate`` keeps the
        first ``policy.max_bytes`` of a larger body instead of failing (robots.txt).
        """
        outbound = outbound or Outbound.for_urls([url])
        start = time.monotonic()
        for redirects in range(policy.max_redirects + 1):
            _check_scheme(url)
            try:
                outbound.check_url(url)
            except Refused as exc:
                raise RefusedLink(str(exc)) from None
            if redirects and hop is not None:
                hop(url)
            with self._host_slot(url):
                raw = self._send(url, policy, conditional, outbound)
                try:
                    if raw.status_code in _REDIRECTS and raw.headers.get("Location"):
                        url = urljoin(url, raw.headers["Location"])
                        continue
                    return self._finish(url, raw, policy, start, truncate)
                finally:
                    raw.close()
        raise FetchError(f"more than {policy.max_redirects} redirects")

    def close(self) -> None:
        """Close every pooled connection."""
        with self._lock:
            for session in self._sessions.values():
                session.close()
            self._sessions.clear()

    def _send(
        self, url: str, policy: FetchPolicy, conditional: bool, outbound: Outbound
    ) -> requests.Response:
        sent = time.monotonic()
        try:
            with scope(outbound):
                return self._session(policy, conditional).get(
                    url,
                    timeout=(policy.connect_timeout, policy.read_timeout),
                    stream=True,
                    allow_redirects=False,
                )
        except Refused as exc:
            raise RefusedLink(str(exc)) from None
        except requests.RequestException as exc:
            raise FetchError(_reason(exc, policy)) from exc
        finally:
            self.stats.add(time.monotonic() - sent)

    def _finish(
        self, url: str, raw: requests.Response, policy: FetchPolicy, start: float, truncate: bool
    ) -> Response:
        if not 200 <= raw.status_code < 300:
            raise FetchError(f"HTTP {raw.status_code}")
        content = _read_capped(raw, policy, start, truncate)
        content_type = raw.headers.get("Content-Type", "")
        return Response(
            url=url,
            status=raw.status_code,
            content=content,
            content_type=content_type.split(";")[0].strip().lower(),
            charset=requests.utils.get_encoding_from_headers({"content-type": content_type})
            if "charset" in content_type.lower()
            else None,
            elapsed_s=time.monotonic() - start,
            not_modified=bool(getattr(raw, "from_cache", False)),
        )

    def _session(self, policy: FetchPolicy, conditional: bool) -> requests.Session:
        with self._lock:
            session = self._sessions.get((policy, conditional))
            if session is None:
                session = requests.Session()
                # No proxies from the environment: the address check must see the real peer.
                session.trust_env = False
                session.headers["User-Agent"] = self.user_agent
                retry = Retry(
                    total=policy.retries,
                    connect=policy.retries,
                    read=0,  # a server too slow once is too slow again: fail fast
                    status=policy.retries,
                    redirect=False,
                    status_forcelist=_RETRY_STATUSES,
                    allowed_methods=frozenset({"GET"}),
                    backoff_factor=policy.backoff_factor,
                    retry_after_max=math.ceil(policy.retry_after_max),
                    raise_on_status=False,
                )
                size = max(self._per_host, 10)
                adapter = (
                    _GuardedCacheAdapter(self._validators, max_retries=retry, pool_maxsize=size)
                    if conditional
                    else GuardedAdapter(max_retries=retry, pool_maxsize=size)
                )
                session.mount("http://", adapter)
                session.mount("https://", adapter)
                self._sessions[(policy, conditional)] = session
            return session

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            slot = self._hosts.setdefault(host, threading.BoundedSemaphore(self._per_host))
        with slot:
            yield


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchError(f"refused a {scheme or 'relative'}: URL (only http and https)")


def _read_capped(
    raw: requests.Response, policy: FetchPolicy, start: float, truncate: bool = False
) -> bytes:
    declared = raw.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes and not truncate:
        raise FetchError(f"response larger than {policy.max_bytes:,} bytes")
    # The read timeout bounds each silence; this bounds a body trickled in slowly.
    deadline = start + policy.connect_timeout + 3 * policy.read_timeout
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in raw.iter_content(_CHUNK):
            size += len(chunk)
            if size > policy.max_bytes and truncate:
                chunks.append(chunk[: len(chunk) - (size - policy.max_bytes)])
                break
            if size > policy.max_bytes:
                raise FetchError(f"response larger than {policy.max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError(f"timeout after {policy.read_timeout:g} s")
            chunks.append(chunk)
    except requests.RequestException as exc:
        raise FetchError(_reason(exc, policy)) from exc
    return b"".join(chunks)


def _reason(exc: requests.RequestException, policy: FetchPolicy) -> str:
    if isinstance(exc, requests.ConnectTimeout):
        return f"timeout after {policy.connect_timeout:g} s (connecting)"
    if isinstance(exc, requests.Timeout) or _caused_by(exc, ReadTimeoutError):
        return f"timeout after {policy.read_timeout:g} s"
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return "response body could not be decompressed"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "connection broken while reading the response"
    if isinstance(exc, requests.ConnectionError):
        return "connection failed"
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return "invalid URL"
    return f"request failed ({type(exc).__name__})"


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(seen, kind) or any(isinstance(a, kind) for a in seen.args):
            return True
        reason = getattr(seen.args[0], "reason", None) if seen.args else None
        if isinstance(reason, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
