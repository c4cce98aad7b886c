"""Requesting, running and watching refreshes: what the API, dashboard, CLI and schedule call."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from learning.relabel import relabel
from refresh.ingest import Progress, scrape
from refresh.report import ScrapeReport
from refresh.services import Services
from store import RefreshRecord, RefreshTicket

log = logging.getLogger(__name__)


def one_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type when it has none)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


def request(
    services: Services,
    source_ids: Sequence[str] | None = None,
    trigger: str = "user",
    *,
    submit: bool = True,
) -> RefreshTicket:
    """Queue a refresh of these papers (default all) or join the one already running them.

    Raises SourcesError for unknown ids and StoreError when the store cannot record it.
    """
    ids = [source.id for source in services.sources.choose(source_ids)]
    stale = services.settings.refresh_stale_after
    ticket = services.store.request_refresh(ids, trigger, stale)
    if ticket.created and submit:
        try:
            services.executor.submit(services, ticket.refresh_id)
        except Exception as exc:  # e.g. the broker is down: say so instead of waiting forever
            services.store.fail_refresh(
                ticket.refresh_id, f"could not queue the refresh: {one_line(exc)}"
            )
    return ticket


def request_refresh(services: Services, source_ids: Sequence[str] | None = None) -> int:
    """Enqueue a refresh of these papers (or join the running one); return the refresh id."""
    return request(services, source_ids).refresh_id


def run_refresh(
    services: Services,
    refresh_id: int,
    *,
    progress: Progress | None = None,
    limit: int | None = None,
) -> ScrapeReport | None:
    """Run a queued refresh to the end; None when it was not queued (already run or failed).

    Anything that stops the whole refresh (no model, broken sources file, store down) marks
    it failed with a one-line reason, then propagates. After it, the articles stored under
    another model (one deployed or promoted since) get the live model's labels.
    """
    record = services.store.claim_refresh(refresh_id)
    if record is None:
        return None
    try:
        report = scrape(
            services, record.source_ids, limit, progress=progress, refresh_id=refresh_id
        )
    except BaseException as exc:
        services.store.fail_refresh(refresh_id, one_line(exc))
        raise
    relabel_stale(services)
    return report


def relabel_stale(services: Services) -> int:
    """Label the articles a previous model labelled with the live one; return how many.

    Run after each refresh, in the refresh's own process: a new model (``make model`` and a
    deploy, or a promotion) otherwise leaves older articles with the old model's topics and
    confidence, and a 30-day view would mix two models. Batched and resumable; a failure is
    logged, the refresh itself has already succeeded.
    """
    try:
        count = relabel(services.store, services.model)
    except Exception as exc:  # the next refresh tries again
        log.error("relabelling stored articles failed: %s", one_line(exc))
        return 0
    if count:
        log.info("relabelled %d stored articles with model %s", count, services.model.version)
    return count


def _stale(record: RefreshRecord, stale_after_s: float, now: datetime) -> bool:
    beat = record.heartbeat_at or record.started_at
    return record.state == "running" and beat < now - timedelta(seconds=stale_after_s)


def status(services: Services, refresh_id: int) -> RefreshRecord | None:
    """One refresh as it stands; a running one whose worker died reads as failed."""
    record = services.store.refresh(refresh_id)
    stale = services.settings.refresh_stale_after
    if record is not None and _stale(record, stale, datetime.now(UTC)):
        services.store.reap_refreshes(stale)
        record = services.store.refresh(refresh_id)
    return record


def latest(services: Services) -> list[RefreshRecord]:
    """The active refreshes and the newest finished one, newest first (dead ones reaped)."""
    records = services.store.latest_refreshes(1)
    stale = services.settings.refresh_stale_after
    now = datetime.now(UTC)
    if any(_stale(record, stale, now) for record in records):
        services.store.reap_refreshes(stale)
        records = services.store.latest_refreshes(1)
    return records
