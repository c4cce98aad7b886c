"""The app shell shared by every page: navigation bar, offline notice and page container."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

LIVE: dict[str, Any] = {"aria-live": "polite"}
ARIA_HIDDEN: dict[str, Any] = {"aria-hidden": "true"}
"""Attributes of a region whose updates screen readers announce."""


def aria_label(name: str) -> dict[str, Any]:
    """Keyword arguments giving a control its accessible name."""
    return {"aria-label": name}


NAV_LINKS = (("Latest news", "/"), ("Classify your text", "/classify"), ("Model", "/model"))
"""Navigation entries: label and path."""


def _navbar() -> dbc.Navbar:
    # Full page loads between pages: each page loads only the JavaScript it needs.
    links = [
        dbc.NavItem(dbc.NavLink(label, href=path, active="exact", external_link=True))
        for label, path in NAV_LINKS
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    [
                        html.Img(src="/assets/favicon.ico", alt="", className="brand-logo"),
                        "Latest News Classifier",
                    ],
                    href="/",
                ),
                html.Button(
                    html.Span(className="navbar-toggler-icon"),
                    id="nav-toggler",
                    className="navbar-toggler",
                    type="button",
                    **aria_label("Toggle navigation"),
                ),
                dbc.Collapse(
                    dbc.Nav(links, navbar=True, className="ms-auto"), id="nav-collapse", navbar=True
                ),
            ],
            fluid="lg",
        ),
        color="dark",
        dark=True,
        className="mb-3",
    )


def shell(page: Any = None, route: str | None = None) -> html.Div:
    """The frame of every page around ``page``, the page of the address ``route`` (path and
    query); without them the router fills ``page`` for the current address."""
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            # The address the page arrived filled in for, and the address the router renders.
            dcc.Store(id="page-route", data=route),
            dcc.Store(id="page-wanted"),
            html.A("Skip to content", href="#page", className="skip-link"),
            _navbar(),
            html.Div(
                "You are offline: the page shows what was last loaded and updates "
                "when the connection returns.",
                className="offline-banner alert alert-warning",
                role="status",
                id="offline-banner",
            ),
            dbc.Container(html.Main(page, id="page", tabIndex="-1"), fluid="lg", className="pb-5"),
        ]
    )
