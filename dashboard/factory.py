"""Build the Dash app: shell layout, pages and callbacks."""

from __future__ import annotations

import logging
import re
from contextlib import suppress
from pathlib import Path

from dash import Dash, html

from classifier import ModelError
from dashboard import demo, router
from dashboard.layout import shell
from dashboard.pages.classify import page as classify
from dashboard.pages.main import callbacks as main_callbacks
from dashboard.pages.main import corrections, refresh
from dashboard.pages.main import page as main
from dashboard.pages.main.view import build_view
from dashboard.web import install_web_basics
from refresh import Services
from scraper import SourcesError
from store import StoreError
from views.cache import init_cache
from views.services import install

TITLE = "Latest News Classifier"
ASSETS = Path(__file__).resolve().parent.parent / "assets"
"""The app's static files (CSS, scripts, icons): ``assets/`` at the project root."""
_log = logging.getLogger(__name__)

_UNNEEDED_SCRIPTS = re.compile(
    r'<script src="[^"]*/_dash-component-suites/dash/'
    r'(?:deps/polyfill@[^"]*|dash_table/bundle[^"]*)"></script>\n?'
)
"""Scripts Dash serves that no page here runs: the Babel polyfill (its one part browsers lack,
``regeneratorRuntime``, comes from ``assets/regenerator-runtime.js``) and the loader of
``dash_table`` (no page has a DataTable). Together 46 KB compressed, evaluated before the
page can draw."""


class _NewsDash(Dash):
    """Dash, with a first load that skips the scripts in ``_UNNEEDED_SCRIPTS``."""

    # Keyword-only as in Dash's own example of this override (Dash calls it by keywords).
    def interpolate_index(self, **kwargs: str) -> str:  # type: ignore[override]
        """Dash's page template with the scripts no page runs left out (Dash's documented
        place to change the page it serves)."""
        kwargs["scripts"] = _UNNEEDED_SCRIPTS.sub("", kwargs.get("scripts", ""))
        return str(super().interpolate_index(**kwargs))  # type: ignore[no-untyped-call]


def _warm_model(services: Services) -> None:
    # Load the model and WordNet (read on the first prediction) once at start-up, not in the
    # first user's request; gunicorn --preload then shares them between workers.
    # Without a usable model the pages that need it say so; the rest still works.
    with suppress(ModelError):
        services.model.predict(["Warm up the word lists."])


def _demo_when_offline(services: Services) -> None:
    # A first run without internet: an empty store and no newspaper reachable → the demo.
    try:
        config = services.settings
        homepages = [source.homepage for source in services.sources.all()]
        loaded = demo.offline_start(
            services.store, config.demo_data, homepages, services.model, config.var_dir
        )
    except (ModelError, SourcesError, StoreError, demo.DemoError) as exc:
        _log.warning("demo mode not started: %s", exc)
        return
    if loaded:
        _log.warning("no newspaper reachable, empty store: demo mode (%d articles)", loaded)


def create_app(services: Services) -> Dash:
    """A new Dash app serving the dashboard (its Flask server is ``app.server``).

    ``services`` (built by the composition root) become those of every request.
    """
    app = _NewsDash(
        __name__,
        title=TITLE,
        update_title="",
        assets_folder=str(ASSETS),
        serve_locally=True,
        # plotly.js is loaded by assets/plotly-loader.js on the pages that draw with it.
        assets_ignore=r"plotly-basic\.min\.js",
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": "What today's newspapers are writing about."},
        ],
    )
    install(app.server, services)
    _warm_model(services)
    _demo_when_offline(services)
    app.layout = router.serve_layout
    app.index_string = _preloading_index(app)
    # Every id a callback uses, so Dash can validate callbacks against pages not yet shown
    # (Dash declares the attribute as None, hence the ignore).
    pages = html.Div(
        [
            shell(),
            main.layout([], build_view([], "24h")),
            classify.layout(),
            corrections.correction_form(0, ["business", "other"], "other", "token"),
        ]
    )
    app.validation_layout = pages  # type: ignore[assignment]
    init_cache(app.server, services.settings.redis_url)
    install_web_basics(app)
    router.register(app)
    main_callbacks.register(app)
    refresh.register(app)
    classify.register(app)
    corrections.register(app)
    return app


def _preloading_index(app: Dash) -> str:
    """Dash's page template, plus preloads of what every first view needs.

    The dropdown's code arrives as an async chunk that the browser would otherwise only request
    after the first layout render; preloading lets it fetch and compile it meanwhile. The
    layout and the callback list are asked by Dash's renderer only once all its scripts have
    run; preloaded (``crossorigin``: same-origin credentials, as the renderer's ``fetch``),
    they arrive while the scripts load. The layout's preload carries the page's address as
    referrer, which ``router.serve_layout`` reads.
    """
    chunks = ("dash/dcc/async-dropdown.js",)
    prefix = str(app.config.requests_pathname_prefix)
    links = "".join(
        f'<link rel="preload" as="script" href="{prefix}_dash-component-suites/{chunk}">'
        for chunk in chunks
    )
    links += "".join(
        f'<link rel="preload" as="fetch" crossorigin href="{prefix}{name}">'
        for name in ("_dash-layout", "_dash-dependencies")
    )
    return str(app.index_string).replace("{%css%}", links + "{%css%}", 1)
