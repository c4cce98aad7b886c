"""Alembic environment: migrates the connection open_store() hands in, else DATABASE_URL."""

from alembic import context
from sqlalchemy import create_engine, pool

from settings import get_settings
from store.models import Base

config = context.config


def _run(connection: object) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if context.is_offline_mode():
    context.configure(
        url=get_settings().database_url, target_metadata=Base.metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()
elif given is not None:
    _run(given)
else:
    with create_engine(get_settings().database_url, poolclass=pool.NullPool).connect() as conn:
        _run(conn)
