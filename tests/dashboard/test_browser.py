"""The app in a real browser: gunicorn + Chromium against fake newspapers on 127.0.0.1."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from settings import BASE_DIR
from store import ArticleQuery, open_store
from tests.conftest import require
from tests.dashboard.live import (
    TABLE_ROWS,
    chromium,
    chromium_available,
    console_errors,
    running_app,
)
from tests.newsserver import NewsServer

pytestmark = pytest.mark.browser
expect.set_options(timeout=10_000)

ARTICLES = 6
TIMEOUT_MS = 20_000
_CHART_COUNTS = """id => {
  const out = {};
  for (const row of document.querySelectorAll(`#${id} .mix-row`)) {
    const name = row.querySelector('.mix-name').textContent;
    if (!name) continue;
    out[name] = {};
    for (const seg of row.querySelectorAll('.seg')) {
      const found = seg.title.match(/: (\\S+) \\d+% \\((\\d+)\\)$/);
      out[name][found[1]] = Number(found[2]);
    }
  }
  return out;
}"""
_CHART_PAPERS = """() => Array.from(document.querySelectorAll('#compare-chart .mix-name'))
  .map(el => el.textContent).filter(t => t && t !== 'All selected').join()"""
ALL = "/?papers=paper1,paper2,paper3&window=all"


@dataclass
class Site:
    """The running app, its browser and the fake newspapers behind it."""

    base: str
    browser: Browser
    news: NewsServer
    database_url: str
    observed: dict[str, Any] = field(default_factory=dict)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One app and one browser for the whole module (keeps the suite fast)."""
    require(chromium_available(), "Chromium not found at /usr/bin/chromium")
    require((BASE_DIR / "pickles" / "model.json").is_file(), "no trained model in pickles/")
    tmp = tmp_path_factory.mktemp("dashboard-app")
    database_url = f"sqlite:///{tmp / 'news.db'}"
    with NewsServer(sources=3, articles=ARTICLES, delay=0.05) as news:
        # paper3's feed keeps failing: the refresh must report it and still show the others.
        news.fault(news.feed_url("paper3"), statuses=(503,) * 10)
        # Slow article pages keep the refresh running for seconds, well past the 500 ms poll,
        # so the progress label is observable on any machine (a fast scrape finished unseen).
        for paper in ("paper1", "paper2"):
            for n in range(ARTICLES):
                news.fault(news.article_url(paper, n), delay=1.5)
        env = {
            "NEWS_SOURCES": str(news.write_sources(tmp / "sources.toml")),
            "DATABASE_URL": database_url,
            "VAR_DIR": str(tmp / "var"),
            # Only the UI's Refresh runs: a scheduled one ending mid-test reloads the grid.
            "REFRESH_INTERVAL": "0",
            "NLTK_DATA": os.environ.get("NLTK_DATA", str(BASE_DIR / "nltk_data")),
        }
        with running_app(env) as base, chromium() as browser:
            yield Site(base, browser, news, database_url)


@pytest.fixture
def page(site: Site) -> Iterator[Page]:
    """A fresh browser tab; the test fails if the console shows any error."""
    context = site.browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    errors = console_errors(tab)
    yield tab
    context.close()
    assert errors == [], f"browser console errors: {errors}"


def _stored_counts(site: Site, papers: list[str]) -> dict[str, dict[str, int]]:
    counts = open_store(site.database_url).category_counts(papers)
    return {f"Paper {paper[5:]}": per for paper, per in counts.items() if sum(per.values())}


def _grid_rows(page: Page, at_least: int = 1) -> list[dict[str, Any]]:
    """The rows the table shows, once it shows ``at_least``."""
    handle = page.wait_for_function(
        f"n => {{ const rows = ({TABLE_ROWS})(); return rows.length >= n ? rows : null; }}",
        arg=at_least,
    )
    rows: list[dict[str, Any]] = handle.json_value()
    return rows


