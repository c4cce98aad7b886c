"""Only absolute http(s) URLs may become links."""

from __future__ import annotations

import pytest

from dashboard.links import safe_link


@pytest.mark.parametrize(
    "url",
    [
        "https://www.theguardian.com/world/2026/nov/23/a",
        "http://127.0.0.1:8000/x?y=1",
        "HTTPS://EXAMPLE.COM/",
    ],
)
def test_web_urls_become_links(url: str) -> None:
    assert safe_link(url) == url


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/x",
        "/relative/path",
        "https:///no-host",
        'https://example.com/"onmouseover="x',
        "https://example.com/<script>",
        "http://[::1",
    ],
)
def test_everything_else_is_refused(url: str | None) -> None:
    assert safe_link(url) is None
