"""The article detail panel: label, confidence, runner-up, coverage, section, language, why."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import dash_bootstrap_components as dbc
from babel import Locale
from dash import html

from classifier import ModelError, TopicModel
from classifier.article import model_input
from dashboard.colors import category_color
from dashboard.explain import why_terms
from dashboard.links import safe_link
from dashboard.pages.main.corrections import (
    correction_form,
    correction_labels,
    correction_mode,
    section_sentence,
)
from dashboard.pages.main.freshness import ago
from dashboard.unsure import label_text
from store import StoredArticle
from views.services import current

_TERMS = 8
_TEXT_SOURCES = {
    "page": "Classified from the article page's full text.",
    "summary": "Classified from the feed summary only: the article page could not be read.",
}
_HEADLINE_ONLY = "Classified from the headline only: no article text or summary was given."


def _text_origin(article: StoredArticle) -> str:
    """Where the text the model read came from (``model_input``: title + text, else summary)."""
    if not (article.text or "").strip() and not (article.summary or "").strip():
        return _HEADLINE_ONLY
    return _TEXT_SOURCES.get(article.text_source, "unknown origin")


def detail_hint() -> html.P:
    """What the panel says before any article is selected."""
    return html.P(
        "Select an article in the table to see its label, how sure the model is, and why.",
        className="text-muted",
    )


def _chip(label: str) -> html.Span:
    return html.Span(
        label, className="category-chip me-2", style={"backgroundColor": category_color(label)}
    )


def _runner_up(article: StoredArticle) -> tuple[str, float] | None:
    ranked = sorted(article.probabilities.items(), key=lambda item: item[1], reverse=True)
    top = [item for item in ranked if item[0] != article.label]
    return top[0] if top else None


def _model_text(article: StoredArticle) -> str:
    """What the model read for this article (a headline-only item has no text of its own)."""
    return model_input(article.title, article.text, article.summary)


def _coverage(article: StoredArticle, model: TopicModel | None) -> float | None:
    stored = getattr(article, "coverage", None)
    if stored is not None:
        return float(stored)
    if model is None or not article.text:
        return None
    return model.predict([_model_text(article)])[0].coverage


def _label(article: StoredArticle, cut: float | None) -> list[Any]:
    text = label_text(article.label, article.confidence, article.probabilities, cut)
    if text.startswith("unsure"):
        return [_chip(article.label), html.Span(text, id="detail-unsure")]
    return [_chip(article.label), f"{article.confidence:.0%} confident"]


def _facts(
    article: StoredArticle, paper: str, coverage: float | None, cut: float | None = None
) -> html.Dl:
    runner = _runner_up(article)
    facts: list[tuple[str, Any]] = [
        ("Model's label", _label(article, cut)),
        ("Runner-up", f"{runner[0]} ({runner[1]:.0%})" if runner else "none"),
        (
            "Words the model knows",
            f"{coverage:.0%} of this text's words" if coverage is not None else "unknown",
        ),
    ]
    section = section_sentence(
        paper,
        str(getattr(article, "section", None) or ""),
        str(getattr(article, "section_label", None) or ""),
        article.label,
    )
    if section:
        facts.append(("Newspaper's section", html.Span(section, id="detail-section")))
    language = getattr(article, "language", None)
    if language:
        facts.append(("Language", language_name(str(language))))
    facts.append(("Text", _text_origin(article)))
    children: list[Any] = []
    for name, value in facts:
        children += [html.Dt(name, className="col-5"), html.Dd(value, className="col-7")]
    return html.Dl(children, className="row small mb-2", id="detail-facts")


def article_detail(
    article: StoredArticle, paper: str, model: TopicModel | None, now: datetime | None = None
) -> list[Any]:
    """The panel's content for one stored article (``model`` None: no coverage or why)."""
    link = safe_link(article.url)
    title = article.title or article.url
    heading = (
        html.A(title, href=link, target="_blank", rel="noopener noreferrer") if link else title
    )
    moment = now or datetime.now(UTC)
    try:
        why: Any = (
            why_terms(model.explain(_model_text(article), k=_TERMS), article.label)
            if model
            else None
        )
    except ModelError as exc:
        why = dbc.Alert(f"Cannot explain this article right now: {exc}", color="warning")
    if why is None:
        why = html.P("The model is unavailable, so it cannot say why.", className="text-muted")
    summary = (article.summary or "").strip()  # without one, the facts say what was read
    return [
        html.H3(heading, className="h6", id="detail-title"),
        html.P(f"{paper} · {ago(moment - article.when)}", className="small text-muted"),
        _facts(article, paper, _coverage(article, model), model.threshold if model else None),
        *([html.P(summary, id="detail-summary")] if summary else []),
        html.H4(f"Why {article.label}: the words that weighed most", className="h6"),
        html.Div(why, id="detail-why"),
        _correction(article),
    ]


def _correction(article: StoredArticle) -> Any:
    try:
        return correction_form(article.id, correction_labels(), article.label, correction_mode())
    except ModelError:
        return None  # no model: nothing to correct against (the page says so elsewhere)


def model_or_none() -> TopicModel | None:
    """The loaded model, or None when it cannot be loaded (the panel says so)."""
    try:
        return current().model
    except ModelError:
        return None


def language_name(code: str) -> str:
    """An ISO 639-1 code's English name ("es" → "Spanish"); the code when Babel knows none."""
    name = Locale("en").languages.get(code.lower())
    return str(name) if name else code
