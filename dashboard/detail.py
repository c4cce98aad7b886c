"""The article detail card: summary, where the text came from, and why it got its category."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from classifier import ModelError, load_model
from dashboard.colors import category_color
from dashboard.corrections import correction_form, correction_labels, section_sentence
from dashboard.data import find_article
from dashboard.explain import why_terms
from dashboard.links import safe_link
from store import StoreError

_TERMS = 10
_TEXT_SOURCES = {
    "page": "Classified from the article page's full text.",
    "summary": "Classified from the feed summary only: the article page could not be read.",
}


def detail_hint() -> dbc.Card:
    """The card shown before any article is selected."""
    return dbc.Card(
        dbc.CardBody(
            "Select an article in the table to see its summary and why it got its category."
        ),
        className="text-muted",
    )


def _why(row: dict[str, Any]) -> Any:
    try:
        article = find_article(row["url"], row["paper_id"], row["when"])
        if article is None:
            return html.P("This article is no longer stored.", className="text-muted")
        return why_terms(load_model().explain(article.text, k=_TERMS), article.label)
    except (ModelError, StoreError) as exc:
        return dbc.Alert(f"Cannot explain this article right now: {exc}", color="warning")


def article_detail(row: dict[str, Any]) -> dbc.Card:
    """The card for one table row (``dashboard.table.article_row``)."""
    title = str(row.get("title") or "")
    link = safe_link(row.get("link"))
    heading = (
        html.A(title, href=link, target="_blank", rel="noopener noreferrer") if link else title
    )
    label = str(row.get("label") or "")
    meta: list[Any] = [
        html.Span(
            label,
            className="category-chip me-2",
            style={"backgroundColor": category_color(label)},
        ),
        f"{row.get('paper', '')} · {float(row.get('confidence') or 0):.0%} confident",
        f" · published {row['published']} UTC" if row.get("published") else "",
    ]
    source = _TEXT_SOURCES.get(str(row.get("text_source")), "The text's origin is unknown.")
    sentence = section_sentence(
        str(row.get("paper") or ""),
        str(row.get("section") or ""),
        str(row.get("section_label") or ""),
        label,
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(heading, className="h5"),
                html.P(meta, className="small text-muted"),
                html.P(sentence, className="small", id="detail-section") if sentence else None,
                html.P(row.get("summary") or "No summary was given.", id="detail-summary"),
                html.P(source, className="small", id="detail-text-source"),
                html.H3(f"Why {label}: the words that weighed most", className="h6"),
                html.Div(_why(row), id="detail-why"),
                _correction(row, label),
            ]
        ),
        id="detail-card",
    )


def _correction(row: dict[str, Any], label: str) -> Any:
    article_id = row.get("id")
    if not isinstance(article_id, int):
        return None
    try:
        return correction_form(article_id, correction_labels(), label)
    except ModelError:
        return None  # no model: nothing to correct against (the page says so elsewhere)
