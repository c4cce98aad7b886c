"""Where the scraper may connect: a source's own hosts, and public addresses checked at connect."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.connection import create_connection

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_LOOPBACK: tuple[Address, ...] = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))


class Refused(Exception):
    """A URL or address outside the source's outbound policy; ``str()`` says why."""


@dataclass(frozen=True)
class Outbound:
    """The hosts a source's links and redirects may reach, and its own non-public addresses."""

    hosts: frozenset[str]
    """Exact host names or IP literals (lower case, no port)."""
    domains: frozenset[str]
    """Domains whose subdomains are allowed too (registrable domains and ``allowed_hosts``)."""
    own_addresses: frozenset[Address] = frozenset()
    """Non-public addresses allowed because a configured host is one (local testing)."""
    any_host: bool = False
    """Any host name passes ``check_url`` (a robots.txt may redirect to another host, RFC
    9309 2.3.1.2); addresses are still checked at connect time."""

    @classmethod
    def for_urls(cls, urls: Iterable[str], allowed_hosts: Iterable[str] = ()) -> Outbound:
        """The policy of a source whose configured URLs are ``urls``, plus ``allowed_hosts``."""
        hosts = {h for h in (url_host(u) for u in urls) if h}
        extra = {h.strip().lower().rstrip(".") for h in allowed_hosts if h.strip()}
        domains = {d for d in map(_registrable, hosts) if d} | {e for e in extra if not _ip(e)}
        own: set[Address] = set()
        for host in hosts | extra:
            address = _ip(host)
            if address is not None and not is_public(address):
                own.add(address)
            elif host == "localhost":
                own.update(_LOOPBACK)
        return cls(frozenset(hosts | extra), frozenset(domains), frozenset(own))

    def owns(self, host: str) -> bool:
        """True when ``host`` (lower case, as ``url_host`` gives it) is one of the source's."""
        if host in self.hosts or self.any_host:
            return True
        return _ip(host) is None and any(host.endswith("." + d) or host == d for d in self.domains)

    def check_url(self, url: str) -> None:
        """Raise ``Refused`` unless ``url``'s host is one of the source's own."""
        host = url_host(url)
        if not host:
            raise Refused("refused: link without a host")
        if not self.owns(host):
            raise Refused(f"refused: {host} is not one of the source's hosts")

    def anywhere(self) -> Outbound:
        """This policy for any host name: only its address checks remain."""
        return replace(self, any_host=True)

    def check_address(self, address: Address) -> None:
        """Raise ``Refused`` for a loopback/private/link-local/multicast/reserved address."""
        if is_public(address) or address in self.own_addresses:
            return
        raise Refused(f"refused: {address} is not a public address")


def is_public(address: Address) -> bool:
    """True for globally routable unicast addresses (IPv4-mapped IPv6 judged as IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (address.is_multicast or address.is_reserved)


_SCOPE: ContextVar[Outbound | None] = ContextVar("outbound_scope", default=None)


@contextmanager
def scope(outbound: Outbound) -> Iterator[None]:
    """Connections opened in this block must pass ``outbound``'s address check."""
    token = _SCOPE.set(outbound)
    try:
        yield
    finally:
        _SCOPE.reset(token)


class _GuardedConnectionMixin:
    """Resolves the host itself and connects only to addresses the current scope allows."""

    host: str
    _dns_host: str
    port: int
    timeout: float | None
    source_address: tuple[str, int] | None
    socket_options: list[tuple[int, int, int | bytes]] | None

    def _new_conn(self) -> socket.socket:
        outbound = _SCOPE.get() or Outbound(frozenset(), frozenset())
        try:
            addresses = _resolve(self._dns_host, self.port)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[arg-type]
        allowed: list[str] = []
        refusals: list[Refused] = []
        for address in addresses:
            try:
                outbound.check_address(address)
                allowed.append(str(address))
            except Refused as exc:
                refusals.append(exc)
        if not allowed:
            # Not an OSError: urllib3 neither retries nor wraps it, and nothing was sent.
            raise refusals[0] if refusals else Refused(f"refused: {self.host} has no address")
        # Connect to a vetted address, never to a second (possibly rebound) DNS answer.
        try:
            return _connect_first(allowed, self.port, self.timeout, self)
        except TimeoutError as exc:
            message = f"Connection to {self.host} timed out. (connect timeout={self.timeout})"
            raise ConnectTimeoutError(self, message) from exc
        except OSError as exc:
            message = f"Failed to establish a new connection: {exc}"
            raise NewConnectionError(self, message) from exc  # type: ignore[arg-type]


class GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    """An HTTP connection that checks the resolved address before connecting."""


class GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    """An HTTPS connection (TLS still verified against the host name) with the same check."""


class GuardedHTTPConnectionPool(HTTPConnectionPool):
    """A pool of guarded HTTP connections."""

    ConnectionCls = GuardedHTTPConnection


class GuardedHTTPSConnectionPool(HTTPSConnectionPool):
    """A pool of guarded HTTPS connections."""

    ConnectionCls = GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """A requests adapter whose connections check the resolved address against the scope."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """Create the pool manager with guarded connection pools."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": GuardedHTTPConnectionPool,
            "https": GuardedHTTPSConnectionPool,
        }


def _connect_first(
    addresses: list[str], port: int, timeout: float | None, conn: _GuardedConnectionMixin
) -> socket.socket:
    error: OSError | None = None
    for address in addresses:
        try:
            return create_connection(
                (address, port),
                timeout,
                source_address=conn.source_address,
                socket_options=conn.socket_options,
            )
        except OSError as exc:
            error = exc
    assert error is not None
    raise error


def _resolve(host: str, port: int) -> list[Address]:
    literal = _ip(host)
    if literal is not None:
        return [literal]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = (ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos)
    return list(dict.fromkeys(addresses))


def url_host(url: str) -> str:
    """A URL's host name, lower case and without a trailing dot; "" when it has none."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return ""
    return (host or "").rstrip(".").lower()


def _ip(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _registrable(host: str) -> str | None:
    if _ip(host) is not None:
        return None
    return _suffixes().privatesuffix(host)


@lru_cache(maxsize=1)
def _suffixes() -> PublicSuffixList:
    # The list bundled with the package: no network fetch, updated with each release.
    return PublicSuffixList()
