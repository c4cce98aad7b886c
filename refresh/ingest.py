"""A whole refresh: every source fetched in parallel, classified per source, stored per source."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from classifier.article import label_fields, model_input
from refresh.heartbeat import Heartbeat
from refresh.report import ScrapeReport, SourceReport
from scraper.children import ParsePool
from scraper.downloads import Downloader
from scraper.feeds import FeedItem
from scraper.pipeline import Page, SourceFailed, fetch_page, latest_items
from scraper.robots import RobotsCache
from scraper.sources import Source
from store import ArticleRecord, StoreError, normalise_url
from stories import assign_stored

if TYPE_CHECKING:
    from classifier import TopicModel
    from refresh.services import Services
    from store import Store

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, message)``; ``total`` grows as feeds reveal articles."""

MAX_WORKERS = 16
PER_HOST = 4


def scrape(
    services: Services,
    source_ids: Sequence[str] | None = None,
    limit: int | None = None,
    *,
    progress: Progress | None = None,
    refresh_id: int | None = None,
    workers: int = MAX_WORKERS,
    per_host: int = PER_HOST,
) -> ScrapeReport:
    """Fetch, classify and store the latest articles of the chosen sources (default: all).

    ``refresh_id`` is a refresh already recorded (and claimed); without one a new refresh
    is recorded. Progress counts articles: ``done`` never goes down, feeds are not counted.
    """
    store = services.store
    if refresh_id is None:
        refresh_id = store.start_refresh([s.id for s in services.sources.choose(source_ids)])
    started = time.monotonic()
    beat_s = min(1.0, services.settings.refresh_stale_after / 4)
    # The heartbeat starts with the refresh: loading the model or the sources file can be
    # slow, and a refresh that is alive must never read as dead meanwhile.
    with Heartbeat(store, refresh_id, beat_s) as heartbeat:
        sources = services.sources.choose(source_ids)
        model = services.model
        downloader = Downloader(
            services.settings.user_agent, per_host=per_host, validators=services.validators
        )
        parser = ParsePool(services.settings.extract_processes)

        def report_progress(done: int, total: int, message: str) -> None:
            heartbeat.progress(done, total)
            if progress is not None:
                progress(done, total, message)

        try:
            run = _Run(
                sources, limit, downloader, services.robots, parser, model, store, refresh_id,
                report_progress,
            )  # fmt: skip
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="scrape") as pool:
                reports = run.run(pool)
        finally:
            parser.close()
            downloader.close()
            heartbeat.beat()
            store.finish_refresh(refresh_id)
    return ScrapeReport(
        refresh_id=refresh_id,
        sources=tuple(sorted(reports, key=lambda r: [s.id for s in sources].index(r.source_id))),
        duration_s=time.monotonic() - started,
        requests=downloader.stats.requests,
        request_latency_s=downloader.stats.latency_s,
    )


@dataclass
class _SourceRun:
    source: Source
    started: float
    items: list[FeedItem] = field(default_factory=list)
    waiting: int = 0
    pages: list[Page] = field(default_factory=list)


