"""A model on public labelled news datasets, read as they are downloaded (none is shipped).

``python -m bench.public [--ag-news FILE] [--archive FILE ...] [--csv FILE ...] [--since DATE]
[--sample N] [--model DIR] [--markdown]`` (NLTK_DATA). The private checks of issue 14 score
the shipped model on labelled news of other outlets and periods: BBC 2020–22, a four-class
wire corpus with world, an online paper 2020–22, 2014 headlines. Their public counterparts
cannot be shipped here; pass the copies you have:

- ``--ag-news``: the AG's News CSV (``label,title,description``, label 1 World, 2 Sports,
  3 Business, 4 Sci/Tech; with or without a header row).
- ``--archive``: any JSON-lines file ``python -m scraper import`` reads (the News Category
  Dataset as downloaded, an RSS export), labelled exactly as an import labels it: its
  ``topic``, else its section through the paper's own rules and the section vocabulary.
- ``--csv``: a CSV with a header whose columns are archive fields, matched case-insensitively
  (the Kaggle "BBC News" RSS export: title, pubDate, guid, link, description; the UCI News
  Aggregator: TITLE, URL, CATEGORY, TIMESTAMP in milliseconds), labelled the same way.

Each article is scored in every reading the model is trained on (``classifier.views``: full
text, headline, headline + first sentence) with the served model's own cut: label accuracy
(`other` is right for a topic the model lacks), per-topic recall, ECE, confidently wrong.
``--since`` keeps dated articles from that day on; ``--sample`` draws at most N articles of
each file (seeded), so a 200,000-line dataset takes seconds.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import random
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # always first: bench/stories.py must not shadow `stories`

from archive.importer import archive_label  # noqa: E402
from archive.lines import (  # noqa: E402
    ArchiveError,
    ArchiveLine,
    field_names,
    read_lines,
    validate_line,
)
from bench.outlets import metrics_row, served  # noqa: E402
from classifier.errors import ModelError  # noqa: E402
from classifier.loading import load_model  # noqa: E402
from classifier.model import OTHER, TopicModel  # noqa: E402
from classifier.topics import configured_topics  # noqa: E402
from classifier.views import reading_views  # noqa: E402
from scraper.sources import Source, load_sources, site_owner  # noqa: E402
from scraper.vocabulary import section_topic  # noqa: E402
from settings import get_settings  # noqa: E402

AG_NEWS_CLASSES = {"1": "World", "2": "Sports", "3": "Business", "4": "Sci/Tech"}
"""The AG's News class indices and their names (read through the section vocabulary)."""
SAMPLE = 5000
_HEADER = (
    "| file, reading | texts | label accuracy | ECE | confidently wrong | other |"
    " recall per topic |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |"
)
_TAG = re.compile(r"<[^>]+>")
_AG_ENTITY = re.compile(r" ?(?<![&\w])(#\d+|quot|amp|lt|gt);")
"""An entity whose ``&`` the AG's News files turned into a space ("Miley #39;s")."""


@dataclass(frozen=True)
class Labelled:
    """One labelled article of a public dataset: its headline, body (text or summary), the
    publisher's label as a topic or ``other``, and its day when the dataset dates it."""

    title: str
    body: str
    label: str
    day: date | None = None


def _ag_text(text: str) -> str:
    """AG's News as distributed: ``\\`` for line breaks, entities with a space for ``&``."""
    text = _AG_ENTITY.sub(r"&\1;", text.replace("\\", " "))
    return " ".join(_TAG.sub(" ", html.unescape(text)).split())


def ag_news(path: Path) -> list[Labelled]:
    """The AG's News CSV rows with a known class; a header row is skipped."""
    with path.open(newline="", encoding="utf-8") as rows:
        return [
            Labelled(_ag_text(title), _ag_text(body), section_topic(AG_NEWS_CLASSES[c]) or OTHER)
            for c, title, body, *_ in (row for row in csv.reader(rows) if len(row) >= 3)
            if c.strip() in AG_NEWS_CLASSES
        ]


def _labeller(
    sources: Sequence[Source], topics: Sequence[str]
) -> Callable[[ArchiveLine], Labelled]:
    """An archive line as a Labelled item, labelled as ``scraper import`` labels it."""
    rules = {source.id: source.rules for source in sources}

    def labelled(line: ArchiveLine) -> Labelled:
        label = archive_label(line, rules, topics) or ""
        return Labelled(line.title, line.text or line.summary, label, line.published.date())

    return labelled


