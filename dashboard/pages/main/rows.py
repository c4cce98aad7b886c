"""Pages of table rows from the store, and the table's first page that travels with a view.

The first page of the unfiltered table comes with the selection (``first_block``), so the
table shows without a request of its own; any other page, sort, filter or search is asked for
(``table_page``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from dashboard.pages.main.data import current_store, paper_names
from dashboard.pages.main.detail import model_or_none
from dashboard.pages.main.table import BLOCK_ROWS, DEFAULT_SORT, SORT_FIELDS, article_row
from dashboard.pages.main.table_html import table_html
from scraper import SourcesError
from store import Listing, StoreError, StoreQueryError
from views.cache import cache_key, cached

FIRST_PAGE: dict[str, Any] = {"sort": DEFAULT_SORT[0], "desc": DEFAULT_SORT[1], "page": 0}
"""The table's state on a new listing: newest first, first page."""


def listing_of(query: dict[str, Any], column: str, descending: bool) -> Listing:
    """The store listing of the table query (papers, window, filter) sorted by ``column``
    (a key of ``SORT_FIELDS``), from its first row."""
    since = query.get("since")
    papers = [query["paper"]] if query.get("paper") else list(query.get("papers") or [])
    return Listing(
        newspapers=papers,
        since=datetime.fromisoformat(since.replace("Z", "+00:00")) if since else None,
        label=query.get("topic") or None,
        search=query.get("search") or None,
        sort=SORT_FIELDS[column],
        descending=descending,
        limit=BLOCK_ROWS,
    )


def _page_number(value: object) -> int:
    try:
        return max(0, int(str(value)))
    except ValueError:
        return 0


def rows_page(query: dict[str, Any] | None, state: dict[str, Any] | None) -> dict[str, Any]:
    """``{rows, total, page, sort}`` for one page of the table (cached per query and state);
    a page past the end is the last page."""
    state = state or FIRST_PAGE
    asked = state.get("sort")
    column = asked if isinstance(asked, str) and asked in SORT_FIELDS else DEFAULT_SORT[0]
    descending = bool(state.get("desc", True)) if column == asked else DEFAULT_SORT[1]
    empty = {"rows": [], "total": 0, "page": 0, "sort": [column, descending]}
    if not query or not query.get("papers"):
        return empty
    page = _page_number(state.get("page"))
    try:
        head = listing_of(query, column, descending)
        key = cache_key("rows", query, column, descending, page)

        def build() -> dict[str, Any]:
            store = current_store()
            total = store.listing_count(head)
            shown = min(page, max(0, (total - 1) // BLOCK_ROWS))
            listing = replace(head, offset=shown * BLOCK_ROWS)
            names = paper_names(store)
            model = model_or_none()
            cut = model.threshold if model is not None else None
            rows = [article_row(row, names, cut) for row in store.listing(listing)]
            return {"rows": rows, "total": total, "page": shown, "sort": [column, descending]}

        return cached(key, build)
    except (StoreError, StoreQueryError, SourcesError, ValueError, TypeError):
        # TypeError: a query from the browser with values of the wrong type (papers a number).
        return empty


def page_html(block: dict[str, Any]) -> str:
    """A ``rows_page`` answer as the table's HTML."""
    column, descending = block["sort"]
    return table_html(
        block["rows"],
        total=block["total"],
        page=block["page"],
        size=BLOCK_ROWS,
        sort=(column, descending),
    )


def table_page(query: dict[str, Any] | None, state: dict[str, Any] | None) -> str:
    """The table's HTML for ``query`` (the table query) at ``state`` (sort and page)."""
    return page_html(rows_page(query, state))


def first_block(query: dict[str, Any]) -> dict[str, Any]:
    """The first page of the unfiltered table of ``query`` as HTML, with the query it answers
    (cached: it travels with every selection, and ``query`` names the data version)."""
    return cached(
        cache_key("first", query), lambda: {"query": query, "html": table_page(query, FIRST_PAGE)}
    )
