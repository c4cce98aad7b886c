"""Bench: `python -m scraper import` throughput on the shared HuffPost file (3,394 items).

The file is converted on the fly (never copied into the repo) and imported into a fresh SQLite
store with the loaded model, in batches of 500, as the CLI does. Bar: at least 300 lines/s.
Run from the repository root: ``python -m bench.archive [PATH]`` (default
``../shared/data/huffpost-2018-spring.jsonl.gz`` or ``$NEWS_HUFFPOST``).
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from archive import import_archive
from classifier import OTHER
from runtime.services import champion
from settings import BASE_DIR, get_settings
from store import open_store

BAR_LINES_PER_S = 300.0
_TOPICS = {"POLITICS": "politics", "ENTERTAINMENT": "entertainment", "BUSINESS": "business",
           "TECH": "tech", "SPORTS": "sport", "TRAVEL": "other"}  # fmt: skip


def _convert(source: Path, target: Path) -> int:
    with gzip.open(source, "rt", encoding="utf-8") as lines, gzip.open(target, "wt") as out:
        count = 0
        for raw in lines:
            item = json.loads(raw)
            line = {
                "url": item["link"],
                "title": item["headline"],
                "text": item["short_description"],
                "published": item["date"],
                "newspaper": "huffpost",
                "section": item["category"].lower(),
            }
            if item["category"] in _TOPICS:
                line["topic"] = _TOPICS[item["category"]]
            out.write(json.dumps(line) + "\n")
            count += 1
    return count


def main(argv: list[str]) -> int:
    """Convert, import, print the timing; exit 1 when the bar is missed."""
    default = BASE_DIR.parent / "shared" / "data" / "huffpost-2018-spring.jsonl.gz"
    source = Path(argv[0] if argv else os.environ.get("NEWS_HUFFPOST") or default)
    if not source.is_file():
        print(f"error: {source} not found", file=sys.stderr)
        return 2
    started = time.perf_counter()
    model = champion(get_settings())
    model.predict(["warm up"])
    loaded = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "huffpost.jsonl.gz"
        lines = _convert(source, archive)
        store = open_store(f"sqlite:///{folder}/news.db")
        started = time.perf_counter()
        report = import_archive(
            archive, store=store, model=model, topics=(*model.labels, OTHER), configured=()
        )
        elapsed = time.perf_counter() - started
    rate = lines / elapsed
    print(f"machine: {platform.platform()}, {os.cpu_count()} cpus, load {os.getloadavg()[0]:.1f}")
    print(f"model load + warm-up: {loaded:.1f} s (not counted)")
    print(
        f"import: {lines} lines, {report.stored} stored, {report.duplicates} duplicates, "
        f"{report.bad} bad in {elapsed:.2f} s = {rate:.0f} lines/s (bar {BAR_LINES_PER_S:.0f})"
    )
    return 0 if rate >= BAR_LINES_PER_S else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
