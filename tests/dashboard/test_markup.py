"""Plain HTML components drawn as one escaped string (dashboard.markup)."""

from __future__ import annotations

import pytest
from dash import dcc, html

from dashboard.markup import to_html


def test_components_become_escaped_html_with_their_attributes() -> None:
    node = html.Div(
        [
            html.A("<b>&", href="#f=a:b", className="seg", title='say "hi"', **{"data-topic": "x"}),
            html.Span(3),
            None,
        ],
        style={"width": "50.00%", "backgroundColor": "#fff", "height": 4},
        **{"aria-hidden": "true"},
    )
    drawn = to_html(node)
    assert drawn.startswith("<div ") and drawn.endswith("<span>3</span></div>")
    assert ' style="width:50.00%;background-color:#fff;height:4px"' in drawn
    assert ' aria-hidden="true"' in drawn
    link = drawn[drawn.index("<a ") : drawn.index("</a>") + 4]
    assert link.endswith(">&lt;b&gt;&amp;</a>")
    expected = ('class="seg"', 'href="#f=a:b"', 'title="say &quot;hi&quot;"', 'data-topic="x"')
    for attribute in expected:
        assert f" {attribute}" in link


def test_details_open_is_a_bare_attribute_and_closed_leaves_it_out() -> None:
    assert to_html(html.Details(html.Summary("s"), open=True)) == (
        "<details open><summary>s</summary></details>"
    )
    assert to_html(html.Details("x", open=False)) == "<details>x</details>"


def test_components_that_need_dash_are_refused() -> None:
    with pytest.raises(TypeError):
        to_html(dcc.Link("home", href="/"))
    with pytest.raises(TypeError):
        to_html(html.Button("filter", id="chip"))
