"""In a real browser: the newspaper's label in the detail panel, "Wrong topic?" and model health."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from settings import BASE_DIR
from store import open_store
from tests.conftest import require
from tests.dashboard.live import chromium, chromium_available, console_errors, running_app
from tests.store.fixtures import make_article

pytestmark = pytest.mark.browser
expect.set_options(timeout=15_000)
TOKEN = "token-for-the-correction-form"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Page]]:
    """The app on a store of Guardian articles with the paper's labels, and one browser tab."""
    require(chromium_available(), "Chromium not found at /usr/bin/chromium")
    require((BASE_DIR / "pickles" / "model.json").is_file(), "no trained model in pickles/")
    tmp: Path = tmp_path_factory.mktemp("labels-app")
    database_url = f"sqlite:///{tmp / 'news.db'}"
    store = open_store(database_url)
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    records = [
        make_article(
            f"https://www.theguardian.com/business/{n}",
            title=f"Markets story {n}",
            published=now - timedelta(hours=5 * n),
            label="business" if n % 3 else "sport",
            section="business",
            section_label="business",
            coverage=0.7,
        )
        for n in range(12)
    ]
    store.save_source_result(store.start_refresh(["guardian"]), "guardian", records)
    env = {
        "DATABASE_URL": database_url,
        "VAR_DIR": str(tmp / "var"),
        "NLTK_DATA": os.environ.get("NLTK_DATA", str(BASE_DIR / "nltk_data")),
        "API_TOKEN": TOKEN,  # CORRECTIONS is left at its default: token
    }
    with running_app(env) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        errors = console_errors(tab)
        yield base, database_url, tab
        context.close()
        assert errors == [], f"browser console errors: {errors}"


def test_detail_panel_says_how_the_paper_files_it_and_takes_a_correction(
    app: tuple[str, str, Page],
) -> None:
    base, database_url, page = app
    page.goto(base + "/?papers=guardian")
    page.locator("#articles tbody tr [data-col=paper]").first.click()
    expect(page.locator("#detail-section")).to_contain_text(
        "The Guardian files this under Business"
    )
    page.get_by_text("Wrong topic?").click()
    expect(page.locator("#correction")).to_contain_text("need the API token")
    page.get_by_label("The right topic").select_option("politics")
    page.get_by_role("button", name="Save").click()  # without the token: refused, saying why
    expect(page.locator("#correction-feedback")).to_contain_text("Not saved")
    assert open_store(database_url).corrections() == []
    page.get_by_placeholder("API token").fill(TOKEN)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#correction-feedback")).to_contain_text("Thank you: saved as politics")
    [correction] = open_store(database_url).corrections()
    assert correction.label == "politics"


def test_model_page_shows_health_and_history(app: tuple[str, str, Page]) -> None:
    base, _, page = app
    page.goto(base + "/model")
    expect(page.locator("#health-agreement")).to_contain_text("%")
    expect(page.locator("#health-chart .js-plotly-plot")).to_be_visible()
    expect(page.locator("#health-papers")).to_contain_text("The Guardian")
    expect(page.locator("#health-live-model")).to_contain_text("shipped model")
    expect(page.locator("#model-health")).to_contain_text("No retraining yet")
