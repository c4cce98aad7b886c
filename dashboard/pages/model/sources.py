"""The model page's honesty section: what taught each topic, and how sure it is off its outlets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from classifier.topics import TopicSupport
from dashboard.colors import category_color
from dashboard.figures import GRAPH_CONFIG


def _per_source(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items())


def _sources_table(metadata: dict[str, Any]) -> dbc.Table:
    support = TopicSupport.of(metadata)
    rows = [
        html.Tr(
            [
                html.Th(html.Span(topic, style={"color": category_color(topic)}), scope="row"),
                html.Td(str(sum(taught.values()))),
                html.Td(_per_source(taught)),
            ]
        )
        for topic, taught in support.sources.items()
    ]
    rows += [
        html.Tr([
            html.Th(topic, scope="row"), html.Td("not learnt"),
            html.Td(f"{_per_source(support.collected[topic])} collected: {reason}"
                    if support.collected.get(topic) else reason),
        ])
        for topic, reason in support.refused.items()
    ]  # fmt: skip
    header = html.Thead(html.Tr([html.Th("topic"), html.Th("articles"), html.Th("sources")]))
    return dbc.Table(
        [header, html.Tbody(rows)], size="sm", striped=True, responsive=True, id="model-sources"
    )


def reliability_figure(bins: list[dict[str, Any]]) -> go.Figure:
    """Accuracy against confidence per confidence bin (marker size: texts); the diagonal is a
    perfectly calibrated model."""
    figure = go.Figure(
        [
            go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line={"dash": "dot", "color": "#9e9e9e"},
                       hoverinfo="skip", showlegend=False),
            go.Scatter(
                x=[b["confidence"] for b in bins], y=[b["accuracy"] for b in bins],
                mode="markers+lines", showlegend=False,
                marker={"size": [max(6.0, min(30.0, b["n"] ** 0.5)) for b in bins]},
                text=[str(b["n"]) for b in bins],
                hovertemplate="confidence %{x:.0%}: %{y:.0%} right (%{text} texts)<extra></extra>",
            ),
        ]
    )  # fmt: skip
    figure.update_layout(
        title={"text": "Reliability on outlets the model did not train on"},
        xaxis={"title": {"text": "confidence"}, "range": [0, 1], "tickformat": ".0%"},
        yaxis={"title": {"text": "share right"}, "range": [0, 1], "tickformat": ".0%"},
        margin={"l": 50, "r": 10, "t": 40, "b": 40},
        height=320,
    )
    return figure


def _outlets_table(held_out: dict[str, dict[str, Any]]) -> dbc.Table:
    names = ("held-out outlet", "texts", "accuracy", "ECE", "confidently wrong")
    header = html.Thead(html.Tr([html.Th(name) for name in names]))
    rows = [
        html.Tr([html.Th(name, scope="row"), html.Td(str(m["n"])), html.Td(f"{m['accuracy']:.1%}"),
                 html.Td(f"{m['ece']:.3f}"), html.Td(f"{m['confidently_wrong']:.1%}")])
        for name, m in held_out.items()
    ]  # fmt: skip
    return dbc.Table(
        [header, html.Tbody(rows)], size="sm", striped=True, responsive=True, id="model-outlets"
    )


def honesty_section(metadata: dict[str, Any]) -> list[Any]:
    """Sources per topic, the topic rule, the reliability plot and the held-out-outlet scores
    (nothing for a model.json from before these were recorded)."""
    if "sources" not in metadata or "calibration" not in metadata:
        return []
    rule = (metadata.get("topic_rule") or {}).get("rule", "")
    calibration = metadata["calibration"]
    return [
        dbc.Row(
            [
                dbc.Col(dbc.Card(dbc.CardBody([
                    html.H2("What taught each topic", className="h6"),
                    html.P(f"Rule: {rule}.", className="small text-muted"),
                    _sources_table(metadata),
                ])), lg=6, className="mb-3"),
                dbc.Col(dbc.Card(dbc.CardBody([
                    dcc.Graph(id="reliability-chart", config=GRAPH_CONFIG, className="chart",
                              figure=reliability_figure(calibration.get("bins", []))),
                    html.P(f"Expected calibration error {calibration['ece']:.3f}; each "
                           "outlet predicted by a model trained without it."
                           + _shifted_topics(calibration),
                           className="small text-muted", id="calibration-note"),
                    _outlets_table(metadata.get("held_out_outlets") or {}),
                ])), lg=6, className="mb-3"),
            ]
        )
    ]  # fmt: skip


def _shifted_topics(calibration: dict[str, Any]) -> str:
    """The sentence naming the topics whose confidence is shifted down (none: empty)."""
    offsets = (calibration.get("confidence_map") or {}).get("topic_offsets") or {}
    if not offsets:
        return ""
    named = ", ".join(
        f"{topic} ({offset:+.2f} log-odds)" for topic, offset in sorted(offsets.items())
    )
    return (
        f" Shown with less confidence: {named}, whose labels matched the outlet's own less "
        "often than other topics' at the same probability."
    )
