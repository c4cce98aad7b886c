"""Top stories on the main view: headline, topic, who covers it and who does not, links."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from dashboard.colors import category_color
from dashboard.links import safe_link
from stories import Story

_LINKS = 3
_NAMED = 4
"""Papers named in a story's lines; the rest are counted ("and 13 more")."""


def _named(papers: Sequence[str], names: Mapping[str, str]) -> str:
    shown = ", ".join(names.get(paper, paper) for paper in papers[:_NAMED])
    more = len(papers) - _NAMED
    return f"{shown} and {more} more" if more > 0 else shown


def _link(text: str, url: str, **extra: Any) -> Any:
    href = safe_link(url)
    if not href:
        return html.Span(text, **extra)
    return html.A(text, href=href, target="_blank", rel="noopener noreferrer", **extra)


def _story(story: Story, selected: Sequence[str], names: Mapping[str, str]) -> html.Li:
    covering = _named(story.papers, names)
    missing = _named(story.missing(selected), names)
    # One link per paper (its newest article of the story): a paper is never listed twice.
    per_paper = story.per_paper()
    links = [
        html.Li(
            _link(names.get(item.source_id, item.source_id), item.url, title=item.title),
            className="list-inline-item",
        )
        for item in per_paper[:_LINKS]
    ]
    more = len(per_paper) - _LINKS
    if more > 0:
        links.append(html.Li(f"+{more} more papers", className="list-inline-item text-muted"))
    return html.Li(
        [
            html.Div(
                [
                    html.Span(
                        story.topic,
                        className="category-chip me-2",
                        style={"backgroundColor": category_color(story.topic)},
                    ),
                    _link(story.headline, story.url, className="story-headline fw-semibold"),
                ]
            ),
            html.Div(
                [
                    f"{len(story.papers)} papers: {covering}",
                    html.Span(f" · not in {missing}", className="text-muted") if missing else "",
                ],
                className="small",
            ),
            html.Ul(links, className="list-inline small mb-0 story-links"),
        ],
        className="list-group-item story",
    )


def stories_list(
    stories: Sequence[Story], selected: Sequence[str], names: Mapping[str, str]
) -> html.Ol | html.P:
    """The story list, biggest first; a sentence when no story is shared by two papers."""
    if len(selected) < 2:
        return html.P("Pick two or more newspapers to see which stories they share.")
    if not stories:
        return html.P(
            "No story is reported by more than one of these newspapers in this time window.",
            className="text-muted",
        )
    items = [_story(story, selected, names) for story in stories]
    return html.Ol(items, className="list-group list-group-flush stories")
