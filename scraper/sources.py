"""The newspapers to scrape: loading and validating ``sources.toml``."""

from __future__ import annotations

import ipaddress
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper.outbound import Outbound
from scraper.sections import RuleError, SectionRules, check_topic

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_SOURCE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*source[ \t]*\]\]", re.MULTILINE)

_POLICY_KEYS: dict[str, type] = {
    "connect_timeout": float,
    "read_timeout": float,
    "retries": int,
    "backoff_factor": float,
    "retry_after_max": float,
    "max_bytes": int,
    "max_redirects": int,
}
_SOURCE_KEYS = {
    "id",
    "name",
    "homepage",
    "feeds",
    "include",
    "exclude",
    "limit",
    "link_pattern",
    "sections",
    "categories",
    "allowed_hosts",
}
_FEED_KEYS = {"url", "topic"}
_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"
)
_DEFAULT_KEYS = {"limit", "exclude", *_POLICY_KEYS}


class SourcesError(ValueError):
    """The sources file cannot be read or does not describe valid sources."""


@dataclass(frozen=True)
class FetchPolicy:
    """How patiently and how much one source's pages are fetched."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    retries: int = 2
    backoff_factor: float = 0.5
    retry_after_max: float = 30.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5


@dataclass(frozen=True)
class Source:
    """One newspaper: where its latest articles are listed and which of them to keep."""

    id: str
    name: str
    homepage: str
    feeds: tuple[str, ...]
    include: tuple[re.Pattern[str], ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()
    limit: int = 20
    link_pattern: re.Pattern[str] | None = None
    policy: FetchPolicy = FetchPolicy()
    feed_topics: tuple[tuple[str, str], ...] = ()
    """(feed URL, topic) for the feeds that carry a topic (section feeds)."""
    rules: SectionRules = field(default_factory=SectionRules)
    """URL sections and feed categories mapped to topics (see scraper/sections.py)."""

    allowed_hosts: tuple[str, ...] = ()
    """Hosts (and their subdomains) beyond the feeds' and homepage's that links may reach."""

    def feed_topic(self, feed_url: str) -> str | None:
        """The topic of one of this source's feeds, or None for a general feed."""
        return dict(self.feed_topics).get(feed_url)

    @cached_property
    def outbound(self) -> Outbound:
        """Where this source's links and redirects may go (see ``scraper.outbound``)."""
        return Outbound.for_urls((self.homepage, *self.feeds), self.allowed_hosts)

    def wants(self, url: str) -> bool:
        """True when ``url`` passes this source's include and exclude patterns."""
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)


def site_owner(sources: Sequence[Source]) -> Callable[[str], str | None]:
    """A function giving the id of the source whose own hosts (its outbound policy: homepage,
    feeds, ``allowed_hosts``) a host (``url_host``) is one of, or None: www.bbc.co.uk →
    ``bbc``."""

    @lru_cache(maxsize=4096)  # an archive has few hosts and many lines
    def of_host(host: str) -> str | None:
        return next((source.id for source in sources if source.outbound.owns(host)), None)

    return of_host


