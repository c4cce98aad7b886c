"""Archive test fixtures: the committed model, and writing archives of JSON lines."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tests.conftest import SHARED, require

# ../shared next to a clone; a worktree elsewhere points NEWS_HUFFPOST at the file.
HUFFPOST = Path(
    os.environ.get("NEWS_HUFFPOST") or SHARED / "data" / "huffpost-2018-spring.jsonl.gz"
)
# HuffPost's own sections mapped to the model's topics; lifestyle sections are `other`, the
# rest (world news, voices, crime...) keep their section but get no topic.
HUFFPOST_TOPICS = {
    "POLITICS": "politics",
    "ENTERTAINMENT": "entertainment",
    "BUSINESS": "business",
    "TECH": "tech",
    "SPORTS": "sport",
    "TRAVEL": "other",
}


def line(n: int, **fields: Any) -> dict[str, Any]:
    """A valid archive line for article n; any field can be overridden or removed (None)."""
    values: dict[str, Any] = {
        "url": f"https://old.example/news/{n}",
        "title": f"Shares fell at the bank, story {n}",
        "text": "Shares fell after the bank cut its profit forecast and the market slid.",
        "published": "2018-04-30T09:00:00Z",
        "newspaper": "oldpaper",
    }
    values.update(fields)
    return {k: v for k, v in values.items() if v is not None}


def write_lines(path: Path, lines: Iterable[dict[str, Any] | str]) -> Path:
    """Write JSON lines (a str is written as it is); gzipped when the name ends in .gz."""
    text = "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def huffpost_archive(path: Path) -> tuple[Path, list[dict[str, Any]]]:
    """The shared HuffPost file converted on the fly into an archive (never copied to the repo)."""
    require(HUFFPOST.is_file(), f"{HUFFPOST} not found (the shared data folder)")
    with gzip.open(HUFFPOST, "rt", encoding="utf-8") as source:
        items = [json.loads(raw) for raw in source]
    lines = [
        {
            "url": item["link"],
            "title": item["headline"],
            "text": item["short_description"],
            "published": item["date"],
            "newspaper": "huffpost",
            "section": item["category"].lower(),
            "topic": HUFFPOST_TOPICS.get(item["category"]),
        }
        for item in items
    ]
    lines = [{k: v for k, v in x.items() if v is not None} for x in lines]
    return write_lines(path, lines), lines
