"""Opaque keyset cursors: where the next page of newest-first articles starts."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime

from store.records import StoreQueryError, as_utc

_BAD = "invalid cursor: pass back the next_cursor of the previous page unchanged"
# The id column is Integer, but the cursor's id is bound as a query parameter, and drivers
# bind at most a signed 64-bit integer (SQLite raises OverflowError beyond it).
_MAX_ID = 2**63 - 1


def encode_cursor(sort_at: datetime, article_id: int) -> str:
    """Return the cursor of the page that starts after this article."""
    raw = json.dumps([as_utc(sort_at).isoformat(), article_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """Return (sort time, article id) from a cursor; raise StoreQueryError if it is not one."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        when, article_id = json.loads(raw)
        if not isinstance(when, str) or type(article_id) is not int:
            raise ValueError(cursor)
        if not 0 < article_id <= _MAX_ID:
            raise ValueError(cursor)
        return as_utc(datetime.fromisoformat(when)), article_id
    # OverflowError: a time near year 1 or 9999 whose offset moves it out of range in UTC.
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError, OverflowError):
        raise StoreQueryError(_BAD) from None
