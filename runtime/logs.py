"""How the app's own processes log: one line a record at INFO, without libraries' chatter."""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)s %(message)s"
_CHATTY = ("alembic.runtime.plugins", "alembic.runtime.migration")
"""Alembic logs its plugins and dialect each time a store is opened, and every migration step;
the store logs one line of its own when it migrates (``store.engine.migrate``)."""


def quiet_libraries() -> None:
    """Raise the chatty libraries' loggers to WARNING (their warnings and errors still show)."""
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)


def configure_logging(level: int = logging.INFO) -> None:
    """Log to stderr at ``level``, one line a record, libraries quiet (a job's child process)."""
    logging.basicConfig(level=level, format=FORMAT)
    quiet_libraries()
