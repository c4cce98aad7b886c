"""Plain HTML components as one escaped HTML string, for parts drawn without Dash components.

Every Dash component on a page costs the renderer on every state change (each one watches the
store), so read-only parts with many elements (the main view's charts, stories, freshness)
travel as one string, rendered on the server once per data version, and are drawn into an
empty container in the browser. Only ``dash.html`` components are accepted, so nothing
interactive (callback ids, Dash links) can be lost on the way; every text and attribute value
is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from dash.development.base_component import Component

_HTML_NAMESPACE = "dash_html_components"
_SKIPPED = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks"}
_RENAMED = {"className": "class", "tabIndex": "tabindex", "htmlFor": "for"}
_UNITLESS = {"opacity", "zIndex", "flexGrow", "flexShrink", "order", "fontWeight", "lineHeight"}


def _css_name(name: str) -> str:
    return "".join(f"-{char.lower()}" if char.isupper() else char for char in name)


def _css(style: Mapping[str, Any]) -> str:
    parts = []
    for name, value in style.items():
        text = f"{value}px" if isinstance(value, int | float) and name not in _UNITLESS else value
        parts.append(f"{_css_name(name)}:{text}")
    return ";".join(parts)


def _attributes(props: Mapping[str, Any]) -> str:
    out = []
    for name, value in props.items():
        if name in _SKIPPED or value is None or value is False:
            continue
        attr = _RENAMED.get(name, name)
        if value is True:
            out.append(f" {attr}")
        elif name == "style":
            out.append(f' style="{escape(_css(value), quote=True)}"')
        else:
            out.append(f' {attr}="{escape(str(value), quote=True)}"')
    return "".join(out)


def to_html(node: Any) -> str:
    """``node`` (``dash.html`` components, strings, numbers, lists, None) as an HTML string.

    Raises TypeError for any other component: it would need Dash to work.
    """
    if node is None or node is False:
        return ""
    if isinstance(node, str):
        return escape(node, quote=False)
    if isinstance(node, int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return "".join(to_html(child) for child in node)
    if isinstance(node, Component):
        spec = node.to_plotly_json()  # type: ignore[no-untyped-call]
        props = spec["props"]
        if spec["namespace"] != _HTML_NAMESPACE:
            raise TypeError(f"not a plain HTML component: {spec['namespace']}.{spec['type']}")
        if props.get("id") is not None:
            raise TypeError(f"a component with an id needs Dash: {props['id']!r}")
        tag = str(spec["type"]).lower()
        return f"<{tag}{_attributes(props)}>{to_html(props.get('children'))}</{tag}>"
    raise TypeError(f"cannot draw {type(node).__name__} as HTML")
