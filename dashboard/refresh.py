"""The Refresh button and progress: enqueue a refresh, then watch the store like every window.

Clicking only queues (or joins) a refresh; a ``dcc.Interval`` in every open window polls
the store for the running refreshes (also the scheduled ones), shows their progress in
articles, and when one the window saw running ends, its result and updates the view.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html, no_update

from refresh import request, status
from refresh.jobs import latest
from refresh.web import current as current_services
from scraper import SourcesError
from store import RefreshRecord, StoreError

POLL_ACTIVE_MS = 1000
"""How often a window polls while a refresh runs (or it is waiting for its own)."""
POLL_IDLE_MS = 5000
"""How often a window looks for refreshes started elsewhere (schedule, API, other users)."""


def _notice(record: RefreshRecord, names: Mapping[str, str]) -> dbc.Alert:
    """The result of a finished refresh: stored count, or each failed newspaper and why."""
    if record.state == "failed" and record.error and not record.sources:
        return dbc.Alert(f"Refresh failed: {record.error}", color="danger", dismissable=True)
    results = {result.source_id: result for result in record.sources}
    failures = [
        (source_id, results[source_id].error if source_id in results else record.error)
        for source_id in record.source_ids
        if source_id not in results or results[source_id].error
    ]
    stored = sum(result.stored for result in record.sources)
    if not failures:
        return dbc.Alert(
            f"Refreshed: {stored} articles stored.",
            color="success",
            duration=6000,
            dismissable=True,
        )
    items = [
        html.Li([html.Strong(names.get(source_id, source_id)), f": {error or 'not refreshed'}"])
        for source_id, error in failures
    ]
    return dbc.Alert(
        [
            html.P(
                f"{len(failures)} of {len(record.source_ids)} newspapers could not be "
                "refreshed; the others were. The charts show what is stored.",
                className="mb-1",
            ),
            html.Ul(items, className="mb-0"),
        ],
        color="warning",
        dismissable=True,
        id="refresh-failures",
    )


def start_refresh(_clicks: int | None, papers: list[str] | None) -> tuple[Any, Any, Any]:
    """Queue a refresh of ``papers`` (or join the running one); the poll shows the rest."""
    papers = list(papers or [])
    if not papers:
        return dbc.Alert("Pick at least one newspaper to refresh.", color="info"), no_update, False
    try:
        ticket = request(current_services(), papers, trigger="user")
    except (SourcesError, StoreError) as exc:
        return dbc.Alert(f"Refresh failed: {exc}", color="danger", dismissable=True), None, False
    return None, ticket.refresh_id, True


def _names() -> dict[str, str]:
    try:
        return {source.id: source.name for source in current_services().sources.all()}
    except SourcesError:
        return {}


def watch(
    _tick: int | None, asked: int | None, seen: list[int] | None
) -> tuple[Any, Any, Any, Any, bool, list[int], Any, Any, int]:
    """Progress of the running refreshes; the result of those this window saw end."""
    services = current_services()
    try:
        records = latest(services)
    except StoreError:
        return (no_update,) * 5 + (seen or [], no_update, no_update, POLL_IDLE_MS)  # type: ignore[return-value]
    active = [record for record in records if record.active]
    watching = set(seen or []) | ({asked} if asked else set())
    ended = [
        record
        for refresh_id in sorted(watching - {record.id for record in active})
        if (record := status(services, refresh_id)) is not None and not record.active
    ]
    still = sorted(watching - {record.id for record in ended} | {r.id for r in active})
    notice: Any = no_update
    done_stamp: Any = no_update
    if ended:
        notice = _notice(ended[-1], _names())
        done_stamp = time.time()
    done = sum(record.done for record in active)
    total = sum(record.total for record in active)
    label = f"{done} / {total} articles" if total else "starting…"
    running = bool(active)
    return (
        done,
        max(total, 1),
        label,
        "mt-2" if running else "mt-2 d-none",
        running,
        still,
        notice,
        done_stamp,
        POLL_ACTIVE_MS if still else POLL_IDLE_MS,
    )


def register(app: Dash) -> None:
    """Attach the Refresh button and the refresh watcher to ``app``."""
    app.callback(
        Output("refresh-alert", "children", allow_duplicate=True),
        Output("refresh-asked", "data"),
        Output("refresh", "disabled", allow_duplicate=True),
        Input("refresh", "n_clicks"),
        State("papers", "value"),
        prevent_initial_call=True,
    )(start_refresh)
    app.callback(
        Output("refresh-progress", "value"),
        Output("refresh-progress", "max"),
        Output("refresh-progress", "label"),
        Output("refresh-progress-wrap", "className"),
        Output("refresh", "disabled"),
        Output("refresh-seen", "data"),
        Output("refresh-alert", "children"),
        Output("refresh-done", "data"),
        Output("refresh-poll", "interval"),
        Input("refresh-poll", "n_intervals"),
        Input("refresh-asked", "data"),
        State("refresh-seen", "data"),
    )(watch)
