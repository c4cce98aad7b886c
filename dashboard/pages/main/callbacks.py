"""Callbacks of the main view: selection → view; chart clicks → table filter; table; detail."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from dashboard.layout import ARIA_HIDDEN
from dashboard.pages.main.data import current_store, paper_names
from dashboard.pages.main.detail import article_detail, detail_hint, model_or_none
from dashboard.pages.main.rows import first_block, table_page
from dashboard.pages.main.view import build_view
from scraper import SourcesError
from store import StoreError
from views.window import DEFAULT_WINDOW, WINDOWS

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

_SHOW_TABLE = """function (base, chosen, search, state, first, open) {
  // What the table lists: the view's query, the chart filter and the search (no round trip),
  // and the CSV link of that listing. The first page of the unfiltered table came with the
  // selection (first-block) and is drawn at once; any other page, sort, filter or search is
  // asked of the server (rows-wanted). A new listing closes the detail panel.
  const skip = window.dash_clientside.no_update;
  const fired = (window.dash_clientside.callback_context.triggered || []).map(t => t.prop_id);
  const paging = fired.includes("table-state.data");
  const q = Object.assign({}, base || {});
  chosen = chosen || {};
  if (chosen.topic) q.topic = chosen.topic;
  if (chosen.paper && (q.papers || []).includes(chosen.paper)) q.paper = chosen.paper;
  q.search = (search || "").trim().slice(0, 200);
  const params = new URLSearchParams();
  (q.paper ? [q.paper] : q.papers || []).forEach(p => params.append("newspaper", p));
  if (q.since) params.append("since", q.since);
  if (q.topic) params.append("category", q.topic);
  const href = paging ? skip : "/api/v1/articles.csv?" + params.toString();
  const s = state || {};
  const sort = s.sort || "published";
  const desc = s.sort ? s.desc !== false : true;
  const page = paging ? (s.page || 0) : 0;
  const close = !paging && open ? false : skip;
  const same = first && first.query &&
    ["papers", "window", "since", "version"].every(
      k => JSON.stringify(first.query[k]) === JSON.stringify(q[k]));
  if (same && page === 0 && sort === "published" && desc && !q.topic && !q.paper && !q.search) {
    window.articleTable.show("first", first.html);
    return [href, skip, close];
  }
  const wanted = {query: q, state: {sort: sort, desc: desc, page: page}};
  wanted.key = JSON.stringify(wanted);
  window.articleTable.expect(wanted.key);
  return [href, wanted, close];
}"""
"""The CSV link mirrors ``main_view.export_href`` (tests check both give the same link)."""

_DRAW_TABLE = """function (answer) {
  // A page the server rendered: drawn unless a newer listing was asked for meanwhile.
  if (answer) window.articleTable.show(answer.key, answer.html);
}"""

_DRAW = """function (drawn) {
  // The view's read-only parts arrive as HTML rendered on the server (dashboard.markup):
  // drawn into their empty boxes, they cost the Dash renderer nothing on later changes.
  Object.entries(drawn || {}).forEach(([id, markup]) => {
    const box = document.getElementById(id);
    if (box) box.innerHTML = markup;
  });
}"""


def select(papers: list[str] | None, window: str | None, _refreshed: object) -> tuple[Any, ...]:
    """One answer to a new selection or window, from one view: charts, legend, stories and
    freshness (HTML), notices and URL, then the table query and its first page, so the table's
    first rows need no request of their own."""
    view = build_view(papers, window if window in WINDOWS else DEFAULT_WINDOW)
    return view.drawn, view.notice, view.search, view.query, first_block(view.query)


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


def show_page(wanted: dict[str, Any] | None) -> dict[str, Any]:
    """One page of the table as HTML, for the sort, page, filter or search the browser asked
    for (``wanted``: the table query, the sort and page, and the key the answer is drawn by)."""
    if not wanted:
        raise PreventUpdate
    # The browser's store is untrusted: any other shape lists nothing (no traceback).
    wanted = wanted if isinstance(wanted, dict) else {}
    query, state = wanted.get("query"), wanted.get("state")
    return {
        "key": str(wanted.get("key") or ""),
        "html": table_page(
            query if isinstance(query, dict) else None, state if isinstance(state, dict) else None
        ),
    }


def show_detail(chosen: dict[str, Any] | None) -> tuple[bool, Any, str]:
    """Open the detail panel on the chosen article (it closes when the listing changes)."""
    if not chosen:
        return False, detail_hint(), "Article"
    try:
        article = current_store().article(int(chosen["id"]))
    except (StoreError, KeyError, TypeError, ValueError) as exc:
        return True, f"This article cannot be read right now: {exc}", "Article"
    if article is None:
        return True, "This article is no longer stored.", "Article"
    paper = str(chosen.get("paper") or "")
    return True, article_detail(article, paper, model_or_none()), "Article"


def register(app: Dash) -> None:
    """Attach the main view's callbacks to ``app``."""
    app.callback(
        Output("view-html", "data"),
        Output("empty-state", "children"),
        Output("papers-url", "search"),
        Output("view-query", "data"),
        Output("first-block", "data"),
        Input("papers", "value"),
        Input("window", "value"),
        Input("refresh-done", "data"),
        prevent_initial_call=True,  # the router renders the page already filled in
    )(select)
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
        _SHOW_TABLE,
        Output("export-csv", "href"),
        Output("rows-wanted", "data"),
        Output("detail-panel", "is_open", allow_duplicate=True),
        Input("view-query", "data"),
        Input("chart-filter", "data"),
        Input("quick-search", "value"),
        Input("table-state", "data"),
        Input("first-block", "data"),
        State("detail-panel", "is_open"),
        # Not prevented: at page load it draws the first page that came with the page.
        prevent_initial_call="initial_duplicate",
    )
    app.callback(
        Output("table-html", "data"),
        Input("rows-wanted", "data"),
        prevent_initial_call=True,
    )(show_page)
    app.clientside_callback(  # type: ignore[no-untyped-call]
        _DRAW_TABLE,
        Input("table-html", "data"),  # no output: nothing for Dash to update
        prevent_initial_call=True,
    )
    app.callback(
        Output("detail-panel", "is_open"),
        Output("detail-panel", "children"),
        Output("detail-panel", "title"),
        Input("article-chosen", "data"),
        prevent_initial_call=True,
    )(show_detail)
