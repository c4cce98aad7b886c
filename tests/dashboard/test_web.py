"""Web basics of the whole app: 404 for unknown pages, compressed and long-cached JavaScript."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import suppress
from typing import Any

import pytest
from flask.testing import FlaskClient

from api import init_app
from dashboard.factory import create_app
from runtime.services import build_services


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """The whole app (Dash pages and API) on an empty SQLite store."""
    tmp = tmp_path_factory.mktemp("web")
    patch = pytest.MonkeyPatch()
    patch.setenv("DATABASE_URL", f"sqlite:///{tmp / 'news.db'}")
    patch.setenv("VAR_DIR", str(tmp))
    patch.delenv("REDIS_URL", raising=False)
    app = create_app(build_services())
    init_app(app.server, app)
    yield app.server.test_client()
    patch.undo()


def test_pages_answer_200_and_unknown_pages_404(client: FlaskClient) -> None:
    for path in ("/", "/classify", "/model", "/model/"):
        assert client.get(path).status_code == 200, path
    missing = client.get("/nowhere")
    assert missing.status_code == 404
    assert "<html" in missing.get_data(as_text=True).lower()  # the app still says "not found"
    assert client.get("/api/v1/nowhere").status_code == 404


def _scripts(client: FlaskClient) -> list[str]:
    page = client.get("/").get_data(as_text=True)
    return re.findall(r'<script src="([^"]+\.js[^"]*)"', page)


def test_javascript_is_compressed_and_cached_for_a_year_when_versioned(client: FlaskClient) -> None:
    scripts = _scripts(client)
    assert len(scripts) > 5
    for src in scripts:
        plain = client.get(src, buffered=True)
        response = client.get(src, headers={"Accept-Encoding": "br, gzip"}, buffered=True)
        assert response.status_code == 200, src
        if len(plain.get_data()) >= 1000:  # tiny files are not worth compressing
            assert response.headers.get("Content-Encoding") in {"br", "gzip"}, src
            assert len(response.get_data()) < len(plain.get_data()) / 2, src
        assert (response.cache_control.max_age or 0) >= 86_400, src


def test_page_serves_the_regenerator_runtime_instead_of_the_babel_polyfill(
    client: FlaskClient,
) -> None:
    scripts = _scripts(client)
    assert not [src for src in scripts if "polyfill" in src or "dash_table" in src]
    runtime = [src for src in scripts if "/assets/regenerator-runtime.js" in src]
    assert len(runtime) == 1
    body = client.get(runtime[0]).get_data(as_text=True)
    assert "regeneratorRuntime" in body and "Permission is hereby granted" in body
    # React and Dash's renderer still come, in Dash's order.
    assert any("react-dom@" in src for src in scripts)
    assert any("dash_renderer" in src for src in scripts)


def test_skip_link_comes_first(client: FlaskClient) -> None:
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert layout.index("Skip to content") < layout.index("Latest News Classifier")


def _store(layout: Any, store_id: str) -> Any:
    """The ``data`` of the store ``store_id`` in a layout's JSON, or KeyError."""
    if isinstance(layout, dict):
        props = layout.get("props", {})
        if props.get("id") == store_id:
            return props.get("data")
        for value in props.values():
            with suppress(KeyError):
                return _store(value, store_id)
    if isinstance(layout, list):
        for item in layout:
            with suppress(KeyError):
                return _store(item, store_id)
    raise KeyError(store_id)


def test_layout_arrives_with_the_page_of_the_address_that_asks(client: FlaskClient) -> None:
    model = client.get("/_dash-layout", headers={"Referer": "http://localhost/model"}).get_json()
    assert _store(model, "page-route") == "/model"  # the address it was filled in for
    main = client.get("/_dash-layout", headers={"Referer": "http://localhost/?window=7d"})
    assert _store(main.get_json(), "page-route") == "/?window=7d"
    assert "<table" in _store(main.get_json(), "first-block")["html"]  # its first rows came too
    alone = client.get("/_dash-layout").get_json()  # no referrer: the router fills the page
    assert _store(alone, "page-route") is None
    with pytest.raises(KeyError):
        _store(alone, "first-block")
