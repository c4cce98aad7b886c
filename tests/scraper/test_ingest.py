"""End to end into a real store (SQLite and PostgreSQL): stored once, updated on re-scrape."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from classifier import TopicModel
from refresh.ingest import scrape
from runtime.services import build_services
from scraper import SourcesError
from store import ArticleQuery, Store, open_store
from tests.newsserver import Item, NewsServer
from tests.scraper.conftest import Refresh


def _stored(store: Store) -> dict[str, tuple[str, str, str]]:
    page = store.articles(ArticleQuery(limit=500))
    return {a.url: (a.source_id, a.title, a.text_source) for a in page.items}


def test_articles_are_classified_and_stored(
    news: NewsServer, refresh: Refresh, store: Store
) -> None:
    news.fault(news.feed_url("paper3"), statuses=(403,))
    news.fault(news.article_url("paper2", 0), statuses=(403,))
    report = refresh(store=store)
    stored = store.articles(ArticleQuery(limit=500)).items
    assert len(stored) == 6 == len(report.articles)
    assert {a.source_id for a in stored} == {"paper1", "paper2"}
    assert all(a.model_version == report.articles[0].model_version for a in stored)
    assert all(abs(sum(a.probabilities.values()) - 1) < 1e-6 for a in stored)
    summary_only = [a for a in stored if a.text_source == "summary"]
    assert [a.url for a in summary_only] == [news.article_url("paper2", 0)]
    (run,) = store.recent_refreshes(1)
    assert run.id == report.refresh_id and run.status == "partial"
    errors = {s.source_id: s.error for s in run.sources}
    assert errors == {"paper1": None, "paper2": None, "paper3": "HTTP 403"}


def test_rescrape_updates_instead_of_duplicating(
    news: NewsServer, refresh: Refresh, store: Store
) -> None:
    refresh(store=store)
    first = _stored(store)
    items = news.items("paper1")
    news.set_items(
        "paper1",
        [
            Item(
                "A corrected headline",
                items[0].link + "?utm_source=x",
                items[0].summary,
                items[0].published,
            ),
            *items[1:],
        ],
    )
    refresh(store=store)
    second = _stored(store)
    assert len(first) == len(second) == 9
    assert second[news.article_url("paper1", 0)][1] == "A corrected headline"


def test_concurrent_refreshes_do_not_duplicate(
    news: NewsServer, refresh: Refresh, store: Store, model: TopicModel
) -> None:
    refresh(store=store)  # also points NEWS_SOURCES at the fake papers for the runs below
    with ThreadPoolExecutor(2) as pool:
        services = build_services(store=store, model=model)
        runs = [pool.submit(scrape, services) for _ in range(2)]
        reports = [r.result() for r in runs]
    assert all(r.ok for r in reports)
    assert len(_stored(store)) == 9


def test_unknown_source_ids_are_refused(news: NewsServer, refresh: Refresh) -> None:
    refresh()
    with pytest.raises(SourcesError, match="unknown source 'nope'"):
        scrape(build_services(), ["paper1", "nope"])


def test_real_pages_are_extracted_through_the_pipeline(
    fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: TopicModel
) -> None:
    with NewsServer(sources=2, articles=3, fixture_pages=fixtures_dir / "articles" / "uk") as news:
        monkeypatch.setenv("NEWS_SOURCES", str(news.write_sources(tmp_path / "s.toml")))
        store = open_store(f"sqlite:///{tmp_path / 'n.db'}")
        report = scrape(build_services(store=store, model=model))
    assert report.ok and len(report.articles) == 6
    assert {a.text_source for a in report.articles} == {"page"}
    assert all(len(a.text) > 500 for a in report.articles)
    assert all(a.label in (*model.labels, "other") for a in report.articles)
