"""The main view with all eleven papers in Chromium: labels never overlap, clicks filter, detail."""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Error,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from runtime.services import sources_of
from settings import BASE_DIR
from store import open_store
from tests.conftest import require
from tests.dashboard.live import (
    TABLE_ROWS,
    chromium_available,
    console_errors,
    launch,
    running_app,
)
from tests.dashboard.seed import seed

pytestmark = pytest.mark.browser
expect.set_options(timeout=15_000)

PAPERS = [source.id for source in sources_of()]
NAMES = [source.name for source in sources_of()]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

_TEXT_BOXES = """id => {
  const root = document.querySelector(`#${id}`);
  const nodes = root.querySelectorAll('.mix-name, .mix-axis span, .day-label, .days-peak');
  const boxes = [];
  for (const node of nodes) {
    if (!node.textContent.trim()) continue;
    // The text's own box (a Range), not its container's: what a reader sees.
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    boxes.push({text: node.textContent, x: r.x, y: r.y, w: r.width, h: r.height,
                cut: node.scrollWidth > node.clientWidth + 1});
  }
  return boxes;
}"""


@dataclass
class Site:
    """The running app and its browser."""

    base: str
    playwright: Playwright
    browser: Browser

    def context(self, viewport: dict[str, int]) -> BrowserContext:
        """A new browser context, in a relaunched browser if the last one's process died.

        Chromium crashed once mid-module in a loaded CI run; without this, every later test
        of the module failed on the dead browser instead of testing the app.
        """
        if not self.browser.is_connected():
            self.browser = launch(self.playwright)
        return self.browser.new_context(viewport=viewport)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The app over a store of 330 articles from all eleven configured papers."""
    require(chromium_available(), "Chromium not found at /usr/bin/chromium")
    require((BASE_DIR / "pickles" / "model.json").is_file(), "no trained model in pickles/")
    tmp = tmp_path_factory.mktemp("views-app")
    database_url = f"sqlite:///{tmp / 'news.db'}"
    seed(open_store(database_url), PAPERS, 330)
    env = {
        "DATABASE_URL": database_url,
        "VAR_DIR": str(tmp / "var"),
        "NLTK_DATA": os.environ.get("NLTK_DATA", str(BASE_DIR / "nltk_data")),
    }
    with running_app(env) as base, sync_playwright() as playwright:
        site = Site(base, playwright, launch(playwright))
        try:
            yield site
        finally:
            site.browser.close()


def _open(site: Site, viewport: dict[str, int]) -> tuple[Page, list[str]]:
    page = site.context(viewport).new_page()
    errors = console_errors(page)
    return page, errors


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def eleven(site: Site, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The main view of all eleven papers, on a desktop and on a phone."""
    page, errors = _open(site, request.param)
    try:
        page.goto(site.base + "/?papers=" + ",".join(PAPERS))
    except Error:
        if site.browser.is_connected():
            raise
        # The browser process died, not the app: once more in a new one.
        page, errors = _open(site, request.param)
        page.goto(site.base + "/?papers=" + ",".join(PAPERS))
    page.wait_for_function(
        "n => document.querySelectorAll('#compare-chart .mix-bar').length === n",
        arg=len(PAPERS) + 1,
    )
    expect(page.locator("#articles tbody tr").first).to_be_visible()
    yield page
    page.context.close()
    assert errors == [], errors


def _overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["x"] < b["x"] + b["w"] - 1
                and b["x"] < a["x"] + a["w"] - 1
                and a["y"] < b["y"] + b["h"] - 1
                and b["y"] < a["y"] + a["h"] - 1
            ):
                found.append((a["text"], b["text"]))
    return found


def test_no_chart_label_overlaps_another_and_names_are_whole(eleven: Page) -> None:
    page = eleven
    for chart in ("compare-chart", "history-chart"):
        boxes = page.evaluate(_TEXT_BOXES, chart)
        assert boxes, chart
        assert _overlaps(boxes) == [], chart
        width = page.viewport_size["width"] if page.viewport_size else 0
        assert all(box["x"] >= 0 and box["x"] + box["w"] <= width for box in boxes), chart
    boxes = page.evaluate(_TEXT_BOXES, "compare-chart")
    assert set(NAMES) <= {box["text"] for box in boxes}  # full names
    assert not [box["text"] for box in boxes if box["cut"]]  # never cut off
    legend = page.locator("#topic-legend .legend-item")
    boxes = []
    for index in range(legend.count()):
        box = legend.nth(index).bounding_box()
        assert box is not None
        boxes.append(
            {
                "text": str(index),
                "x": box["x"],
                "y": box["y"],
                "w": box["width"],
                "h": box["height"],
            }
        )
    assert _overlaps(boxes) == []
    expect(page.locator(".modebar")).to_have_count(0)  # no toolbar, no cloud upload
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_top_stories_show_who_covers_each_story(eleven: Page) -> None:
    stories = eleven.locator("#top-stories .story")
    expect(stories.first).to_be_visible()
    expect(stories.first).to_contain_text("11 papers")
    expect(stories.first.locator("a.story-headline")).to_have_attribute(
        "href", re.compile("^https://")
    )


