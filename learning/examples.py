"""What one labelled training text is: its label, where it came from, and its kind."""

from __future__ import annotations

from dataclasses import dataclass

CORPUS, NEWSPAPER, CORRECTION = "corpus", "newspaper", "correction"


@dataclass(frozen=True)
class Example:
    """One labelled text: ``source`` is the newspaper id (or the corpus name), ``kind`` one of
    CORPUS, NEWSPAPER, CORRECTION; ``order`` sorts a newspaper's articles in time."""

    text: str
    label: str
    source: str
    kind: str
    order: float = 0.0
