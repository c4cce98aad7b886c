"""The model page's health section: live agreement with the newspapers, the live model and
the promotion history (``dashboard.pages.health.measures`` has the measures and the drop rule)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from classifier import OTHER, ModelError
from classifier.registry import MODELS, Registry
from dashboard.figures import GRAPH_CONFIG
from dashboard.pages.health import measures as health
from dashboard.pages.health.figures import health_figure, paper_agreement_figure
from dashboard.pages.health.promotions import RegistryState, registry_state
from dashboard.pages.main.data import paper_names
from refresh import Services
from scraper import SourcesError
from store import HealthRow, StoreError
from views.services import current

HEALTH_DAYS = 30


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _stat(title: str, value: str, note: str, stat_id: str) -> dbc.Col:
    body = [
        html.Div(title, className="small text-muted"),
        html.Div(value, className="h4 mb-0"),
        html.Div(note, className="small text-muted"),
    ]
    return dbc.Col(dbc.Card(dbc.CardBody(body), id=stat_id), xs=6, md=3, className="mb-3")


def _warning(rows: list[HealthRow], today: date, names: dict[str, str]) -> Any:
    drops = health.agreement_drops(rows, today)
    rule = (
        f"A warning appears when agreement over the last {health.RECENT_DAYS} days is "
        f"{health.DROP * 100:.0f} points or more below the {health.BASELINE_DAYS} days before "
        f"(at least {health.MIN_RECENT} and {health.MIN_BASELINE} labelled articles)."
    )
    if not drops:
        return html.P(f"No drop in agreement. {rule}", className="small text-muted")
    lines = [html.Li(_named(drop.message(), drop.scope, names)) for drop in drops]
    return dbc.Alert(
        [
            html.Strong("Agreement with the newspapers dropped."),
            html.Ul(lines, className="mb-1"),
            rule,
        ],
        color="warning",
        id="health-warning",
    )


def _named(message: str, scope: str, names: dict[str, str]) -> str:
    name = names.get(scope, scope)
    return name[:1].upper() + name[1:] + message.removeprefix(scope)


def _paper_table(rows: list[HealthRow], names: dict[str, str]) -> dbc.Table:
    header = ["newspaper", "articles", "paper-labelled", "agreement", "other", "unseen words"]
    body = [
        html.Tr(
            [
                html.Th(names.get(paper, paper), scope="row"),
                html.Td(f"{totals.articles:,}"),
                html.Td(f"{totals.labelled:,}"),
                html.Td(_pct(totals.agreement)),
                html.Td(_pct(totals.other_share)),
                html.Td(_pct(totals.unseen_share)),
            ]
        )
        for paper, totals in health.by_paper(rows).items()
    ]
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(body)],
        striped=True,
        size="sm",
        responsive=True,
        id="health-papers",
    )


def _nothing_recent(newest: datetime | None) -> html.P:
    """Why the section is empty: no articles at all, or only older ones (a demo sample, an
    old archive), which the main view's "All time" still shows."""
    if newest is None:
        return html.P(f"No articles in the last {HEALTH_DAYS} days: refresh or import some.")
    return html.P(
        f"No articles published in the last {HEALTH_DAYS} days: the newest stored article is "
        f"from {newest:%d %B %Y}. These measures follow today's news; a refresh brings it.",
        id="health-nothing-recent",
    )


def _measures(
    rows: list[HealthRow], today: date, names: dict[str, str], newest: datetime | None = None
) -> list[Any]:
    days = [today - timedelta(days=n) for n in range(HEALTH_DAYS - 1, -1, -1)]
    overall = health.total(rows)
    if not overall.articles:
        return [_nothing_recent(newest)]
    per_paper = health.agreement_by_paper_and_day(rows, days)
    return [
        _warning(rows, today, names),
        dbc.Row(
            [
                _stat(
                    "Agreement with the newspapers",
                    _pct(overall.agreement),
                    f"on {overall.labelled:,} paper-labelled articles",
                    "health-agreement",
                ),
                _stat(
                    "Labelled other",
                    _pct(overall.other_share),
                    f"of {overall.articles:,}",
                    "health-other",
                ),
                _stat(
                    "Unseen words",
                    _pct(overall.unseen_share),
                    "share of an article's words the model never saw",
                    "health-unseen",
                ),
                _stat(
                    "Articles",
                    f"{overall.articles:,}",
                    f"last {HEALTH_DAYS} days",
                    "health-articles",
                ),
            ]
        ),
        dbc.Row(
            [
                dbc.Col(
                    dcc.Graph(
                        id="health-chart",
                        figure=health_figure(days, health.by_day(rows, days)),
                        config=GRAPH_CONFIG,
                        className="chart",
                    ),
                    lg=6,
                ),
                dbc.Col(
                    dcc.Graph(
                        id="health-papers-chart",
                        figure=paper_agreement_figure(days, per_paper, names),
                        config=GRAPH_CONFIG,
                        className="chart",
                    ),
                    lg=6,
                ),
            ]
        ),
        _paper_table(rows, names),
    ]


