"""The article table's HTML: every value escaped, links only for the web, sort and pager state."""

from __future__ import annotations

from typing import Any

from dashboard.pages.main.table_html import NO_ROWS, table_html


def _row(**fields: Any) -> dict[str, Any]:
    row = {
        "id": 7,
        "link": "https://news.example.com/7",
        "title": "Rates rise",
        "paper": "The Guardian",
        "label": "business",
        "confidence": 0.912,
        "trust": "high",
        "trust_note": "91% confident",
        "published": "2026-12-03T10:00:00Z",
        "section": "money",
        "section_label": "business",
        "unsure": "",
        "muted": False,
    }
    return {**row, **fields}


def test_values_are_escaped_and_only_web_links_are_links() -> None:
    hostile = _row(
        title='<img src=x onerror="alert(1)">',
        paper="<b>Paper</b>",
        link=None,
        section='" onmouseover="alert(2)',
        label="<script>",
    )
    markup = table_html([hostile], total=1, size=50)
    assert "<img" not in markup and "<b>" not in markup and "<script>" not in markup
    assert '&lt;img src=x onerror="alert(1)"&gt;' in markup
    assert 'title="&quot; onmouseover=&quot;alert(2)"' in markup
    assert "article-link" not in markup  # no link without an http(s) address


def test_a_row_has_its_link_chip_confidence_and_time() -> None:
    markup = table_html([_row(), _row(id=8, unsure="unsure: best guess tech (61 %)", muted=True)],
                        total=2, size=50)  # fmt: skip
    assert (
        '<a class="article-link" href="https://news.example.com/7" target="_blank" '
        'rel="noopener noreferrer" tabindex="-1">Rates rise</a>'
    ) in markup
    assert ">91%<" in markup and "unsure: best guess tech (61 %)" in markup
    assert '<time datetime="2026-12-03T10:00:00Z">' in markup
    assert '<tr data-id="7" data-paper="The Guardian" tabindex="0">' in markup
    # The rows share one tab stop, the first row's.
    assert '<tr data-id="8" data-paper="The Guardian" tabindex="-1" class="row-unsure">' in markup
    assert "2 articles" in markup and "Next" not in markup  # one page: no pager buttons


def test_the_sorted_column_says_so_and_the_pager_knows_the_ends() -> None:
    rows = [_row(id=n) for n in range(20)]
    markup = table_html(rows, total=120, page=2, size=50, sort=("title", False))
    assert '<th scope="col" aria-sort="ascending" data-col="title">' in markup
    assert 'data-sort="title" data-desc="true"' in markup  # a second click sorts the other way
    assert markup.count("aria-sort=") == 1
    assert "101–120 of 120 articles" in markup
    assert 'data-page="3" disabled>Next' in markup and 'data-page="1">Previous' in markup
    assert NO_ROWS in table_html([], total=0, size=50)
