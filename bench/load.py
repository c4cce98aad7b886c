"""Bench: the Procfile's web process under 50 back-to-back users for 30 s; bars p95 300 ms, 150/s.

``python -m bench.load [--users N] [--seconds S]`` (NLTK_DATA set): seeds a SQLite store with
500 articles in the 24 h window, starts the ``web:`` command of the Procfile on 127.0.0.1,
records the Dash callbacks a browser sends (selection change, a page of table
rows) with Chromium, then replays a mix of page loads, those callbacks, API reads and
classify requests from N users, each sending its next request as soon as the last answered.
Only 429 is an accepted error (the classify rate limit).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.app_browser import PAPERS, _machine, _seed
from tests.dashboard.live import REPO, _wait_until_up, chromium, chromium_available, free_port

USERS = 50
SECONDS = 30.0
P95_BAR_MS = 300.0
RATE_BAR = 150.0


@dataclass(frozen=True)
class Call:
    """One request a user makes: method, path, body and a kind for the report."""

    kind: str
    method: str
    path: str
    body: bytes | None = None


def _procfile_web(port: int) -> list[str]:
    line = next(
        line.split(":", 1)[1]
        for line in (REPO / "Procfile").read_text().splitlines()
        if line.startswith("web:")
    )
    # As the shell expands ${NAME:-default} (os.path.expandvars does not know defaults).
    line = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: os.environ.get(m[1]) or m[2], line)
    command = shlex.split(line)
    if command[0] == "gunicorn":
        command = [sys.executable, "-m", "gunicorn", *command[1:]]
    return [*command, "--bind", f"127.0.0.1:{port}"]


def _record(base: str) -> list[Call]:
    """The Dash callback requests a browser sends for a selection change and a page of rows."""
    bodies: list[tuple[str, bytes]] = []
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

        def keep(request: Any) -> None:
            if "_dash-update-component" in request.url and request.post_data_buffer:
                bodies.append((request.url, request.post_data_buffer))

        page.on("request", keep)
        page.goto(base + "/?papers=" + ",".join(PAPERS))
        page.wait_for_selector("#articles tbody tr [data-col=title] a")
        page.locator("#papers").click()
        page.get_by_role("option", name="Sky News").click()
        page.keyboard.press("Escape")
        page.wait_for_function(
            "() => !document.querySelector('#compare-chart').textContent.includes('Sky News')"
        )
        page.get_by_role("button", name="Next").click()  # a page of rows from the server
        page.wait_for_function(
            "() => /^51–/.test(document.querySelector('#articles .table-count').textContent)"
        )
    calls = []
    for url, body in bodies:
        output = json.loads(body).get("output", "")
        kind = (
            "dash:page"
            if output.startswith("page.")
            else "dash:rows"
            if "table-html" in output
            else "dash:view"
            if "view-html" in output
            else None
        )
        if kind:
            calls.append(Call(kind, "POST", url.split("127.0.0.1", 1)[1].split("/", 1)[1], body))
    kinds = {call.kind for call in calls}
    # The page arrives filled in for its address, so a load sends no router callback.
    if not {"dash:rows", "dash:view"} <= kinds:
        raise SystemExit(f"error: recorded callbacks {sorted(kinds)}, expected rows and view")
    return [Call(call.kind, call.method, "/" + call.path, call.body) for call in calls]


def _mix(recorded: list[Call]) -> list[Call]:
    papers = "&".join(f"newspaper={paper}" for paper in PAPERS)
    text = json.dumps({"text": "Shares fell after the bank cut its profit forecast again."})
    reads = [
        Call("page", "GET", "/?papers=" + ",".join(PAPERS)),
        Call("page", "GET", "/_dash-layout"),
        Call("page", "GET", "/_dash-dependencies"),
        Call("api:articles", "GET", f"/api/v1/articles?{papers}&limit=50"),
        Call("api:stories", "GET", f"/api/v1/stories?{papers}"),
        Call("api:newspapers", "GET", "/api/v1/newspapers"),
        Call("api:classify", "POST", "/api/v1/classify", text.encode()),
    ]
    return recorded * 2 + reads


@dataclass
class Result:
    """One answered request."""

    kind: str
    status: int
    ms: float


def _user(port: int, calls: list[Call], until: float, seed: int, out: list[Result]) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
    while time.monotonic() < until:
        call = rng.choice(calls)
        start = time.perf_counter()
        try:
            conn.request(call.method, call.path, body=call.body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status = 0
        out.append(Result(call.kind, status, (time.perf_counter() - start) * 1000))
    conn.close()


def _run(port: int, calls: list[Call], users: int, seconds: float) -> tuple[list[Result], float]:
    results: list[Result] = []
    start = time.monotonic()
    until = start + seconds
    threads = [
        threading.Thread(target=_user, args=(port, calls, until, n, results), daemon=True)
        for n in range(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - start


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else 0.0


def main(argv: list[str] | None = None) -> int:
    """Seed, serve the Procfile web process, record callbacks, load it, print the results."""
    args = sys.argv[1:] if argv is None else argv
    users = int(args[args.index("--users") + 1]) if "--users" in args else USERS
    seconds = float(args[args.index("--seconds") + 1]) if "--seconds" in args else SECONDS
    if not chromium_available():
        print("error: Chromium not found at /usr/bin/chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="lnc-load-") as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'news.db'}"
        _seed(database_url)
        port = free_port()
        env = {**os.environ, "DATABASE_URL": database_url, "VAR_DIR": tmp}
        env.pop("REDIS_URL", None)
        log = Path(tmp) / "web.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(_procfile_web(port), cwd=REPO, env=env, stdout=out, stderr=out)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(base + "/", proc, log, timeout=120)
            calls = _mix(_record(base))
            _run(port, calls, 5, 3.0)  # warm both workers' caches
            results, elapsed = _run(port, calls, users, seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    latencies = [result.ms for result in results]
    errors = Counter(
        (result.kind, result.status)
        for result in results
        if result.status >= 400 or result.status == 0
    )
    bad = {key: n for key, n in errors.items() if key != ("api:classify", 429)}
    rate = len(results) / elapsed
    p95 = _p95(latencies)
    print(f"machine: {_machine()}, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{users} users, {elapsed:.1f} s, {len(results)} requests: {rate:.0f} requests/s")
    print(f"latency: median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms")
    for kind in sorted({result.kind for result in results}):
        mine = [result.ms for result in results if result.kind == kind]
        print(f"  {kind:15} {len(mine):6} requests, median {statistics.median(mine):5.0f} ms, "
              f"p95 {_p95(mine):5.0f} ms")  # fmt: skip
    print(f"errors: {dict(errors) or 'none'} (429 on classify is expected)")
    ok = p95 <= P95_BAR_MS and rate >= RATE_BAR and not bad
    print(f"bars: p95 <= {P95_BAR_MS:.0f} ms, >= {RATE_BAR:.0f} requests/s, no errors but 429")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
