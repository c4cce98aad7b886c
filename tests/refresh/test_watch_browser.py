"""Every open window watches the store: a refresh started elsewhere shows its progress there.

Also: gunicorn with two workers and no Redis runs the schedule once per deployment.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from settings import BASE_DIR
from store import open_store
from store.models import ScheduledJob
from tests.conftest import require
from tests.dashboard.live import chromium, chromium_available, running_app
from tests.newsserver import NewsServer
from tests.refresh.processes import get_json, post_json, wait_for

TOKEN = "browser-watch-token"
NLTK = {"NLTK_DATA": os.environ.get("NLTK_DATA", str(BASE_DIR / "nltk_data"))}


@pytest.fixture
def slow_news() -> Iterator[NewsServer]:
    """Two papers whose article pages take 4 s each, so a refresh is seen running."""
    with NewsServer(sources=2, articles=4) as server:
        for sid in server.source_ids:
            for n in range(4):
                server.fault(server.article_url(sid, n), delay=4.0)
        yield server


@pytest.mark.browser
def test_a_refresh_started_through_the_api_shows_in_an_open_window(
    slow_news: NewsServer, tmp_path: Path
) -> None:
    require(chromium_available(), "Chromium not found at /usr/bin/chromium")
    env = {
        "NEWS_SOURCES": str(slow_news.write_sources(tmp_path / "sources.toml", read_timeout=8.0)),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}",
        "VAR_DIR": str(tmp_path / "var"),
        "API_TOKEN": TOKEN,
        **NLTK,
    }
    with running_app(env) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "/?papers=paper1,paper2")
        button = page.get_by_role("button", name="Refresh")
        expect(button).to_be_enabled()
        status, headers, body = post_json(base + "/api/v1/refresh", {}, TOKEN)
        assert status == 202 and headers["Location"].endswith(f"/{body['refresh_id']}")
        # Nobody clicked in this window: its poll finds the refresh and shows its progress.
        expect(page.locator("#refresh-progress-wrap")).to_be_visible(timeout=15_000)
        expect(button).to_be_disabled()
        expect(page.locator("#refresh-alert")).to_contain_text(
            "Refreshed: 8 articles stored.", timeout=60_000
        )
        expect(button).to_be_enabled()
        expect(page.locator("#refresh-progress-wrap")).to_be_hidden()
        final = get_json(base + f"/api/v1/refreshes/{body['refresh_id']}")
        assert final["status"] == "done" and final["progress"] == {"done": 8, "total": 8}


def test_two_gunicorn_workers_without_redis_run_the_schedule_once(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'news.db'}"
    with NewsServer(sources=2, articles=4) as news:
        _run_two_workers(news, tmp_path, database_url)
    refreshes = open_store(database_url).recent_refreshes(10)
    assert [r.source_ids for r in refreshes] == [("paper1", "paper2")]


def _run_two_workers(news: NewsServer, tmp_path: Path, database_url: str) -> None:
    env = {
        "NEWS_SOURCES": str(news.write_sources(tmp_path / "sources.toml")),
        "DATABASE_URL": database_url,
        "VAR_DIR": str(tmp_path / "var"),
        "REFRESH_INTERVAL": "3600",  # due at start in both workers, then not for an hour
        "REFRESH_STALE_AFTER": "10",  # the reaper is due every 5 s: each fleet tick claims it
        **NLTK,
    }
    with running_app(env, workers=2) as base:
        wait_for(lambda: get_json(base + "/api/v1/articles")["articles"] or None, 60, "articles")
        # Every tick of either worker looks at the refresh job too: wait for 3 more ticks that
        # claimed the reaper (over 10 s, both workers ticking), then count the refreshes.
        seen: set[object] = set()
        wait_for(lambda: _reaper_claims(database_url, seen) >= 4 or None, 90, "fleet ticks")


def _reaper_claims(database_url: str, seen: set[object]) -> int:
    """How many different claims of the reaper job this test has seen so far."""
    with open_store(database_url).engine.connect() as conn:
        seen.add(
            conn.execute(
                sa.select(ScheduledJob.last_run_at).where(ScheduledJob.name == "reap")
            ).scalar()
        )
    return len(seen - {None})
