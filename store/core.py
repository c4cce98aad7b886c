"""The Store: the one object other packages use to write and read articles and refreshes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from settings import database_url, get_settings
from store import listing, newspapers, queries, refreshes, retention, schedule, stories, writes
from store.engine import IMMEDIATE, get_engine, migrate
from store.listing import ArticleRow, Listing
from store.records import (
    MAX_PAGE_SIZE,
    ArticlePage,
    ArticleQuery,
    ArticleRecord,
    CategoryHistory,
    CorrectionRecord,
    HealthRow,
    LabelledArticle,
    RefreshRecord,
    RefreshTicket,
    Relabel,
    StoredArticle,
    StoreError,
    StoreQueryError,
)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


@contextmanager
def _reporting(action: str) -> Iterator[None]:
    """Turn database exceptions into a StoreError with a one-line reason."""
    try:
        yield
    except IntegrityError as exc:
        reason = _first_line(exc.orig or exc)
        raise StoreError(f"{action}: the database refused the data ({reason})") from exc
    except SQLAlchemyError as exc:
        reason = _first_line(getattr(exc, "orig", None) or exc)
        raise StoreError(f"{action}: database error ({reason})") from exc


class Store:
    """Articles and refreshes in one database; methods return plain frozen values."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(**{IMMEDIATE: True})

    def __repr__(self) -> str:
        return f"Store({self.engine.url!r})"

    @contextmanager
    def _write(self, action: str) -> Iterator[Session]:
        with _reporting(action), Session(self._writer) as session, session.begin():
            yield session

    @contextmanager
    def _read(self, action: str) -> Iterator[Session]:
        with _reporting(action), Session(self.engine) as session:
            yield session

    def start_refresh(self, source_ids: Sequence[str]) -> int:
        """Record that a refresh of these sources began; return its id."""
        with self._write("cannot record the refresh") as session:
            return writes.start_refresh(session, source_ids)

    def save_source_result(
        self,
        refresh_id: int,
        source_id: str,
        articles: Sequence[ArticleRecord],
        error: str | None = None,
        found: int | None = None,
        duration_s: float = 0.0,
    ) -> list[StoredArticle]:
        """Upsert one source's articles and outcome in one transaction; return them as stored."""
        with self._write(f"cannot save the articles of {source_id}") as session:
            return writes.save_source_result(
                session, refresh_id, source_id, articles, error, found, duration_s
            )

    def save_archive(self, articles: Sequence[ArticleRecord]) -> list[StoredArticle]:
        """Upsert imported articles in one transaction, outside any refresh; return them."""
        with self._write("cannot save the imported articles") as session:
            return writes.save_archive(session, articles)

    def finish_refresh(self, refresh_id: int) -> RefreshRecord:
        """Mark a refresh finished (ok, partial or failed) and return it."""
        with self._write(f"cannot finish refresh {refresh_id}") as session:
            return writes.finish_refresh(session, refresh_id)

    def request_refresh(
        self, source_ids: Sequence[str], trigger: str = "user", stale_after_s: float = 60.0
    ) -> RefreshTicket:
        """Queue a refresh of the papers no refresh holds, or join the one holding them."""
        with self._write("cannot request a refresh") as session:
            return refreshes.request(session, source_ids, trigger, stale_after_s)

    def claim_refresh(self, refresh_id: int) -> RefreshRecord | None:
        """Start a queued refresh (queued → running); None when it is not queued."""
        with self._write(f"cannot start refresh {refresh_id}") as session:
            return refreshes.claim(session, refresh_id)

    def beat_refresh(self, refresh_id: int, done: int, total: int) -> bool:
        """Heartbeat and progress in articles (never backwards); False once it is not running."""
        with self._write(f"cannot record progress of refresh {refresh_id}") as session:
            return refreshes.beat(session, refresh_id, done, total)

    def fail_refresh(self, refresh_id: int, error: str) -> None:
        """Mark an unfinished refresh failed, saying why, and free its newspapers."""
        with self._write(f"cannot fail refresh {refresh_id}") as session:
            refreshes.fail(session, refresh_id, error)

    def reap_refreshes(self, stale_after_s: float) -> list[int]:
        """Fail the refreshes whose heartbeat is older than ``stale_after_s``; return their ids."""
        with self._write("cannot reap stale refreshes") as session:
            return refreshes.reap(session, stale_after_s)

    def refresh(self, refresh_id: int) -> RefreshRecord | None:
        """One refresh with state, progress and per-paper results (None if there is none)."""
        with self._read(f"cannot read refresh {refresh_id}") as session:
            return refreshes.get(session, refresh_id)

    def latest_refreshes(self, limit: int = 1) -> list[RefreshRecord]:
        """Every active refresh plus the ``limit`` newest ones, newest first."""
        with self._read("cannot list refreshes") as session:
            return refreshes.latest(session, limit)

    def claim_job(self, name: str, interval_s: float) -> bool:
        """True for exactly one caller of the fleet per ``interval_s``: that one runs the job."""
        with self._write(f"cannot claim scheduled job {name}") as session:
            return schedule.claim_job(session, name, interval_s)

    def remove_articles_before(self, cutoff: datetime) -> int:
        """Delete articles last seen before ``cutoff`` unless retraining needs them; count."""
        with self._write("cannot remove old articles") as session:
            return retention.remove_before(session, cutoff)

    def articles(self, query: ArticleQuery | None = None) -> ArticlePage:
        """Return one page of articles matching the query, newest first."""
        with self._read("cannot list articles") as session:
            return queries.articles(session, query or ArticleQuery())

    def category_counts(
        self, newspapers: Sequence[str] | None = None, since: datetime | None = None
    ) -> dict[str, dict[str, int]]:
        """Return newspaper → category → number of articles (optionally since a time)."""
        with self._read("cannot count articles") as session:
            return queries.category_counts(session, newspapers, since)

    def last_refreshed(self, newspapers: Sequence[str] | None = None) -> dict[str, datetime | None]:
        """Return newspaper → when a refresh last got it without error (None if never)."""
        with self._read("cannot read refresh times") as session:
            return queries.last_refreshed(session, newspapers)

    def category_history(
        self, newspapers: Sequence[str] | None = None, days: int = 30, today: date | None = None
    ) -> CategoryHistory:
        """Return day → category → number of articles for the last `days` days, oldest first."""
        with self._read("cannot read the category history") as session:
            return queries.category_history(session, newspapers, days, today)

    def label_health(
        self,
        other: str,
        days: int = 30,
        today: date | None = None,
        labels: Sequence[str] | None = None,
    ) -> list[HealthRow]:
        """Per day and newspaper over the last `days` days: how the model's labels compare with
        the newspapers' own (only those in `labels`, when given), its share of `other` (the
        label named by `other`) and its coverage."""
        with self._read("cannot read the model's health") as session:
            return queries.label_health(session, other, days, today, labels)

    def recent_refreshes(self, limit: int = 20) -> list[RefreshRecord]:
        """Return the latest refreshes, newest first, with how each source went."""
        with self._read("cannot list refreshes") as session:
            return queries.recent_refreshes(session, limit)

    def newspaper_ids(self) -> list[str]:
        """Return the id of every newspaper with stored articles, sorted."""
        with self._read("cannot list the newspapers") as session:
            return queries.newspaper_ids(session)

    def article(self, article_id: int) -> StoredArticle | None:
        """Return the article with this id, or None when there is none."""
        with self._read(f"cannot read article {article_id}") as session:
            return queries.article(session, article_id)

    def add_correction(self, article_id: int, label: str, model_version: str) -> CorrectionRecord:
        """Record a user's topic for an article (ArticleNotFoundError if it does not exist)."""
        with self._write(f"cannot save the correction of article {article_id}") as session:
            return writes.add_correction(session, article_id, label, model_version)

    def corrections(self) -> list[LabelledArticle]:
        """Return every corrected article, labelled with its newest correction."""
        with self._read("cannot read the corrections") as session:
            return queries.corrections(session)

    def labelled_articles(self) -> list[LabelledArticle]:
        """Return every article with a newspaper label (label = its section_label)."""
        with self._read("cannot read the labelled articles") as session:
            return queries.labelled_articles(session)

    def label_stamp(self) -> dict[str, int]:
        """A cheap fingerprint of the training labels (two aggregate queries, no texts read)."""
        with self._read("cannot read the label counts") as session:
            return queries.label_stamp(session)

    def relabel(self, updates: Sequence[Relabel]) -> int:
        """Store new model labels in one transaction; return how many articles were updated."""
        with self._write("cannot store the new labels") as session:
            return writes.relabel(session, updates)

    def article_batches(
        self, batch_size: int, not_version: str | None = None
    ) -> Iterator[list[StoredArticle]]:
        """Yield every article (optionally only those not labelled by a version) in id order.

        Each batch is read in its own short transaction, so relabelling between batches is
        safe; articles added meanwhile with higher ids are included.
        """
        if not 1 <= batch_size <= 10 * MAX_PAGE_SIZE:
            raise StoreQueryError(
                f"batch_size must be between 1 and {10 * MAX_PAGE_SIZE}, got {batch_size}"
            )
        after = 0
        while True:
            with self._read("cannot read a batch of articles") as session:
                batch = queries.article_batch(session, after, batch_size, not_version)
            if not batch:
                return
            yield batch
            after = batch[-1].id

    def listing(self, query: Listing) -> list[ArticleRow]:
        """One slice of a listing: light rows without texts (see ``store.listing``)."""
        with self._read("cannot list articles") as session:
            return listing.rows(session, query)

    def listing_count(self, query: Listing) -> int:
        """How many articles the listing's filters match."""
        with self._read("cannot count articles") as session:
            return listing.count(session, query)

    def newest_articles(
        self, newspapers: Sequence[str] | None = None
    ) -> dict[str, datetime | None]:
        """Newspaper → time of its newest article (published, else first seen)."""
        with self._read("cannot read the newest articles") as session:
            return listing.newest(session, newspapers)

    def collected_history(
        self, newspapers: Sequence[str] | None = None, days: int = 30, today: date | None = None
    ) -> CategoryHistory:
        """Day first collected → category → number of articles, for the last ``days`` days."""
        with self._read("cannot read the category history") as session:
            return listing.collected_history(session, newspapers, days, today)

    def save_newspaper_names(self, names: Mapping[str, str]) -> None:
        """Record newspapers' display names (id → name), e.g. an archive's ``source_name``."""
        with self._write("cannot record the newspapers' names") as session:
            newspapers.save_names(session, names)

    def newspaper_names(self) -> dict[str, str]:
        """Newspaper id → display name, for the newspapers an archive named."""
        with self._read("cannot read the newspapers' names") as session:
            return newspapers.names(session)

    def story_rows(self, ids: Sequence[int], window: timedelta) -> list[stories.StoryRow]:
        """Articles ``ids`` and those of ``window`` before them, in time order (for assignment)."""
        with self._read("cannot read the articles' stories") as session:
            return stories.story_rows(session, ids, window)

    def set_stories(self, assigned: Mapping[int, int]) -> int:
        """Record each article's story (article id → story id)."""
        with self._write("cannot record the articles' stories") as session:
            return stories.set_stories(session, assigned)

    def top_story_rows(
        self, newspapers: Sequence[str] | None, since: datetime | None, limit: int
    ) -> list[ArticleRow]:
        """The window's articles of its ``limit`` biggest stories shared by two or more papers."""
        with self._read("cannot read the top stories") as session:
            return stories.top_story_rows(session, newspapers, since, limit)

    def data_version(self) -> str:
        """A token that changes whenever articles or refresh results are written."""
        with self._read("cannot read the data version") as session:
            return listing.data_version(session)

    def ping(self) -> None:
        """Check that the database answers; raise StoreError saying why not."""
        with _reporting("the article store does not answer"), self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def close(self) -> None:
        """Close this process's pooled connections (the store stays usable)."""
        self.engine.dispose()


def open_store(url: str | None = None) -> Store:
    """Return the store at the URL (default settings.database_url), migrated to head."""
    config = get_settings()
    engine = get_engine(database_url(url or config.database_url), config.db_pool_size)
    with _reporting(f"cannot open the article store at {engine.url!r}"):
        migrate(engine)
    return Store(engine)
