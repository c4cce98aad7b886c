"""Callbacks of the main view: selection → charts, freshness, table; search; CSV; detail."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Dash, Input, Output, Patch

from dashboard.data import load_view, paper_names
from dashboard.detail import article_detail, detail_hint
from dashboard.figures import counts_figure, history_figure, message_figure, share_figure
from dashboard.freshness import freshness_badges
from dashboard.papers import papers_search
from dashboard.table import article_row
from scraper import SourcesError
from store import StoreError

ViewOutputs = tuple[go.Figure, go.Figure, go.Figure, list[dict[str, Any]], Any, Any, str]

_NO_PAPERS = "Pick at least one newspaper above to see what it is writing about."
_NO_ARTICLES = (
    "No articles stored yet for these newspapers. Press Refresh to fetch the latest ones."
)


def _message_outputs(message: str, notice: Any, search: str) -> ViewOutputs:
    return (
        message_figure(message, "Articles per category"),
        message_figure(message, "Category share"),
        message_figure(message, "Category mix over time"),
        [],
        None,
        notice,
        search,
    )


def update_view(papers: list[str] | None, _refreshed: object) -> ViewOutputs:
    """Everything the selection shows, read from the store, plus the URL that selects it."""
    papers = list(papers or [])
    search = papers_search(papers)
    if not papers:
        return _message_outputs(_NO_PAPERS, dbc.Alert(_NO_PAPERS, color="info"), search)
    try:
        names = paper_names()
        view = load_view(papers)
    except (StoreError, SourcesError) as exc:
        notice = dbc.Alert(f"The articles cannot be read right now: {exc}", color="danger")
        return _message_outputs("The article store is unavailable.", notice, search)
    freshness = freshness_badges(papers, names, view.refreshed, datetime.now(UTC))
    if not view.articles:
        return (
            *_message_outputs(_NO_ARTICLES, dbc.Alert(_NO_ARTICLES, color="info"), search)[:4],
            freshness,
            dbc.Alert(_NO_ARTICLES, color="info", id="empty-articles"),
            search,
        )
    counts = {paper: view.counts.get(paper, {}) for paper in papers}
    return (
        counts_figure(counts, names),
        share_figure(counts),
        history_figure(view.history),
        [article_row(article, names) for article in view.articles],
        freshness,
        None,
        search,
    )


def quick_search(text: str | None) -> Patch:
    """Filter the table to rows containing ``text`` anywhere."""
    patch = Patch()
    patch["quickFilterText"] = text or ""
    return patch


def export_csv(clicks: int | None) -> bool:
    """Ask the grid to download its (filtered, sorted) rows as CSV."""
    return bool(clicks)


def show_detail(rows: list[dict[str, Any]] | None) -> Any:
    """The detail card of the selected article, or the hint to select one."""
    if not rows:
        return detail_hint()
    return article_detail(rows[0])


def register(app: Dash) -> None:
    """Attach the main view's callbacks to ``app``."""
    app.callback(
        Output("counts-chart", "figure"),
        Output("share-chart", "figure"),
        Output("history-chart", "figure"),
        Output("articles", "rowData"),
        Output("freshness", "children"),
        Output("empty-state", "children"),
        Output("papers-url", "search"),
        Input("papers", "value"),
        Input("refresh-done", "data"),
        prevent_initial_call=True,  # the router renders the page already filled in
    )(update_view)
    app.callback(
        Output("articles", "dashGridOptions"),
        Input("quick-search", "value"),
        prevent_initial_call=True,
    )(quick_search)
    app.callback(
        Output("articles", "exportDataAsCsv"),
        Input("export-csv", "n_clicks"),
        prevent_initial_call=True,
    )(export_csv)
    app.callback(Output("article-detail", "children"), Input("articles", "selectedRows"))(
        show_detail
    )
