"""The article table in Chromium: sorting by its headers, paging with a count, keyboard choice."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from settings import BASE_DIR
from store import open_store
from tests.conftest import require
from tests.dashboard.live import (
    TABLE_ROWS,
    chromium,
    chromium_available,
    console_errors,
    running_app,
)
from tests.dashboard.seed import seed

pytestmark = pytest.mark.browser
expect.set_options(timeout=20_000)

ARTICLES = 130
"""Over two papers: three pages of 50 rows (50, 50, 30)."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """The app over 130 articles of The Guardian and BBC News, and one browser."""
    require(chromium_available(), "Chromium not found at /usr/bin/chromium")
    tmp = tmp_path_factory.mktemp("table-app")
    database_url = f"sqlite:///{tmp / 'news.db'}"
    seed(open_store(database_url), ["guardian", "bbc"], ARTICLES, hours=20.0)
    env = {
        "DATABASE_URL": database_url,
        "VAR_DIR": str(tmp / "var"),
        "NLTK_DATA": os.environ.get("NLTK_DATA", str(BASE_DIR / "nltk_data")),
        "REFRESH_INTERVAL": "0",
    }
    with running_app(env) as base, chromium() as browser:
        yield base, browser


@pytest.fixture
def page(site: tuple[str, object]) -> Iterator[Page]:
    """The main view of both papers; the test fails on any console error."""
    base, browser = site
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    errors = console_errors(tab)
    tab.goto(base + "/?papers=guardian,bbc")
    expect(tab.locator("#articles tbody tr").first).to_be_visible()
    yield tab
    context.close()
    assert errors == [], errors


def _titles(page: Page) -> list[str]:
    return [row["title"] for row in page.evaluate(TABLE_ROWS)]


def _ids(page: Page) -> set[int]:
    return {row["id"] for row in page.evaluate(TABLE_ROWS)}


def test_a_header_sorts_the_table_both_ways_and_says_so(page: Page) -> None:
    title = page.locator("#articles th[data-col=title]")
    expect(page.locator("#articles th[data-col=published]")).to_have_attribute(
        "aria-sort", "descending"
    )
    title.get_by_role("button").click()
    expect(title).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("#articles th[data-col=published]")).not_to_have_attribute(
        "aria-sort", "descending"
    )
    first = _titles(page)
    assert len(first) == 50 and first == sorted(first)
    title.get_by_role("button").click()
    expect(title).to_have_attribute("aria-sort", "descending")
    last = _titles(page)
    assert last == sorted(last, reverse=True) and last[0] >= first[-1]


def test_the_pager_counts_the_articles_and_turns_the_pages(page: Page) -> None:
    count = page.locator("#articles .table-count")
    earlier = page.get_by_role("button", name="Previous")
    later = page.get_by_role("button", name="Next")
    expect(count).to_have_text("1–50 of 130 articles")
    expect(earlier).to_be_disabled()
    first = _ids(page)
    later.click()
    expect(count).to_have_text("51–100 of 130 articles")
    assert len(_ids(page)) == 50 and not _ids(page) & first
    later.click()
    expect(count).to_have_text("101–130 of 130 articles")
    assert len(_titles(page)) == 30
    expect(later).to_be_disabled()
    earlier.click()
    expect(count).to_have_text("51–100 of 130 articles")
    # A search is a new listing: it starts on its first page, with its own count.
    page.get_by_label("Search articles").fill("Champions")
    page.wait_for_function(f"() => ({TABLE_ROWS})().every(row => row.title.includes('Champions'))")
    found = _titles(page)
    assert 0 < len(found) < 50
    expect(count).to_have_text(f"{len(found)} articles")


def test_a_row_chosen_with_the_keyboard_opens_its_detail(page: Page) -> None:
    rows = page.locator("#articles tbody tr")
    # The rows are one tab stop: Tab from the last header lands on the first row, and the
    # next Tab leaves the rows (no stop on any other row or on a title link).
    page.locator("#articles thead button").last.focus()
    page.keyboard.press("Tab")
    expect(rows.nth(0)).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.activeElement.closest('#articles tbody')")
    rows.nth(0).focus()
    page.keyboard.press("ArrowDown")
    second = rows.nth(1)
    expect(second).to_be_focused()
    heading = second.locator("[data-col=title]").inner_text()
    page.keyboard.press("Enter")
    expect(page.locator("#detail-panel")).to_be_visible()
    expect(page.locator("#detail-title")).to_have_text(heading)
    expect(second).to_have_class(re.compile(r"\btable-active\b"))
    assert rows.evaluate_all("rows => rows.filter(r => r.tabIndex === 0).length") == 1
    second.focus()
    page.keyboard.press("ArrowDown")
    third = rows.nth(2)
    expect(third).to_be_focused()
    page.keyboard.press(" ")
    expect(page.locator("#detail-title")).to_have_text(
        third.locator("[data-col=title]").inner_text()
    )
    page.keyboard.press("End")
    expect(rows.last).to_be_focused()
