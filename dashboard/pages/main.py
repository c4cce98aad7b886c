"""The main view: newspaper picker, Refresh, charts, article table and article detail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.detail import detail_hint
from dashboard.figures import GRAPH_CONFIG
from dashboard.layout import LIVE, aria_label
from dashboard.papers import Paper, parse_papers
from dashboard.refresh import POLL_IDLE_MS
from dashboard.table import (
    COLUMN_DEFS,
    CSV_EXPORT_PARAMS,
    DEFAULT_COL_DEF,
    GRID_OPTIONS,
    ROW_CLASS_RULES,
)


def _graph(graph_id: str, height: int, figure: Any) -> dcc.Graph:
    return dcc.Graph(
        id=graph_id,
        figure=figure,
        config=GRAPH_CONFIG,
        style={"height": f"{height}px"},
        className="chart",
    )


def _controls(papers: list[Paper], selected: list[str]) -> dbc.Row:
    picker = html.Div(
        [
            dbc.Label("Newspapers", html_for="papers", className="fw-semibold"),
            dcc.Dropdown(
                id="papers",
                options=[{"label": paper.name, "value": paper.id} for paper in papers],
                value=selected,
                multi=True,
                placeholder="Pick one or more newspapers",
                searchable=True,
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
        [dbc.Col(picker, md=9), dbc.Col(refresh, md=3, className="align-self-end mt-2 mt-md-0")],
        className="g-3 mb-2",
    )


def _table(rows: list[dict[str, Any]]) -> dbc.Card:
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
                        debounce=0.25,
                    ),
                ],
                md=8,
            ),
            dbc.Col(
                dbc.Button("Export CSV", id="export-csv", color="secondary", outline=True),
                md=4,
                className="text-md-end mt-2 mt-md-0",
            ),
        ],
        className="g-2 mb-2",
    )
    grid = dag.AgGrid(
        id="articles",
        columnDefs=COLUMN_DEFS,
        defaultColDef=DEFAULT_COL_DEF,
        dashGridOptions=GRID_OPTIONS,
        rowClassRules=ROW_CLASS_RULES,
        getRowId="params.data.url",
        rowData=rows,
        columnSize="responsiveSizeToFit",
        csvExportParams=CSV_EXPORT_PARAMS,
        style={"height": "480px"},
    )
    return dbc.Card(
        dbc.CardBody([html.H2("Articles", className="h5"), tools, grid]), className="mb-3"
    )


def layout(papers: list[Paper], search: str | None, view: Sequence[Any] | None = None) -> html.Div:
    """The main page for the configured ``papers``, selecting those named in ``search``.

    ``view`` is what ``main_callbacks.update_view`` returns for that selection: the page
    arrives filled in, saving a round trip on first load.
    """
    selected = parse_papers(search, [paper.id for paper in papers])
    counts, share, history, rows, freshness, notice, _search = view or (None,) * 7
    return html.Div(
        [
            html.H1("What are the newspapers writing about?", className="h3 mb-3"),
            _controls(papers, selected),
            html.Div(freshness, id="freshness", className="mb-2", **LIVE),
            html.Div(id="refresh-alert", **LIVE),
            html.Div(notice, id="empty-state"),
            dcc.Store(id="refresh-done"),
            # Refresh watching (dashboard/refresh.py): the refresh this window asked for, the
            # running ones it has seen, and the poll of the store.
            dcc.Store(id="refresh-asked"),
            dcc.Store(id="refresh-seen", data={}),
            dcc.Interval(id="refresh-poll", interval=POLL_IDLE_MS),
            # The selection's own URL writer: unmounted with the page, so a late update
            # cannot stamp ?papers= onto another page's URL.
            dcc.Location(id="papers-url", refresh=False),
            dbc.Row(
                [
                    dbc.Col(_graph("counts-chart", 360, counts), lg=7),
                    dbc.Col(_graph("share-chart", 360, share), lg=5),
                ],
                className="g-3 mb-3",
            ),
            _graph("history-chart", 320, history),
            _table(rows or []),
            html.Div(
                detail_hint(),
                id="article-detail",
                className="mb-3",
                **LIVE,
            ),
        ]
    )