def test_clicking_a_chart_filters_the_table_and_the_chip_clears_it(eleven: Page) -> None:
    page = eleven
    grid_labels = f"() => [...new Set(({TABLE_ROWS})().map(row => row.label + '|' + row.paper))]"
    # The third row is the second newspaper (after "All selected"); click its first segment.
    segment = page.locator("#compare-chart .mix-row").nth(2).locator(".seg").first
    trace = str(segment.get_attribute("data-topic"))
    segment.click()
    chip_topic, chip_paper = page.locator("#clear-topic"), page.locator("#clear-paper")
    expect(chip_topic).to_be_visible()
    expect(chip_topic).to_contain_text(trace)
    expect(chip_paper).to_contain_text(NAMES[1])
    link = re.compile(rf"^/api/v1/articles\.csv\?newspaper={PAPERS[1]}&since=.+&category={trace}$")
    expect(page.locator("#export-csv")).to_have_attribute("href", link)
    page.wait_for_function(f"() => ({grid_labels})().join() === '{trace}|{NAMES[1]}'")
    chip_paper.click()
    expect(chip_paper).to_be_hidden()
    page.wait_for_function(
        f"() => ({grid_labels})().length > 1"
        f" && ({grid_labels})().every(v => v.startsWith('{trace}|'))"
    )
    chip_topic.click()
    expect(chip_topic).to_be_hidden()
    page.wait_for_function(f"() => new Set(({grid_labels})().map(v => v.split('|')[0])).size > 1")
    page.locator("#topic-legend .legend-item", has_text="sport").click()
    expect(chip_topic).to_contain_text("sport")


def test_detail_opens_in_view_and_closes_when_the_search_hides_the_article(eleven: Page) -> None:
    page = eleven
    page.locator("#articles tbody tr [data-col=paper]").first.click()
    panel = page.locator("#detail-panel")
    expect(panel).to_be_in_viewport()
    expect(page.locator("#detail-facts")).to_contain_text("confident")
    expect(page.locator("#detail-facts")).to_contain_text("Runner-up")
    expect(page.locator("#detail-why")).not_to_be_empty()
    page.get_by_label("Search articles").fill("nothing-matches-this")
    expect(panel).to_be_hidden()


def test_keyboard_starts_at_the_skip_link_and_unknown_pages_are_404(site: Site) -> None:
    page, errors = _open(site, DESKTOP)
    page.goto(site.base + "/?papers=guardian,bbc")
    expect(page.locator("#freshness")).to_contain_text("BBC News")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#page"
    response = page.goto(site.base + "/no/such/page")
    assert response is not None and response.status == 404
    expect(page.locator("#page")).to_contain_text("Page not found")
    docs = page.goto(site.base + "/api/v1/docs")
    assert docs is not None and docs.status == 200
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Latest News Classifier API")
    expect(page.locator(".swagger-ui")).to_contain_text("/stories")
    page.context.close()
    assert [error for error in errors if "404 (NOT FOUND)" not in error] == []


def test_offline_first_run_starts_in_demo_mode(site: Site, tmp_path: Path) -> None:
    """Empty store, no newspaper answers, a sample exists: the page shows the demo, marked."""
    require(chromium_available(), "Chromium not found at /usr/bin/chromium")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "".join(
            f'[[source]]\nid = "{paper}"\nname = "Offline {paper}"\n'
            f'homepage = "http://127.0.0.1:{closed}/{paper}/"\n'
            f'feeds = ["http://127.0.0.1:{closed}/{paper}/rss"]\n\n'
            for paper in ("one", "two", "three")
        )
    )
    sample = tmp_path / "demo.jsonl"
    lines = [
        {
            "url": f"https://demo.example/{paper}/{n}",
            "newspaper": paper,
            "title": title,
            "summary": f"Test summary: {title.lower()}.",
            "published": f"2026-01-0{1 + n % 5}T10:00:00Z",
        }
        for n, (paper, title) in enumerate(
            (paper, title)
            for title in (
                # Made-up headlines (the summary says so): a shared "Test:" prefix would be a
                # word of every headline, and stories are found by shared words.
                "Central bank raises interest rates again",
                "Striker scores twice in cup final win",
            )
            for paper in ("one", "two", "three")
        )
    ]
    sample.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}",
        "VAR_DIR": str(tmp_path / "var"),
        "NEWS_SOURCES": str(sources),
        "DEMO_DATA": str(sample),
        "NLTK_DATA": os.environ.get("NLTK_DATA", str(BASE_DIR / "nltk_data")),
    }
    with running_app(env) as base:
        page = site.context(PHONE).new_page()
        page.goto(base + "/")
        expect(page.locator("#demo-notice")).to_contain_text(
            "loaded these sample articles by itself"
        )
        expect(page.locator("#compare-chart .seg")).not_to_have_count(0)
        # The offline notice once: the demo banner says it, nothing repeats it.
        expect(page.get_by_text("could be reached")).to_have_count(1)
        expect(page.locator("#top-stories .story")).to_have_count(2)
        expect(page.locator("#articles tbody tr").first).to_be_visible()
