"""The web process's services: built once per Flask server, found from any request."""

from __future__ import annotations

from flask import Flask, current_app, has_app_context

from refresh.services import Services, build_services
from scraper.sources import Source, load_sources

EXTENSION = "refresh.services"


def install(server: Flask, services: Services) -> Services:
    """Make ``services`` the ones every request of ``server`` uses."""
    server.extensions[EXTENSION] = services
    return services


def current() -> Services:
    """The services of the server handling this request (built on first use)."""
    server: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    services = server.extensions.get(EXTENSION)
    if not isinstance(services, Services):
        services = install(server, build_services())
    return services


def current_or_built() -> Services:
    """The current server's services in a request, else services built from the settings."""
    return current() if has_app_context() else build_services()


def configured_sources() -> list[Source]:
    """The newspapers from the server's catalog (re-read only when the file changes).

    Outside a request (scripts, unit tests) the file is read directly.
    """
    if has_app_context():
        return current().sources.all()
    return load_sources()
