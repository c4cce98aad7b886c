"""The Store: one object composed of the entities' repositories, and ``open_store``."""

from __future__ import annotations

from sqlalchemy import text

from store.articles import Articles
from store.base import reporting
from store.engine import get_engine, migrate, sqlalchemy_url
from store.labels import Labels
from store.listing import Listings
from store.newspapers import Newspapers
from store.outcomes import Outcomes
from store.refreshes import Refreshes
from store.schedule import Schedule
from store.stories import Stories


class Store(Articles, Listings, Refreshes, Outcomes, Labels, Schedule, Stories, Newspapers):
    """Articles, refreshes, labels and the schedule in one database; plain frozen values out.

    Each entity's methods live with its SQL (``store.articles``, ``store.refreshes``, ...);
    this class only joins them over one engine.
    """

    def __repr__(self) -> str:
        return f"Store({self.engine.url!r})"

    def ping(self) -> None:
        """Check that the database answers; raise StoreError saying why not."""
        with reporting("the article store does not answer"), self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def close(self) -> None:
        """Close this process's pooled connections (the store stays usable)."""
        self.engine.dispose()


def open_store(url: str, pool_size: int = 5) -> Store:
    """Return the store at the URL (Heroku's ``postgres://`` accepted), migrated to head.

    ``pool_size`` is PostgreSQL's connection pool per process (settings ``DB_POOL_SIZE``).
    """
    engine = get_engine(sqlalchemy_url(url), pool_size)
    with reporting(f"cannot open the article store at {engine.url!r}"):
        migrate(engine)
    return Store(engine)
