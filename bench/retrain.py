"""Bench: retraining end to end through the CLIs, as the private check does it.

``python -m bench.retrain`` (NEWS_CORPUS, NLTK_DATA set; NEWS_DATA_DIR default ../shared/data):
in a temporary VAR_DIR with a SQLite store, imports the current-events portal sample as an
archive of an unconfigured newspaper with raw headings as ``section`` and no ``topic``
(``python -m scraper import``), runs ``python -m classifier retrain --json`` in a new process
(timed) and prints the gate's numbers. ``bench.modern`` measures what such a retrain gains.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # always first: bench/stories.py must not shadow `stories`

from bench.modern import portal_archive  # noqa: E402
from learning.outlets import FILES, PORTAL  # noqa: E402
from settings import get_settings  # noqa: E402


def write_archive(path: Path) -> int:
    """The portal sample as an import archive (JSON lines); return the line count."""
    portal_archive(get_settings().news_data / FILES[PORTAL], path)
    return sum(1 for _ in path.open(encoding="utf-8"))


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
        archive = Path(tmp) / "archive.jsonl"
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
            "classes": report["training"].get("sources", {}),
            "load_average": os.getloadavg(),
        }
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