def load_sources(path: Path) -> list[Source]:
    """Read and validate the sources file (the deployment's is settings ``NEWS_SOURCES``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read the sources file ({exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from exc
    lines = [text.count("\n", 0, m.start()) + 1 for m in _SOURCE_HEADER.finditer(text)]
    where = _Where(path, lines)
    _check_keys(data, {"defaults", "source"}, where.top())
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise SourcesError(f"{where.top()}: 'defaults' must be a table")
    _check_keys(defaults, _DEFAULT_KEYS, f"{path} [defaults]")
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{where.top()}: no [[source]] entries")
    sources = [_source(entry, defaults, where.at(i)) for i, entry in enumerate(entries)]
    seen: set[str] = set()
    for i, source in enumerate(sources):
        if source.id in seen:
            raise SourcesError(f"{where.at(i)}: duplicate id {source.id!r}")
        seen.add(source.id)
    return sources


@dataclass(frozen=True)
class _Where:
    path: Path
    lines: list[int]

    def top(self) -> str:
        return str(self.path)

    def at(self, index: int) -> str:
        line = f" line {self.lines[index]}" if index < len(self.lines) else ""
        return f"{self.path}{line} (source #{index + 1})"


def _check_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise SourcesError(f"{where}: unknown field {unknown[0]!r}")


def _source(entry: object, defaults: dict[str, Any], where: str) -> Source:
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: each [[source]] must be a table")
    _check_keys(entry, _SOURCE_KEYS | set(_POLICY_KEYS), where)
    exclude = [*defaults.get("exclude", []), *entry.get("exclude", [])]
    merged = {**defaults, **entry, "exclude": exclude}
    ident = _string(merged, "id", where)
    if not _ID.match(ident):
        raise SourcesError(f"{where}: field 'id' must be lowercase letters, digits, - or _")
    where = f"{where} {ident!r}"
    feeds, feed_topics = _feeds(merged.get("feeds", []), where)
    link_pattern = merged.get("link_pattern")
    if not feeds and link_pattern is None:
        raise SourcesError(f"{where}: field 'feeds' is empty and no 'link_pattern' is given")
    limit = _number(merged, "limit", int, where, 20)
    if limit < 1:
        raise SourcesError(f"{where}: field 'limit' must be at least 1")
    policy = FetchPolicy(
        **{
            key: _number(merged, key, kind, where, None)
            for key, kind in _POLICY_KEYS.items()
            if key in merged
        }
    )
    return Source(
        id=ident,
        name=_string(merged, "name", where),
        homepage=_url(_string(merged, "homepage", where), "homepage", where),
        feeds=feeds,
        include=tuple(_regex(p, "include", where) for p in _strings(merged, "include", where)),
        exclude=tuple(_regex(p, "exclude", where) for p in _strings(merged, "exclude", where)),
        limit=limit,
        link_pattern=_regex(link_pattern, "link_pattern", where) if link_pattern else None,
        policy=policy,
        feed_topics=feed_topics,
        rules=_rules(merged, where),
        allowed_hosts=tuple(_host(h, where) for h in _strings(merged, "allowed_hosts", where)),
    )


def _feeds(value: object, where: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Feed URLs, and the topics of those given as ``{ url = "...", topic = "..." }``."""
    if not isinstance(value, list):
        raise SourcesError(f"{where}: field 'feeds' must be a list")
    urls: list[str] = []
    topics: list[tuple[str, str]] = []
    for entry in value:
        if isinstance(entry, str):
            urls.append(_url(entry, "feeds", where))
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise SourcesError(
                f"{where}: field 'feeds' must hold URLs or tables {{ url = ..., topic = ... }}"
            )
        _check_keys(entry, _FEED_KEYS, f"{where} feed {entry['url']!r}")
        url = _url(entry["url"], "feeds", where)
        urls.append(url)
        if "topic" in entry:
            try:
                topics.append((url, check_topic(entry["topic"])))
            except RuleError as exc:
                raise SourcesError(f"{where} feed {url!r}: {exc}") from None
    return tuple(urls), tuple(topics)


def _rules(table: dict[str, Any], where: str) -> SectionRules:
    tables = {}
    for key in ("sections", "categories"):
        value = table.get(key, {})
        if not isinstance(value, dict):
            raise SourcesError(f"{where}: [source.{key}] must be a table of name = topic")
        tables[key] = value
    try:
        return SectionRules.build(tables["sections"], tables["categories"])
    except RuleError as exc:
        raise SourcesError(f"{where}: {exc}") from None


def _string(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SourcesError(f"{where}: field {key!r} must be a non-empty string")
    return value.strip()


def _strings(table: dict[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SourcesError(f"{where}: field {key!r} must be a list of strings")
    return value


def _number(table: dict[str, Any], key: str, kind: type, where: str, default: Any) -> Any:
    value = table.get(key, default)
    ok = isinstance(value, int | float) if kind is float else isinstance(value, int)
    if not ok or isinstance(value, bool) or value < 0:
        raise SourcesError(f"{where}: field {key!r} must be a non-negative {kind.__name__}")
    return kind(value)


def _url(value: str, key: str, where: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise SourcesError(f"{where}: field {key!r} has {value!r}, not an http(s) URL")
    return value


def _host(value: str, where: str) -> str:
    host = value.strip().lower().rstrip(".")
    if not (_HOST.match(host) or _is_ip(host)):
        raise SourcesError(f"{where}: field 'allowed_hosts' has {value!r}, not a host name")
    return host


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _regex(value: str, key: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(value)
    except re.error as exc:
        raise SourcesError(f"{where}: field {key!r} has a bad pattern {value!r}: {exc}") from exc
