"""The main view: newspapers and time window, topic mix, top stories, article table, detail."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.demo import DemoInfo
from dashboard.layout import LIVE, aria_label
from dashboard.pages.main.detail import detail_hint
from dashboard.pages.main.papers import Paper
from dashboard.pages.main.refresh import FIRST_LOOK_MS
from dashboard.pages.main.rows import FIRST_PAGE
from dashboard.pages.main.view import MainView
from views.window import WINDOWS


def _chart(chart_id: str, label: str) -> html.Figure:
    # Drawn from the view's HTML in the browser (callbacks._DRAW): no children of its own.
    return html.Figure(
        html.Div(id=chart_id, className="chart-body"),
        className="chart mb-0",
        **aria_label(label),
    )


def _controls(papers: list[Paper], view: MainView) -> dbc.Row:
    picker = html.Div(
        [
            dbc.Label("Newspapers", html_for="papers", className="fw-semibold"),
            dcc.Dropdown(
                id="papers",
                options=[{"label": paper.name, "value": paper.id} for paper in papers],
                value=view.papers,
                multi=True,
                placeholder="Pick one or more newspapers",
                searchable=True,
            ),
        ]
    )
    window = html.Div(
        [
            dbc.Label("Time window", html_for="window", className="fw-semibold"),
            dbc.Select(
                id="window",
                options=[{"label": label, "value": key} for key, (label, _) in WINDOWS.items()],
                value=view.window,
            ),
        ]
    )
    refresh = html.Div(
        [
            dbc.Button(
                "Refresh",
                id="refresh",
                color="primary",
                className="w-100",
                title="Fetch the latest articles of the selected newspapers",
            ),
            html.Div(
                dbc.Progress(id="refresh-progress", value=0, max=1, striped=True, animated=True),
                id="refresh-progress-wrap",
                className="mt-2 d-none",
                **aria_label("Refresh progress"),
            ),
        ]
    )
    return dbc.Row(
        [
            dbc.Col(picker, md=6),
            dbc.Col(window, md=3, xs=7),
            dbc.Col(refresh, md=3, xs=5, className="align-self-end"),
        ],
        className="g-3 mb-2",
    )


def _card(title: str, body: list[Any], **extra: Any) -> dbc.Card:
    return dbc.Card(dbc.CardBody([html.H2(title, className="h5"), *body]), **extra)


def _filter_chip(chip_id: str) -> dbc.Button:
    return dbc.Button(
        id=chip_id, size="sm", color="dark", outline=True, className="filter-chip me-2 d-none"
    )


def _table(view: MainView) -> dbc.Card:
    tools = dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(
                        "Search articles", html_for="quick-search", className="visually-hidden"
                    ),
                    dbc.Input(
                        id="quick-search",
                        type="search",
                        placeholder="Search titles, newspapers, categories…",
                        debounce=0.3,
                    ),
                ],
                md=8,
            ),
            dbc.Col(
                dbc.Button(
                    "Export CSV",
                    id="export-csv",
                    href=view.export_href,
                    external_link=True,
                    color="secondary",
                    outline=True,
                    download="latest-news.csv",
                ),
                md=4,
                className="text-md-end",
            ),
        ],
        className="g-2 mb-2",
    )
    chips = html.Div(
        [
            html.Span(
                "Filtered by chart:", className="small text-muted me-2 d-none", id="chips-label"
            ),
            _filter_chip("clear-topic"),
            _filter_chip("clear-paper"),
        ],
        id="filter-chips",
        className="mb-2",
        **LIVE,
    )
    # Drawn from HTML in the browser (callbacks._SHOW_TABLE, assets/article-table.js).
    table = html.Div(id="articles", className="articles")
    return _card("Articles", [tools, chips, table], className="mb-3", id="articles-card")


def _demo_notice(demo: DemoInfo) -> dbc.Alert:
    how = (
        "No newspaper could be reached, so the app loaded these sample articles by itself"
        if demo.started == "offline"
        else "These sample articles were loaded by hand (python -m dashboard.demo)"
    )
    return dbc.Alert(
        [
            html.Div(
                [
                    dbc.Badge("Demo", color="dark", className="me-2 demo-badge"),
                    f"{how}: they are not today's news. Press Refresh to fetch the latest ones.",
                ]
            ),
            html.Div(demo.credit, className="small mt-1", id="demo-credit")
            if demo.credit
            else None,
        ],
        color="secondary",
        id="demo-notice",
        className="py-2",
    )


def layout(
    papers: list[Paper],
    view: MainView,
    first: dict[str, Any] | None = None,
    seen: dict[str, Any] | None = None,
) -> html.Div:
    """The main page for the configured ``papers``, filled in with ``view`` and the table's
    ``first`` block (``rows.first_block``): no round trip before the first rows show.
    ``seen`` is what the refresh watcher knows at load (``refresh.memory_at_load``)."""
    return html.Div(
        [
            html.H1("What are the newspapers writing about?", className="h3 mb-3"),
            _demo_notice(view.demo) if view.demo else None,
            _controls(papers, view),
            dcc.Store(id="view-html", data=view.drawn),
            html.Div(id="freshness", className="mb-2", **LIVE),
            html.Div(id="refresh-alert", **LIVE),
            html.Div(view.notice, id="empty-state"),
            dcc.Store(id="refresh-done"),
            # Refresh watching (dashboard/refresh.py): the refresh this window asked for, the
            # running ones it has seen, and the poll of the store (first look soon after load).
            dcc.Store(id="refresh-asked"),
            dcc.Store(id="refresh-seen", data=seen or {}),
            dcc.Interval(id="refresh-poll", interval=FIRST_LOOK_MS),
            dcc.Store(id="view-query", data=view.query),
            dcc.Store(id="chart-filter", data={}),
            dcc.Store(id="first-block", data=first),
            # The table's sort and page, the page asked of the server, its answer, and the
            # article chosen in it (set by assets/article-table.js).
            dcc.Store(id="table-state", data=FIRST_PAGE),
            dcc.Store(id="rows-wanted"),
            dcc.Store(id="table-html"),
            dcc.Store(id="article-chosen"),
            # The selection's own URL writer: unmounted with the page, so a late update
            # cannot stamp ?papers= onto another page's URL.
            dcc.Location(id="papers-url", refresh=False),
            # Chart segments are links to #f=paper:topic; this reads them as a table filter.
            dcc.Location(id="filter-url", refresh=False),
            dbc.Row(
                [
                    dbc.Col(
                        _card(
                            "Topic mix per newspaper",
                            [
                                html.Div(id="topic-legend", className="mb-1"),
                                _chart("compare-chart", "Topic mix per newspaper, as shares"),
                            ],
                            className="h-100",
                        ),
                        lg=7,
                    ),
                    dbc.Col(
                        _card(
                            "Top stories",
                            [html.Div(id="top-stories", className="stories-box")],
                            className="h-100",
                        ),
                        lg=5,
                    ),
                ],
                className="g-3 mb-3",
            ),
            _table(view),
            _card(
                "Topics by the day they were collected",
                [_chart("history-chart", "Topics per day collected")],
                className="mb-3",
            ),
            dbc.Offcanvas(
                detail_hint(),
                id="detail-panel",
                title="Article",
                placement="end",
                is_open=False,
                scrollable=True,
                backdrop=False,
                className="detail-panel",
            ),
        ]
    )