def archive_file(path: Path, sources: Sequence[Source], topics: Sequence[str]) -> list[Labelled]:
    """The labelled lines of a JSON-lines archive, labelled as ``scraper import`` labels them
    (lines that fail validation or carry no label are left out)."""
    labelled = _labeller(sources, topics)
    lines = read_lines(path, topics, site_owner(sources))
    found = (labelled(line.article) for line in lines if line.article is not None)
    return [item for item in found if item.label]


_FIELDS = field_names()
_DATES = field_names("published")


def _csv_fields(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as archive fields: unknown column names lower-cased, a millisecond
    ``timestamp`` (the UCI aggregator's) as ``published``."""
    fields: dict[str, Any] = {}
    for name, value in row.items():
        if name is not None and value is not None:
            fields[name if name in _FIELDS else name.strip().lower()] = value
    stamp = str(fields.get("timestamp", ""))
    if not (_DATES & fields.keys()) and stamp.isdigit():
        fields["published"] = datetime.fromtimestamp(int(stamp) / 1000, UTC).isoformat()
    return fields


def csv_file(path: Path, sources: Sequence[Source], topics: Sequence[str]) -> list[Labelled]:
    """The labelled rows of a CSV with a header, validated and labelled as archive lines."""
    labelled, owner = _labeller(sources, topics), site_owner(sources)
    found = []
    with path.open(newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            try:
                item = labelled(validate_line(_csv_fields(row), topics, owner))
            except ValueError:
                continue
            if item.label:
                found.append(item)
    return found


def chosen(items: Sequence[Labelled], since: date | None, sample: int) -> list[Labelled]:
    """The items from ``since`` on (undated ones kept), at most ``sample`` of them (seeded)."""
    kept = [i for i in items if since is None or i.day is None or i.day >= since]
    return random.Random(0).sample(kept, sample) if len(kept) > sample else kept


def score(model: TopicModel, items: Iterable[Labelled]) -> dict[str, Any]:
    """Outlet metrics of the served model per reading (full, headline, lead)."""
    by_kind: dict[str, tuple[list[str], list[str]]] = {}
    for item in items:
        for kind, text in reading_views(item.title, item.body):
            texts, labels = by_kind.setdefault(kind, ([], []))
            texts.append(text)
            labels.append(item.label)
    return {kind: served(model, texts, labels) for kind, (texts, labels) in sorted(by_kind.items())}


def main(argv: list[str] | None = None) -> int:
    """Score the model on every file given; print JSON (or Markdown)."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.public",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--ag-news", type=Path, action="append", default=[], metavar="FILE")
    parser.add_argument("--archive", type=Path, action="append", default=[], metavar="FILE")
    parser.add_argument("--csv", type=Path, action="append", default=[], metavar="FILE")
    parser.add_argument("--since", type=date.fromisoformat, help="keep articles from this day")
    parser.add_argument("--sample", type=int, default=SAMPLE, help="articles per file at most")
    parser.add_argument("--model", type=Path, default=REPO / "pickles", help="a model folder")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    files = [*args.ag_news, *args.archive, *args.csv]
    if not files:
        parser.error("give at least one file (--ag-news, --archive or --csv)")
    if missing := [str(f) for f in files if not f.is_file()]:
        parser.error(f"no such file: {', '.join(missing)}")
    settings = get_settings()
    sources = load_sources(settings.news_sources)
    topics = (*configured_topics(settings), OTHER)
    readers: list[tuple[Path, Callable[[Path], list[Labelled]]]] = [
        *((f, ag_news) for f in args.ag_news),
        *((f, lambda path: archive_file(path, sources, topics)) for f in args.archive),
        *((f, lambda path: csv_file(path, sources, topics)) for f in args.csv),
    ]
    try:
        model = load_model(args.model)
    except ModelError as exc:
        parser.exit(1, f"{parser.prog}: error: {exc}\n")
    found = []
    for path, read in readers:
        try:
            found.append((path, read(path)))
        except (ArchiveError, OSError, UnicodeDecodeError, csv.Error) as exc:
            reason = str(exc) if str(path) in str(exc) else f"{path}: {exc}"
            parser.exit(1, f"{parser.prog}: error: {reason}\n")
    if empty := [str(path) for path, items in found if not items]:
        parser.exit(1, f"{parser.prog}: error: no labelled articles in {', '.join(empty)} "
                       "(is each file given with the option of its format?)\n")  # fmt: skip
    report = {p.name: score(model, chosen(items, args.since, args.sample)) for p, items in found}
    if args.markdown:
        print(_HEADER)
        for name, kinds in report.items():
            for kind, measured in kinds.items():
                print(metrics_row(f"{name}, {kind}", measured, by_view=False))
    else:
        print(json.dumps({"model": model.version, "files": report}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
