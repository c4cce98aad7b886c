"""Blocks of table rows from the store, as ag-grid's infinite row model asks for them.

The first block of the unfiltered table travels with the selection (``first_block``), so the
grid shows its first rows without asking the server; every other block is asked for.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dashboard.pages.main.data import current_store, paper_names
from dashboard.pages.main.detail import model_or_none
from dashboard.pages.main.table import BLOCK_ROWS, article_row, sort_of
from scraper import SourcesError
from store import Listing, StoreError, StoreQueryError
from views.cache import cache_key, cached

FIRST_REQUEST: dict[str, Any] = {"startRow": 0, "endRow": BLOCK_ROWS, "sortModel": []}
"""The grid's first request of an unfiltered, unsorted table."""


def listing_of(query: dict[str, Any], request: dict[str, Any]) -> Listing:
    """The store listing of one block request for the grid query (papers, window, filter)."""
    start = max(0, int(request.get("startRow") or 0))
    end = int(request.get("endRow") or start + BLOCK_ROWS)
    sort, descending = sort_of(request.get("sortModel"))
    since = query.get("since")
    papers = [query["paper"]] if query.get("paper") else list(query.get("papers") or [])
    return Listing(
        newspapers=papers,
        since=datetime.fromisoformat(since.replace("Z", "+00:00")) if since else None,
        label=query.get("topic") or None,
        search=query.get("search") or None,
        sort=sort,
        descending=descending,
        offset=start,
        limit=max(1, min(end - start, 500)),
    )


def rows_block(query: dict[str, Any] | None, request: dict[str, Any]) -> dict[str, Any]:
    """``{rowData, rowCount?}`` for one block request (cached per query and block)."""
    if not query or not query.get("papers"):
        return {"rowData": [], "rowCount": 0}
    try:
        listing = listing_of(query, request)
        key = cache_key(
            "rows", query, listing.sort, listing.descending, listing.offset, listing.limit
        )

        def build() -> dict[str, Any]:
            store = current_store()
            names = paper_names(store)
            model = model_or_none()
            cut = model.threshold if model is not None else None
            rows = [article_row(row, names, cut) for row in store.listing(listing)]
            block: dict[str, Any] = {"rowData": rows}
            if len(rows) < listing.limit:
                block["rowCount"] = listing.offset + len(rows)
            return block

        return cached(key, build)
    except (StoreError, StoreQueryError, SourcesError, ValueError):
        return {"rowData": [], "rowCount": 0}


def first_block(query: dict[str, Any]) -> dict[str, Any]:
    """The first block of the unfiltered table of ``query``, with the query it answers."""
    return {"query": query, "size": BLOCK_ROWS, "block": rows_block(query, FIRST_REQUEST)}
