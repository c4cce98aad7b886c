"""Bench: retraining end to end on the dev data, as the private check does it.

``python -m bench.retrain`` (NEWS_CORPUS, NEWS_FIXTURES, NLTK_DATA set): in a temporary
VAR_DIR with a SQLite store, stores the early HuffPost weeks as section-labelled articles
(written as an archive, loaded with ``python -m scraper import``), runs ``python -m classifier
retrain --json`` in a new process (timed), then scores ``load_model()`` in another new process with
``bench.modern --champion``: later weeks, out-of-scope, BBC holdout, the fixture pages.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.modern import SPLIT_DATE, huffpost  # noqa: E402
from runtime.services import corpus_path  # noqa: E402
from settings import get_settings  # noqa: E402

SOURCE = "huffpost"


def write_archive(path: Path) -> int:
    """The early weeks as an import archive (JSON lines, gzipped); return the line count."""
    items = huffpost(corpus_path(get_settings()).parent / "huffpost-2018-spring.jsonl.gz")
    early = [item for item in items if item["date"] < SPLIT_DATE]
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for item in early:
            line = {
                "url": item["link"],
                "title": item["headline"],
                "text": item["short_description"] or item["headline"],
                "published": f"{item['date']}T12:00:00Z",
                "newspaper": SOURCE,
                "section": item["category"].lower(),
            }
            if item["label"]:
                line["topic"] = item["label"]
            out.write(json.dumps(line) + "\n")
    return len(early)


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def main() -> int:
    """Import, retrain (timed), score the champion in a new process; print JSON."""
    with tempfile.TemporaryDirectory(prefix="bench-retrain-") as tmp:
        url = f"sqlite:///{tmp}/news.db"
        env = {**os.environ, "VAR_DIR": tmp, "DATABASE_URL": url}
        archive = Path(tmp) / "archive.jsonl.gz"
        stored = write_archive(archive)
        imported = _run(env, "scraper", "import", str(archive))
        if imported.returncode != 0:
            print(imported.stderr[-2000:], file=sys.stderr)
            return 1
        start = time.perf_counter()
        done = _run(env, "classifier", "retrain", "--json")
        seconds = time.perf_counter() - start
        if done.returncode not in (0, 3):
            print(done.stderr, file=sys.stderr)
            return 1
        report = json.loads(done.stdout)
        scored = _run(env, "bench.modern", "--champion")
        result = {
            "imported_lines": stored,
            "retrain_seconds": round(seconds, 1),
            "exit_code": done.returncode,
            "promoted": report["promoted"],
            "reasons": report["reasons"],
            "gate": {
                who: {
                    k: report["metrics"][who][k]["accuracy"]
                    for k in ("bbc_holdout", "modern_holdout")
                }
                for who in ("candidate", "champion")
            },
            "champion_in_new_process": json.loads(scored.stdout),
            "load_average": os.getloadavg(),
        }
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
