"""Bench: the main view in Chromium, 500 articles in the window; bars 0.8 s, 100 ms p95."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page

from store import open_store
from tests.dashboard.live import chromium, chromium_available, running_app
from tests.dashboard.seed import seed

ARTICLES = 500
PAPERS = {"elpais": "El País English", "guardian": "The Guardian", "skynews": "Sky News"}
LOAD_RUNS = 11
CHANGES = 20
FIRST_LOAD_BAR_MS = 800.0
CHANGE_P95_BAR_MS = 100.0
JS_BAR_BYTES = 1_000_000
QUIET = {"REFRESH_INTERVAL": "0", "RETRAIN_INTERVAL": "0"}
"""The schedules off while the bench runs: it times the page, not the app's background jobs."""

_RENDERED = """([names, rows]) => {
  if (!document.querySelector('#history-chart .day .seg')) return false;
  const shown = Array.from(document.querySelectorAll('#compare-chart .mix-name'))
    .map(el => el.textContent).filter(t => t && t !== 'All selected');
  if (shown.join('|') !== names.join('|')) return false;
  const rowsShown = document.querySelectorAll('#articles tbody tr[data-id]');
  if (!rowsShown.length || !rowsShown[0].querySelector('[data-col=title] a')) return false;
  const papers = new Set();
  for (let i = 0; i < Math.min(rows, 30); i++) {
    if (!rowsShown[i]) return false;
    papers.add(rowsShown[i].querySelector('[data-col=paper]').textContent);
  }
  if ([...papers].sort().join('|') !== [...names].sort().join('|')) return false;
  return performance.now() - (window.__t0 || 0);
}"""

_ARM_CLICK = """() => document.addEventListener(
  'mousedown', () => { window.__t0 = performance.now(); }, {capture: true, once: true})"""
"""A change is timed from the click's arrival in the page: Playwright's own checks before it
clicks (element visible and stable over two animation frames: 40-170 ms here) are not the
app's time."""

_SCRIPT_BYTES = """() => performance.getEntriesByType('resource')
  .filter(e => e.initiatorType === 'script' || e.name.endsWith('.js') || e.name.includes('.js?'))
  .reduce((sum, e) => [sum[0] + e.transferSize, sum[1] + e.decodedBodySize], [0, 0])"""


def _seed(database_url: str) -> dict[str, int]:
    """Store ARTICLES articles over the papers within the last 20 hours (all in the 24 h window)."""
    seed(open_store(database_url), list(PAPERS), ARTICLES, hours=20.0)
    per_paper = {paper: 0 for paper in PAPERS}
    for index in range(ARTICLES):
        per_paper[list(PAPERS)[index % len(PAPERS)]] += 1
    return per_paper


def _first_load(page: Page, base: str, counts: dict[str, int]) -> float:
    page.goto(base + "/?papers=" + ",".join(PAPERS))
    waited = page.wait_for_function(
        _RENDERED, arg=[list(PAPERS.values()), sum(counts.values())], polling="raf"
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
        page.evaluate(_ARM_CLICK)
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
        # A quiet machine: without this the app's start-up refresh (eleven unreachable papers,
        # ~17 s) and retrain (~6 CPU-seconds) run beside the first loads, which then measure
        # them (median ~900 vs ~600 ms on two cores; BENCHMARKS.md).
        env = {"DATABASE_URL": database_url, "VAR_DIR": tmp, **QUIET}
        with running_app(env) as base, chromium() as browser:
            loads = []
            script_bytes = (0, 0)
            for _ in range(LOAD_RUNS + 1):  # the first run warms the server's imports
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                tab = context.new_page()
                loads.append(_first_load(tab, base, counts))
                script_bytes = tuple(tab.evaluate(_SCRIPT_BYTES))
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
    print(
        f"first-load JavaScript: {script_bytes[0] / 1e6:.2f} MB transferred (compressed), "
        f"{script_bytes[1] / 1e6:.2f} MB uncompressed (bar {JS_BAR_BYTES / 1e6:.1f} MB)"
    )
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
    ok = (
        statistics.median(loads) <= FIRST_LOAD_BAR_MS
        and p95 <= CHANGE_P95_BAR_MS
        and script_bytes[0] <= JS_BAR_BYTES
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
