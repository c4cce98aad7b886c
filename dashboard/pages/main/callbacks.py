"""Callbacks of the main view: selection → view; chart clicks → table filter; rows; detail."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from dashboard.layout import ARIA_HIDDEN
from dashboard.pages.main.data import current_store, paper_names
from dashboard.pages.main.detail import article_detail, detail_hint, model_or_none
from dashboard.pages.main.rows import first_block, rows_block
from dashboard.pages.main.view import build_view
from scraper import SourcesError
from store import StoreError
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

_SET_FILTER = """function (hash, clearTopic, clearPaper, current) {
  // The table's chart filter after a segment link (#f=paper:topic), a legend topic (#t=topic)
  // or a chip click; the hash is cleared so the same link filters again
  // (dashboard.pages.main.bars.filter_hash and topic_hash).
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
    const segment = /^#f=([^:]*):(.+)$/.exec(hash || "");
    const topic = /^#t=(.+)$/.exec(hash || "");
    if (segment) {
      const paper = decodeURIComponent(segment[1]);
      chosen.topic = decodeURIComponent(segment[2]);
      if (paper) chosen.paper = paper; else delete chosen.paper;
    } else if (topic) {
      chosen.topic = decodeURIComponent(topic[1]);
    } else {
      return [skip, skip];
    }
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

_ANSWER_ROWS = """function (request, query, first) {
  // The first block of the unfiltered table came with the selection (first-block); any other
  // block (scrolled to, sorted, filtered, searched) is asked of the server (rows-wanted).
  const skip = window.dash_clientside.no_update;
  if (!request) return [skip, skip];
  const q = query || {};
  const sort = request.sortModel || [];
  const newest = sort.length === 0 ||
    (sort.length === 1 && sort[0].colId === "published" && sort[0].sort === "desc");
  const same = first && first.query &&
    ["papers", "window", "since", "version"].every(
      k => JSON.stringify(first.query[k]) === JSON.stringify(q[k]));
  if (same && newest && request.startRow === 0 && request.endRow === first.size &&
      !q.topic && !q.paper && !q.search) {
    if (typeof request.successCallback === "function") {
      // ag-grid's own request: handing it the rows directly spares the grid a re-render
      // through Dash (getRowsResponse, then its reset to null).
      request.successCallback(first.block.rowData, first.block.rowCount);
      return [skip, skip];
    }
    return [first.block, skip];
  }
  const asked = {startRow: request.startRow, endRow: request.endRow, sortModel: sort};
  return [skip, asked];
}"""

_DRAW = """function (drawn) {
  // The view's read-only parts arrive as HTML rendered on the server (dashboard.markup):
  // drawn into their empty boxes, they cost the Dash renderer nothing on later changes.
  Object.entries(drawn || {}).forEach(([id, markup]) => {
    const box = document.getElementById(id);
    if (box) box.innerHTML = markup;
  });
}"""

_PURGE_GRID = """function (query) {
  // A new listing: the detail panel closes and the grid asks for its rows anew.
  const api = window.dash_ag_grid && dash_ag_grid.getApi('articles');
  if (api) { api.deselectAll(); api.purgeInfiniteCache(); }
  return [Date.now(), false];
}"""


def update_view(
    papers: list[str] | None, window: str | None, _refreshed: object
) -> tuple[Any, ...]:
    """Charts, legend, stories and freshness (HTML), notices and URL of a selection and window."""
    view = build_view(papers, window if window in WINDOWS else DEFAULT_WINDOW)
    return view.drawn, view.notice, view.search


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


def get_rows(request: dict[str, Any] | None, query: dict[str, Any] | None) -> dict[str, Any]:
    """One block of table rows from the store, as ag-grid's infinite row model asks for it.

    Only a real block request is answered: dash-ag-grid hands any answer to the block it is
    waiting for, so an answer to "no request" (Dash's initial call) reached the first block as
    "0 rows", and after a count of 0 dash-ag-grid defers the next answer on a timer that its
    own effect clean-up cancels: the table stayed blank (issue 15).
    """
    if not request:
        raise PreventUpdate
    return rows_block(query, request)


def prefetch_rows(
    papers: list[str] | None, window: str | None, _refreshed: object
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The table query of a selection and its first block, asked beside the view (in parallel),
    so the grid's first rows need no request of their own."""
    view = build_view(papers, window if window in WINDOWS else DEFAULT_WINDOW)
    return view.query, first_block(view.query)


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
        Output("view-html", "data"),
        Output("empty-state", "children"),
        Output("papers-url", "search"),
        Input("papers", "value"),
        Input("window", "value"),
        Input("refresh-done", "data"),
        prevent_initial_call=True,  # the router renders the page already filled in
    )(update_view)
    app.callback(
        Output("view-query", "data"),
        Output("first-block", "data"),
        Input("papers", "value"),
        Input("window", "value"),
        Input("refresh-done", "data"),
        prevent_initial_call=True,  # the page arrives with its first block
    )(prefetch_rows)
    app.clientside_callback(  # type: ignore[no-untyped-call]
        _DRAW,
        Input("view-html", "data"),  # no output: nothing for Dash to update
    )
    app.clientside_callback(  # type: ignore[no-untyped-call]
        _SET_FILTER,
        Output("chart-filter", "data"),
        Output("filter-url", "hash"),
        Input("filter-url", "hash"),
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
        Output("detail-panel", "is_open", allow_duplicate=True),
        Input("grid-query", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(  # type: ignore[no-untyped-call]
        _ANSWER_ROWS,
        Output("articles", "getRowsResponse"),
        Output("rows-wanted", "data"),
        Input("articles", "getRowsRequest"),
        State("grid-query", "data"),
        State("first-block", "data"),
        prevent_initial_call=True,  # the grid asks for its first block itself
    )
    app.callback(
        Output("articles", "getRowsResponse", allow_duplicate=True),
        Input("rows-wanted", "data"),
        State("grid-query", "data"),
        prevent_initial_call=True,
    )(get_rows)
    app.callback(
        Output("detail-panel", "is_open"),
        Output("detail-panel", "children"),
        Output("detail-panel", "title"),
        Input("articles", "selectedRows"),
        prevent_initial_call=True,
    )(show_detail)