def _refresh(site: Site, page: Page) -> None:
    page.goto(site.base + ALL)
    button = page.get_by_role("button", name="Refresh")
    expect(button).to_be_enabled()
    button.click()
    expect(button).to_be_disabled()
    site.observed["progress_visible"] = page.locator("#refresh-progress-wrap").is_visible()
    labels = set()
    while button.is_disabled():
        labels.add(page.locator("#refresh-progress").inner_text())
        page.wait_for_timeout(100)
    site.observed["labels"] = labels
    site.observed["notice"] = page.locator("#refresh-alert").inner_text()


@pytest.fixture
def refreshed(site: Site, page: Page) -> Page:
    """The main page after one Refresh of all three papers through the UI."""
    if "notice" not in site.observed:
        _refresh(site, page)
    else:
        page.goto(site.base + ALL)
    return page


def test_empty_store_says_what_to_do(site: Site, page: Page) -> None:
    page.goto(site.base + "/")
    expect(page.locator("#empty-state")).to_contain_text("Press Refresh")
    expect(page.locator("#freshness")).to_contain_text("never refreshed")
    expect(page.locator("#freshness [data-stale=true]")).to_have_count(3)
    expect(page.locator("#compare-chart")).to_contain_text("No articles")
    assert page.title() == "Latest News Classifier"


def test_refresh_shows_progress_and_failures_then_charts_match_the_store(
    site: Site, refreshed: Page
) -> None:
    observed = site.observed
    assert observed["progress_visible"]
    assert any(re.fullmatch(r"\d+ / \d+ articles", label) for label in observed["labels"]), observed
    assert "1 of 3 newspapers could not be refreshed" in observed["notice"]
    assert "Paper 3" in observed["notice"]
    page = refreshed
    expected = _stored_counts(site, ["paper1", "paper2", "paper3"])
    assert sum(sum(per.values()) for per in expected.values()) == 2 * ARTICLES
    expect(page.locator("#compare-chart .seg")).not_to_have_count(0)
    got = page.evaluate(_CHART_COUNTS, "compare-chart")
    totals = got.pop("All selected")
    assert {paper: per for paper, per in got.items() if per} == expected
    summed: dict[str, int] = {}
    for per in expected.values():
        for label, count in per.items():
            summed[label] = summed.get(label, 0) + count
    assert totals == summed
    # The fake papers' articles are from 2026-11-23: refreshed now, but not fresh news.
    expect(page.locator("#freshness [data-paper=paper1]")).to_contain_text("refreshed just now")
    expect(page.locator("#freshness [data-stale=false]")).to_have_count(0)
    expect(page.locator("#freshness [data-paper=paper3]")).to_contain_text("never refreshed")


def test_table_rows_and_links_match_the_store(site: Site, refreshed: Page) -> None:
    page = refreshed
    expect(page.locator("#articles tbody tr").first).to_be_visible()
    stored = open_store(site.database_url).articles(ArticleQuery(limit=500)).items
    rows = _grid_rows(page, at_least=len(stored))
    assert sorted(row["link"] for row in rows) == sorted(article.url for article in stored)
    by_url = {article.url: article for article in stored}
    for row in rows:
        assert row["title"] == by_url[row["link"]].title
        assert row["label"] == by_url[row["link"]].label
    links = page.locator("#articles a.article-link")
    expect(links.first).to_be_visible()
    for index in range(links.count()):
        link = links.nth(index)
        assert re.match(r"^https?://127\.0\.0\.1:\d+/", link.get_attribute("href") or "")
        assert link.get_attribute("target") == "_blank"
        assert "noopener" in (link.get_attribute("rel") or "")
    chips = page.locator("#articles .category-chip")
    assert chips.first.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    unique = next(row for row in rows if [r["title"] for r in rows].count(row["title"]) == 1)
    page.get_by_label("Search articles").fill(unique["title"])
    page.wait_for_function(
        "n => document.querySelectorAll('#articles tbody tr[data-id]').length < n", arg=len(rows)
    )
    assert unique["link"] in {row["link"] for row in _grid_rows(page)}


