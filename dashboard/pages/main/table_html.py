"""One page of the article table as an escaped HTML string, drawn in the browser.

A plain table instead of a grid component: the page loads no grid library, and a new page of
rows costs the browser one ``innerHTML`` (``assets/article-table.js`` wires sorting, paging
and choosing a row). Every text and attribute value is escaped here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from dashboard.colors import category_color
from dashboard.pages.main.table import COLUMNS, DEFAULT_SORT

NO_ROWS = "No articles to show."
_TRUST_DOTS = {"high": "●●●", "medium": "●●○", "low": "●○○"}
_FIRST_DESCENDING = {"confidence", "published"}
"""Columns whose first click sorts high to low (newest, most confident first)."""


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _title(row: Mapping[str, Any]) -> str:
    text = escape(str(row.get("title") or ""), quote=False)
    link = row.get("link")
    if not link:
        return f"<span>{text}</span>"
    # Out of the tab order: the row is the stop, and its detail panel links the article.
    return (
        f'<a class="article-link" href="{_attr(link)}" target="_blank" '
        f'rel="noopener noreferrer" tabindex="-1">{text}</a>'
    )


def _category(row: Mapping[str, Any]) -> str:
    label = str(row.get("label") or "")
    css = "".join(char for char in label if char.isalnum() or char in "_-")
    chip = (
        f'<span class="category-chip category-{css}" '
        f'style="background-color:{_attr(category_color(label))}">{escape(label)}</span>'
    )
    level = str(row.get("trust") or "")
    if level not in _TRUST_DOTS:
        return chip
    note = _attr(f"Trust: {level} ({row.get('trust_note') or ''})")
    return (
        f'{chip} <span class="trust trust-{level}" title="{note}" aria-label="{note}" '
        f'role="img">{_TRUST_DOTS[level]}</span>'
    )


def _confidence(row: Mapping[str, Any]) -> str:
    unsure = row.get("unsure")
    return escape(str(unsure)) if unsure else f"{float(row.get('confidence') or 0):.0%}"


def _published(row: Mapping[str, Any]) -> str:
    # The reader's own time zone and locale are the browser's: it rewrites the text.
    when = str(row.get("published") or "")
    shown = when.replace("T", " ").replace("Z", " UTC")
    return f'<time datetime="{_attr(when)}">{escape(shown)}</time>'


def _cell(column: str, row: Mapping[str, Any]) -> str:
    if column == "title":
        return f'<td data-col="title" class="title-cell">{_title(row)}</td>'
    if column == "label":
        return f'<td data-col="label">{_category(row)}</td>'
    if column == "confidence":
        return f'<td data-col="confidence">{_confidence(row)}</td>'
    if column == "published":
        return f'<td data-col="published">{_published(row)}</td>'
    if column == "section_label":
        section = _attr(row.get("section") or "")
        text = escape(str(row.get("section_label") or ""))
        return f'<td data-col="section_label" title="{section}">{text}</td>'
    return f'<td data-col="{column}">{escape(str(row.get(column) or ""))}</td>'


def _row(row: Mapping[str, Any], first: bool) -> str:
    muted = ' class="row-unsure"' if row.get("muted") else ""
    cells = "".join(_cell(column, row) for column, _ in COLUMNS)
    # One tab stop for all the rows (the first; arrow keys move it: assets/article-table.js),
    # so a keyboard reader does not tab through fifty rows to reach the pager.
    stop = "0" if first else "-1"
    return (
        f'<tr data-id="{_attr(row.get("id"))}" data-paper="{_attr(row.get("paper") or "")}" '
        f'tabindex="{stop}"{muted}>{cells}</tr>'
    )


def _header(column: str, name: str, sort: str, descending: bool) -> str:
    if column == sort:
        way = "descending" if descending else "ascending"
        arrow = "▼" if descending else "▲"
        nxt = "false" if descending else "true"
        return (
            f'<th scope="col" aria-sort="{way}" data-col="{column}"><button type="button" '
            f'class="sort-button" data-sort="{column}" data-desc="{nxt}">{escape(name)}'
            f' <span aria-hidden="true">{arrow}</span></button></th>'
        )
    first = "true" if column in _FIRST_DESCENDING else "false"
    return (
        f'<th scope="col" data-col="{column}"><button type="button" class="sort-button" '
        f'data-sort="{column}" data-desc="{first}">{escape(name)}</button></th>'
    )


def _pager(offset: int, shown: int, total: int, size: int, page: int) -> str:
    if total == 0:
        return f'<p class="table-count text-muted mb-0" role="status">{NO_ROWS}</p>'
    span = f"{offset + 1:,}–{offset + shown:,}" if total > shown else f"{total:,}"
    noun = "article" if total == 1 else "articles"
    count = f"{span} of {total:,} {noun}" if total > shown else f"{span} {noun}"
    earlier = "" if page > 0 else " disabled"
    later = "" if offset + shown < total else " disabled"
    buttons = (
        ""
        if total <= size
        else (
            f'<button type="button" class="btn btn-sm btn-outline-secondary me-2" '
            f'data-page="{page - 1}"{earlier}>Previous</button>'
            f'<button type="button" class="btn btn-sm btn-outline-secondary" '
            f'data-page="{page + 1}"{later}>Next</button>'
        )
    )
    return (
        f'<div class="table-pager d-flex align-items-center justify-content-between mt-2">'
        f'<p class="table-count mb-0" role="status">{count}</p><div>{buttons}</div></div>'
    )


def table_html(
    rows: Sequence[Mapping[str, Any]],
    *,
    total: int,
    page: int = 0,
    size: int,
    sort: tuple[str, bool] = DEFAULT_SORT,
) -> str:
    """Page ``page`` (``size`` rows a page) of a listing of ``total`` articles, sorted by
    ``sort`` (column, descending), as a table with sortable headers and a pager."""
    column, descending = sort
    head = "".join(_header(key, name, column, descending) for key, name in COLUMNS)
    body = "".join(_row(row, number == 0) for number, row in enumerate(rows))
    table = (
        f'<div class="table-box"><table class="table table-hover article-table mb-0" '
        f'data-sort="{_attr(column)}" data-desc="{str(descending).lower()}">'
        f'<caption class="visually-hidden">Articles; choose a row to see its details</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )
    return table + _pager(page * size, len(rows), total, size, page)
