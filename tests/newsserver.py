"""A fake set of newspapers on 127.0.0.1: RSS feeds, article pages, robots.txt and faults.

Usage::

    with NewsServer(sources=3, articles=5, delay=0.0) as news:
        news.write_sources(tmp_path / "sources.toml")       # point NEWS_SOURCES at it
        news.fault(news.feed_url("paper1"), statuses=[500])  # first hit 500, then normal
        ...

Each source is served from its own port (its own "host" for robots.txt and per-host limits);
``news.url`` is a hub port serving every source's paths too. Paths: ``/<id>/feed.xml``,
``/<id>/articles/<n>.html``, ``/robots.txt``. Pages are generated news-like text, or the real
fixture pages when ``fixture_pages`` is given (a folder of ``*.html.gz``).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

from tests.newspages import BASE_TIME, TOPICS, Item, article_html, rss

__all__ = ["Fault", "InternalService", "Item", "NewsServer", "article_html", "rss"]


@dataclass(frozen=True)
class Fault:
    """What goes wrong on one URL (fields combine)."""

    delay: float = 0.0
    """Seconds to wait before answering (on top of the server-wide delay)."""
    statuses: tuple[int, ...] = ()
    """Status codes of the first hits, in order; later hits are answered normally."""
    retry_after: str | None = None
    """Retry-After header sent with those statuses."""
    oversize: int = 0
    """Pad the body to this many bytes (sent without Content-Length)."""
    gzip: bool = False
    latin1: bool = False
    """Encode as latin-1 and send ``text/html`` with no charset anywhere."""
    body: bytes | None = None
    content_type: str | None = None
    redirect_loop: bool = False
    redirect_to: str | None = None
    """Answer 302 with this Location."""


@dataclass
class _State:
    sources: list[str]
    articles: int
    delay: float
    fixture_pages: list[Path]
    items: dict[str, list[Item]] = field(default_factory=dict)
    faults: dict[tuple[int, str], Fault] = field(default_factory=dict)
    robots: dict[str, str] = field(default_factory=dict)
    hits: Counter[tuple[int, str]] = field(default_factory=Counter)
    agents: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


class NewsServer:
    """N fake newspapers on 127.0.0.1, one random port each; use as a context manager."""

    def __init__(
        self,
        sources: int = 3,
        articles: int = 5,
        *,
        delay: float = 0.0,
        fixture_pages: Path | None = None,
        host: str = "127.0.0.1",
    ) -> None:
        pages = sorted(fixture_pages.glob("**/*.html.gz")) if fixture_pages else []
        ids = [f"paper{i + 1}" for i in range(sources)]
        self._state = _State(ids, articles, delay, pages)
        # Another loopback address (127.0.0.2...) stands for another machine in tests.
        self._hub = _serve(self._state, None, host)
        self._servers = {sid: _serve(self._state, sid, host) for sid in ids}
        for sid in ids:
            self._state.items[sid] = [self._default_item(sid, n) for n in range(articles)]

    # -- addresses --------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """Base URL of the hub port (serves every source's paths)."""
        return _origin(self._hub)

    @property
    def source_ids(self) -> list[str]:
        """The sources' ids: ``paper1``, ``paper2``..."""
        return list(self._state.sources)

    def origin(self, sid: str) -> str:
        """Base URL of the source's own port."""
        return _origin(self._servers[sid])

    def feed_url(self, sid: str) -> str:
        """The source's RSS feed."""
        return f"{self.origin(sid)}/{sid}/feed.xml"

    def article_url(self, sid: str, n: int) -> str:
        """The source's n-th article (0 is the newest)."""
        return f"{self.origin(sid)}/{sid}/articles/{n}.html"

    def robots_url(self, sid: str) -> str:
        """robots.txt of the source's port."""
        return f"{self.origin(sid)}/robots.txt"

    # -- behaviour --------------------------------------------------------------------------
    def fault(self, url: str, **kwargs: object) -> None:
        """Make ``url`` misbehave (see ``Fault`` for the keyword arguments)."""
        key = self._key(url)
        with self._state.lock:
            self._state.faults[key] = replace(self._state.faults.get(key, Fault()), **kwargs)  # type: ignore[arg-type]

    def set_robots(self, sid: str, text: str) -> None:
        """Serve ``text`` as robots.txt on the source's port."""
        self._state.robots[sid] = text

    def items(self, sid: str) -> list[Item]:
        """The source's feed entries, newest first."""
        return list(self._state.items[sid])

    def set_items(self, sid: str, items: list[Item]) -> None:
        """Replace the source's feed entries."""
        self._state.items[sid] = list(items)

    def hits(self, url: str) -> int:
        """How many requests ``url``'s path received on its port."""
        with self._state.lock:
            return self._state.hits[self._key(url)]

    def total_hits(self) -> int:
        """How many requests every port received in all."""
        with self._state.lock:
            return sum(self._state.hits.values())

    def user_agents(self) -> set[str]:
        """Every User-Agent header seen so far."""
        with self._state.lock:
            return set(self._state.agents)

    def write_sources(self, path: Path, ids: list[str] | None = None, **defaults: object) -> Path:
        """Write a sources.toml for these papers; ``defaults`` override the fast test policy."""
        policy: dict[str, object] = {
            "limit": self._state.articles,
            "connect_timeout": 2.0,
            "read_timeout": 2.0,
            "retries": 2,
            "backoff_factor": 0.01,
            "retry_after_max": 1.0,
            "max_bytes": 2_000_000,
            "max_redirects": 3,
            **defaults,
        }
        lines = ["[defaults]", *(f"{k} = {v!r}" for k, v in policy.items()), ""]
        for sid in ids or self.source_ids:
            lines += [
                "[[source]]",
                f'id = "{sid}"',
                f'name = "Paper {sid[5:]}"',
                f'homepage = "{self.origin(sid)}/{sid}/"',
                f'feeds = ["{self.feed_url(sid)}"]',
                "",
            ]
        path.write_text("\n".join(lines).replace("True", "true").replace("False", "false"))
        return path

    def close(self) -> None:
        """Stop every port."""
        for server in [self._hub, *self._servers.values()]:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> NewsServer:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def _key(self, url: str) -> tuple[int, str]:
        parts = urlsplit(url)
        return parts.port or 80, parts.path

    def _default_item(self, sid: str, n: int) -> Item:
        topic = list(TOPICS)[(n + len(sid)) % len(TOPICS)]
        return Item(
            title=f"{sid} {topic} story {n}",
            link=self.article_url(sid, n),
            summary=f"A summary about {TOPICS[topic]}",
            published=BASE_TIME - timedelta(minutes=n),
        )


class InternalService(NewsServer):
    """A stand-in for a service no scraper should reach: 127.0.0.1 and ::1 on one port."""

    def __init__(self) -> None:
        super().__init__(sources=0, articles=0)
        self.port = int(self._hub.server_address[1])
        # Without an IPv6 loopback on this machine the [::1] link simply finds nothing.
        with contextlib.suppress(OSError):
            self._servers["[::1]"] = _serve(self._state, None, "::1", self.port)

    def requests(self) -> int:
        """Requests received on either address."""
        return self.total_hits()

    def __enter__(self) -> InternalService:
        return self


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        _respond(self, self.server.state, self.server.sid)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State
    sid: str | None


class _Server6(_Server):
    address_family = socket.AF_INET6


def _serve(state: _State, sid: str | None, host: str = "127.0.0.1", port: int = 0) -> _Server:
    server = (_Server6 if ":" in host else _Server)((host, port), _Handler)
    server.state, server.sid = state, sid
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True, name=f"news-{sid}"
    )
    thread.start()
    return server