def test_selecting_an_article_shows_summary_source_and_why(refreshed: Page) -> None:
    page = refreshed
    page.locator("#articles tbody tr [data-col=paper]").first.click()
    card = page.locator("#detail-panel")
    expect(card).to_be_visible()
    expect(card).to_be_in_viewport()
    expect(page.locator("#detail-facts")).to_contain_text("Classified from the")
    expect(page.locator("#detail-facts")).to_contain_text("Runner-up")
    expect(page.locator("#detail-facts")).to_contain_text("Words the model knows")
    expect(page.locator("#detail-summary")).not_to_be_empty()
    expect(page.locator("#detail-why .why-term").first).to_be_visible()


def test_url_state_round_trips(site: Site, refreshed: Page) -> None:
    page = refreshed
    page.goto(site.base + "/?papers=paper2&window=all")
    expect(page.locator("#papers")).to_contain_text("Paper 2")
    expect(page.locator("#papers")).not_to_contain_text("Paper 1")
    page.wait_for_function(f"() => ({_CHART_PAPERS})() === 'Paper 2'")
    page.locator("#papers").click()
    page.get_by_role("option", name="Paper 1").click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"\?papers=paper2,paper1&window=all$"))
    page.reload()
    expect(page.locator("#papers")).to_contain_text("Paper 1")
    page.wait_for_function(f"() => ({_CHART_PAPERS})() === 'Paper 2,Paper 1'")
    page.get_by_label("Time window").select_option("7d")
    expect(page).to_have_url(re.compile(r"\?papers=paper2,paper1&window=7d$"))


def test_classify_page(site: Site, page: Page) -> None:
    page.goto(site.base + "/classify")
    page.get_by_label("Text to classify").fill("too short")
    page.get_by_role("button", name="Classify").click()
    expect(page.locator("#classify-result")).to_contain_text("at least")
    page.get_by_label("Text to classify").fill(
        "The striker scored twice as the champions won the cup final, and the coach praised "
        "the players after a season of league victories and a record number of goals."
    )
    page.get_by_role("button", name="Classify").click()
    expect(page.locator("#classify-verdict")).to_contain_text("sport")
    bars = page.wait_for_function(
        "() => { const gd = document.querySelector('#classify-chart .js-plotly-plot');"
        " return gd && gd.data && gd.data[0].y; }"
    ).json_value()
    assert len(bars) == 3 and bars[-1] == "sport"
    expect(page.locator("#classify-result .why-term").first).to_be_visible()


def test_model_page(site: Site, page: Page) -> None:
    page.goto(site.base + "/model")
    expect(page.locator("#model-accuracy")).to_contain_text("%")
    expect(page.locator("#model-classes")).to_contain_text("sport")
    expect(page.locator("#confusion-chart .js-plotly-plot")).to_be_visible()
    expect(page.locator("#model-versions")).to_contain_text("scikit-learn")


def test_navigation_offline_notice_and_phone_layout(site: Site, page: Page) -> None:
    page.goto(site.base + "/?papers=paper1")
    expect(page.locator("#freshness")).to_contain_text("Paper 1")
    page.get_by_role("link", name="Model").click()
    expect(page).to_have_url(site.base + "/model")
    expect(page.locator("#model-accuracy")).to_be_visible()
    banner = page.locator("#offline-banner")
    expect(banner).to_be_hidden()
    page.context.set_offline(True)
    expect(banner).to_be_visible()
    page.context.set_offline(False)
    expect(banner).to_be_hidden()
    page.set_viewport_size({"width": 390, "height": 844})
    # In-app navigation to an unknown path (a direct load answers 404: test_browser_views).
    page.evaluate(
        "history.pushState({}, '', '/nowhere'); dispatchEvent(new PopStateEvent('popstate'))"
    )
    expect(page.locator("#page")).to_contain_text("Page not found")
    toggler = page.get_by_role("button", name="Toggle navigation")
    expect(toggler).to_be_visible()
    toggler.click()
    expect(page.get_by_role("link", name="Classify your text")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
