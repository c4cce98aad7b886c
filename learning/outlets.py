"""The labelled outlets the shipped model learns from, each article with headline-length views.

Four sources, read from ``../shared/data`` (settings ``NEWS_DATA_DIR``): the BBC 2005 corpus
(full texts), HuffPost spring 2018 (headline + one sentence), the Wikipedia current-events
portal 2026 (one-sentence-to-one-paragraph summaries) and the UCI aggregator sample 2014
(headlines). A raw section becomes a topic through ``scraper.vocabulary.section_topic``;
unmapped sections are dropped. Each article gives up to three *views* (full text, headline,
headline + first sentence), so a headline learns its article's topic; the views of one
article share its ``group`` so that no split puts one view in training and another in test.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from classifier.corpus import read_corpus
from classifier.errors import CorpusError
from classifier.views import FULL as FULL
from classifier.views import HEADLINE as HEADLINE
from classifier.views import LEAD as LEAD
from classifier.views import first_sentence as first_sentence
from classifier.views import reading_views, split_article
from learning.examples import CORPUS, CORRECTION, Example
from scraper.vocabulary import section_topic

BBC, HUFFPOST, PORTAL, UCI = "bbc", "huffpost", "portal", "uci"
CORRECTIONS = "corrections"
"""The outlet of readers' corrections in retraining."""
FILES = {
    BBC: "bbc-fulltext.zip",
    HUFFPOST: "huffpost-2018-spring.jsonl.gz",
    PORTAL: "demo-news.jsonl.gz",
    UCI: "demo-uci-2014.jsonl.gz",
}
"""Each outlet's file name in the data folder."""


@dataclass(frozen=True)
class View:
    """One text of one labelled article: ``kind`` is FULL, HEADLINE or LEAD (headline + first
    sentence); ``group`` identifies the article (its views share it); ``doc_id`` is the BBC
    document id (for the BBC holdout), else the group."""

    text: str
    label: str
    outlet: str
    kind: str
    group: str
    doc_id: str


def article_views(
    title: str, body: str, label: str, outlet: str, group: str, doc_id: str | None = None
) -> list[View]:
    """The distinct views of one article (``classifier.views.reading_views``)."""
    return [
        View(text, label, outlet, kind, group, doc_id or group)
        for kind, text in reading_views(title, body)
    ]


def _jsonl(path: Path) -> Iterable[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                item = json.loads(line)
                if isinstance(item, dict):
                    yield item


def _text(item: dict[str, object], key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


def bbc_views(path: Path) -> list[View]:
    """The BBC corpus: the first line of a file is its headline, the rest its text."""
    views = []
    for doc in read_corpus(path).documents:
        title, body = split_article(doc.text)
        views += article_views(title, body, doc.label, BBC, f"bbc:{doc.doc_id}", doc.doc_id)
    return views


def _section_views(
    path: Path,
    outlet: str,
    section: str,
    parts: Callable[[dict[str, object]], tuple[str, str] | None],
) -> list[View]:
    """The views of a JSON-lines outlet whose ``section`` names a topic; ``parts`` gives an
    item's (headline, body), or None to leave the item out."""
    views = []
    for number, item in enumerate(_jsonl(path)):
        label = section_topic(_text(item, section))
        found = parts(item) if label is not None else None
        if label is not None and found is not None:
            views += article_views(*found, label, outlet, f"{outlet}:{number}")
    return views


def huffpost_views(path: Path) -> list[View]:
    """HuffPost items: headline + short description, labelled by their section."""
    return _section_views(
        path,
        HUFFPOST,
        "category",
        lambda item: (_text(item, "headline"), _text(item, "short_description")),
    )


def _portal_parts(item: dict[str, object]) -> tuple[str, str] | None:
    if item.get("newspaper") != "wikipedia-current-events":
        return None
    title, summary = _text(item, "title"), _text(item, "summary")
    return title, summary[len(title) :].strip() if summary.startswith(title) else summary


def portal_views(path: Path) -> list[View]:
    """Current-events portal items (not Wikinews: no sections): first sentence + the bullet."""
    return _section_views(path, PORTAL, "section", _portal_parts)


def uci_views(path: Path) -> list[View]:
    """UCI aggregator headlines, labelled by its category."""
    return _section_views(path, UCI, "section", lambda item: (_text(item, "title"), ""))


READERS = {BBC: bbc_views, HUFFPOST: huffpost_views, PORTAL: portal_views, UCI: uci_views}


DATE_FIELDS = {HUFFPOST: "date", PORTAL: "published"}
"""The outlets whose items are dated, and the field that dates them."""


def dated_groups(folder: Path, outlet: str) -> dict[str, str]:
    """Each item's ``group`` (as its views carry it) and its ISO date, for a dated outlet."""
    field = DATE_FIELDS[outlet]
    return {
        f"{outlet}:{number}": _text(item, field)
        for number, item in enumerate(_jsonl(folder / FILES[outlet]))
    }


def missing_files(folder: Path, outlets: Sequence[str] = tuple(FILES)) -> list[Path]:
    """The outlets' files that are not in ``folder``."""
    return [folder / FILES[outlet] for outlet in outlets if not (folder / FILES[outlet]).is_file()]


def read_outlets(folder: Path, outlets: Sequence[str] = tuple(FILES)) -> list[View]:
    """Every view of every outlet in ``folder``; CorpusError (one line) when a file is missing."""
    missing = missing_files(folder, outlets)
    if missing:
        names = ", ".join(path.name for path in missing)
        raise CorpusError(f"training data missing in {folder}: {names} (set NEWS_DATA_DIR)")
    views: list[View] = []
    for outlet in outlets:
        views += READERS[outlet](folder / FILES[outlet])
    return views


def _same_text(text: str) -> str:
    return " ".join(text.split())


def unseen_in(examples: Sequence[Example], views: Sequence[View]) -> list[Example]:
    """The examples whose text is none of ``views``' (whitespace aside)."""
    known = {_same_text(view.text) for view in views}
    return [example for example in examples if _same_text(example.text) not in known]


def not_among(views: Sequence[View], examples: Sequence[Example]) -> list[View]:
    """The views of the articles that none of ``examples`` already is (a view with an
    example's text, whitespace aside, takes its article's other views with it).

    A store that imported an outlet's own file (HuffPost, the demo's UCI sample) holds those
    articles as a newspaper's: they are trained on once, from the store, and the ones the gate
    holds out are not trained on as the outlet's."""
    known = {_same_text(example.text) for example in examples}
    copies = {view.group for view in views if _same_text(view.text) in known}
    return [view for view in views if view.group not in copies]


def example_views(examples: Sequence[Example]) -> list[View]:
    """Views of retraining examples: the corpus is the ``bbc`` outlet, each newspaper its own,
    corrections one more; a text's first line is its headline (``model_input`` puts it there)."""
    views = []
    for number, example in enumerate(examples):
        outlet = {CORPUS: BBC, CORRECTION: CORRECTIONS}.get(example.kind, example.source)
        title, body = split_article(example.text)
        views += article_views(title, body, example.label, outlet, f"{outlet}:{number}")
    return views
