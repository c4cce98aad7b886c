"""Build the Dash app: shell layout, pages and callbacks."""

from __future__ import annotations

from contextlib import suppress

from dash import Dash, html

from classifier import ModelError, load_model
from dashboard import corrections, main_callbacks, refresh, router
from dashboard.layout import shell
from dashboard.pages import classify, main
from settings import BASE_DIR

TITLE = "Latest News Classifier"


def _warm_model() -> None:
    # Load the model and WordNet (read on the first prediction) once at start-up, not in the
    # first user's request; gunicorn --preload then shares them between workers.
    # Without a usable model the pages that need it say so; the rest still works.
    with suppress(ModelError):
        load_model().predict(["Warm up the word lists."])


def create_app() -> Dash:
    """A new Dash app serving the dashboard (its Flask server is ``app.server``)."""
    app = Dash(
        __name__,
        title=TITLE,
        update_title="",
        assets_folder=str(BASE_DIR / "assets"),
        serve_locally=True,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": "What today's newspapers are writing about."},
        ],
    )
    _warm_model()
    app.layout = shell()
    app.index_string = _preloading_index(app)
    # Every id a callback uses, so Dash can validate callbacks against pages not yet shown
    # (Dash declares the attribute as None, hence the ignore).
    pages = html.Div(
        [
            shell(),
            main.layout([], None),
            classify.layout(),
            corrections.correction_form(0, ["business", "other"], "other"),
        ]
    )
    app.validation_layout = pages  # type: ignore[assignment]
    router.register(app)
    main_callbacks.register(app)
    refresh.register(app)
    classify.register(app)
    corrections.register(app)
    return app


def _preloading_index(app: Dash) -> str:
    """Dash's page template, plus preloads of the lazily loaded chunks every first view needs.

    The grid and dropdown code arrive as async chunks that the browser would otherwise only
    request after the first layout render; preloading lets it fetch and compile them meanwhile.
    """
    chunks = (
        "dash_ag_grid/async-community.js",
        "dash/dcc/async-dropdown.js",
        "dash/dcc/async-graph.js",
    )
    prefix = str(app.config.requests_pathname_prefix)
    links = "".join(
        f'<link rel="preload" as="script" href="{prefix}_dash-component-suites/{chunk}">'
        for chunk in chunks
    )
    return str(app.index_string).replace("{%css%}", links + "{%css%}", 1)
