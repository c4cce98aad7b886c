"""Bench: 16 real scrapes (``python -m scraper scrape --all``), two at a time, on 7 loopback
papers serving real article pages; bar: every one ends on its own (no process killed by a
signal, exit code 0), all 7 papers stored each time.

Before extraction moved to child processes, about 2 in 60 runs died natively under load
(``double free or corruption``, rc 134). Run: ``python bench/scrapes.py``.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # always first: bench/stories.py must not shadow `stories`

from store import ArticleQuery, open_store  # noqa: E402
from tests.newsserver import NewsServer  # noqa: E402

PAPERS, ARTICLES, RUNS, AT_ONCE = 7, 8, 16, 2
FIXTURES = Path(os.environ.get("NEWS_FIXTURES", REPO / "tests" / "fixtures")) / "articles"


def _scrape(number: int, tmp: Path, sources: Path) -> tuple[int, float, int]:
    database = f"sqlite:///{tmp / f'run{number}.db'}"
    env = {**os.environ, "NEWS_SOURCES": str(sources), "DATABASE_URL": database}
    env["VAR_DIR"] = str(tmp / f"var{number}")
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "scraper", "scrape", "--all", "--json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        check=False,
    )
    seconds = time.monotonic() - start
    items = open_store(database).articles(ArticleQuery(limit=500)).items
    return done.returncode, seconds, len({item.source_id for item in items})


def main() -> int:
    """Run the scrapes; print each exit code and the medians; 0 when the bar is met."""
    with (
        tempfile.TemporaryDirectory() as folder,
        NewsServer(PAPERS, ARTICLES, fixture_pages=FIXTURES if FIXTURES.is_dir() else None) as news,
    ):
        tmp = Path(folder)
        sources = news.write_sources(tmp / "sources.toml")
        with ThreadPoolExecutor(AT_ONCE) as pool:
            results = list(pool.map(lambda n: _scrape(n, tmp, sources), range(RUNS)))
    codes = [code for code, _, _ in results]
    signalled = [code for code in codes if code < 0 or code > 128]
    papers = [count for _, _, count in results]
    machine = f"{platform.platform()}, {os.cpu_count()} cores"
    print(f"machine: {machine}, Python {platform.python_version()}")
    print(f"{RUNS} scrapes, {AT_ONCE} at a time, {PAPERS} papers x {ARTICLES} real pages")
    print(f"exit codes: {codes}")
    print(f"killed by a signal: {len(signalled)}; papers stored per run: min {min(papers)}")
    print(f"median wall time {statistics.median(s for _, s, _ in results):.1f} s")
    ok = not signalled and all(code == 0 for code in codes) and min(papers) == PAPERS
    print("bar met" if ok else "BAR NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
