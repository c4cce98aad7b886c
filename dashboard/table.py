"""The article table: ag-grid column definitions and the row built from each stored article."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC
from typing import Any

from dashboard.colors import CATEGORY_COLORS, OTHER
from dashboard.links import safe_link
from store import StoredArticle

LOW_CONFIDENCE = 0.5
"""Below this an ``other`` article is shown muted: the model is out of its depth."""

COLUMN_DEFS: list[dict[str, Any]] = [
    {
        "field": "title",
        "headerName": "Title",
        "cellRenderer": "ArticleLink",
        "flex": 3,
        "minWidth": 260,
        "tooltipField": "title",
    },
    {"field": "paper", "headerName": "Newspaper", "flex": 1, "minWidth": 120},
    {
        "field": "label",
        "headerName": "Category",
        "cellRenderer": "CategoryChip",
        "cellRendererParams": {"colors": CATEGORY_COLORS},
        "flex": 1,
        "minWidth": 120,
    },
    {
        "field": "section_label",
        "headerName": "Paper's label",
        "headerTooltip": "The newspaper's own section as a topic (empty: none, e.g. world news)",
        "tooltipField": "section",
        "flex": 1,
        "minWidth": 120,
    },
    {
        "field": "confidence",
        "headerName": "Confidence",
        "filter": "agNumberColumnFilter",
        "valueFormatter": {"function": "d3.format('.0%')(params.value)"},
        "flex": 1,
        "minWidth": 110,
    },
    {
        "field": "published",
        "headerName": "Published (UTC)",
        "sort": "desc",
        "flex": 1,
        "minWidth": 150,
    },
    {"field": "url", "headerName": "URL", "hide": True},
    {"field": "section", "headerName": "Section", "hide": True},
]

DEFAULT_COL_DEF: dict[str, Any] = {"sortable": True, "filter": True, "resizable": True}

GRID_OPTIONS: dict[str, Any] = {
    "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
    "pagination": True,
    "paginationAutoPageSize": True,
    "animateRows": False,
    "tooltipShowDelay": 400,
    "localeText": {"noRowsToShow": "No articles to show."},
}

CSV_EXPORT_PARAMS: dict[str, Any] = {
    "fileName": "latest-news.csv",
    "columnKeys": [
        "title",
        "url",
        "paper",
        "label",
        "confidence",
        "published",
        "section",
        "section_label",
    ],
    "processCellCallback": {"function": "csvSafeCell(params)"},
}
"""CSV export: the visible fields plus the URL; formula-like cells are neutralised."""

ROW_CLASS_RULES = {
    "row-unsure": f"params.data.label === '{OTHER}' && params.data.confidence < {LOW_CONFIDENCE}"
}
"""Low-confidence ``other`` rows get a muted style (see ``assets/style.css``)."""


def article_row(article: StoredArticle, names: Mapping[str, str]) -> dict[str, Any]:
    """One table row: the article's display fields, with a link only for http(s) URLs."""
    published = article.published
    return {
        "id": article.id,
        "url": article.url,
        "link": safe_link(article.url),
        "title": article.title or article.url,
        "paper": names.get(article.source_id, article.source_id),
        "paper_id": article.source_id,
        "label": article.label,
        "confidence": round(float(article.confidence), 3),
        "published": published.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if published else "",
        "summary": article.summary or "",
        "text_source": article.text_source,
        "when": article.when.isoformat(),
        "section": article.section or "",
        "section_label": article.section_label or "",
    }
