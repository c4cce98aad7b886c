"""The scheduled retrain: in the table only when RETRAIN_INTERVAL > 0, off the tick, skips."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

import pytest

from classifier import corpus as corpus_module
from classifier.registry import registry_for
from learning import RetrainReport
from learning.cycle import LABELS, unchanged_reason
from refresh import Services, retraining
from refresh.executors import RETRAIN_TASK, ProcessExecutor, ThreadExecutor
from refresh.retraining import retrain_now
from refresh.schedule import jobs
from runtime.services import build_services
from settings import get_settings
from store import ArticleQuery, Store, open_store
from tests.learning.conftest import add_labelled
from tests.learning.conftest import champion_dir as champion_dir
from tests.learning.conftest import nltk_corpora as nltk_corpora
from tests.learning.conftest import tiny_corpus as tiny_corpus
from tests.learning.conftest import tiny_corpus_dir as tiny_corpus_dir
from tests.refresh.processes import procfile_command, started, wait_for


@pytest.fixture
def services(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, champion_dir: Path, tiny_corpus_dir: Path
) -> Iterator[Services]:
    """A deployment on a SQLite store with the tiny corpus and champion, no Redis."""
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'news.db'}")
    monkeypatch.setenv("MODEL_DIR", str(champion_dir))
    monkeypatch.setenv("NEWS_TOPICS", "business,sport,tech")
    monkeypatch.setenv("NEWS_DATA_DIR", str(tmp_path / "no-outlets"))  # tiny corpus + store
    monkeypatch.setenv("NEWS_CORPUS", str(tiny_corpus_dir))
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("RETRAIN_INTERVAL", raising=False)
    yield build_services(executor=ThreadExecutor())


def _store(services: Services) -> Store:
    return open_store(services.settings.database_url)


def test_the_retrain_job_is_in_the_table_only_when_retrain_interval_is_positive(
    services: Services,
) -> None:
    settings = services.settings
    assert settings.retrain_interval == 86400  # daily by default
    [job] = [job for job in jobs(settings) if job.name == "retrain"]
    assert job.every_s == 86400
    assert "retrain" not in {job.name for job in jobs(replace(settings, retrain_interval=0))}


def test_a_scheduled_retrain_records_a_decision_then_skips_when_no_label_changed(
    services: Services,
) -> None:
    store = _store(services)
    add_labelled(store, per_label=30, old_share=0.0)
    report = retrain_now(services, folds=3)
    assert isinstance(report, RetrainReport)
    registry = registry_for(services.settings)
    [entry] = registry.history()
    assert entry["promoted"] == report.promoted and entry[LABELS] == store.label_stamp()

    assert retrain_now(services, folds=3) is None  # nothing new: skipped, nothing recorded
    assert len(registry.history()) == 1

    [article] = store.articles(ArticleQuery(limit=1)).items
    store.add_correction(article.id, "tech", article.model_version)
    assert unchanged_reason(registry, store.label_stamp()) is None  # a correction is news


def test_a_promotion_relabels_stored_articles_with_the_new_version(services: Services) -> None:
    store = _store(services)
    stored = add_labelled(store, per_label=30, old_share=0.0)
    report = retrain_now(services, folds=3)
    assert report is not None and report.promoted, report and report.reasons
    assert registry_for(services.settings).champion() == report.version
    assert report.relabelled == stored
    versions = {a.model_version for a in store.articles(ArticleQuery(limit=500)).items}
    assert versions == {report.version}


def test_an_idle_deployment_without_labels_is_skipped_before_training(
    services: Services,
) -> None:
    assert retrain_now(services, folds=3) is None
    assert registry_for(services.settings).history() == []


def test_without_a_local_corpus_the_job_logs_one_line_and_never_downloads(
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def no_internet(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the scheduled retrain tried to download the corpus")

    monkeypatch.setattr(corpus_module, "download_corpus", no_internet)
    missing = tmp_path / "missing" / "bbc-fulltext.zip"
    services = replace(services, settings=replace(services.settings, news_corpus=missing))
    add_labelled(_store(services), per_label=5)
    with caplog.at_level(logging.INFO, logger="refresh.retraining"):
        assert retrain_now(services) is None
    [line] = [r.getMessage() for r in caplog.records if r.name == "refresh.retraining"]
    assert line.startswith("retrain skipped: no BBC corpus at") and str(missing) in line
    assert registry_for(services.settings).history() == []


def test_the_job_returns_at_once_and_trains_on_a_background_thread(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_labelled(_store(services), per_label=30, old_share=0.0)
    [job] = [job for job in jobs(services.settings) if job.name == "retrain"]
    go = threading.Event()
    trainer: list[str] = []
    real = retraining.retrain_now

    def held(given: Services) -> object:
        trainer.append(threading.current_thread().name)
        go.wait()  # training cannot start until the job has returned
        return real(given)

    monkeypatch.setattr(retraining, "retrain_now", held)
    future = job.run(services)  # returns although training is held: it did not wait for it
    assert isinstance(future, Future) and not future.done()
    assert job.run(services) is None  # one retrain at a time in a process
    go.set()
    report = future.result(timeout=300)
    assert trainer == ["retrain"] and threading.current_thread().name != "retrain"
    assert isinstance(report, RetrainReport)
    assert len(registry_for(services.settings).history()) == 1


def test_without_redis_the_retrain_trains_in_a_child_process_not_the_web_process(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_labelled(_store(services), per_label=30, old_share=0.0)

    def not_here(_services: Services) -> object:
        raise AssertionError("the retrain ran in the calling process")

    monkeypatch.setattr(retraining, "retrain_now", not_here)
    future = ProcessExecutor().retrain(services)
    assert isinstance(future, Future)
    assert future.result(timeout=300) == 0
    [entry] = registry_for(services.settings).history()
    assert entry[LABELS] == _store(services).label_stamp()


def test_a_retrain_child_that_fails_fails_its_future_saying_how(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://nobody@127.0.0.1:1/none")  # the child's store
    future = ProcessExecutor().retrain(services)
    assert isinstance(future, Future)
    with pytest.raises(RuntimeError, match="exit code 1"):
        future.result(timeout=120)


def test_with_redis_the_worker_beat_claims_the_job_and_the_worker_retrains(
    tmp_path: Path, redis_url: str, queue: str, champion_dir: Path, tiny_corpus_dir: Path
) -> None:
    database_url = f"sqlite:///{tmp_path / 'news.db'}"
    add_labelled(open_store(database_url), per_label=30, old_share=0.0)
    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "REFRESH_QUEUE": queue,
        "VAR_DIR": str(tmp_path / "var"),
        "MODEL_DIR": str(champion_dir),
        "NEWS_TOPICS": "business,sport,tech",
        "NEWS_CORPUS": str(tiny_corpus_dir),
        "NEWS_DATA_DIR": str(tmp_path / "no-outlets"),
        "NEWS_SOURCES": str(tmp_path / "no-sources.toml"),
        "REFRESH_INTERVAL": "0",
        "RETENTION_DAYS": "0",
        "RETRAIN_INTERVAL": "3600",
        "NLTK_DATA": os.environ.get("NLTK_DATA", ""),
    }
    registry = registry_for(replace(get_settings(), var_dir=tmp_path / "var"))
    with started(procfile_command("worker"), env, tmp_path / "worker.log") as worker:
        [entry], seconds = wait_for(lambda: registry.history() or None, 180, "a retrain", worker)
        log = worker.tail(200_000)
        assert f"Task {RETRAIN_TASK}" in log  # its own task, not the tick
        assert "Context impl" not in log and "setup plugin" not in log  # no alembic chatter
    print(f"\nCelery worker: scheduled retrain recorded after {seconds:.1f} s")
    assert entry[LABELS]["labelled"] == 240
