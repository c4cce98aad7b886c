"""Requesting and running refreshes in-process: progress in articles, failure, the API's 202."""

from __future__ import annotations

import itertools
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask import Flask

from api import init_app
from classifier import ModelError, TopicModel
from refresh import Services, request, run_refresh, status
from refresh.executors import ThreadExecutor
from refresh.schedule import Job, refresh_all, run_due
from runtime.services import build_services
from store import ArticleQuery, RefreshRecord, Store, open_store
from tests.newsserver import NewsServer
from tests.store.fixtures import make_article
from views.services import install

TOKEN = "token-for-refresh-tests"


@pytest.fixture
def services(
    news: NewsServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: TopicModel
) -> Services:
    """Services on the fake papers and a SQLite store, refreshes on threads."""
    monkeypatch.setenv("NEWS_SOURCES", str(news.write_sources(tmp_path / "sources.toml")))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'news.db'}")
    monkeypatch.setenv("API_TOKEN", TOKEN)
    monkeypatch.delenv("REDIS_URL", raising=False)
    return build_services(model=model, executor=ThreadExecutor())


def _finished(services: Services, refresh_id: int, timeout: float = 30) -> RefreshRecord:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        record = status(services, refresh_id)
        if record is not None and not record.active:
            return record
        time.sleep(0.1)
    raise AssertionError(f"refresh {refresh_id} still running after {timeout} s")


def test_progress_counts_articles_never_feeds_and_never_goes_back(
    services: Services, news: NewsServer
) -> None:
    seen: list[tuple[int, int]] = []
    ticket = request(services, None, submit=False)
    report = run_refresh(services, ticket.refresh_id, progress=lambda d, t, _m: seen.append((d, t)))
    assert report is not None and report.ok
    articles = sum(len(news.items(sid)) for sid in news.source_ids)
    assert seen[-1] == (articles, articles)
    assert all(d1 <= d2 and t1 <= t2 for (d1, t1), (d2, t2) in itertools.pairwise(seen))
    assert all(done <= total for done, total in seen)
    record = services.store.refresh(ticket.refresh_id)
    assert (
        record is not None
        and record.state == "done"
        and (record.done, record.total)
        == (
            articles,
            articles,
        )
    )
    assert run_refresh(services, ticket.refresh_id) is None  # a refresh runs once


def test_a_refresh_gives_articles_of_an_older_model_the_live_models_labels(
    services: Services,
) -> None:
    text = "The central bank raised interest rates as inflation and share prices rose."
    (old,) = services.store.save_archive(
        [make_article("https://old.example/a", title="Rates rise", text=text,
                      label="tech", confidence=0.99, model_version="older-model")]
    )  # fmt: skip
    ticket = request(services, None, submit=False)
    assert run_refresh(services, ticket.refresh_id) is not None
    stored = services.store.article(old.id)
    (expected,) = services.model.predict(["Rates rise\n" + text])
    assert stored is not None and stored.model_version == services.model.version
    assert (stored.label, round(stored.confidence, 6)) == (
        expected.label, round(expected.confidence, 6)
    )  # fmt: skip


def test_a_refresh_that_cannot_run_reads_failed_with_the_reason(
    services: Services, tmp_path: Path
) -> None:
    def no_model() -> TopicModel:
        raise ModelError("no model in /nowhere")

    broken = Services(**{**services.__dict__, "models": no_model})
    ticket = request(broken, ["paper1"], submit=False)
    with pytest.raises(ModelError):
        run_refresh(broken, ticket.refresh_id)
    record = status(broken, ticket.refresh_id)
    assert (
        record is not None and record.state == "failed" and record.error == "no model in /nowhere"
    )
    assert request(broken, ["paper1"], submit=False).created  # the paper is free again


def test_api_answers_202_and_the_refresh_can_be_watched(
    services: Services, news: NewsServer
) -> None:
    server = Flask("refresh-api-test")
    server.config["RATELIMIT_KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    install(server, services)
    init_app(server)
    client = server.test_client()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with ThreadPoolExecutor(2) as pool:
        answers = list(
            pool.map(
                lambda _: client.post(
                    "/api/v1/refresh", json={"sources": ["paper1"]}, headers=auth
                ),
                range(2),
            )
        )
    assert [a.status_code for a in answers] == [202, 202]
    ids = {a.get_json()["refresh_id"] for a in answers}
    assert len(ids) == 1, "two requests at once must give one refresh"
    (refresh_id,) = ids
    assert answers[0].headers["Location"] == f"/api/v1/refreshes/{refresh_id}"
    _finished(services, refresh_id)
    body = client.get(f"/api/v1/refreshes/{refresh_id}").get_json()
    assert body["status"] == "done" and body["outcome"] == "ok"
    assert body["progress"] == {"done": 4, "total": 4}
    assert [r["newspaper"] for r in body["results"]] == ["paper1"]
    assert body["results"][0]["stored"] == 4
    assert client.get("/api/v1/refreshes/99999").status_code == 404


def test_api_names_every_refresh_covering_the_papers_asked_for(
    services: Services, news: NewsServer
) -> None:
    held = request(services, ["paper1"], submit=False)  # paper1 is already being refreshed
    server = Flask("refresh-api-test")
    server.config["RATELIMIT_KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    install(server, services)
    init_app(server)
    client = server.test_client()
    answer = client.post("/api/v1/refresh", json={}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 202
    body = answer.get_json()
    new = body["refresh_id"]
    assert new != held.refresh_id and not body["joined"]
    assert answer.headers["Location"] == body["status_url"] == f"/api/v1/refreshes/{new}"
    parts = {part["refresh_id"]: part for part in body["refreshes"]}
    assert parts[held.refresh_id]["newspapers"] == ["paper1"] and parts[held.refresh_id]["joined"]
    assert parts[new]["newspapers"] == ["paper2", "paper3"] and not parts[new]["joined"]
    assert parts[held.refresh_id]["status_url"] == f"/api/v1/refreshes/{held.refresh_id}"
    _finished(services, new)
    services.store.fail_refresh(held.refresh_id, "test over")


def test_scheduled_refresh_and_a_rerun_store_each_article_once(
    services: Services, news: NewsServer
) -> None:
    assert "refresh" in run_due(services, _refresh_only(services))
    first = _finished(services, services.store.latest_refreshes(1)[0].id)
    assert first.trigger == "schedule" and first.status == "ok"
    assert run_due(services, _refresh_only(services)) == []  # not due again yet
    second = request(services, None)
    _finished(services, second.refresh_id)
    store: Store = open_store(services.settings.database_url)
    urls = [a.url for a in store.articles(ArticleQuery(limit=500)).items]
    assert len(urls) == len(set(urls)) == 12


def _refresh_only(services: Services) -> tuple[Job, ...]:
    return (Job("refresh", 3600, refresh_all),)
