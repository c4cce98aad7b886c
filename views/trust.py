"""Who may correct an article's topic (``CORRECTIONS``), and whom a correction is from.

Shared by the API and the dashboard (which import neither each other nor the settings):
callers pass the mode, the server's token and what the client sent. A correction records
a client id: ``token:<hash>`` for a holder of ``API_TOKEN``, else (``open`` mode only)
``addr:<hmac>`` of the client address, salted with a server secret, so one client's votes
can be counted once and capped without storing its address.
"""

from __future__ import annotations

import hashlib
import hmac


class CorrectionRefused(Exception):
    """This client may not correct here; ``status`` is 401 or 403, ``str()`` says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


OFF_MESSAGE = "Corrections are switched off on this server (CORRECTIONS=off)."
LOCKED_MESSAGE = "Corrections on this server need the API token (CORRECTIONS=token)."


def correction_client(
    mode: str, server_token: str | None, given_token: str | None, address: str, secret: str
) -> str:
    """The client id to record, or CorrectionRefused (mode: ``off``, ``token`` or ``open``)."""
    if mode == "off":
        raise CorrectionRefused(403, OFF_MESSAGE)
    given = (given_token or "").strip()
    if given and server_token and hmac.compare_digest(given.encode(), server_token.encode()):
        return "token:" + hashlib.sha256(server_token.encode()).hexdigest()[:16]
    if given:
        raise CorrectionRefused(401, "the API token is wrong")
    if mode == "token":
        if not server_token:
            raise CorrectionRefused(403, LOCKED_MESSAGE + " This server has no API_TOKEN.")
        raise CorrectionRefused(401, LOCKED_MESSAGE + " Send 'Authorization: Bearer <token>'.")
    digest = hmac.new(secret.encode(), address.encode(), hashlib.sha256).hexdigest()
    return "addr:" + digest[:32]
