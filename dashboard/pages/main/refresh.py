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

from dashboard.pages.main.failures import diagnose
from refresh import request, status
from refresh.jobs import latest
from scraper import SourcesError
from store import RefreshRecord, StoreError
from views.services import current as current_services

POLL_ACTIVE_MS = 1000
"""How often a window polls while a refresh runs (or it is waiting for its own)."""
POLL_IDLE_MS = 3000
"""How often a window looks for refreshes started elsewhere (schedule, API, other users)."""
FIRST_LOOK_MS = POLL_ACTIVE_MS
"""When a window first looks, after load: not at load itself, where the request and its
outputs competed with the first draw of the charts and table (BENCHMARKS.md)."""


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
    if len(failures) == len(record.source_ids):
        # Nothing came through: name the likely cause (network, DNS, block...) and the fix.
        diagnosis = diagnose({source_id: error or "" for source_id, error in failures})
        headline = [
            html.P(diagnosis.sentence(len(failures), len(record.source_ids)), className="mb-1"),
            html.P(diagnosis.advice, className="mb-1"),
        ]
    else:
        headline = [
            html.P(
                f"{len(failures)} of {len(record.source_ids)} newspapers could not be "
                "refreshed; the others were. The charts show what is stored.",
                className="mb-1",
            )
        ]
    listing: Any = html.Ul(items, className="mb-0")
    if len(failures) == len(record.source_ids):
        # One cause for all, said above: the eleven lines would push the charts off screen.
        listing = html.Details([html.Summary("Each newspaper's error"), listing])
    return dbc.Alert(
        [*headline, listing],
        color="danger" if len(failures) == len(record.source_ids) else "warning",
        dismissable=True,
        id="refresh-failures",
    )


def start_refresh(_clicks: int | None, papers: list[str] | None) -> tuple[Any, Any, Any, Any]:
    """Queue a refresh of ``papers`` (or join the running one); the poll shows the rest."""
    papers = list(papers or [])
    hidden = "mt-2 d-none"
    if not papers:
        notice = dbc.Alert("Pick at least one newspaper to refresh.", color="info")
        return notice, no_update, False, hidden
    try:
        configured = {source.id for source in current_services().sources.all()}
        papers = [paper for paper in papers if paper in configured]  # archive-only: never
        if not papers:
            notice = dbc.Alert("Archive-only newspapers are never scraped.", color="info")
            return notice, no_update, False, hidden
        ticket = request(current_services(), papers, trigger="user")
    except (SourcesError, StoreError) as exc:
        notice = dbc.Alert(f"Refresh failed: {exc}", color="danger", dismissable=True)
        return notice, None, False, hidden
    return None, ticket.refresh_id, True, "mt-2"


def _names() -> dict[str, str]:
    try:
        return {source.id: source.name for source in current_services().sources.all()}
    except SourcesError:
        return {}


def memory_at_load() -> dict[str, Any]:
    """A window's first memory (``watch``'s ``seen``), read as its page is built: the newest
    refresh and the running ones. A refresh that ends between the page's data and the window's
    first look is then still announced, and the view updated, instead of passing unseen."""
    try:
        records = latest(current_services())
    except StoreError:
        return {}
    return {
        "horizon": max((record.id for record in records), default=0),
        "watching": sorted(record.id for record in records if record.active),
    }


def watch(
    _tick: int | None, asked: int | None, seen: dict[str, Any] | None
) -> tuple[Any, Any, Any, Any, bool, dict[str, Any], Any, Any, int]:
    """Progress of the running refreshes; the result of each one that ended since load.

    ``seen`` is this window's memory: ``watching`` (refreshes it saw running or asked for)
    and ``horizon`` (the newest refresh it knows the end of), so a refresh that started and
    ended between two polls still shows its result.
    """
    seen = seen if isinstance(seen, dict) else {}
    services = current_services()
    try:
        records = latest(services)
    except StoreError:
        return (*(no_update,) * 5, seen, no_update, no_update, POLL_IDLE_MS)  # type: ignore[return-value]
    active = {record.id: record for record in records if record.active}
    finished = [record for record in records if not record.active]
    newest = max((record.id for record in records), default=0)
    horizon = seen.get("horizon")
    watching = set(seen.get("watching", [])) | ({asked} if asked else set())
    ended = [
        record
        for refresh_id in sorted(watching - set(active))
        if (record := status(services, refresh_id)) is not None and not record.active
    ]
    if horizon is not None:  # on the first poll only what runs now is news, not history
        ended += [r for r in finished if r.id > horizon and r.id not in {e.id for e in ended}]
    still = sorted((watching | set(active)) - {record.id for record in ended})
    memory = {"horizon": max(horizon or 0, newest), "watching": still}
    notice: Any = no_update
    done_stamp: Any = no_update
    if ended:
        notice = _notice(max(ended, key=lambda record: record.id), _names())
        done_stamp = time.time()
    done = sum(record.done for record in active.values())
    total = sum(record.total for record in active.values())
    return (
        done,
        max(total, 1),
        f"{done} / {total} articles" if total else "starting…",
        "mt-2" if active else "mt-2 d-none",
        bool(active),
        memory,
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
        Output("refresh-progress-wrap", "className", allow_duplicate=True),
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
        prevent_initial_call=True,  # the first look is the poll's first tick (FIRST_LOOK_MS)
    )(watch)
