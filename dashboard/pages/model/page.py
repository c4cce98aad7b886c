"""The "Model" page: how well the model scored, on what it was trained, and how it does live."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from classifier import ModelError
from dashboard.figures import GRAPH_CONFIG, confusion_figure
from dashboard.pages.health.page import health_section
from dashboard.pages.model.sources import honesty_section
from views.services import current


def _stat(title: str, value: str, stat_id: str) -> dbc.Col:
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [
                    html.Div(title, className="small text-muted"),
                    html.Div(value, className="h4 mb-0"),
                ]
            ),
            id=stat_id,
        ),
        xs=6,
        md=3,
        className="mb-3",
    )


def _per_class(per_class: dict[str, dict[str, Any]]) -> dbc.Table:
    header = html.Thead(
        html.Tr(
            [
                html.Th("category"),
                html.Th("precision"),
                html.Th("recall"),
                html.Th("F1"),
                html.Th("articles"),
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Th(label, scope="row"),
                html.Td(f"{scores['precision']:.1%}"),
                html.Td(f"{scores['recall']:.1%}"),
                html.Td(f"{scores['f1']:.1%}"),
                html.Td(str(scores["support"])),
            ]
        )
        for label, scores in per_class.items()
        if scores["support"]  # a topic the holdout has no article of (older model.json files)
    ]
    return dbc.Table(
        [header, html.Tbody(rows)], striped=True, size="sm", responsive=True, id="model-classes"
    )


def _holdout_note(metadata: dict[str, Any]) -> str:
    metrics = metadata["metrics"]
    five = metrics.get("bbc_five")
    among = f" ({five['accuracy']:.1%} among its own five topics)" if five else ""
    return (
        f"Measured on {metrics['holdout']['documents']} BBC articles of 2005 held out from "
        f"training{among}. Today's news, from outlets the model never saw, is harder: see "
        "'Reliability on outlets the model did not train on' below. Where it is unsure, an "
        "article is labelled 'other'."
    )


def _facts(metadata: dict[str, Any], version: str) -> html.Dl:
    corpus, model, threshold = metadata["corpus"], metadata["model"], metadata["threshold"]
    pairs = [
        ("Trained", str(metadata.get("trained_at", "unknown"))),
        (
            "BBC corpus",
            f"{corpus['name']}: {corpus['documents']} articles after removing "
            f"{corpus['duplicates']} duplicates (content sha256 {str(corpus['sha256'])[:12]})",
        ),
        ("Model", f"{model['family']} {model['params']}, {model['calibration']}"),
        ("Features", str(model.get("vectorizer", ""))),
        *_smoothing(model.get("semantic_smoothing")),
        (
            "'other' below",
            f"{float(threshold['value']):.0%} confidence: {threshold.get('rule', '')}",
        ),
        ("Version", version),
    ]
    items: list[Any] = []
    for term, description in pairs:
        items += [html.Dt(term, className="col-sm-3"), html.Dd(description, className="col-sm-9")]
    return html.Dl(items, className="row mb-0")


def _smoothing(smoothing: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The training's semantic smoothing, for a model trained with it."""
    if not smoothing:
        return []
    return [
        (
            "Smoothing",
            f"each word's counts borrow {smoothing['weight']} × those of its "
            f"{smoothing['neighbours']} nearest known words in meaning (cosine similarity at "
            f"least {smoothing['floor']}, all-MiniLM-L6-v2 embeddings)",
        )
    ]


def _versions(versions: dict[str, str]) -> html.Ul:
    return html.Ul(
        [
            html.Li(f"{name} {version}", className="list-inline-item me-3")
            for name, version in versions.items()
        ],
        className="list-inline small mb-0",
        id="model-versions",
    )


def _content(metadata: dict[str, Any], version: str) -> list[Any]:
    holdout = metadata["metrics"]["holdout"]
    return [
        dbc.Row(
            [
                _stat("Accuracy (holdout)", f"{holdout['accuracy']:.1%}", "model-accuracy"),
                _stat("Macro F1", f"{holdout['f1_macro']:.1%}", "model-f1"),
                _stat(
                    "Labelled (not 'other')",
                    f"{holdout['labelled_fraction']:.1%}",
                    "model-labelled",
                ),
                _stat(
                    "Accuracy when labelled",
                    f"{holdout['labelled_accuracy']:.1%}",
                    "model-labelled-accuracy",
                ),
            ]
        ),
        html.P(_holdout_note(metadata), className="text-muted small", id="model-holdout-note"),
        dbc.Row(
            [
                dbc.Col(
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.H2("Per category", className="h6"),
                                _per_class(holdout["per_class"]),
                            ]
                        )
                    ),
                    lg=6,
                    className="mb-3",
                ),
                dbc.Col(
                    dcc.Graph(
                        id="confusion-chart",
                        figure=confusion_figure(metadata["labels"], holdout["confusion"]),
                        config=GRAPH_CONFIG,
                        className="chart",
                    ),
                    lg=6,
                    className="mb-3",
                ),
            ]
        ),
        *honesty_section(metadata),
        dbc.Card(
            dbc.CardBody([html.H2("Training", className="h6"), _facts(metadata, version)]),
            className="mb-3",
        ),
        dbc.Card(
            dbc.CardBody(
                [html.H2("Library versions", className="h6"), _versions(metadata["versions"])]
            )
        ),
    ]


def layout() -> html.Div:
    """The page, read from the model's ``model.json``; a clear notice when it is unusable."""
    try:
        model = current().model
        body: list[Any] | dbc.Alert = _content(model.metadata, model.version)
    except ModelError as exc:
        body = dbc.Alert(f"The model is not available: {exc}", color="danger")
    except (KeyError, TypeError, ValueError) as exc:
        body = dbc.Alert(
            f"model.json lacks the evaluation this page shows ({exc}).", color="warning"
        )
    return html.Div(
        [html.H1("Model", className="h3 mb-3"), html.Div(body, id="model-body"), health_section()]
    )
