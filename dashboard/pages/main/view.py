"""Everything the main view shows for a selection and time window, rendered once and cached."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from classifier import ModelError
from dashboard.colors import category_color, category_order
from dashboard.demo import DemoInfo, demo_info
from dashboard.layout import aria_label
from dashboard.markup import to_html
from dashboard.pages.main.bars import message, topic_days, topic_hash, topic_mix
from dashboard.pages.main.data import View, current_store, load_view, paper_names
from dashboard.pages.main.failures import diagnose
from dashboard.pages.main.freshness import freshness_badges
from dashboard.pages.main.papers import papers_search
from dashboard.pages.main.stories_view import stories_list
from scraper import SourcesError
from store import Store, StoreError
from views.cache import cache_key, cached, plain
from views.services import current
from views.window import window_label, window_start

NO_PAPERS = "Pick at least one newspaper above to see what it is writing about."
NO_ARTICLES = "No articles stored yet for these newspapers. Press Refresh to fetch the latest ones."


@dataclass(frozen=True)
class MainView:
    """The rendered outputs of the main view and its grid query; the charts, legend, stories
    and freshness are HTML strings (``dashboard.markup``), drawn into their boxes in the
    browser."""

    papers: list[str]
    window: str
    compare: str
    history: str
    legend: str = ""
    stories: str = ""
    freshness: str = ""
    notice: Any = None
    version: str = ""
    query: dict[str, Any] = field(default_factory=dict)
    demo: DemoInfo | None = None

    @property
    def search(self) -> str:
        """The URL query string of this selection and window."""
        return papers_search(self.papers, self.window)

    @property
    def drawn(self) -> dict[str, str]:
        """The HTML of each drawn box, by its element id."""
        return {
            "topic-legend": self.legend,
            "compare-chart": self.compare,
            "history-chart": self.history,
            "top-stories": self.stories,
            "freshness": self.freshness,
        }

    @property
    def export_href(self) -> str:
        """The API's CSV export of the table's articles."""
        return export_href(self.query)


def export_href(query: dict[str, Any]) -> str:
    """``/api/v1/articles.csv`` with the grid query's newspapers, window and chart filter."""
    papers = [query["paper"]] if query.get("paper") else list(query.get("papers") or [])
    params: list[tuple[str, str]] = [("newspaper", paper) for paper in papers]
    if query.get("since"):
        params.append(("since", str(query["since"])))
    if query.get("topic"):
        params.append(("category", str(query["topic"])))
    return "/api/v1/articles.csv?" + urlencode(params)


def _unlearnt() -> tuple[str, ...]:
    """The configured topics the live model has not learnt (none when no model loads)."""
    try:
        return current().model.unlearnt
    except ModelError:
        return ()


def _legend(labels: Sequence[str], unlearnt: Sequence[str] = ()) -> html.Div:
    """The chart's topics as table filters; then the topics not learnt yet, so a reader does
    not take their absence from the chart for an absence from the news."""
    links: list[Any] = [
        html.A(
            [
                html.Span(
                    className="legend-swatch", style={"backgroundColor": category_color(label)}
                ),
                label,
            ],
            href=topic_hash(label),
            className="legend-item btn btn-sm btn-link",
            title=f"Show only {label} articles in the table",
        )
        for label in labels
    ]
    if unlearnt:
        links.append(
            html.Span(
                f"Not learnt yet: {', '.join(unlearnt)} (their articles show under the "
                "nearest topic)",
                className="legend-note text-muted",
            )
        )
    return html.Div(links, className="topic-legend", role="group", **aria_label("Topics"))


def _query(
    papers: Sequence[str], window: str, since: datetime | None, version: str
) -> dict[str, Any]:
    return {
        "papers": list(papers),
        "window": window,
        "since": since.isoformat().replace("+00:00", "Z") if since else None,
        "version": version,
    }


def _message_view(papers: list[str], window: str, text: str, notice: Any) -> MainView:
    return MainView(
        papers=papers,
        window=window,
        compare=to_html(message(text)),
        history=to_html(message(text)),
        stories=to_html(html.P(text, className="text-muted")),
        notice=notice,
        query=_query(papers, window, None, ""),
    )


def _empty_notice(view: View, papers: list[str], window: str) -> Any:
    if view.older:
        return dbc.Alert(
            [
                f"No articles from these newspapers in the {window_label(window).lower()}; "
                f"{view.older} older ones are stored. ",
                dcc.Link(
                    "Show all time", href="/" + papers_search(papers, "all"), className="alert-link"
                ),
            ],
            color="info",
            id="empty-articles",
        )
    failed = {
        result.source_id: result.error
        for result in (view.last_refresh.sources if view.last_refresh else ())
        if result.error
    }
    if view.last_refresh and failed and len(failed) == len(view.last_refresh.sources):
        diagnosis = diagnose(failed)
        return dbc.Alert(
            [
                html.Strong(diagnosis.sentence(len(failed), len(failed))),
                " ",
                diagnosis.advice,
            ],
            color="warning",
            id="empty-articles",
        )
    return dbc.Alert(NO_ARTICLES, color="info", id="empty-articles")


def _render(
    store: Store, names: dict[str, str], papers: list[str], window: str, now: datetime, version: str
) -> MainView:
    view = load_view(store, papers, window, now)
    since = window_start(window, now)
    freshness = freshness_badges(papers, names, view.newest, view.refreshed, now)
    query = _query(papers, window, since, version)
    labels = category_order({label for per in view.counts.values() for label in per})
    notice = None if view.total else _empty_notice(view, papers, window)
    # Strings and plain JSON data, not component objects: a cache hit is a fast unpickle.
    return MainView(
        demo=demo_info(current().settings.var_dir),
        papers=papers,
        window=window,
        compare=to_html(topic_mix(view.counts, names)),
        history=to_html(topic_days(view.history)),
        legend=to_html(_legend(labels, _unlearnt())),
        stories=to_html(stories_list(view.stories, papers, names)),
        freshness=to_html(freshness),
        notice=plain(notice),
        version=version,
        query=query,
    )


def build_view(papers: Sequence[str] | None, window: str, now: datetime | None = None) -> MainView:
    """The main view of ``papers`` in ``window``: from the cache while the data is unchanged."""
    selected = list(papers or [])
    if not selected:
        return _message_view(selected, window, NO_PAPERS, dbc.Alert(NO_PAPERS, color="info"))
    moment = now or datetime.now(UTC)
    try:
        store = current_store()
        version = store.data_version()
        names = paper_names(store)
        minute = moment.strftime("%Y-%m-%dT%H:%M")
        key = cache_key("view", version, selected, window, minute)
        return cached(key, lambda: _render(store, names, selected, window, moment, version))
    except (StoreError, SourcesError) as exc:
        notice = dbc.Alert(f"The articles cannot be read right now: {exc}", color="danger")
        return _message_view(selected, window, "The article store is unavailable.", notice)
