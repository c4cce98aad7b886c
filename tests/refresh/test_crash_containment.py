"""Native crashes contained: extraction children killed with kill -9 cost only their pages.

Real processes on real loopback newspapers: ``python -m scraper scrape --all``, ``python
app.py`` and the Procfile's Celery worker. A thread kills the extraction children (the fork
server's children) as soon as they appear; the scrape must end on its own, and a killed child
costs only the feed or page it was parsing, and only when its retry is killed too. The web
server must keep answering and store a later refresh, and a killed worker must leave no
process behind (its beat included).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest

from scraper.children import DIED
from store import ArticleQuery, open_store
from tests.newsserver import NewsServer
from tests.refresh.processes import (
    Proc,
    command_line,
    descendants,
    get_json,
    parse_children,
    post_json,
    procfile_command,
    started,
    wait_for,
    web_port_env,
)

NLTK = {"NLTK_DATA": os.environ.get("NLTK_DATA", "")} if os.environ.get("NLTK_DATA") else {}
TOKEN = "token-for-crash-tests"
PAPERS, ARTICLES = 7, 4


class ChildKiller:
    """Kills the extraction children below ``pid`` with SIGKILL as they appear, ``rounds`` times."""

    def __init__(self, pid: int, rounds: int) -> None:
        self.pid, self.rounds = pid, rounds
        self.killed: list[list[int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        seen: set[int] = set()
        while len(self.killed) < self.rounds and not self._stop.wait(0.02):
            children = [pid for pid in parse_children(self.pid) if pid not in seen]
            for child in children:
                with suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
            if children:
                seen.update(children)
                self.killed.append(children)

    def __enter__(self) -> ChildKiller:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture
def slow_papers() -> Iterator[NewsServer]:
    """Seven papers whose article pages take 0.4 s each: extraction children live a while."""
    with NewsServer(sources=PAPERS, articles=ARTICLES) as server:
        for sid in server.source_ids:
            for n in range(ARTICLES):
                server.fault(server.article_url(sid, n), delay=0.4)
        yield server


def _env(news: NewsServer, tmp: Path) -> dict[str, str]:
    return {
        "NEWS_SOURCES": str(news.write_sources(tmp / "sources.toml")),
        "DATABASE_URL": f"sqlite:///{tmp / 'news.db'}",
        "VAR_DIR": str(tmp / "var"),
        "REFRESH_INTERVAL": "0",
        "API_TOKEN": TOKEN,
        **NLTK,
    }


def _papers_stored(database_url: str) -> int:
    items = open_store(database_url).articles(ArticleQuery(limit=500)).items
    return len({item.source_id for item in items})


def test_a_scrape_survives_its_extraction_children_being_killed(
    slow_papers: NewsServer, tmp_path: Path
) -> None:
    env = _env(slow_papers, tmp_path)
    command = f"{sys.executable} -m scraper scrape --all --json"
    proc = Proc(command, env, tmp_path / "scrape.log")
    try:
        with ChildKiller(proc.popen.pid, rounds=3) as killer:
            code = proc.popen.wait(timeout=300)
    finally:
        proc.stop()
    papers = _papers_stored(env["DATABASE_URL"])
    kills = sum(map(len, killer.killed))
    print(f"\nscrape --all, {kills} children killed in")
    print(f"{len(killer.killed)} rounds: exit code {code}, {papers} of {PAPERS} papers stored")
    assert killer.killed, "no extraction child was seen"
    assert code in (0, 3), proc.tail()  # ended on its own, not by a signal
    sources = json.loads(proc.log.read_text(encoding="utf-8"))["sources"]
    failed = [s for s in sources if not s["ok"]]
    assert all(s["error"].startswith(DIED) for s in failed), failed
    # A feed or page is lost only when the child parsing it and the one retrying it were both
    # killed: the killer's rounds can take at most kills // 2 of them, however they fall.
    lost_feeds = sum(s["found"] == 0 for s in failed)
    lost_pages = sum(n for s in sources for why, n in s["skipped"].items() if why.startswith(DIED))
    from_summary = sum(s["from_summary"] for s in sources)  # pages read from the feed instead
    assert 2 * (lost_feeds + lost_pages + from_summary) <= kills
    assert papers == PAPERS - lost_feeds >= PAPERS - kills // 2


def _refresh(base: str) -> int:
    status, _, body = post_json(f"{base}/api/v1/refresh", {}, TOKEN)
    assert status == 202
    return int(body["refresh_id"])


def _finished(base: str, refresh_id: int) -> dict[str, Any] | None:
    body: dict[str, Any] = get_json(f"{base}/api/v1/refreshes/{refresh_id}")
    return body if body["status"] in {"done", "failed"} else None


def test_python_app_py_survives_killed_children_and_a_killed_refresh(
    slow_papers: NewsServer, tmp_path: Path
) -> None:
    base, web_env = web_port_env()
    env = _env(slow_papers, tmp_path) | web_env
    with started(f"{sys.executable} app.py", env, tmp_path / "app.log") as app:
        wait_for(lambda: get_json(f"{base}/api/v1/healthz"), 120, "the server", app)
        # 1. The extraction children of a refresh are killed: the refresh goes on.
        first = _refresh(base)
        with ChildKiller(app.popen.pid, rounds=2) as killer:
            done, seconds = wait_for(lambda: _finished(base, first), 180, "refresh 1", app)
        kills = sum(map(len, killer.killed))
        print(f"\npython app.py: {kills} extraction children killed;")
        print(f"refresh {first} {done['status']}/{done['outcome']} after {seconds:.1f} s")
        assert killer.killed and done["status"] == "done"
        stored = sum(result["stored"] > 0 for result in done["results"])
        assert stored >= PAPERS - kills // 2, json.dumps(done["results"])  # as for the scrape
        # 2. The refresh's own process is killed: it fails at once, the site stays up.
        second = _refresh(base)
        child, _ = wait_for(
            lambda: _refresh_process(app.popen.pid, second), 60, "refresh process", app
        )
        os.kill(child, signal.SIGKILL)
        failed, took = wait_for(lambda: _finished(base, second), 30, "refresh 2 fails", app)
        print(f"refresh process killed: refresh {second} read failed after {took:.1f} s:")
        print(f"  {failed['error']}")
        assert failed["status"] == "failed" and "signal 9" in (failed["error"] or "")
        # 3. The server still answers and stores a later refresh.
        assert get_json(f"{base}/api/v1/healthz")["status"] == "ok"
        third = _refresh(base)
        later, _ = wait_for(lambda: _finished(base, third), 180, "refresh 3", app)
        assert later["status"] == "done" and later["outcome"] == "ok"
        assert app.popen.poll() is None


def _refresh_process(pid: int, refresh_id: int) -> int | None:
    wanted = f"-m runtime.child refresh {refresh_id} "
    found = [p for p, cmd in descendants(pid).items() if cmd.endswith(wanted)]
    return found[0] if found else None


def test_a_killed_worker_leaves_no_process_and_its_refresh_fails(
    slow_papers: NewsServer, tmp_path: Path, redis_url: str, queue: str
) -> None:
    from refresh import request, status
    from runtime.services import build_services
    from settings import get_settings

    env = _env(slow_papers, tmp_path) | {
        "REDIS_URL": redis_url,
        "REFRESH_QUEUE": queue,
        "REFRESH_STALE_AFTER": "10",
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        services = build_services(get_settings())
        with started(procfile_command("worker"), env, tmp_path / "worker.log") as worker:
            refresh_id = request(services, None).refresh_id
            # The worker, its embedded beat and its extraction children are all running.
            wait_for(lambda: parse_children(worker.popen.pid) or None, 120, "children", worker)
            family = descendants(worker.popen.pid)
            beat = command_line(worker.popen.pid)  # the forked beat has the worker's command
            assert beat in family.values() and len(family) >= 4, family
            os.kill(worker.popen.pid, signal.SIGKILL)  # the worker only: no group kill
            worker.popen.wait()
            wait_for(lambda: _all_gone(family), 30, "the worker's processes to exit")
            failed, seconds = wait_for(
                lambda: _failed(status(services, refresh_id)), 120, "the refresh reads failed"
            )
    print(f"\nworker killed: {len(family)} processes below it all exited;")
    print(f"refresh {refresh_id} read failed after {seconds:.1f} s: {failed}")


def _all_gone(pids: dict[int, str]) -> bool | None:
    alive = set(pids) & set(_living())
    return True if not alive else None


def _living() -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, IndexError):
            if stat.read_text().rsplit(")", 1)[1].split()[0] != "Z":
                found.append(int(stat.parent.name))
    return found


def _failed(record: object) -> str | None:
    state = getattr(record, "state", None)
    return str(getattr(record, "error", "")) if state == "failed" else None
