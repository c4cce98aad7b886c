"""Database engines, one per URL per process, and migrating the schema to head."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from store.records import StoreError

_log = logging.getLogger(__name__)
_HERE = Path(__file__).resolve().parent
_ALEMBIC_INI = _HERE / "alembic.ini"
_MIGRATIONS = _HERE / "migrations"
_SUPPORTED = ("sqlite", "postgresql")
# Any fixed number: every process migrating any schema of the database queues on it.
_PG_MIGRATION_LOCK = 7_310_452_118
_SQLITE_BUSY_MS = 30_000
IMMEDIATE = "store_sqlite_immediate"
"""Execution option: on SQLite, begin with a write lock so concurrent writers queue, not fail."""

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()
_migrated: set[Engine] = set()  # engines whose database this process saw at head


def _on_sqlite_connect(dbapi_connection: Any, _record: object) -> None:
    # Take transaction control from pysqlite so BEGIN IMMEDIATE is possible (see _on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {_SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    _use_wal(cursor)
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _use_wal(cursor: Any) -> None:
    # WAL is a property of the file: only the first connections to a new file switch it, and
    # SQLite answers "database is locked" at once (no busy handler) to a switch that meets
    # another process's switch. Those wait and look again, as long as the busy timeout.
    deadline = time.monotonic() + _SQLITE_BUSY_MS / 1000
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _on_sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _create(url: str, pool_size: int) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"DATABASE_URL is not a database URL: {exc}") from None
    if parsed.get_backend_name() not in _SUPPORTED:
        raise StoreError(
            f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
        )
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        else:  # an in-memory database exists once per connection: share a single one
            kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": _SQLITE_BUSY_MS / 1000}
    else:  # DB_POOL_SIZE: Heroku's smaller plans allow 20 connections for all dynos together
        kwargs |= {"pool_size": pool_size, "max_overflow": pool_size}
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {parsed!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def get_engine(url: str, pool_size: int = 5) -> Engine:
    """Return this process's engine for the URL, creating it on first use."""
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _create(url, pool_size)
        return engine


def _forget_inherited_connections() -> None:
    # A forked worker (gunicorn, Celery) must not share its parent's sockets.
    for engine in list(_engines.values()):
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)


def sqlalchemy_url(value: str) -> str:
    """The URL as SQLAlchemy wants it: Heroku's ``postgres://`` and a bare ``postgresql://``
    use the installed psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic settings for store/migrations, migrating `connection` when one is given."""
    config = Config(str(_ALEMBIC_INI))
    config.set_main_option("script_location", str(_MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str | None:
    """The newest schema revision in store/migrations."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None when it has no schema yet)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Upgrade the schema to head; safe when several processes start at once."""
    if engine in _migrated:
        return
    head = head_revision()
    if current_revision(engine) == head:
        _migrated.add(engine)
        return
    with engine.connect().execution_options(**{IMMEDIATE: True}) as conn, conn.begin():
        # One migrator at a time: the others wait here, then find the schema at head.
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_revision()
        if current != head:
            command.upgrade(alembic_config(conn), "head")
            _log.info("store: schema migrated from %s to %s", current or "empty", head)
    _migrated.add(engine)
