"""The main view's read path: window, cache per data version, paged rows, small responses."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from plotly.utils import PlotlyJSONEncoder

from dashboard.pages.main import view as main_view
from dashboard.pages.main.callbacks import select, show_page
from dashboard.pages.main.rows import rows_page
from dashboard.pages.main.view import export_href
from runtime.services import build_services, sources_of, store_of
from tests.dashboard.seed import seed
from tests.store.fixtures import make_article
from views.cache import init_cache, random_prefix
from views.services import install

PAPERS = [source.id for source in sources_of()]


def _size(value: Any) -> int:
    return len(json.dumps(value, cls=PlotlyJSONEncoder).encode())


def _rows(query: dict[str, Any], page: int = 0, sort: str = "published", desc: bool = True) -> Any:
    return rows_page(query, {"sort": sort, "desc": desc, "page": page})


def test_main_callback_answers_under_50_kb_with_eleven_papers_and_500_articles(app: Flask) -> None:
    assert len(PAPERS) == 11
    seed(store_of(), PAPERS, 500)
    *outputs, query, first = select(PAPERS, "24h", None)
    assert _size(outputs) <= 50_000, _size(outputs)
    assert first["query"] == query and _size(first) <= 50_000, _size(first)
    block = _rows(query)
    assert len(block["rows"]) == 50 and block["total"] == 500
    assert not {"text", "summary", "probabilities"} & set(block["rows"][0])
    assert first["html"].count("<tr data-id=") == 50 and "1–50 of 500 articles" in first["html"]
    last = _rows(query, 9)
    assert len(last["rows"]) == 50 and last["page"] == 9
    assert _rows(query, 12)["page"] == 9  # a page past the end is the last page
    asked = {"query": query, "state": {"sort": "published", "desc": True, "page": 9}, "key": "k"}
    answer = show_page(asked)
    assert answer["key"] == "k" and "451–500 of 500 articles" in answer["html"]


def test_a_malformed_table_request_lists_nothing_instead_of_failing(app: Flask) -> None:
    seed(store_of(), ["guardian"], 5)
    for wanted in (["x"], {"query": "x", "state": 3}, {"query": {"papers": 7}, "key": 1},
                   {"query": {"papers": ["guardian"], "since": "not a time"},
                    "state": {"sort": ["x"], "desc": "yes", "page": "9e9"}}):  # fmt: skip
        answer = show_page(wanted)  # type: ignore[arg-type]
        assert isinstance(answer["key"], str)
        assert "No articles to show." in answer["html"] or "<tr data-id=" in answer["html"]


def test_window_decides_what_is_counted_and_listed(app: Flask) -> None:
    now = datetime.now(UTC)
    seed(store_of(), ["guardian", "bbc"], 20, hours=10, now=now)
    seed(
        store_of(),
        ["guardian"],
        5,
        hours=1,
        now=now - timedelta(days=3),
        prefix="https://old.example",
    )
    day = main_view.build_view(["guardian", "bbc"], "24h")
    week = main_view.build_view(["guardian", "bbc"], "7d")
    assert _rows(day.query)["total"] == 20
    assert _rows(week.query)["total"] == 25
    assert "seg" in json.dumps(day.compare) and "seg" in json.dumps(week.compare)
    assert day.search == "?papers=guardian,bbc" and week.search == "?papers=guardian,bbc&window=7d"
    quiet = main_view.build_view(["guardian"], "24h", now + timedelta(days=5))
    assert "15 older ones are stored" in json.dumps(quiet.notice, cls=PlotlyJSONEncoder)


def test_legend_names_the_topics_the_model_has_not_learnt(app: Flask) -> None:
    seed(store_of(), ["guardian"], 5)
    legend = main_view.build_view(["guardian"], "24h").legend
    # The shipped model refuses science and health: their absence is the model's, not the news'.
    assert "Not learnt yet: science, health" in legend and "legend-note" in legend


def test_view_is_cached_until_the_data_changes(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    store = store_of()
    seed(store, ["guardian", "bbc"], 30)
    calls: list[int] = []
    real = main_view.load_view

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(main_view, "load_view", counting)
    first = main_view.build_view(["guardian", "bbc"], "24h")
    again = main_view.build_view(["guardian", "bbc"], "24h")
    assert len(calls) == 1 and again.version == first.version
    refresh = store.start_refresh(["bbc"])
    store.save_source_result(refresh, "bbc", [make_article("https://bbc.example/new", "bbc")])
    changed = main_view.build_view(["guardian", "bbc"], "24h")
    assert len(calls) == 2 and changed.version != first.version


def test_a_selection_reads_the_data_version_once_and_its_first_page_follows_new_data(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = store_of()
    seed(store, ["guardian", "bbc"], 30)
    select(["guardian", "bbc"], "24h", None)  # warm: the answer below comes from the cache
    versions: list[int] = []
    real = type(store).data_version

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        versions.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(store), "data_version", counting)
    *_, query, first = select(["guardian", "bbc"], "24h", None)
    assert len(versions) == 1 and first["query"] == query
    assert "https://bbc.example/new" not in first["html"]
    refresh = store.start_refresh(["bbc"])
    published = datetime.now(UTC) - timedelta(minutes=1)
    new = make_article("https://bbc.example/new", "bbc", published=published)
    store.save_source_result(refresh, "bbc", [new])
    *_, changed, fresh = select(["guardian", "bbc"], "24h", None)
    assert changed["version"] != query["version"]
    assert "https://bbc.example/new" in fresh["html"]


def test_rows_follow_the_chart_filter_search_and_sort(app: Flask) -> None:
    seed(store_of(), ["guardian", "bbc"], 60)
    base = main_view.build_view(["guardian", "bbc"], "24h").query
    sport = {**base, "topic": "sport", "paper": "bbc", "search": ""}
    href = export_href(sport)
    rows = _rows(sport)["rows"]
    assert rows and {row["label"] for row in rows} == {"sport"}
    assert {row["paper"] for row in rows} == {"BBC News"}
    assert "category=sport" in href and "newspaper=bbc" in href and "since=" in href
    found = {**base, "search": "Champions"}
    titles = [row["title"] for row in _rows(found)["rows"]]
    assert titles and all("Champions" in title for title in titles)
    by_title = _rows(base, sort="title", desc=False)["rows"]
    assert [row["title"] for row in by_title] == sorted(row["title"] for row in by_title)


def test_redis_cache_serves_the_view_when_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from tests.conftest import require

    url = os.environ.get("TEST_REDIS_URL", "")
    require(url, "TEST_REDIS_URL is not set")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'news.db'}")
    server = Flask("redis-view-test")
    init_cache(server, url, prefix=random_prefix())
    install(server, build_services())
    with server.test_request_context():
        seed(store_of(), ["guardian", "bbc"], 20)
        first = main_view.build_view(["guardian", "bbc"], "24h")
        monkeypatch.setattr(main_view, "load_view", lambda *a, **k: pytest.fail("not cached"))
        again = main_view.build_view(["guardian", "bbc"], "24h")
        assert again.version == first.version
