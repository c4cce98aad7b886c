"""Schemathesis against the live app on 127.0.0.1: no server errors, no response off the schema."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import requests
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from werkzeug.serving import make_server

from api import init_app
from api.spec import openapi_document
from classifier import OTHER
from dashboard.factory import create_app
from runtime.services import build_services, champion, store_of
from store.cursor import encode_cursor
from tests.api.conftest import article
from tests.newsserver import NewsServer

TOKEN = "live-test-token"
# Documented answers for bodies over the size caps, which schemathesis' negative
# checks do not expect by default.
_CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            "negative_data_rejection": {
                "expected-statuses": ["400", "401", "403", "404", "405", "413", "415", "429"]
            }
        }
    }
)
# Built in-process at import (schemathesis' lazy fixture loader predates pytest 9); a test
# checks the live server publishes exactly this document.


def _document() -> dict[str, object]:
    server = Flask("openapi")
    init_app(server, services=build_services())
    with server.app_context():
        return openapi_document((*champion().labels, OTHER))


DOCUMENT = _document()
schema = schemathesis.openapi.from_dict(DOCUMENT, config=_CONFIG)
# Any well-formed keyset position is a valid cursor, found or not.
VALID_CURSOR = encode_cursor(datetime(2024, 5, 1, 3, tzinfo=UTC), 4)


@schema.hook
def map_case(context: schemathesis.HookContext, case: schemathesis.Case) -> schemathesis.Case:
    """Valid queries carry a real cursor: an opaque cursor cannot be generated from a schema."""
    meta = case.meta
    query_info = meta.components.get(ParameterLocation.QUERY) if meta else None
    negative = query_info is not None and query_info.mode.is_negative
    if case.query and "cursor" in case.query and not negative:
        case.query["cursor"] = VALID_CURSOR
    return case


@pytest.fixture(scope="module")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole app (Dash + API) served by werkzeug in a thread, scraping fake local papers."""
    folder = tmp_path_factory.mktemp("live")
    with NewsServer(sources=2, articles=3) as news, pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", f"sqlite:///{folder / 'news.db'}")
        patch.setenv("VAR_DIR", str(folder))
        patch.setenv("NEWS_SOURCES", str(news.write_sources(folder / "sources.toml")))
        patch.setenv("API_TOKEN", TOKEN)
        patch.delenv("REDIS_URL", raising=False)
        store = store_of()
        refresh_id = store.start_refresh(["paper1"])
        store.save_source_result(refresh_id, "paper1", [article(i, "paper1") for i in range(8)])
        store.finish_refresh(refresh_id)
        dash_app = create_app(build_services())
        # Rate limits have their own tests; here they would only hide responses behind 429s.
        dash_app.server.config["RATELIMIT_ENABLED"] = False
        init_app(dash_app.server, dash_app)
        server = make_server("127.0.0.1", 0, dash_app.server, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            thread.join(timeout=5)


def test_live_server_publishes_the_document(live_url: str) -> None:
    response = requests.get(f"{live_url}/api/v1/openapi.json", timeout=10)
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(DOCUMENT))


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples on every CI run; drop it locally to explore more
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_matches_its_schema(case: schemathesis.Case, live_url: str) -> None:
    case.call_and_validate(
        base_url=live_url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60
    )
