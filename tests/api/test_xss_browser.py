"""Hostile feed content rendered by the real app in Chromium: shown as text, never run."""

from __future__ import annotations

import html
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Dialog, Page, expect

from settings import BASE_DIR
from store import open_store
from tests.api.conftest import article
from tests.conftest import require
from tests.dashboard.live import chromium, chromium_available, running_app
from tests.newsserver import Item, NewsServer

pytestmark = pytest.mark.browser

TOKEN = "xss-test-token"
SCRIPT_TITLE = "<script>alert('title')</script> Minister resigns over budget vote"
ONERROR = "<img src=x onerror=\"alert('summary')\"> The bank raised interest rates again"
HOSTILE_LINKS = ["javascript:alert('link')", "data:text/html,<script>alert('data')</script>"]
_DOM_CHECK = """() => ({
  scripts: [...document.scripts].filter(s => s.textContent.includes('alert(')).length,
  handlers: [...document.querySelectorAll('*')].filter(el =>
      [...el.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
  badHrefs: [...document.querySelectorAll('[href],[src],[action],[formaction]')]
      .map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action')
                 || el.getAttribute('formaction') || '')
      .filter(v => /^\\s*(javascript|data|vbscript):/i.test(v)),
})"""


def _hostile_items(news: NewsServer) -> list[Item]:
    when = datetime(2026, 11, 23, 8, tzinfo=UTC)
    # Feed titles are inserted into the XML as given, so escape them to deliver the markup.
    return [
        Item(html.escape(SCRIPT_TITLE), news.article_url("paper1", 0), ONERROR, when),
        Item(html.escape(ONERROR), news.article_url("paper1", 1), SCRIPT_TITLE, when),
        *(
            Item(
                html.escape(f"Hostile link {n}"), link, "<a href='javascript:alert(1)'>x</a>", when
            )
            for n, link in enumerate(HOSTILE_LINKS)
        ),
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app under gunicorn, refreshed through the API from a hostile local feed."""
    require(chromium_available(), "Chromium not found at /usr/bin/chromium")
    folder: Path = tmp_path_factory.mktemp("xss")
    database_url = f"sqlite:///{folder / 'news.db'}"
    with NewsServer(sources=1, articles=2) as news:
        news.set_items("paper1", _hostile_items(news))
        env = {
            "NEWS_SOURCES": str(news.write_sources(folder / "sources.toml")),
            "DATABASE_URL": database_url,
            "VAR_DIR": str(folder / "var"),
            "API_TOKEN": TOKEN,
            "NLTK_DATA": os.environ.get("NLTK_DATA", str(BASE_DIR / "nltk_data")),
        }
        with running_app(env) as base:
            refresh = requests.post(
                f"{base}/api/v1/refresh", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60
            )
            assert refresh.status_code == 202, refresh.text
            watched = base + refresh.headers["Location"]
            deadline = time.monotonic() + 60
            while (state := requests.get(watched, timeout=10).json())["status"] in {
                "queued",
                "running",
            } and time.monotonic() < deadline:
                time.sleep(0.2)
            assert state["status"] == "done", state
            assert state["results"][0]["stored"] >= 2
            # Also store hostile text directly, as if an extractor had let it through.
            store = open_store(database_url)
            refresh_id = store.start_refresh(["paper1"])
            raw = [
                article(900, "paper1", title=SCRIPT_TITLE, summary=ONERROR),
                article(901, "paper1", title=ONERROR, summary=SCRIPT_TITLE),
            ]
            store.save_source_result(refresh_id, "paper1", raw)
            store.finish_refresh(refresh_id)
            yield base


def test_hostile_feed_renders_inert(site: str) -> None:
    dialogs: list[str] = []
    with chromium() as browser:
        page: Page = browser.new_page(viewport={"width": 1280, "height": 900})

        def on_dialog(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(f"{site}/?papers=paper1&window=all")
        rows = page.locator("#articles tbody tr")
        expect(rows.first).to_be_visible(timeout=20_000)
        # The markup is shown as text, literally.
        expect(
            page.get_by_text("<script>alert('title')</script>", exact=False).first
        ).to_be_visible()
        for index in range(min(rows.count(), 6)):
            rows.nth(index).locator("[data-col=paper]").click()
            expect(page.locator("#detail-panel")).to_be_visible()
            page.wait_for_timeout(200)
            found = page.evaluate(_DOM_CHECK)
            assert found == {"scripts": 0, "handlers": 0, "badHrefs": []}
        page.close()
    assert dialogs == []