def _live_model(state: RegistryState, services: Services) -> dbc.Card:
    model = services.model
    metadata = model.metadata
    where = (
        f"the registry's champion since {state.promoted_at or 'an unknown time'}"
        if state.champion
        else "the shipped model (pickles/): nothing has been promoted yet"
    )
    facts = [
        ("Version", f"{model.version}: {where}"),
        ("Trained", str(metadata.get("trained_at", "unknown"))),
        ("Trained on", _trained_on(metadata)),
    ]
    items: list[Any] = []
    for term, text in facts:
        items += [html.Dt(term, className="col-sm-3"), html.Dd(text, className="col-sm-9")]
    return dbc.Card(
        dbc.CardBody([html.H2("Live model", className="h6"), html.Dl(items, className="row mb-0")]),
        className="mb-3",
        id="health-live-model",
    )


def _trained_on(metadata: dict[str, Any]) -> str:
    """Each training outlet's file and the start of its checksum, not model.json's raw JSON."""
    data = metadata.get("data")
    if not isinstance(data, dict):  # a model.json from before the outlets: the BBC corpus alone
        corpus = metadata.get("corpus") or {}
        return str(corpus.get("name", "unknown") if isinstance(corpus, dict) else corpus)
    return ", ".join(
        f"{outlet}: {entry.get('file', '?')} (sha256 {str(entry.get('sha256', ''))[:12]})"
        if isinstance(entry, dict)
        else f"{outlet}: {entry}"
        for outlet, entry in data.items()
    )


def _metric(entry: dict[str, Any], who: str, holdout: str) -> str:
    # One decimal: the gate decides on half a point, and "98% vs 98%" beside a refusal for
    # "97.7% vs 97.9%" reads as a contradiction.
    measured = (entry.get(who) or {}).get(holdout) or {}
    accuracy = measured.get("accuracy") if isinstance(measured, dict) else None
    return f"{accuracy:.1%}" if isinstance(accuracy, int | float) else "–"


def _history(state: RegistryState) -> dbc.Card:
    if not state.history:
        body: Any = html.P(
            "No retraining yet: python -m classifier retrain records its decisions here.",
            className="small text-muted mb-0",
        )
    else:
        header = [
            "when",
            "decision",
            "version",
            "BBC holdout",
            "modern holdout",
            "corrections",
            "why",
        ]
        rows = [
            html.Tr(
                [
                    html.Td(str(entry.get("at", ""))),
                    html.Td("promoted" if entry.get("promoted") else "refused"),
                    html.Td(
                        str(
                            entry.get("version")
                            or (entry.get("candidate") or {}).get("version")
                            or ""
                        )
                    ),
                    *(
                        html.Td(
                            f"{_metric(entry, 'candidate', h)} vs {_metric(entry, 'champion', h)}"
                        )
                        for h in ("bbc_holdout", "modern_holdout", "corrections_holdout")
                    ),
                    html.Td(
                        "; ".join(str(r) for r in entry.get("reasons") or []), className="small"
                    ),
                ]
            )
            for entry in state.history
        ]
        body = dbc.Table(
            [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(rows)],
            size="sm",
            responsive=True,
            id="health-history",
        )
    return dbc.Card(
        dbc.CardBody([html.H2("Promotion history (candidate vs champion)", className="h6"), body]),
        className="mb-3",
    )


def _labels(services: Services) -> list[str] | None:
    """The labels the live model can give (None, i.e. every label, without a model)."""
    try:
        return [*services.model.labels, OTHER]
    except ModelError:
        return None


def _newest(services: Services) -> datetime | None:
    """When the newest stored article was published (else first seen); None for no article."""
    return max(filter(None, services.store.newest_articles().values()), default=None)


def health_section(today: date | None = None) -> html.Div:
    """The section, read from the store, the model and the registry; notices when one is down."""
    today = today or datetime.now(UTC).date()
    services = current()
    parts: list[Any] = [html.H2(f"Health in the last {HEALTH_DAYS} days", className="h4 mt-4")]
    try:
        names = paper_names()
    except SourcesError:
        names = {}
    try:
        labels = _labels(services)
        rows = services.store.label_health(OTHER, HEALTH_DAYS, today, labels=labels)
        newest = None if rows else _newest(services)
        parts += _measures(rows, today, names, newest)
    except StoreError as exc:
        parts.append(
            dbc.Alert(f"The article store cannot be read right now: {exc}", color="danger")
        )
    try:
        state = registry_state(Registry(services.settings.var_dir / MODELS))
        parts += [_live_model(state, services), _history(state)]
    except (ModelError, ValueError) as exc:
        parts.append(dbc.Alert(f"The model registry cannot be read: {exc}", color="warning"))
    return html.Div(parts, id="model-health")
