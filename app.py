"""Latest News Classifier: the Dash app entry point (`python app.py`, `gunicorn app:server`)."""

from __future__ import annotations

from dash import Dash, html

from settings import get_settings

app = Dash(__name__, title="Latest News Classifier")
app.layout = html.Main([html.H1("Latest News Classifier")])
server = app.server

if __name__ == "__main__":
    config = get_settings()
    app.run(host=config.host, port=config.port, debug=config.debug)
