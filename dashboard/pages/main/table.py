"""The article table: ag-grid columns, server-side rows page by page, and each row's fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC
from typing import Any

from dashboard.colors import CATEGORY_COLORS, OTHER
from dashboard.links import safe_link
from store import ArticleRow

LOW_CONFIDENCE = 0.5
"""Below this an ``other`` article is shown muted: the model is out of its depth."""

BLOCK_ROWS = 100
"""Rows the grid asks the server for at a time (ag-grid's infinite row model)."""

COLUMN_DEFS: list[dict[str, Any]] = [
    {
        "field": "title",
        "headerName": "Title",
        "cellRenderer": "ArticleLink",
        "flex": 4,
        "minWidth": 300,
        "tooltipField": "title",
        "wrapText": True,
        "cellClass": "cell-middle title-cell",
    },
    {"field": "paper", "headerName": "Newspaper", "flex": 1, "minWidth": 130},
    {
        "field": "label",
        "headerName": "Category",
        "cellRenderer": "CategoryChip",
        "cellRendererParams": {"colors": CATEGORY_COLORS},
        "flex": 1,
        "minWidth": 175,
    },
    {
        "field": "section_label",
        "headerName": "Paper's label",
        "tooltipField": "section",
        "flex": 1,
        "minWidth": 120,
    },
    {
        "field": "confidence",
        "headerName": "Confidence",
        "valueFormatter": {"function": "d3.format('.0%')(params.value)"},
        "flex": 1,
        "minWidth": 105,
        "maxWidth": 130,
    },
    {
        "field": "published",
        "headerName": "Published",
        "sort": "desc",
        "valueFormatter": {"function": "localTime(params.value)"},
        "flex": 1,
        "minWidth": 150,
    },
]

SORT_FIELDS = {
    "title": "title",
    "paper": "source_id",
    "label": "label",
    "section_label": "section_label",
    "confidence": "confidence",
    "published": "when",
}
"""Grid column → store sort field."""

DEFAULT_COL_DEF: dict[str, Any] = {
    "sortable": True,
    "filter": False,
    "resizable": True,
    "cellClass": "cell-middle",
}

GRID_OPTIONS: dict[str, Any] = {
    "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
    "rowModelType": "infinite",
    "cacheBlockSize": BLOCK_ROWS,
    "maxBlocksInCache": 10,
    # One block request at a time: dash-ag-grid hands every response to the latest request.
    "maxConcurrentDatasourceRequests": 1,
    "infiniteInitialRowCount": 1,
    "rowBuffer": 10,
    "rowHeight": 56,
    "animateRows": False,
    "tooltipShowDelay": 400,
    "localeText": {"noRowsToShow": "No articles to show."},
}

ROW_CLASS_RULES = {
    "row-unsure": "params.data && params.data.label === "
    f"'{OTHER}' && params.data.confidence < {LOW_CONFIDENCE}"
}
"""Low-confidence ``other`` rows get a muted style (see ``assets/style.css``)."""


def trust(confidence: float, coverage: float | None) -> str:
    """A compact trust level: ``high``, ``medium`` or ``low``, from confidence and coverage."""
    if confidence < LOW_CONFIDENCE or (coverage is not None and coverage < 0.3):
        return "low"
    if confidence >= 0.8 and (coverage is None or coverage >= 0.5):
        return "high"
    return "medium"


def trust_note(confidence: float, coverage: float | None) -> str:
    """The trust cue's tooltip: the numbers behind it."""
    note = f"{confidence:.0%} confident"
    if coverage is not None:
        note += f"; knows {coverage:.0%} of the words"
    return note


def article_row(article: ArticleRow, names: Mapping[str, str]) -> dict[str, Any]:
    """One table row: display fields only (no text), a link only for http(s) URLs."""
    published = article.when.astimezone(UTC)
    confidence = round(float(article.confidence), 3)
    return {
        "id": article.id,
        "link": safe_link(article.url),
        "title": article.title or article.url,
        "paper": names.get(article.source_id, article.source_id),
        "label": article.label,
        "confidence": confidence,
        "trust": trust(confidence, article.coverage),
        "trust_note": trust_note(confidence, article.coverage),
        "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "section": article.section or "",
        "section_label": article.section_label or "",
    }


def sort_of(sort_model: Sequence[Mapping[str, Any]] | None) -> tuple[str, bool]:
    """The store sort field and direction for the grid's sort model (newest first by default)."""
    for item in sort_model or ():
        field = SORT_FIELDS.get(str(item.get("colId")))
        if field is not None:
            return field, item.get("sort") != "asc"
    return "when", True
