"""The router: which page the current path shows, and the mobile navigation toggle."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import dash_bootstrap_components as dbc
import flask
from dash import Dash, Input, Output, State, html

from classifier import ModelError
from dashboard.demo import demo_info
from dashboard.layout import shell
from dashboard.pages.classify import page as classify
from dashboard.pages.main import page as main
from dashboard.pages.main.papers import (
    DEFAULT_PAPERS,
    configured_papers,
    parse_papers,
    with_archive_papers,
)
from dashboard.pages.main.refresh import memory_at_load
from dashboard.pages.main.rows import first_block
from dashboard.pages.main.view import build_view
from dashboard.pages.model import page as model
from scraper import SourcesError
from views.cache import cache_key, cached, plain
from views.services import current
from views.window import DEFAULT_WINDOW, parse_window

PAGES = ("/", "/classify", "/model")
"""The paths that have a page; any other answers 404 (see ``dashboard.web``)."""

_ROUTE = """function (pathname, search, arrived) {
  // The page arrived filled in for its address (serve_layout): render only another address;
  // once the browser has moved on, `arrived` is forgotten, so coming back renders again.
  const skip = window.dash_clientside.no_update;
  if (pathname === null || pathname === undefined) return [skip, skip];
  const here = pathname + (search || "");
  if (arrived === null || arrived === undefined) return [{pathname, search}, skip];
  return here === arrived ? [skip, skip] : [{pathname, search}, null];
}"""


def _not_found(pathname: str) -> html.Div:
    return html.Div(
        [
            html.H1("Page not found", className="h3"),
            html.P(f"There is no page at {pathname}."),
            dbc.Button("Go to the latest news", href="/", color="primary"),
        ]
    )


def _main(search: str | None) -> html.Div | dbc.Alert:
    try:
        papers = with_archive_papers(configured_papers())
    except SourcesError as exc:
        return dbc.Alert(f"The newspaper list cannot be read: {exc}", color="danger")
    # A demo sample is not today's news: its own papers, and all of it unless asked otherwise.
    demo = demo_info(current().settings.var_dir)
    preferred = demo.papers if demo and demo.papers else DEFAULT_PAPERS
    selected = parse_papers(search, [paper.id for paper in papers], preferred)
    window = parse_window(search, "all" if demo else DEFAULT_WINDOW)
    seen = memory_at_load()  # before the view: a refresh ending in between is announced
    view = build_view(selected, window)
    if not view.version:  # an error or an empty selection: not worth caching
        return main.layout(papers, view, seen=seen)
    minute = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M")
    key = cache_key("page", selected, window, view.version, minute, [p.id for p in papers], seen)
    return cached(key, lambda: plain(main.layout(papers, view, first_block(view.query), seen)))


def _model_topics() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the live model's topics, the configured ones it has not learnt)."""
    try:
        live = current().model
        return tuple(live.labels), live.unlearnt
    except ModelError:  # the page itself says so when a text is classified
        return (), ()


def render_page(pathname: str | None, search: str | None) -> html.Div | dbc.Alert:
    """The page for ``pathname``; the main page also reads its selection from ``search``."""
    path = (pathname or "/").rstrip("/") or "/"
    if path == "/":
        return _main(search)
    if path == "/classify":
        return classify.layout(*_model_topics())
    if path == "/model":
        return model.layout()
    return _not_found(path)


def serve_layout() -> html.Div:
    """The app's layout, with the page of the address that asks for it already in it.

    Dash's renderer fetches its layout from the page's own address, so the request's referrer
    (same origin: the whole URL) names the page; it arrives filled in with the layout, one
    round trip less than a router callback. Without a referrer (outside a request, or a
    browser that withholds it) the shell comes alone and the router renders the page.
    """
    referrer = flask.request.referrer if flask.has_request_context() else None
    if not referrer:
        return shell()
    address = urlsplit(referrer)
    search = f"?{address.query}" if address.query else ""
    path = address.path or "/"
    return shell(render_page(path, search), path + search)


def route(wanted: dict[str, Any] | None) -> html.Div | dbc.Alert:
    """The page of the address the browser moved to (``{pathname, search}``)."""
    wanted = wanted or {}
    return render_page(wanted.get("pathname"), wanted.get("search"))


def toggle_nav(clicks: int | None, is_open: bool | None) -> bool:
    """Open or close the collapsed navigation on small screens."""
    return not is_open if clicks else bool(is_open)


def register(app: Dash) -> None:
    """Attach the router's callbacks to ``app``."""
    app.clientside_callback(  # type: ignore[no-untyped-call]
        _ROUTE,
        Output("page-wanted", "data"),
        Output("page-route", "data"),
        Input("url", "pathname"),
        State("url", "search"),
        State("page-route", "data"),
    )
    app.callback(
        Output("page", "children"), Input("page-wanted", "data"), prevent_initial_call=True
    )(route)
    app.callback(
        Output("nav-collapse", "is_open"),
        Input("nav-toggler", "n_clicks"),
        State("nav-collapse", "is_open"),
        prevent_initial_call=True,
    )(toggle_nav)
