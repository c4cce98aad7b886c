"""The offline first run in Chromium: the bundled demo sample fills the whole main view."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from settings import BASE_DIR
from tests.conftest import require
from tests.dashboard.live import chromium, chromium_available, console_errors, running_app

pytestmark = pytest.mark.browser
expect.set_options(timeout=20_000)

CREDIT = "Demo headlines: UCI News Aggregator data set (F. Gasparetti, 2016), CC BY 4.0"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Browser]]:
    """A fresh store filled by ``python -m dashboard.demo`` (no argument), then the app."""
    require(chromium_available(), "Chromium not found at /usr/bin/chromium")
    tmp = tmp_path_factory.mktemp("demo-app")
    env = {
        "DATABASE_URL": f"sqlite:///{tmp / 'news.db'}",
        "VAR_DIR": str(tmp / "var"),
        "NLTK_DATA": os.environ.get("NLTK_DATA", str(BASE_DIR / "nltk_data")),
        "REFRESH_INTERVAL": "0",
    }
    loaded = subprocess.run(
        [sys.executable, "-m", "dashboard.demo"],
        cwd=BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert "550 articles loaded" in loaded.stdout
    with running_app(env) as base, chromium() as browser:
        yield base, browser


def _page(browser: Browser, viewport: dict[str, int]) -> tuple[Page, list[str]]:
    page = browser.new_context(viewport=viewport).new_page()  # type: ignore[arg-type]
    return page, console_errors(page)


def test_the_demo_fills_the_main_view_with_named_papers_stories_rows_and_credit(
    demo_site: tuple[str, Browser],
) -> None:
    base, browser = demo_site
    page, errors = _page(browser, DESKTOP)
    page.goto(base + "/")
    expect(page.locator("#demo-credit")).to_have_text(CREDIT)
    expect(page.locator("#demo-notice")).to_contain_text("loaded by hand")
    names = page.locator("#compare-chart .mix-name").all_inner_texts()
    assert "Wall Street Journal" in names and "Reuters" in names
    assert len([name for name in names if name and name != "All selected"]) >= 10
    assert page.locator("#top-stories .story-headline").count() >= 3
    expect(page.locator("#articles tbody tr").first).to_be_visible()
    # Papers by name in the table too, and 2014 dates with their year.
    expect(page.locator("#articles tbody tr [data-col=paper]").first).not_to_contain_text("-")
    expect(page.locator("#articles tbody tr [data-col=published]").first).to_contain_text("2014")
    page.context.close()
    assert errors == [], errors


def test_article_counts_show_per_paper_and_in_total(demo_site: tuple[str, Browser]) -> None:
    base, browser = demo_site
    page, errors = _page(browser, DESKTOP)
    page.goto(base + "/")
    counts = page.locator("#compare-chart .mix-count")
    expect(counts.first).to_have_text("550")  # every article of the sample, all selected
    expect(counts.first).to_be_visible()
    per_paper = [int(text.replace(",", "")) for text in counts.all_inner_texts()[1:-1]]
    assert len(per_paper) == 30 and sum(per_paper) == 550
    page.context.close()
    assert errors == [], errors


def test_top_stories_show_whole_stories_with_each_paper_once(
    demo_site: tuple[str, Browser],
) -> None:
    base, browser = demo_site
    page, errors = _page(browser, DESKTOP)
    page.goto(base + "/")
    expect(page.locator("#top-stories .story").first).to_be_visible()
    box = page.locator("#top-stories").evaluate(
        "el => ({scroll: el.scrollHeight, client: el.clientHeight})"
    )
    assert box["scroll"] <= box["client"] + 1, "a story is cut by a scroll box"
    for story in page.locator("#top-stories .story").all():
        links = story.locator(".story-links a").all_inner_texts()
        assert len(links) == len(set(links)), links
    page.context.close()
    assert errors == [], errors


def test_a_chart_click_brings_the_filtered_table_into_view(
    demo_site: tuple[str, Browser],
) -> None:
    base, browser = demo_site
    page, errors = _page(browser, DESKTOP)
    page.goto(base + "/")
    expect(page.locator("#articles tbody tr").first).to_be_visible()
    expect(page.locator("#articles-card")).not_to_be_in_viewport()
    page.locator("#compare-chart .mix-row .seg").nth(3).click()
    expect(page.locator("#clear-topic")).to_be_visible()
    expect(page.locator("#articles tbody tr").first).to_be_in_viewport()
    page.context.close()
    assert errors == [], errors


def test_phone_axis_ticks_do_not_run_together(demo_site: tuple[str, Browser]) -> None:
    base, browser = demo_site
    page, errors = _page(browser, PHONE)
    page.goto(base + "/")
    expect(page.locator("#compare-chart .mix-bar").first).to_be_visible()
    boxes = page.locator("#compare-chart .mix-axis span").evaluate_all(
        "spans => spans.filter(s => s.offsetParent).map(s => s.getBoundingClientRect())"
        ".map(r => [r.left, r.right])"
    )
    assert len(boxes) >= 3
    for (_, right), (left, _) in itertools.pairwise(boxes):
        assert left - right >= 4, boxes
    page.context.close()
    assert errors == [], errors


def test_api_docs_list_only_the_api_and_log_no_404(demo_site: tuple[str, Browser]) -> None:
    base, browser = demo_site
    page, errors = _page(browser, DESKTOP)
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.goto(base + "/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert paths and all(path.startswith("/api/v1/") for path in paths), paths
    page.context.close()
    assert missing == [] and errors == [], (missing, errors)


def test_the_demo_sample_is_bundled_with_its_licence_notes() -> None:
    samples = Path(BASE_DIR) / "samples"
    assert (samples / "demo-uci-2014.jsonl.gz").is_file()
    assert CREDIT in (samples / "LICENSE-demo-uci-2014.md").read_text(encoding="utf-8")
    assert "ShareAlike" in (samples / "LICENSE-demo-news.md").read_text(encoding="utf-8")


def test_fresh_loads_always_show_rows_without_asking_the_server_for_them(
    demo_site: tuple[str, Browser],
) -> None:
    # The blank table of issue 15 (a grid that sometimes stayed empty on first load): the first
    # page of rows comes with the page and is drawn in the browser, with no request of its own.
    base, browser = demo_site
    for _ in range(5):
        page, errors = _page(browser, DESKTOP)
        asked: list[str] = []
        layouts: list[str] = []

        def on_request(
            request: Any, asked: list[str] = asked, layouts: list[str] = layouts
        ) -> None:
            if "_dash-update-component" in request.url and "rows-wanted" in (
                request.post_data or ""
            ):
                asked.append(request.post_data or "")
            if request.url.endswith("/_dash-layout"):
                layouts.append(request.url)

        page.on("request", on_request)
        page.goto(base + "/")
        expect(page.locator("#articles tbody tr [data-col=title] a").first).to_be_visible()
        expect(page.locator("#articles .table-count")).to_have_text("1–50 of 550 articles")
        assert asked == [], asked
        # The page preloads its layout while its scripts load; Dash's renderer uses that answer.
        assert len(layouts) == 1, layouts
        page.context.close()
        assert errors == [], errors


def test_rows_come_back_after_a_search_that_found_nothing(demo_site: tuple[str, Browser]) -> None:
    # Clearing the search returns to the unfiltered table, whose first page came with the view.
    base, browser = demo_site
    page, errors = _page(browser, DESKTOP)
    page.goto(base + "/")
    title = page.locator("#articles tbody tr [data-col=title] a").first
    expect(title).to_be_visible()
    page.fill("#quick-search", "zzzqqqxxx")
    expect(page.get_by_text("No articles to show.")).to_be_visible()
    page.fill("#quick-search", "")
    expect(title).to_be_visible()
    page.context.close()
    assert errors == [], errors


def test_a_search_with_results_after_one_that_found_nothing_shows_its_rows(
    demo_site: tuple[str, Browser],
) -> None:
    base, browser = demo_site
    page, errors = _page(browser, DESKTOP)
    page.goto(base + "/")
    title = page.locator("#articles tbody tr [data-col=title] a").first
    expect(title).to_be_visible()
    word = title.inner_text().split()[0]
    page.fill("#quick-search", "zzzqqqxxx")
    expect(page.get_by_text("No articles to show.")).to_be_visible()
    page.fill("#quick-search", word)  # the first headline's first word: at least that row
    expect(page.get_by_text("No articles to show.")).to_be_hidden()
    expect(page.locator("#articles tbody tr [data-col=title] a").first).to_be_visible()
    page.context.close()
    assert errors == [], errors
