"""The model page's "What taught each topic" table: learnt topics and the ones not yet learnt."""

from __future__ import annotations

from typing import Any

from dashboard.pages.model.sources import honesty_section

METADATA = {
    "sources": {"world": {"current-events": 464, "huffpost": 223}},
    "topic_rule": {
        "rule": "a topic is learnt when it has at least 40 labelled articles",
        "refused": {"science": "20 labelled articles, fewer than 40", "health": "no articles"},
        "collected": {"science": {"huffpost": 20}, "health": {}},
    },
    "calibration": {"ece": 0.02, "bins": []},
    "held_out_outlets": {},
}


def _row_texts(component: Any, table_id: str = "model-sources") -> list[str]:
    """The text of each row of the table with ``table_id`` in a Dash component tree."""
    found: list[str] = []

    def text(node: Any) -> str:
        if isinstance(node, str | int | float):
            return str(node)
        children = getattr(node, "children", None)
        if isinstance(children, list | tuple):
            return " ".join(text(child) for child in children)
        return text(children) if children is not None else ""

    def walk(node: Any, inside: bool) -> None:
        inside = inside or getattr(node, "id", None) == table_id
        if inside and type(node).__name__ == "Tr":
            found.append(text(node))
            return
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list | tuple) else [children]:
            if child is not None and not isinstance(child, str | int | float):
                walk(child, inside)

    for part in component:
        walk(part, False)
    return found


def test_a_topic_not_learnt_shows_what_was_collected_and_why_it_is_not_enough() -> None:
    rows = _row_texts(honesty_section(METADATA))
    assert rows[1] == "world 687 current-events 464, huffpost 223"
    science = "science not learnt huffpost 20 collected: 20 labelled articles, fewer than 40"
    assert rows[2] == science
    assert rows[3] == "health not learnt no articles"


def _note(metadata: dict[str, Any]) -> str:
    [note] = [
        node
        for card in honesty_section(metadata)[0].children
        for node in card.children.children.children
        if getattr(node, "id", None) == "calibration-note"
    ]
    return str(note.children)


def test_the_calibration_note_names_the_topics_shown_with_less_confidence() -> None:
    assert "less confidence" not in _note(METADATA)
    shifted = {**METADATA["calibration"], "confidence_map": {"topic_offsets": {"crime": -0.4}}}
    note = _note({**METADATA, "calibration": shifted})
    assert "Shown with less confidence: crime (-0.40 log-odds)" in note
