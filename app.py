"""Latest News Classifier: the Dash app entry point (`python app.py`, `gunicorn app:server`)."""

from __future__ import annotations

from api import init_app
from dashboard.factory import create_app
from settings import get_settings

app = create_app()
server = app.server
init_app(server, app)

if __name__ == "__main__":
    config = get_settings()
    app.run(host=config.host, port=config.port, debug=config.debug)
