"""Demo mode: load a JSON-lines sample of articles into an empty store, marked as a demo.

``python -m dashboard.demo [PATH]`` (``make demo``) loads ``PATH`` (default ``DEMO_DATA``).
Each line is an object with ``url``, ``newspaper``, ``title`` and optionally ``summary``,
``text``, ``published`` (ISO 8601) and ``category``/``confidence``; articles without a
category are classified with the model. The app starts in demo mode on its own when the
store is empty, the sample exists and no newspaper can be reached (``offline_start``).
"""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from classifier import TopicModel
from classifier.article import label_fields, model_input
from store import ArticleRecord, Listing, Store

MARKER = "demo-mode"
"""A file of this name in VAR_DIR says the store holds the demo sample."""

MAX_LINES = 5000


class DemoError(ValueError):
    """The sample cannot be read; the message names the file and line."""


def is_demo(var_dir: Path) -> bool:
    """True when the store was filled from the demo sample."""
    return (var_dir / MARKER).is_file()


def _published(value: Any, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise DemoError(f"{where}: published is not an ISO 8601 time: {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def read_sample(lines: Iterable[str], name: str) -> list[dict[str, Any]]:
    """The sample's article objects, checked (raises DemoError naming the line)."""
    items = []
    for number, line in enumerate(lines, 1):
        if number > MAX_LINES:
            raise DemoError(f"{name}: more than {MAX_LINES} lines")
        if not line.strip():
            continue
        where = f"{name}, line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DemoError(f"{where}: not JSON ({exc.msg})") from exc
        if not isinstance(item, dict):
            raise DemoError(f"{where}: expected a JSON object")
        for key in ("url", "newspaper", "title"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise DemoError(f"{where}: {key!r} must be a non-empty string")
        item["published"] = _published(item.get("published"), where)
        items.append(item)
    return items


def _records(items: Sequence[dict[str, Any]], model: TopicModel) -> list[ArticleRecord]:
    texts = [str(item.get("text") or item.get("summary") or item["title"]) for item in items]
    predictions = model.predict(
        [model_input(item["title"], item.get("text"), item.get("summary")) for item in items]
    )
    records = []
    for item, text, prediction in zip(items, texts, predictions, strict=True):
        fields = label_fields(prediction, model.version)
        fields["label"] = str(item.get("category") or prediction.label)
        confidence = float(item.get("confidence") or prediction.confidence)
        fields["confidence"] = min(1.0, max(0.0, confidence))
        records.append(
            ArticleRecord(
                url=item["url"],
                source_id=item["newspaper"],
                title=item["title"],
                summary=str(item.get("summary") or ""),
                text=text,
                text_source="page" if item.get("text") else "summary",
                published=item["published"],
                **fields,
            )
        )
    return records


def load_demo(store: Store, path: Path, model: TopicModel, var_dir: Path) -> int:
    """Store the sample at ``path``, mark demo mode, and return how many articles it holds."""
    try:
        with path.open(encoding="utf-8") as lines:
            items = read_sample(lines, str(path))
    except OSError as exc:
        raise DemoError(f"cannot read the demo sample {path}: {exc.strerror or exc}") from exc
    records = _records(items, model)
    papers = sorted({record.source_id for record in records})
    refresh = store.start_refresh(papers)
    for paper in papers:
        mine = [record for record in records if record.source_id == paper]
        store.save_source_result(refresh, paper, mine, found=len(mine))
    store.finish_refresh(refresh)
    var_dir.mkdir(parents=True, exist_ok=True)
    (var_dir / MARKER).write_text(f"{path}\n", encoding="utf-8")
    return len(records)


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
    return load_demo(store, sample, model, var_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dashboard.demo [PATH]``: load the demo sample into the configured store."""
    from classifier import ModelError
    from refresh import build_services
    from store import StoreError

    args = list(sys.argv[1:] if argv is None else argv)
    services = build_services()
    config = services.settings
    path = Path(args[0]) if args else config.demo_data
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m dashboard.demo [SAMPLE.jsonl]", file=sys.stderr)
        return 2
    if not path.is_file():
        print(
            f"error: no demo sample at {path}: set DEMO_DATA or pass a JSON-lines file",
            file=sys.stderr,
        )
        return 2
    try:
        count = load_demo(services.store, path, services.model, config.var_dir)
    except (DemoError, ModelError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"demo mode: {count} articles loaded from {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
