"""Bench: the main view in Chromium over 500 stored articles; bars 1.5 s first load, 300 ms p95."""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Page

from store import ArticleRecord, open_store
from tests.dashboard.live import chromium, chromium_available, running_app

ARTICLES = 500
PAPERS = {"elpais": "El País English", "guardian": "The Guardian", "skynews": "Sky News"}
LABELS = ("business", "entertainment", "politics", "sport", "tech", "other")
LOAD_RUNS = 11
CHANGES = 20
FIRST_LOAD_BAR_MS = 1500.0
CHANGE_P95_BAR_MS = 300.0

_RENDERED = """([names, rows]) => {
  const ready = id => {
    const gd = document.querySelector(`#${id} .js-plotly-plot`);
    return gd && gd.data && gd.data.length > 0 && gd._fullLayout;
  };
  const counts = document.querySelector('#counts-chart .js-plotly-plot');
  if (!ready('counts-chart') || !ready('share-chart') || !ready('history-chart')) return false;
  if (counts.data[0].x.join('|') !== names.join('|')) return false;
  const grid = document.querySelectorAll('#articles .ag-center-cols-container .ag-row');
  if (!grid.length) return false;
  let shown = -1;
  try {
    shown = dash_ag_grid.getApi('articles').getDisplayedRowCount();
  } catch (e) {
    return false;  // the grid is not initialised yet
  }
  if (shown !== rows) return false;
  return performance.now() - (window.__t0 || 0);
}"""


def _seed(database_url: str) -> dict[str, int]:
    """Store ARTICLES articles spread over the papers and 14 days; return articles per paper."""
    store = open_store(database_url)
    now = datetime.now(UTC)
    per_paper: dict[str, list[ArticleRecord]] = {paper: [] for paper in PAPERS}
    for index in range(ARTICLES):
        paper = list(PAPERS)[index % len(PAPERS)]
        label = random.Random(index).choice(LABELS)
        per_paper[paper].append(
            ArticleRecord(
                url=f"https://news.example.com/{paper}/{index}",
                source_id=paper,
                title=f"{label.title()} story number {index} from {PAPERS[paper]}",
                summary=f"A summary of story {index}.",
                text=f"Story {index} text about {label}.",
                text_source="page" if index % 5 else "summary",
                published=now - timedelta(hours=index * 0.67),
                label=label,
                confidence=0.35 if label == "other" else 0.6 + (index % 40) / 100,
                probabilities={"business": 0.2, "sport": 0.8},
                model_version="bench",
            )
        )
    refresh = store.start_refresh(list(PAPERS))
    for paper, articles in per_paper.items():
        store.save_source_result(refresh, paper, articles, found=len(articles), duration_s=1.0)
    store.finish_refresh(refresh)
    return {paper: len(articles) for paper, articles in per_paper.items()}


def _first_load(page: Page, base: str, counts: dict[str, int]) -> float:
    page.goto(base + "/?papers=" + ",".join(PAPERS))
    waited = page.wait_for_function(
        _RENDERED, arg=[list(PAPERS.values()), min(sum(counts.values()), 500)], polling="raf"
    )
    return float(waited.json_value())


def _changes(page: Page, counts: dict[str, int]) -> list[float]:
    page.locator("#papers").click()
    option = page.get_by_role("option", name="Sky News")
    selected = list(PAPERS)
    timings = []
    for _ in range(CHANGES):
        selected = selected[:2] if len(selected) == 3 else list(PAPERS)
        names = [PAPERS[paper] for paper in selected]
        rows = sum(counts[paper] for paper in selected)
        page.evaluate("window.__t0 = performance.now()")
        option.click()
        waited = page.wait_for_function(_RENDERED, arg=[names, rows], polling="raf")
        timings.append(float(waited.json_value()))
    return timings


def _machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )  # fmt: skip
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, Chromium headless"


def main(argv: list[str] | None = None) -> int:
    """Seed a store, serve the app with gunicorn, measure in Chromium, print the results.

    ``--screenshot PATH`` also saves a picture of the main view (used in the README).
    """
    args = sys.argv[1:] if argv is None else argv
    shot = Path(args[1]) if len(args) == 2 and args[0] == "--screenshot" else None
    if not chromium_available():
        print("error: Chromium not found at /usr/bin/chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="lnc-bench-") as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'news.db'}"
        counts = _seed(database_url)
        env = {"DATABASE_URL": database_url, "VAR_DIR": tmp}
        with running_app(env) as base, chromium() as browser:
            loads = []
            for _ in range(LOAD_RUNS + 1):  # the first run warms the server's imports
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                loads.append(_first_load(context.new_page(), base, counts))
                context.close()
            loads = loads[1:]
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            _first_load(page, base, counts)
            changes = _changes(page, counts)
            if shot is not None:
                page.keyboard.press("Escape")
                page.mouse.click(5, 300)
                page.wait_for_timeout(500)
                page.screenshot(path=str(shot), full_page=True)
            context.close()
    p95 = statistics.quantiles(changes, n=20, method="inclusive")[18]
    load_worst = max(loads)
    print(f"machine: {_machine()}")
    print(
        f"first load (cold browser context, {ARTICLES} articles, charts + table rendered): "
        f"median {statistics.median(loads):.0f} ms, worst {load_worst:.0f} ms of {LOAD_RUNS} "
        f"(bar {FIRST_LOAD_BAR_MS:.0f} ms)"
    )
    print(
        f"selection change re-render: median {statistics.median(changes):.0f} ms, "
        f"p95 {p95:.0f} ms of {CHANGES} (bar {CHANGE_P95_BAR_MS:.0f} ms)"
    )
    # The first-load bar is judged on the median, as every bar in BENCHMARKS.md is (the machine
    # is shared and noisy); the worst run is printed beside it.
    ok = statistics.median(loads) <= FIRST_LOAD_BAR_MS and p95 <= CHANGE_P95_BAR_MS
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