class _Run:
    """Schedules feeds then articles on one pool; finishes each source as its last page lands."""

    def __init__(
        self,
        sources: list[Source],
        limit: int | None,
        downloader: Downloader,
        robots: RobotsCache,
        parser: ParsePool,
        model: TopicModel,
        store: Store,
        refresh_id: int,
        progress: Progress | None,
    ) -> None:
        self.sources, self.limit, self.downloader, self.robots = sources, limit, downloader, robots
        self.parser = parser
        self.model, self.store, self.refresh_id, self.progress = model, store, refresh_id, progress
        self.done = 0  # articles finished (page, summary or nothing): feeds are not counted
        self.total = 0  # articles listed by the feeds that answered so far

    def run(self, pool: ThreadPoolExecutor) -> list[SourceReport]:
        """Run every source to completion and return one report per source."""
        pending: dict[Future[Any], tuple[_SourceRun, FeedItem | None]] = {}
        reports: list[SourceReport] = []
        for source in self.sources:
            state = _SourceRun(source, time.monotonic())
            limit = self.limit or source.limit
            future = pool.submit(
                latest_items, source, limit, self.downloader, self.robots, self.parser
            )
            pending[future] = (state, None)
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                state, item = pending.pop(future)
                if item is None:
                    report = self._listed(pool, pending, state, future)
                else:
                    state.pages.append(self._page(future, item))
                    state.waiting -= 1
                    self.done += 1
                    self._tell(state.source.id)
                    report = self._finish(state, None) if state.waiting == 0 else None
                if report is not None:
                    reports.append(report)
        return reports

    def _listed(
        self,
        pool: ThreadPoolExecutor,
        pending: dict[Future[Any], tuple[_SourceRun, FeedItem | None]],
        state: _SourceRun,
        future: Future[Any],
    ) -> SourceReport | None:
        try:
            items = future.result()
        except SourceFailed as exc:
            return self._finish(state, str(exc))
        except Exception as exc:  # a bug in one source must not sink the others
            return self._finish(state, f"unexpected error: {type(exc).__name__}: {exc}")
        assert isinstance(items, list)
        state.items, state.waiting = items, len(items)
        self.total += len(items)
        self._tell(state.source.id)
        for item in items:
            args = (state.source, item, self.downloader, self.robots, self.parser)
            pending[pool.submit(fetch_page, *args)] = (state, item)
        return None

    @staticmethod
    def _page(future: Future[Any], item: FeedItem) -> Page:
        try:
            page = future.result()
        except Exception as exc:
            reason = f"unexpected error: {type(exc).__name__}"
            return Page(
                item,
                item.title,
                item.summary,
                "summary" if item.summary else None,
                item.published,
                reason,
            )
        assert isinstance(page, Page)
        return page

    def _finish(self, state: _SourceRun, error: str | None) -> SourceReport:
        position = {item.url: n for n, item in enumerate(state.items)}
        state.pages.sort(key=lambda page: position[page.item.url])  # back to feed order
        usable = [p for p in state.pages if p.text_source is not None]
        if error is None and not usable:
            reasons = Counter(p.reason for p in state.pages if p.reason)
            error = reasons.most_common(1)[0][0] if reasons else "no article text"
        records: list[ArticleRecord] = []
        if usable:
            try:
                records = self._classify(state.source, usable)
            except Exception as exc:
                error = f"classification failed: {type(exc).__name__}: {exc}"
        duration = time.monotonic() - state.started
        try:
            stored = self.store.save_source_result(
                self.refresh_id, state.source.id, records, error, len(state.items), duration
            )
        except StoreError as exc:
            records, error, stored = [], f"not stored: {exc}", []
        _assign_stories(self.store, [article.id for article in stored])
        skipped = Counter(
            p.reason for p in state.pages if p.text_source is None and p.reason and not p.refused
        )
        return SourceReport(
            source_id=state.source.id,
            name=state.source.name,
            found=len(state.items),
            articles=tuple(records),
            error=error,
            duration_s=duration,
            skipped=dict(skipped),
            refused={p.item.url: p.reason or "refused" for p in state.pages if p.refused},
        )

    def _classify(self, source: Source, pages: list[Page]) -> list[ArticleRecord]:
        # One predict call per source: the model vectorises the whole batch at once.
        predictions = self.model.predict([model_input(p.title, p.text) for p in pages])
        sections = [
            source.rules.label(p.item.url, p.item.categories, p.item.feed_topic) for p in pages
        ]
        return [
            ArticleRecord(
                url=normalise_url(page.item.url),
                source_id=source.id,
                title=page.title,
                summary=page.item.summary,
                text=page.text,
                text_source="page" if page.text_source == "page" else "summary",
                published=page.published,
                section=section.section,
                section_label=section.label,
                **label_fields(prediction, self.model.version),
            )
            for page, prediction, section in zip(pages, predictions, sections, strict=True)
        ]

    def _tell(self, source_id: str) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total, source_id)


_LOG = logging.getLogger(__name__)


def _assign_stories(store: Store, ids: list[int]) -> None:
    # Stories are a view of the stored articles: a failure here must not fail the refresh;
    # the next stored articles assign the unassigned ones of their window.
    try:
        assign_stored(store, ids)
    except StoreError as exc:
        _LOG.warning("stories not assigned: %s", exc)
