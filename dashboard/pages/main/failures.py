"""When every newspaper fails: one plain sentence naming the likely cause and what to do."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

# First match wins: a robots.txt that could not be fetched for lack of a connection is a
# connection problem, not a block.
_CAUSES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    (
        "dns",
        ("name resolution", "resolve", "getaddrinfo", "nodename", "dns", "name or service"),
        "no network or DNS: the newspapers' names cannot be looked up",
        "Check that this machine is online and can resolve names (DNS), then press Refresh.",
    ),
    (
        "refused",
        ("refused",),
        "the connections were refused",
        "A firewall or proxy may block outgoing HTTP(S); allow it, then press Refresh.",
    ),
    (
        "timeout",
        ("timeout", "timed out"),
        "the newspapers did not answer in time",
        "The network may be slow or filtered; try again later or raise the timeouts "
        "in sources.toml.",
    ),
    (
        "connection",
        ("connection failed", "connection broken", "connection"),
        "no connection could be made (no network, DNS or a refused connection)",
        "Check that this machine is online and may reach the web, then press Refresh.",
    ),
    (
        "blocked",
        ("blocked", "robots", "http 401", "http 403", "http 429", "http 451"),
        "the newspapers blocked the requests",
        "They refuse this client (robots.txt or an HTTP block); wait, or set NEWS_USER_AGENT.",
    ),
)


@dataclass(frozen=True)
class Diagnosis:
    """The most common failure among the newspapers, in words, and what to do about it."""

    cause: str
    message: str
    advice: str

    def sentence(self, failed: int, total: int) -> str:
        """E.g. "All 11 newspapers failed: the connections were refused."."""
        who = f"All {total} newspapers" if failed == total else f"{failed} of {total} newspapers"
        return f"{who} failed: {self.message}."


def cause_of(error: str) -> str:
    """The cause id of one failure reason (``dns``, ``refused``, ``timeout``, ``blocked``...)."""
    text = error.lower()
    for cause, needles, _message, _advice in _CAUSES:
        if any(needle in text for needle in needles):
            return cause
    return "other"


def diagnose(errors: Mapping[str, str]) -> Diagnosis:
    """The dominant cause of ``errors`` (newspaper → reason) as a Diagnosis."""
    votes = Counter(cause_of(reason) for reason in errors.values())
    cause = votes.most_common(1)[0][0] if votes else "other"
    for name, _needles, message, advice in _CAUSES:
        if name == cause:
            return Diagnosis(cause, message, advice)
    sample = next(iter(errors.values()), "unknown error")
    return Diagnosis("other", f"for example: {sample}", "See each newspaper's reason below.")
