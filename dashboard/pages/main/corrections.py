"""The newspaper's label of an article in words, and "Wrong topic?": the reader's correction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html, no_update

from classifier import OTHER, ModelError
from refresh.web import current_or_built
from store import ArticleNotFoundError, StoreError


def section_sentence(paper: str, section: str, section_label: str, label: str) -> str | None:
    """E.g. "The Guardian files this under Business (the model agrees)"; None without a section."""
    if section_label and section_label != OTHER:
        where = section_label.capitalize()
        if section and section.casefold() != section_label:
            where += f" (section “{section}”)"
    elif section_label == OTHER:
        where = f"“{section or OTHER}”, outside the model's topics ({OTHER})"
    elif section:
        return f"{paper} files this under “{section}” (no topic is taken from that section)."
    else:
        return None
    verdict = "the model agrees" if label == section_label else f"the model says {label}"
    return f"{paper} files this under {where}: {verdict}."


def correction_form(article_id: int, labels: Sequence[str], current: str) -> html.Details:
    """A collapsed "Wrong topic?" form: pick the right topic, save it as a correction."""
    options = [{"label": name, "value": name} for name in labels if name != current]
    return html.Details(
        [
            html.Summary("Wrong topic?", className="small"),
            html.Label("The right topic", htmlFor="correction-label", className="small mt-2"),
            dbc.InputGroup(
                [
                    dbc.Select(id="correction-label", options=options, value=options[0]["value"]),
                    dbc.Button("Save", id="correction-save", color="secondary", n_clicks=0),
                ],
                size="sm",
                className="correction-group",
            ),
            dcc.Store(id="correction-article", data=article_id),
            html.Div(id="correction-feedback", role="status", className="small mt-2"),
        ],
        id="correction",
        className="mt-3",
    )


def correction_labels() -> list[str]:
    """The labels a reader may choose: the model's topics and ``other`` (ModelError if none)."""
    return [*current_or_built().model.labels, OTHER]


def save_correction(clicks: int | None, label: str | None, article_id: int | None) -> Any:
    """Store the reader's topic for the article, with the model version it corrects."""
    if not clicks:
        return no_update
    try:
        if label not in correction_labels() or not isinstance(article_id, int):
            return dbc.Alert("Pick one of the topics first.", color="warning")
        store = current_or_built().store
        article = store.article(article_id)
        if article is None:
            raise ArticleNotFoundError(f"there is no article {article_id}")
        store.add_correction(article.id, label, article.model_version)
    except ArticleNotFoundError:
        return dbc.Alert("This article is no longer stored.", color="warning")
    except (ModelError, StoreError) as exc:
        return dbc.Alert(f"The correction could not be saved: {exc}", color="danger")
    return dbc.Alert(
        f"Thank you: saved as {label}. The next retraining learns from it.",
        color="success",
        id="correction-saved",
    )


def register(app: Dash) -> None:
    """Attach the "Wrong topic?" callback to ``app``."""
    app.callback(
        Output("correction-feedback", "children"),
        Input("correction-save", "n_clicks"),
        State("correction-label", "value"),
        State("correction-article", "data"),
        prevent_initial_call=True,
    )(save_correction)
