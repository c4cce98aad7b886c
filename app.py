"""Latest News Classifier: the Dash app entry point (`python app.py`, `gunicorn app:server`).

The composition root of the web process: the services (store, model, sources, HTTP caches,
where refreshes run) are built once here and used by every request.
"""

from __future__ import annotations

import faulthandler
import os

from api import init_app
from dashboard.factory import create_app
from refresh import build_services
from refresh.schedule import start_embedded

faulthandler.enable()  # a native crash leaves a Python traceback in the log
services = build_services()
app = create_app(services)
server = app.server
init_app(server, app)


def start_schedule() -> None:
    """Tick the schedule in this process unless Celery beat runs it (REDIS_URL set)."""
    start_embedded(services)


if __name__ == "__main__":
    config = services.settings
    # Under the debug reloader only the serving child ticks (the watcher serves nothing).
    if not config.debug or os.environ.get("WERKZEUG_RUN_MAIN") == "true":
        start_schedule()
    app.run(host=config.host, port=config.port, debug=config.debug)
