"""Alembic environment: migrates the connection open_store() hands in, else a URL given.

By hand: ``alembic -c store/alembic.ini -x url=URL upgrade head`` (else ``sqlalchemy.url`` of
the config, else the DATABASE_URL environment variable, as the deployment reads it).
"""

import os

from alembic import context
from sqlalchemy import create_engine, pool

from store.engine import sqlalchemy_url
from store.models import Base

config = context.config


def _run(connection: object) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = (
        context.get_x_argument(as_dictionary=True).get("url")
        or config.get_main_option("sqlalchemy.url")
        or os.environ.get("DATABASE_URL")
    )
    if not url:
        raise SystemExit("error: no database: pass -x url=URL (or set DATABASE_URL)")
    return sqlalchemy_url(url)


given = config.attributes.get("connection")
if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif given is not None:
    _run(given)
else:
    with create_engine(_url(), poolclass=pool.NullPool).connect() as conn:
        _run(conn)
