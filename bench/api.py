"""Bench: POST /api/v1/classify, 100 BBC texts, gunicorn on loopback; bar: median of 20 <= 250 ms.

Run from the repository root: ``python -m bench.api``.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time

import requests

from classifier.corpus import read_corpus
from runtime.services import corpus_path
from settings import get_settings
from tests.dashboard.live import running_app

BAR_MS = 250.0
RUNS = 20
TEXTS = 100


def _texts() -> list[str]:
    documents = read_corpus(corpus_path(get_settings())).documents
    step = max(1, len(documents) // TEXTS)
    return [doc.text for doc in documents[::step][:TEXTS]]


def main() -> int:
    """Serve the app with gunicorn (one worker), time the requests and print the result."""
    texts = _texts()
    with tempfile.TemporaryDirectory() as folder:
        env = {"DATABASE_URL": f"sqlite:///{folder}/news.db", "VAR_DIR": folder}
        with running_app(env) as base:
            timings = _time_requests(f"{base}/api/v1/classify", texts)
            explained = _time_requests(f"{base}/api/v1/classify", texts, top_terms=5)
    median = statistics.median(timings)
    chars = statistics.mean(len(text) for text in texts)
    print(f"POST /api/v1/classify, {len(texts)} texts (mean {chars:.0f} chars), {RUNS} runs")
    print(f"median {median:.1f} ms, min {min(timings):.1f} ms, max {max(timings):.1f} ms")
    print(f"with top_terms=5 (not the bar): median {statistics.median(explained):.1f} ms")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    verdict = "PASS" if median <= BAR_MS else "FAIL"
    print(f"{verdict}: bar is a median of at most {BAR_MS:.0f} ms")
    return 0 if median <= BAR_MS else 1


def _time_requests(url: str, texts: list[str], top_terms: int = 0) -> list[float]:
    timings = []
    with requests.Session() as session:
        for run in range(RUNS + 1):
            start = time.perf_counter()
            response = session.post(url, json={"texts": texts, "top_terms": top_terms}, timeout=30)
            elapsed_ms = (time.perf_counter() - start) * 1000
            response.raise_for_status()
            if len(response.json()["results"]) != len(texts):
                raise SystemExit("error: the API answered a different number of results")
            if run:  # the first request warms caches and is not counted
                timings.append(elapsed_ms)
    return timings


if __name__ == "__main__":
    sys.exit(main())
