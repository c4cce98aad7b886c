"""Canonical article URLs: one spelling per article, tracking parameters removed."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}

# Campaign and click identifiers added by newsletters, social sites and the papers' own
# share buttons; they never select a different article.
_TRACKING_NAMES = frozenset(
    [
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ocid",
        "cmpid",
        "cmp",
        "ito",
        "icid",
        "int_cmp",
        "s_cid",
        "_ga",
        "_gl",
        "mkt_tok",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "ref_src",
        "ref_url",
        "spm",
        "xtor",
        "__twitter_impression",
        "dicbo",
        "smid",
        "sr_share",
    ]
)
_TRACKING_PREFIXES = ("utm_", "at_", "ns_", "pk_", "mtm_", "hsa_")


class BadURLError(ValueError):
    """The text is not an absolute http(s) URL."""


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """Return the canonical form of an article URL (raises BadURLError if not http/https)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise BadURLError(f"not an http(s) address: {url[:200]!r}")
    try:
        port = parts.port
    except ValueError as exc:
        raise BadURLError(f"bad port in address: {url[:200]!r}") from exc
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        host = f"{userinfo}@{host}"
    path = parts.path.rstrip("/") or "/"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    )
    return urlunsplit((scheme, host, path, urlencode(query), ""))
