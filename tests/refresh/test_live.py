"""The real processes: the schedule firing with nobody clicking, a worker killed with kill -9.

Set-ups: ``python app.py`` (SQLite, no Redis) and the Procfile's ``web`` and ``worker``
(PostgreSQL and Redis). The measured times are printed (``-s``) for BENCHMARKS.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from refresh import Services, request, status
from runtime.services import build_services
from store import ArticleQuery, RefreshRecord, open_store
from tests.newsserver import NewsServer
from tests.refresh.processes import (
    get_json,
    procfile_command,
    started,
    wait_for,
    web_port_env,
)
from tests.store.fixtures import postgres_url

NLTK = {"NLTK_DATA": os.environ.get("NLTK_DATA", "")} if os.environ.get("NLTK_DATA") else {}


def _articles(base: str, at_least: int = 1) -> list[Any] | None:
    found: list[Any] = get_json(f"{base}/api/v1/articles?limit=100")["articles"]
    return found if len(found) >= at_least else None


def _unique_urls(database_url: str) -> tuple[int, int]:
    items = open_store(database_url).articles(ArticleQuery(limit=500)).items
    return len(items), len({item.url for item in items})


def test_python_app_py_refreshes_on_schedule_without_redis(
    news: NewsServer, tmp_path: Path
) -> None:
    base, env = web_port_env()
    database_url = f"sqlite:///{tmp_path / 'news.db'}"
    env |= {
        "NEWS_SOURCES": str(news.write_sources(tmp_path / "sources.toml")),
        "DATABASE_URL": database_url,
        "VAR_DIR": str(tmp_path / "var"),
        "REFRESH_INTERVAL": "15",
        **NLTK,
    }
    with started(f"{sys.executable} app.py", env, tmp_path / "app.log") as app:
        _, seconds = wait_for(lambda: _articles(base), 90, "articles via the API", app)
        _, every = wait_for(lambda: _articles(base, 12), 30, "all 12 articles", app)
        print(f"\npython app.py, REFRESH_INTERVAL=15: first articles after {seconds:.1f} s,")
        print(f"all 12 {every:.1f} s later")
        refreshes = open_store(database_url).recent_refreshes(5)
        assert {r.source_ids for r in refreshes} == {("paper1", "paper2", "paper3")}
    assert _unique_urls(database_url) == (12, 12)


@pytest.fixture
def pg_url(fresh_pg_url: str) -> str:
    """A fresh PostgreSQL schema (skips, or fails under CI, without TEST_DATABASE_URL)."""
    postgres_url()
    return fresh_pg_url


def _stack_env(
    news: NewsServer, tmp: Path, pg_url: str, redis_url: str, queue: str
) -> dict[str, str]:
    return {
        "NEWS_SOURCES": str(news.write_sources(tmp / "sources.toml")),
        "DATABASE_URL": pg_url,
        "REDIS_URL": redis_url,
        "REFRESH_QUEUE": queue,
        "VAR_DIR": str(tmp / "var"),
        "WEB_CONCURRENCY": "2",
        "WORKER_CONCURRENCY": "2",
        **NLTK,
    }


def test_procfile_web_and_worker_refresh_on_schedule(
    news: NewsServer, tmp_path: Path, pg_url: str, redis_url: str, queue: str
) -> None:
    base, web_env = web_port_env()
    env = _stack_env(news, tmp_path, pg_url, redis_url, queue) | {"REFRESH_INTERVAL": "15"}
    with (
        started(procfile_command("web"), env | web_env, tmp_path / "web.log") as web,
        started(procfile_command("worker"), env, tmp_path / "worker.log") as worker,
    ):
        _, seconds = wait_for(lambda: _articles(base), 90, "articles via the API", worker)
        _, every = wait_for(lambda: _articles(base, 12), 30, "all 12 articles", worker)
        print(f"\nProcfile web + worker, PostgreSQL + Redis: first articles after {seconds:.1f} s,")
        print(f"all 12 {every:.1f} s later")
        assert web.popen.poll() is None
    assert _unique_urls(pg_url) == (12, 12)


@pytest.fixture
def slow_news() -> Iterator[NewsServer]:
    """Three papers whose article pages take 1.5 s each: a refresh lasts several seconds."""
    with NewsServer(sources=3, articles=4, delay=0.0) as server:
        for sid in server.source_ids:
            for n in range(4):
                server.fault(server.article_url(sid, n), delay=1.5)
        yield server


def _services(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Services:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return build_services()


def _state(services: Services, refresh_id: int, *states: str) -> RefreshRecord | None:
    record = status(services, refresh_id)
    return record if record is not None and record.state in states else None


def _request_in_another_process(env: dict[str, str]) -> subprocess.Popen[str]:
    code = (
        "from refresh import request_refresh as r; "
        "from runtime.services import build_services; print(r(build_services()))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_worker_killed_mid_refresh_then_the_next_refresh_succeeds(
    slow_news: NewsServer,
    tmp_path: Path,
    pg_url: str,
    redis_url: str,
    queue: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = _stack_env(slow_news, tmp_path, pg_url, redis_url, queue)
    env |= {"REFRESH_INTERVAL": "0", "REFRESH_STALE_AFTER": "10"}
    services = _services(env, monkeypatch)
    with started(procfile_command("worker"), env, tmp_path / "worker1.log") as worker:
        refresh_id = request(services, None).refresh_id
        wait_for(lambda: _state(services, refresh_id, "running"), 60, "running", worker)
        worker.kill9()
        killed = time.monotonic()
    failed, seconds = wait_for(
        lambda: _state(services, refresh_id, "failed"), 120, "the killed refresh reads failed"
    )
    print(f"\nworker killed with kill -9: refresh {refresh_id} read failed after {seconds:.1f} s")
    assert time.monotonic() - killed < 120
    assert "heartbeat" in (failed.error or "")
    with started(procfile_command("worker"), env, tmp_path / "worker2.log") as worker:
        # Two requests at once from two processes: one refresh.
        asks = [_request_in_another_process(env) for _ in range(2)]
        ids = {int(ask.communicate(timeout=60)[0].strip()) for ask in asks}
        assert len(ids) == 1, f"two requests at once gave refreshes {ids}"
        (second,) = ids
        assert second != refresh_id
        done, took = wait_for(
            lambda: _state(services, second, "done", "failed"), 90, "done", worker
        )
        print(f"the next refresh ({second}) finished in {took:.1f} s: {done.state}/{done.status}")
        assert done.state == "done" and done.status == "ok"
    assert _unique_urls(pg_url) == (12, 12)
