"""The Refresh button: scrape the selected newspapers as a background job with progress."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html

from classifier import ModelError
from scraper import ScrapeReport, SourcesError, load_sources, scrape
from store import StoreError

SetProgress = Callable[[tuple[int, int, str]], None]
_POLL_MS = 500


def _notice(report: ScrapeReport) -> dbc.Alert:
    failures = [result for result in report.sources if result.error]
    stored = sum(len(result.articles) for result in report.sources)
    if not failures:
        return dbc.Alert(
            f"Refreshed: {stored} articles stored.",
            color="success",
            duration=6000,
            dismissable=True,
        )
    items = [html.Li([html.Strong(result.name), f": {result.error}"]) for result in failures]
    return dbc.Alert(
        [
            html.P(
                f"{len(failures)} of {len(report.sources)} newspapers could not be refreshed; "
                "the others were. The charts show what is stored.",
                className="mb-1",
            ),
            html.Ul(items, className="mb-0"),
        ],
        color="warning",
        dismissable=True,
        id="refresh-failures",
    )


def run_refresh(
    set_progress: SetProgress, _clicks: int | None, papers: list[str] | None
) -> tuple[Any, float | None]:
    """Scrape ``papers`` reporting articles done / total; return a notice and a done stamp."""
    papers = list(papers or [])
    if not papers:
        return dbc.Alert("Pick at least one newspaper to refresh.", color="info"), None

    def progress(done: int, total: int, _message: str) -> None:
        set_progress((done, max(total, 1), f"{done} / {total} articles"))

    set_progress((0, 1, "starting…"))
    try:
        configured = {source.id for source in load_sources()}
        papers = [paper for paper in papers if paper in configured]  # archive-only: never
        if not papers:
            return dbc.Alert("Archive-only newspapers are never scraped.", color="info"), None
        report = scrape(papers, progress=progress)
    except (SourcesError, StoreError, ModelError) as exc:
        return dbc.Alert(f"Refresh failed: {exc}", color="danger", dismissable=True), None
    return _notice(report), time.time()


def register(app: Dash) -> None:
    """Attach the Refresh background callback to ``app``."""
    app.callback(
        Output("refresh-alert", "children"),
        Output("refresh-done", "data"),
        Input("refresh", "n_clicks"),
        State("papers", "value"),
        background=True,
        running=[
            (Output("refresh", "disabled"), True, False),
            (Output("refresh-progress-wrap", "className"), "mt-2", "mt-2 d-none"),
        ],
        progress=[
            Output("refresh-progress", "value"),
            Output("refresh-progress", "max"),
            Output("refresh-progress", "label"),
        ],
        interval=_POLL_MS,
        prevent_initial_call=True,
    )(run_refresh)
