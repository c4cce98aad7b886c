"""Security headers on every response: Dash-compatible CSP, nosniff, framing, referrer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dash import Dash
from flask import Flask, Response, request

from api.errors import API_PREFIX

# The JSON API serves no active content at all.
_API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def page_policy(script_hashes: Sequence[str]) -> str:
    """The CSP for HTML pages; ``script_hashes`` (quoted, from Dash) allow its inline scripts."""
    scripts = " ".join(["'self'", *script_hashes])
    directives = [
        "default-src 'self'",
        f"script-src {scripts}",
        # Plotly and Dash components set inline <style> elements at run time.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def security_headers_hook(
    dash_app: Dash | None, api_prefix: str = API_PREFIX
) -> Callable[[Response], Response]:
    """An ``after_request`` hook adding the security headers to every response."""

    def add_headers(response: Response) -> Response:
        headers = response.headers
        if request.path.startswith(api_prefix):
            policy = _API_POLICY
        else:
            policy = page_policy(dash_app.csp_hashes() if dash_app is not None else [])
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response

    return add_headers


def install_security_headers(server: Flask, dash_app: Dash | None) -> None:
    """Register the security-header hook on ``server`` (covers Dash pages and the API)."""
    server.after_request(security_headers_hook(dash_app))
