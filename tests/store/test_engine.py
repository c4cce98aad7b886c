"""Opening the store: engines per URL, migrations (also from many processes at once), errors."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import traceback
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from runtime.services import store_of
from store import Store, StoreError, open_store
from store.engine import alembic_config, current_revision, get_engine, head_revision
from store.models import Base
from tests.store.fixtures import make_article


def test_migrations_build_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    assert current_revision(store.engine) == head_revision() is not None


def test_sqlite_file_and_folders_are_created_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "new" / "nested" / "news.db"
    store = open_store(f"sqlite:///{path}")
    assert path.is_file()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_default_url_comes_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    store = store_of()
    assert (tmp_path / "var" / "news.db").is_file()
    store.close()


def test_one_engine_per_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert get_engine(url) is get_engine(url) is open_store(url).engine
    assert get_engine(url) is not get_engine(f"sqlite:///{tmp_path / 'b.db'}")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "DATABASE_URL is not a database URL"),
        ("mysql://u@localhost/db", "unsupported database 'mysql'"),
    ],
)
def test_bad_urls_are_clear_errors(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_unreachable_server_is_a_one_line_error() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2"
    with pytest.raises(StoreError, match="cannot open the article store") as raised:
        open_store(url)
    assert "\n" not in str(raised.value)
    with pytest.raises(StoreError, match="does not answer"):
        Store(get_engine(url)).ping()


def _open_in_child(url: str, barrier: Any) -> None:
    try:
        barrier.wait(timeout=30)
        store = open_store(url)
        refresh = store.start_refresh(["a"])
        store.save_source_result(refresh, "a", [make_article("https://a.com/same", "a")])
    except BaseException:
        traceback.print_exc()
        raise SystemExit(1) from None


def _open_at_once(url: str, processes: int = 4) -> None:
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(processes)
    children = [
        context.Process(target=_open_in_child, args=(url, barrier)) for _ in range(processes)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=60)
    assert [child.exitcode for child in children] == [0] * processes


def test_processes_starting_at_once_on_a_new_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'race.db'}"
    _open_at_once(url)
    store = open_store(url)
    assert len(store.articles().items) == 1 and len(store.recent_refreshes()) == 4


@pytest.mark.postgres
def test_processes_starting_at_once_on_a_new_postgres_schema(fresh_pg_url: str) -> None:
    _open_at_once(fresh_pg_url)
    store = open_store(fresh_pg_url)
    assert len(store.articles().items) == 1 and len(store.recent_refreshes()) == 4


def test_reopening_costs_no_queries(store: Store) -> None:
    statements: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    assert open_store(str(store.engine.url.render_as_string(hide_password=False))).engine is (
        store.engine
    )
    assert statements == []


def test_in_memory_sqlite_works_across_threads() -> None:
    store = open_store("sqlite://")
    refresh = store.start_refresh(["a"])
    done: list[int] = []
    worker = threading.Thread(
        target=lambda: done.append(
            len(store.save_source_result(refresh, "a", [make_article("https://a.com/1", "a")]))
        )
    )
    worker.start()
    worker.join()
    assert done == [1] and len(store.articles().items) == 1


def test_downgrade_and_upgrade_again(store_url: str) -> None:
    store = open_store(store_url)
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
        assert not sa.inspect(conn).has_table("articles")
        command.upgrade(config, "head")
    assert current_revision(store.engine) == head_revision()
    store.start_refresh(["a"])
