"""Settings: Heroku's URLs and the new service settings, each with a clear error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from runtime.services import store_of
from settings import get_settings
from store.engine import sqlalchemy_url as database_url


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """The environment, restored after the test."""
    yield monkeypatch


def test_settings_follow_the_environment_and_are_read_once_per_state_of_it(
    env: pytest.MonkeyPatch,
) -> None:
    env.setenv("REFRESH_INTERVAL", "120")
    first = get_settings()
    assert first.refresh_interval == 120 and get_settings() is first
    env.setenv("REFRESH_INTERVAL", "0")
    assert get_settings().refresh_interval == 0
    env.setenv("REFRESH_INTERVAL", "120")
    assert get_settings() is first


def test_heroku_postgres_urls_use_psycopg() -> None:
    assert database_url("postgres://u:p@h:5432/d") == "postgresql+psycopg://u:p@h:5432/d"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


@pytest.mark.postgres
def test_a_postgres_url_opens_the_store(env: pytest.MonkeyPatch, fresh_pg_url: str) -> None:
    url = make_url(fresh_pg_url)
    heroku = url.set(drivername="postgres").render_as_string(hide_password=False)
    assert heroku.startswith("postgres://")
    env.setenv("DATABASE_URL", heroku)
    env.setenv("DB_POOL_SIZE", "3")
    store = store_of(get_settings())
    store.ping()
    assert store.engine.url.drivername == "postgresql+psycopg"
    assert store.engine.pool.size() == 3  # type: ignore[attr-defined]


def test_service_settings_defaults_and_bad_values(env: pytest.MonkeyPatch) -> None:
    for name in ("REFRESH_INTERVAL", "RETENTION_DAYS", "DB_POOL_SIZE", "REFRESH_STALE_AFTER"):
        env.delenv(name, raising=False)
    config = get_settings()
    assert (config.refresh_interval, config.retention_days) == (900, 90)
    assert (config.db_pool_size, config.refresh_stale_after) == (5, 60)
    assert config.refresh_queue == "refresh"
    env.setenv("REFRESH_INTERVAL", "-5")
    with pytest.raises(SystemExit, match="REFRESH_INTERVAL=-5 must be at least 0"):
        get_settings()
