"""The newspaper's label of an article in words, and "Wrong topic?": the reader's correction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html, no_update
from flask import has_request_context, request

from classifier import OTHER, ModelError
from classifier.topics import label_choices
from store import ArticleNotFoundError, StoreError
from views.services import current
from views.trust import LOCKED_MESSAGE, OFF_MESSAGE, CorrectionRefused, correction_client


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


def correction_form(
    article_id: int, labels: Sequence[str], current: str, mode: str = "open"
) -> html.Details:
    """A collapsed "Wrong topic?" form: pick the right topic, save it as a correction.

    ``mode`` is CORRECTIONS: ``off`` shows why there is no form, ``token`` asks for the token.
    """
    options = [{"label": name, "value": name} for name in labels if name != current]
    if mode == "off":
        return html.Details(
            [
                html.Summary("Wrong topic?", className="small"),
                html.P(OFF_MESSAGE, className="small"),
            ],
            id="correction",
            className="mt-3",
        )
    token = [
        html.P(LOCKED_MESSAGE, className="small text-muted mb-1"),
        dbc.Input(
            id="correction-token",
            type="password",
            placeholder="API token",
            size="sm",
            className="mb-2",
            autoComplete="off",
        ),
    ]
    return html.Details(
        [
            html.Summary("Wrong topic?", className="small"),
            html.Label("The right topic", htmlFor="correction-label", className="small mt-2"),
            html.Div(
                token if mode == "token" else [dcc.Input(id="correction-token", type="hidden")]
            ),
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
    """The labels a reader may choose: the configured topics, the model's and ``other``
    (ModelError if no model)."""
    services = current()
    return list(label_choices(services.settings.topics, services.model.labels))


def correction_mode() -> str:
    """CORRECTIONS of this server: ``off``, ``token`` or ``open``."""
    return current().settings.corrections


def save_correction(
    clicks: int | None, label: str | None, article_id: int | None, token: str | None = None
) -> Any:
    """Store the reader's topic for the article, with the model version it corrects."""
    if not clicks:
        return no_update
    try:
        if label not in correction_labels() or not isinstance(article_id, int):
            return dbc.Alert("Pick one of the topics first.", color="warning")
        client = _client(token)
        store = current().store
        article = store.article(article_id)
        if article is None:
            raise ArticleNotFoundError(f"there is no article {article_id}")
        store.add_correction(article.id, label, article.model_version, client)
    except CorrectionRefused as exc:
        return dbc.Alert(f"Not saved: {exc}", color="warning")
    except ArticleNotFoundError:
        return dbc.Alert("This article is no longer stored.", color="warning")
    except (ModelError, StoreError) as exc:
        return dbc.Alert(f"The correction could not be saved: {exc}", color="danger")
    return dbc.Alert(
        f"Thank you: saved as {label}. The next retraining learns from it.",
        color="success",
        id="correction-saved",
    )


def _client(token: str | None) -> str:
    settings = current().settings
    address = request.remote_addr if has_request_context() else None
    secret = settings.api_token or settings.database_url
    return correction_client(settings.corrections, settings.api_token, token, address or "", secret)


def register(app: Dash) -> None:
    """Attach the "Wrong topic?" callback to ``app``."""
    app.callback(
        Output("correction-feedback", "children"),
        Input("correction-save", "n_clicks"),
        State("correction-label", "value"),
        State("correction-article", "data"),
        State("correction-token", "value"),
        prevent_initial_call=True,
    )(save_correction)
