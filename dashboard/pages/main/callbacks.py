"""Callbacks of the main view: selection → view; chart clicks → table filter; rows; detail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dash import ALL, Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from dashboard.layout import ARIA_HIDDEN
from dashboard.pages.main.data import current_store, paper_names
from dashboard.pages.main.detail import article_detail, detail_hint, model_or_none
from dashboard.pages.main.table import BLOCK_ROWS, article_row, sort_of
from dashboard.pages.main.view import build_view
from scraper import SourcesError
from store import Listing, StoreError, StoreQueryError
from views.cache import cache_key, cached
from views.window import DEFAULT_WINDOW, WINDOWS

_GRID_QUERY = """function (base, chosen, search) {
  // What the table lists: the view's query, the chart filter and the search (no round trip).
  const query = Object.assign({}, base || {});
  chosen = chosen || {};
  if (chosen.topic) query.topic = chosen.topic;
  if (chosen.paper && (query.papers || []).includes(chosen.paper)) query.paper = chosen.paper;
  query.search = (search || "").trim().slice(0, 200);
  const params = new URLSearchParams();
  (query.paper ? [query.paper] : query.papers || []).forEach(p => params.append("newspaper", p));
  if (query.since) params.append("since", query.since);
  if (query.topic) params.append("category", query.topic);
  return [query, "/api/v1/articles.csv?" + params.toString()];
}"""
"""Mirrors ``main_view.export_href`` for the CSV link (tests check both give the same link)."""

_SET_FILTER = """function (hash, legend, clearTopic, clearPaper, current) {
  // The table's chart filter after a segment link (#f=paper:topic), legend topic or chip click;
  // the hash is cleared so the same segment filters again (dashboard.pages.main.bars.filter_hash).
  const skip = window.dash_clientside.no_update;
  const fired = (window.dash_clientside.callback_context.triggered || [])[0];
  if (!fired) return [skip, skip];
  const id = fired.prop_id.slice(0, fired.prop_id.lastIndexOf("."));
  const chosen = Object.assign({}, current || {});
  if (id === "clear-topic") {
    delete chosen.topic;
  } else if (id === "clear-paper") {
    delete chosen.paper;
  } else if (id === "filter-url") {
    const found = /^#f=([^:]*):(.+)$/.exec(hash || "");
    if (!found) return [skip, skip];
    const paper = decodeURIComponent(found[1]);
    chosen.topic = decodeURIComponent(found[2]);
    if (paper) chosen.paper = paper; else delete chosen.paper;
  } else if (id.startsWith("{") && fired.value) {
    chosen.topic = JSON.parse(id).topic;
  } else {
    return [skip, skip];
  }
  if (!id.startsWith("clear-")) {
    // The filtered table may be out of sight (below the charts on a 1440x900 screen).
    const table = document.getElementById("articles-card");
    if (table) table.scrollIntoView({block: "start"});
  }
  return [chosen, ""];
}"""

_CLOSE_DETAIL = """function (query) { return false; }"""

_PURGE_GRID = """function (query) {
  const api = window.dash_ag_grid && dash_ag_grid.getApi('articles');
  if (api) { api.deselectAll(); api.purgeInfiniteCache(); }
  return Date.now();
}"""


def update_view(
    papers: list[str] | None, window: str | None, _refreshed: object
) -> tuple[Any, ...]:
    """Charts, stories, freshness, notices, URL and data version of a selection and window."""
    view = build_view(papers, window if window in WINDOWS else DEFAULT_WINDOW)
    return (
        view.compare,
        view.legend,
        view.history,
        view.stories,
        view.freshness,
        view.notice,
        view.search,
        view.query,
    )


def show_chips(chosen: dict[str, Any] | None, papers: list[str] | None) -> tuple[Any, ...]:
    """The visible, clearable chips of the chart filter."""
    chosen = chosen or {}
    topic = chosen.get("topic")
    paper = chosen.get("paper") if chosen.get("paper") in (papers or []) else None
    try:
        name = paper_names(current_store()).get(paper, paper) if paper else None
    except (SourcesError, StoreError):
        name = paper
    hidden, shown = "filter-chip me-2 d-none", "filter-chip me-2"
    return (
        [f"Topic: {topic} ", _x()] if topic else "",
        shown if topic else hidden,
        {"aria-label": f"Remove the topic filter {topic}"} if topic else {},
        [f"Newspaper: {name} ", _x()] if name else "",
        shown if name else hidden,
        "small text-muted me-2" + ("" if topic or name else " d-none"),
    )


def _x() -> Any:
    return html.Span("×", className="ms-1", **ARIA_HIDDEN)


def _listing(query: dict[str, Any], request: dict[str, Any]) -> Listing:
    start = max(0, int(request.get("startRow") or 0))
    end = int(request.get("endRow") or start + BLOCK_ROWS)
    sort, descending = sort_of(request.get("sortModel"))
    since = query.get("since")
    papers = [query["paper"]] if query.get("paper") else list(query.get("papers") or [])
    return Listing(
        newspapers=papers,
        since=datetime.fromisoformat(since.replace("Z", "+00:00")) if since else None,
        label=query.get("topic") or None,
        search=query.get("search") or None,
        sort=sort,
        descending=descending,
        offset=start,
        limit=max(1, min(end - start, 500)),
    )


def get_rows(request: dict[str, Any] | None, query: dict[str, Any] | None) -> dict[str, Any]:
    """One block of table rows from the store, as ag-grid's infinite row model asks for it.

    Only a real block request is answered: dash-ag-grid hands any answer to the block it is
    waiting for, so an answer to "no request" (Dash's initial call) reached the first block as
    "0 rows", and after a count of 0 dash-ag-grid defers the next answer on a timer that its
    own effect clean-up cancels: the table stayed blank (issue 15).
    """
    if not request:
        raise PreventUpdate
    if not query or not query.get("papers"):
        return {"rowData": [], "rowCount": 0}
    try:
        listing = _listing(query, request)
        key = cache_key(
            "rows", query, listing.sort, listing.descending, listing.offset, listing.limit
        )

        def build() -> dict[str, Any]:
            store = current_store()
            names = paper_names(store)
            model = model_or_none()
            cut = model.threshold if model is not None else None
            rows = [article_row(row, names, cut) for row in store.listing(listing)]
            block: dict[str, Any] = {"rowData": rows}
            if len(rows) < listing.limit:
                block["rowCount"] = listing.offset + len(rows)
            return block

        return cached(key, build)
    except (StoreError, StoreQueryError, SourcesError, ValueError):
        return {"rowData": [], "rowCount": 0}


def show_detail(rows: list[dict[str, Any]] | None) -> tuple[bool, Any, str]:
    """Open the detail panel on the selected article (it closes when the listing changes)."""
    if not rows:
        return False, detail_hint(), "Article"
    row = rows[0]
    try:
        article = current_store().article(int(row["id"]))
    except (StoreError, KeyError, TypeError, ValueError) as exc:
        return True, f"This article cannot be read right now: {exc}", "Article"
    if article is None:
        return True, "This article is no longer stored.", "Article"
    return True, article_detail(article, str(row.get("paper") or ""), model_or_none()), "Article"


def register(app: Dash) -> None:
    """Attach the main view's callbacks to ``app``."""
    app.callback(
        Output("compare-chart", "children"),
        Output("topic-legend", "children"),
        Output("history-chart", "children"),
        Output("top-stories", "children"),
        Output("freshness", "children"),
        Output("empty-state", "children"),
        Output("papers-url", "search"),
        Output("view-query", "data"),
        Input("papers", "value"),
        Input("window", "value"),
        Input("refresh-done", "data"),
        prevent_initial_call=True,  # the router renders the page already filled in
    )(update_view)
    app.clientside_callback(  # type: ignore[no-untyped-call]
        _SET_FILTER,
        Output("chart-filter", "data"),
        Output("filter-url", "hash"),
        Input("filter-url", "hash"),
        Input({"type": "topic-filter", "topic": ALL}, "n_clicks"),
        Input("clear-topic", "n_clicks"),
        Input("clear-paper", "n_clicks"),
        State("chart-filter", "data"),
        prevent_initial_call=True,
    )
    app.callback(
        Output("clear-topic", "children"),
        Output("clear-topic", "className"),
        Output("clear-topic", "title"),
        Output("clear-paper", "children"),
        Output("clear-paper", "className"),
        Output("chips-label", "className"),
        Input("chart-filter", "data"),
        State("papers", "value"),
        prevent_initial_call=True,
    )(show_chips)
    app.clientside_callback(  # type: ignore[no-untyped-call]
        _GRID_QUERY,
        Output("grid-query", "data"),
        Output("export-csv", "href"),
        Input("view-query", "data"),
        Input("chart-filter", "data"),
        Input("quick-search", "value"),
        prevent_initial_call=True,
    )
    app.clientside_callback(  # type: ignore[no-untyped-call]
        _PURGE_GRID,
        Output("grid-purged", "data"),
        Input("grid-query", "data"),
        prevent_initial_call=True,
    )
    app.callback(
        Output("articles", "getRowsResponse"),
        Input("articles", "getRowsRequest"),
        State("grid-query", "data"),
        prevent_initial_call=True,  # the grid asks for its first block itself
    )(get_rows)
    app.callback(
        Output("detail-panel", "is_open"),
        Output("detail-panel", "children"),
        Output("detail-panel", "title"),
        Input("articles", "selectedRows"),
        prevent_initial_call=True,
    )(show_detail)
    app.clientside_callback(  # type: ignore[no-untyped-call]
        _CLOSE_DETAIL,
        Output("detail-panel", "is_open", allow_duplicate=True),
        Input("grid-query", "data"),
        prevent_initial_call=True,
    )
