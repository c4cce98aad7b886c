"""Demo mode: an archive import of a bundled sample into an empty store, plus a marker.

``python -m dashboard.demo [PATH]`` (``make demo``) imports ``PATH`` (default ``DEMO_DATA``,
the bundled ``samples/demo-uci-2014.jsonl.gz``) through the archive import (JSON lines, plain
or gzipped; see ``archive.lines``), then writes the marker: which sample, how the demo was
started (by hand, or by the app offline), its newspapers and dates, and the credit its licence
asks for. The app starts demo mode on its own when the store is empty, the sample exists and no
newspaper can be reached (``offline_start``).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from archive import ArchiveError, import_archive
from classifier import OTHER, TopicModel
from store import Listing, Store

MARKER = "demo-mode"
"""A file of this name in VAR_DIR says the store holds the demo sample (JSON: ``DemoInfo``)."""

CREDITS = {
    "demo-uci-2014": (
        "Demo headlines: UCI News Aggregator data set (F. Gasparetti, 2016), CC BY 4.0"
    ),
    "demo-news": (
        "Demo articles: Wikipedia contributors, Portal:Current events (January–March 2026), "
        "CC BY-SA 4.0, https://en.wikipedia.org/wiki/Portal:Current_events; Wikinews "
        "contributors, CC BY 2.5, https://en.wikinews.org. Text shortened; each item links to "
        "its source page."
    ),
}
"""The attribution each bundled sample's licence asks for (see samples/LICENSE-*.md)."""

Started = Literal["by hand", "offline"]


class DemoError(ValueError):
    """The sample cannot be loaded; ``str()`` is one line naming the file (and line)."""


@dataclass(frozen=True)
class DemoInfo:
    """What the marker says: the sample, how the demo started, its papers, dates and credit."""

    sample: str
    started: Started
    papers: tuple[str, ...] = ()
    first: datetime | None = None
    last: datetime | None = None
    credit: str | None = None


def is_demo(var_dir: Path) -> bool:
    """True when the store was filled from the demo sample."""
    return (var_dir / MARKER).is_file()


def demo_info(var_dir: Path) -> DemoInfo | None:
    """The marker's content (None outside demo mode; a marker of an older version reads as a
    sample loaded by hand)."""
    try:
        raw = (var_dir / MARKER).read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        data = json.loads(raw)
        return DemoInfo(
            sample=str(data["sample"]),
            started="offline" if data.get("started") == "offline" else "by hand",
            papers=tuple(str(paper) for paper in data.get("papers", ())),
            first=datetime.fromisoformat(data["first"]) if data.get("first") else None,
            last=datetime.fromisoformat(data["last"]) if data.get("last") else None,
            credit=data.get("credit"),
        )
    except (ValueError, KeyError, TypeError):
        return DemoInfo(sample=raw.strip(), started="by hand")


def credit_for(path: Path) -> str | None:
    """The attribution of a bundled sample (by its file name), None for another file."""
    return CREDITS.get(path.name.removesuffix(".gz").removesuffix(".jsonl"))


def load_demo(
    store: Store, path: Path, model: TopicModel, var_dir: Path, started: Started = "by hand"
) -> int:
    """Import the sample at ``path``, mark demo mode, and return how many articles it stored.

    Raises DemoError (one line) when the file cannot be read or holds no good line.
    """
    try:
        report = import_archive(
            path, store=store, model=model, topics=(*model.labels, OTHER), configured=()
        )
    except ArchiveError as exc:
        raise DemoError(str(exc)) from None
    if not report.stored and not report.duplicates:
        reason = f"line {report.errors[0][0]}: {report.errors[0][1]}" if report.errors else "empty"
        raise DemoError(f"{path}: no article could be loaded ({reason})")
    papers = sorted(report.newspapers)
    rows = store.listing(Listing(newspapers=papers, limit=1))
    oldest = store.listing(Listing(newspapers=papers, limit=1, descending=False))
    info = {
        "sample": str(path),
        "started": started,
        "papers": papers,
        "first": oldest[0].when.isoformat() if oldest else None,
        "last": rows[0].when.isoformat() if rows else None,
        "credit": credit_for(path),
    }
    var_dir.mkdir(parents=True, exist_ok=True)
    (var_dir / MARKER).write_text(json.dumps(info) + "\n", encoding="utf-8")
    return report.stored


def reachable(urls: Sequence[str], timeout: float = 2.0) -> bool:
    """True when a TCP connection to any of these URLs' hosts succeeds within ``timeout``."""
    for url in urls:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            with socket.create_connection((parts.hostname or "", port), timeout=timeout):
                return True
        except OSError:
            continue
    return False


def offline_start(
    store: Store, sample: Path, homepages: Sequence[str], model: TopicModel, var_dir: Path
) -> int:
    """Load the demo when the store is empty, the sample exists and no paper answers."""
    if not sample.is_file() or store.listing(Listing(limit=1)):
        return 0
    if reachable(homepages[:3]):
        return 0
    return load_demo(store, sample, model, var_dir, started="offline")


if __name__ == "__main__":
    # `python -m dashboard.demo [SAMPLE]` (users' scripts): the command lives in the composition
    # root, which imports this module; run by name so no import cycle exists.
    import runpy

    runpy.run_module("runtime.demo_cli", run_name="__main__", alter_sys=True)
