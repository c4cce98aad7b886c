"""Canonical article URLs: one spelling per article, tracking parameters removed."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

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
    tracking = [
        name for name, _ in parse_qsl(parts.query, keep_blank_values=True) if _is_tracking(name)
    ]
    # w3lib: tracking parameters out, the rest sorted and percent-encoded one way, no fragment.
    canonical = urlsplit(
        canonicalize_url(
            url_query_cleaner(url.strip(), tracking, remove=True, unique=False),
            keep_blank_values=True,
        )
    )
    netloc = canonical.netloc.rsplit("@", 1)
    host = netloc[-1].rstrip(".") if port is None else netloc[-1].rsplit(":", 1)[0].rstrip(".")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    if len(netloc) == 2:
        host = f"{netloc[0]}@{host}"
    path = canonical.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, canonical.query, ""))
