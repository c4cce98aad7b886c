"""Bad input and missing parts become a one-line notice on the page, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from dash import html
from plotly.utils import PlotlyJSONEncoder

from dashboard.pages.classify import page as classify
from dashboard.pages.main.callbacks import select
from dashboard.pages.main.refresh import _notice
from dashboard.pages.model import page as model
from dashboard.router import render_page
from store import RefreshRecord, SourceResult
from tests.conftest import DEAD_DATABASE, serving, settings_with


def _text(component: object) -> str:
    return json.dumps(component, cls=PlotlyJSONEncoder)


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Path]:
    """Settings pointing at an empty model folder and a store that cannot be opened."""
    config = settings_with(
        model_dir=tmp_path / "no-model", database_url=DEAD_DATABASE, var_dir=tmp_path
    )
    with serving(settings=config):
        yield tmp_path


def test_model_page_without_a_model_says_so(env: Path) -> None:
    text = _text(model.layout())
    assert "The model is not available" in text


def test_classify_without_a_model_or_with_too_little_text(env: Path) -> None:
    assert "at least 20 characters" in _text(classify.classify(1, "  short  "))
    assert "The model is not available" in _text(classify.classify(1, "x" * 40))


def test_classify_says_how_much_of_the_text_the_model_knows() -> None:
    news = "The chancellor raised interest rates as shares fell on the stock market today."
    modern = "Crypto influencers livestream TikTok metaverse NFT drops via blockchain wallets."
    with serving():
        assert "The model knows 100% of the words" in _text(classify.classify(1, news))
        text = _text(classify.classify(1, modern))
    assert "never saw in its training news" in text and "warning" in text


def test_classify_and_model_pages_describe_the_model_as_shipped() -> None:
    with serving():
        intro = _text(render_page("/classify", None))
        page = model.layout()
    assert "The model knows business, crime, entertainment" in intro and "2005" not in intro
    # The shipped model lacks science and health: the page must not promise 'other' for them.
    assert "It has not learnt science or health yet" in intro and "nearest topic" in intro
    assert "among its own five topics" in _text(page)
    assert "5 nearest known words in meaning" in _text(page)  # the training's smoothing
    # The BBC holdout has no crime or world article: no row of zeros for them.
    assert _row_names(_find(page, "model-classes")) == [
        "business", "entertainment", "politics", "sport", "tech"
    ]  # fmt: skip


def _find(component: Any, wanted: str) -> Any:
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        found = _find(child, wanted) if child is not None else None
        if found is not None:
            return found
    return None


def _row_names(table: Any) -> list[str]:
    _head, body = table.children
    return [row.children[0].children for row in body.children]


def test_unreachable_store_is_a_notice_and_message_charts(env: Path) -> None:
    drawn, notice, search, query, first = select(["elpais"], "7d", None)
    assert "The articles cannot be read right now" in _text(notice)
    assert "unavailable" in drawn["compare-chart"]
    assert search == "?papers=elpais&window=7d"
    assert query["papers"] == ["elpais"]
    assert "No articles to show." in first["html"] and "<tr data-id=" not in first["html"]


def test_no_selection_asks_for_a_newspaper(env: Path) -> None:
    _, notice, search, *_ = select([], None, None)
    assert "Pick at least one newspaper" in _text(notice)
    assert search == "?papers="


def _result(error: str | None, source_id: str = "guardian") -> SourceResult:
    now = datetime.now(UTC)
    return SourceResult(source_id, found=2, stored=0 if error else 2, error=error,
                        duration_s=0.1, finished_at=now)  # fmt: skip


def _record(*results: SourceResult, **fields: Any) -> RefreshRecord:
    ids = tuple(result.source_id for result in results)
    return RefreshRecord(1, datetime.now(UTC), None, ids, "ok", results, **fields)


def test_refresh_notice_lists_each_failed_newspaper() -> None:
    record = _record(
        _result(None), _result("HTTP 503", "bbc"), _result("timeout after 10 s", "sky")
    )
    text = _text(_notice(record, {"bbc": "BBC News"}))
    assert "2 of 3 newspapers could not be refreshed" in text
    assert "HTTP 503" in text and "timeout after 10 s" in text and "BBC News" in text
    assert "Refreshed: 2 articles stored." in _text(_notice(_record(_result(None)), {}))


def test_refresh_whose_worker_died_says_why() -> None:
    record = _record(state="failed", error="the worker stopped (no heartbeat for 60 s)")
    assert "Refresh failed: the worker stopped" in _text(_notice(record, {}))


def test_refresh_where_every_paper_failed_names_the_cause_and_the_fix() -> None:
    dns = "connection failed (Failed to resolve 'www.bbc.co.uk' (Name or service not known))"
    record = _record(_result(dns, "bbc"), _result(dns, "guardian"), _result("HTTP 403", "sky"))
    text = _text(_notice(record, {"bbc": "BBC News"}))
    assert "All 3 newspapers failed: no network or DNS" in text
    assert "can resolve names (DNS)" in text  # what to do
    assert "BBC News" in text and "HTTP 403" in text  # and still each paper's own reason
    assert "the others were" not in text
    details = _notice(record, {}).children[-1]
    assert isinstance(details, html.Details) and not getattr(details, "open", False)  # closed
