"""The web process: the Dash app with the API on its Flask server, over services built once."""

from __future__ import annotations

import os
from dataclasses import dataclass

from dash import Dash
from flask import Flask

from api import init_app
from dashboard.factory import create_app
from refresh.schedule import EmbeddedScheduler, start_embedded
from refresh.services import Services
from runtime.services import build_services
from settings import Settings


@dataclass(frozen=True)
class Web:
    """What ``app.py`` serves: the Dash app, its Flask server and the process's services."""

    app: Dash
    services: Services

    @property
    def server(self) -> Flask:
        """The Flask server (``gunicorn app:server``)."""
        server: Flask = self.app.server
        return server


def build_web(settings: Settings, services: Services | None = None) -> Web:
    """The dashboard and the API over ``services`` (default: built from ``settings``)."""
    services = services or build_services(settings)
    app = create_app(services)
    init_app(
        app.server,
        app,
        services=services,
        trusted_proxies=settings.trusted_proxies,
        redis_url=settings.redis_url,
    )
    return Web(app, services)


def start_schedule(services: Services) -> EmbeddedScheduler | None:
    """Tick the schedule in this process unless Celery beat runs it (REDIS_URL set)."""
    return start_embedded(services)


def serve(web: Web) -> None:
    """Serve on HOST:PORT with Flask's server, ticking the schedule (``python app.py``)."""
    config = web.services.settings
    # Under the debug reloader only the serving child ticks (the watcher serves nothing).
    if not config.debug or os.environ.get("WERKZEUG_RUN_MAIN") == "true":
        start_schedule(web.services)
    web.app.run(host=config.host, port=config.port, debug=config.debug)
