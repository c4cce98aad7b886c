"""Which URLs may become clickable links: absolute http and https only."""

from __future__ import annotations

from urllib.parse import urlsplit

_SAFE_SCHEMES = frozenset({"http", "https"})


def safe_link(url: str | None) -> str | None:
    """Return ``url`` when it is an absolute http(s) URL with a host, else ``None``."""
    if not url:
        return None
    candidate = url.strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.hostname:
        return None
    if any(ch in candidate for ch in "\r\n\t\x00 \"'<>`"):
        return None
    return candidate
