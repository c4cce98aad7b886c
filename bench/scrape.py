"""Bench: a refresh of 8 sources x 10 articles, every response delayed 200 ms; bar 5x."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # always first: bench/stories.py must not shadow `stories`

from refresh import ingest  # noqa: E402
from runtime.services import build_services, champion  # noqa: E402
from settings import get_settings  # noqa: E402
from store import open_store  # noqa: E402
from tests.newsserver import NewsServer  # noqa: E402

SOURCES, ARTICLES, DELAY_S, BAR = 8, 10, 0.2, 5.0
RUNS = 3


def main() -> int:
    """Run the refresh RUNS times; print the best speed-up and whether it meets the bar."""
    model = champion(get_settings())
    with tempfile.TemporaryDirectory() as tmp, NewsServer(SOURCES, ARTICLES, delay=DELAY_S) as news:
        os.environ["NEWS_SOURCES"] = str(news.write_sources(Path(tmp) / "sources.toml"))
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        results = []
        for _ in range(RUNS):
            # New services every run: each pays for robots.txt and full feeds.
            services = build_services(get_settings(), store=store, model=model)
            start = time.monotonic()
            report = ingest.scrape(services)
            wall = time.monotonic() - start
            assert report.ok and len(report.articles) == SOURCES * ARTICLES, report.errors
            results.append((report.request_latency_s / wall, wall, report))
    speedup, wall, report = max(results, key=lambda r: r[0])
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(
        f"{SOURCES} sources x {ARTICLES} articles, {DELAY_S * 1000:.0f} ms per response, "
        f"workers={ingest.MAX_WORKERS}, per-host={ingest.PER_HOST}"
    )
    print(f"requests: {report.requests} (robots.txt, feeds, pages)")
    print(f"sum of request latencies: {report.request_latency_s:.2f} s")
    print(
        f"wall time (fetch, extract, classify, store): {wall:.2f} s "
        f"(runs: {', '.join(f'{r[1]:.2f}' for r in results)})"
    )
    print(f"speed-up: {speedup:.1f}x (bar {BAR:.0f}x): {'PASS' if speedup >= BAR else 'FAIL'}")
    return 0 if speedup >= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
