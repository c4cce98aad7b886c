"""GET /api/v1/docs: human-readable API documentation (Swagger UI, vendored: works offline)."""

from __future__ import annotations

from pathlib import Path

from flask import Response, send_from_directory

from api.blueprint import bp
from api.errors import ApiError
from api.models import NoQuery
from api.spec import answers, spec

STATIC = Path(__file__).resolve().parent / "static" / "swagger-ui"
_FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "init.js")
_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Latest News Classifier API</title>
<link rel="icon" href="/assets/favicon.ico">
<link rel="stylesheet" href="/api/v1/docs/static/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"><p>The API documentation needs JavaScript; the raw document is at
<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></div>
<script src="/api/v1/docs/static/swagger-ui-bundle.js"></script>
<script src="/api/v1/docs/static/init.js"></script>
</body>
</html>
"""


@bp.get("/docs")
@spec.validate(query=NoQuery, resp=answers(None))
def api_docs() -> Response:
    """This documentation page for people (Swagger UI, HTML)."""
    response = Response(_PAGE, mimetype="text/html")
    response.headers["Content-Security-Policy"] = _POLICY
    return response


@bp.get("/docs/static/<name>")
@spec.validate(query=NoQuery, resp=answers(None, 404))
def api_docs_static(name: str) -> Response:
    """Swagger UI's files (cached for a day)."""
    if name not in _FILES:
        raise ApiError(404, f"no documentation file {name[:40]!r}")
    response = send_from_directory(STATIC, name, max_age=86_400)
    response.headers["Content-Security-Policy"] = _POLICY
    return response
