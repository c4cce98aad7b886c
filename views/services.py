"""The web process's services, installed on the Flask server by the composition root.

``runtime`` builds the services once and ``install``s them; API views and dashboard callbacks
find them with ``current()`` (inside a request or an app context), never build their own.
"""

from __future__ import annotations

from flask import Flask, current_app

from refresh.services import Services
from scraper.sources import Source

EXTENSION = "refresh.services"


def install(server: Flask, services: Services) -> Services:
    """Make ``services`` the ones every request of ``server`` uses."""
    server.extensions[EXTENSION] = services
    return services


def current() -> Services:
    """The services installed on the server handling this request (or app context)."""
    server: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    services = server.extensions.get(EXTENSION)
    if not isinstance(services, Services):
        raise RuntimeError("no services installed on this server: runtime installs them")
    return services


def configured_sources() -> list[Source]:
    """The newspapers from the server's catalog (re-read only when the file changes)."""
    return current().sources.all()