def _origin(server: _Server) -> str:
    host, port = str(server.server_address[0]), server.server_address[1]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _respond(handler: _Handler, state: _State, sid: str | None) -> None:
    port = handler.server.server_address[1]
    path = urlsplit(handler.path).path
    with state.lock:
        state.hits[(port, path)] += 1
        state.agents.add(handler.headers.get("User-Agent", ""))
        hit = state.hits[(port, path)]
        fault = state.faults.get((port, path), Fault())
    time.sleep(state.delay + fault.delay)
    if hit <= len(fault.statuses):
        extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
        return _send(handler, fault.statuses[hit - 1], b"error", "text/plain", extra)
    if fault.redirect_to is not None:
        return _send(handler, 302, b"", "text/plain", {"Location": fault.redirect_to})
    if fault.redirect_loop:
        return _send(handler, 302, b"", "text/plain", {"Location": f"{path}?hop={hit}"})
    status, body, content_type, extra = _content(state, sid, path, handler)
    if fault.body is not None:
        body = fault.body
    if fault.latin1:
        text = body.decode().replace("<meta charset='utf-8'>", "")
        body, content_type = text.encode("latin-1"), "text/html"
    content_type = fault.content_type or content_type
    if fault.oversize:
        body += b"<!--" + b"x" * fault.oversize + b"-->"
    if fault.gzip:
        body, extra = gzip.compress(body), {**extra, "Content-Encoding": "gzip"}
    return _send(handler, status, body, content_type, extra, length=not fault.oversize)


def _content(
    state: _State, sid: str | None, path: str, handler: _Handler
) -> tuple[int, bytes, str, dict[str, str]]:
    if path == "/robots.txt":
        text = state.robots.get(sid or "", "User-agent: *\nAllow: /\n")
        return 200, text.encode(), "text/plain", {}
    parts = path.strip("/").split("/")
    if parts[0] not in state.items:
        return 404, b"not found", "text/plain", {}
    paper = parts[0]
    if parts[1:] == ["feed.xml"]:
        body = rss(state.items[paper], paper)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if handler.headers.get("If-None-Match") == etag:
            return 304, b"", "application/rss+xml", {"ETag": etag}
        return 200, body, "application/rss+xml; charset=utf-8", {"ETag": etag}
    if len(parts) == 3 and parts[1] == "articles" and parts[2].removesuffix(".html").isdigit():
        n = int(parts[2].removesuffix(".html"))
        if state.fixture_pages:
            page = state.fixture_pages[n % len(state.fixture_pages)]
            return 200, gzip.decompress(page.read_bytes()), "text/html; charset=utf-8", {}
        title = f"{paper} story {n}"
        return 200, article_html(paper, n, title).encode(), "text/html; charset=utf-8", {}
    return 404, b"not found", "text/plain", {}


def _send(
    handler: _Handler,
    status: int,
    body: bytes,
    content_type: str,
    headers: dict[str, str],
    *,
    length: bool = True,
) -> None:
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        if length:
            handler.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        if status != 304:
            handler.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client gave up (timeouts, size caps): that is the point of the test
