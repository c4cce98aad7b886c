"""Importing an archive: validate each line, label the good ones in batches, store them."""

from __future__ import annotations

import textwrap
import time
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.lines import ArchiveLine, Owner, read_lines
from classifier.article import label_fields, model_input
from scraper.sections import SectionRules
from scraper.vocabulary import section_topic
from store import ArticleRecord, BadURLError, StoredArticle, normalise_url
from stories import assign_stored

if TYPE_CHECKING:
    from classifier import TopicModel
    from store import Store

Progress = Callable[[int, int, str], None]
"""Called as ``progress(bytes_read, file_bytes, message)`` after each stored batch."""
BadLine = Callable[[int, str], None]
"""Called as ``bad_line(line_number, reason)`` for every line that is not stored."""

BATCH_SIZE = 500
_KEPT_ERRORS = 100
_SUMMARY_CHARS = 300


@dataclass
class ImportReport:
    """What an import did: lines read, articles stored per newspaper, bad lines, duplicates."""

    path: str
    lines: int = 0
    stored: int = 0
    duplicates: int = 0
    bad: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    """The first bad lines (line number, reason); ``bad`` counts them all."""
    newspapers: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    """Newspaper id → display name, as the file gives them (``source_name``)."""
    archive_only: list[str] = field(default_factory=list)
    """Newspaper ids of the file that sources.toml does not configure (never scraped)."""
    duration_s: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every line was stored (or was a duplicate of a stored one)."""
        return self.bad == 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (what ``python -m scraper import --json`` prints)."""
        return {
            "path": self.path,
            "lines": self.lines,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "bad": self.bad,
            "errors": [{"line": n, "error": e} for n, e in self.errors],
            "newspapers": dict(sorted(self.newspapers.items())),
            "archive_only": self.archive_only,
            "duration_s": round(self.duration_s, 3),
        }


def import_archive(
    path: Path,
    *,
    store: Store,
    model: TopicModel,
    topics: Collection[str],
    configured: Collection[str],
    rules: Mapping[str, SectionRules] | None = None,
    owner: Owner | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    bad_line: BadLine | None = None,
) -> ImportReport:
    """Store every good line of a JSON-lines archive, labelled by the model; report the rest.

    ``topics`` are the labels a line's ``topic`` may have, ``configured`` the newspaper ids of
    sources.toml (others become archive-only), ``rules`` their section rules, ``owner`` the
    configured newspaper of a URL (a line without ``newspaper`` belongs to it). A line without
    a ``topic`` is labelled from its ``section`` or URL (see ``archive_label``). Raises ArchiveError
    when the file cannot be read (batches stored before stay stored), StoreError when a batch
    cannot be stored.
    """
    started = time.monotonic()
    report = ImportReport(str(path))
    size = path.stat().st_size if path.is_file() else 0
    seen: set[str] = set()
    batch: list[tuple[str, ArchiveLine]] = []

    def bad(number: int, reason: str) -> None:
        report.bad += 1
        if len(report.errors) < _KEPT_ERRORS:
            report.errors.append((number, reason))
        if bad_line is not None:
            bad_line(number, reason)

    def flush(offset: int) -> None:
        stored = _store(batch, store, model, rules or {}, topics)
        report.stored += len(stored)
        # Where each article is stored: one already stored keeps its newspaper.
        report.newspapers.update(article.source_id for article in stored)
        for _, line in batch:
            if line.source_name:
                report.names.setdefault(line.newspaper, line.source_name)
        batch.clear()
        if progress is not None:
            progress(offset, size, f"{report.stored:,} articles")

    offset = 0
    try:
        for line in read_lines(path, topics, owner):
            report.lines, offset = line.number, line.offset
            if line.article is None:
                bad(line.number, line.error or "invalid")
                continue
            try:
                url = normalise_url(line.article.url)
            except BadURLError as exc:
                bad(line.number, f"url: {exc}")
                continue
            if url in seen:  # the first line of an article wins
                report.duplicates += 1
                continue
            seen.add(url)
            batch.append((url, line.article))
            if len(batch) >= batch_size:
                flush(offset)
        flush(offset)
        if report.names:
            store.save_newspaper_names(report.names)
    finally:
        report.archive_only = sorted(set(report.newspapers) - set(configured))
        report.duration_s = time.monotonic() - started
    return report


def archive_label(
    line: ArchiveLine, rules: Mapping[str, SectionRules], topics: Collection[str]
) -> str | None:
    """The newspaper's label of an archived article: its ``topic``, else its ``section`` mapped
    by the newspaper's own rules in sources.toml (URL sections, then the section as a feed
    category), else by the common section vocabulary (``scraper.vocabulary``: "World news",
    "Law and crime", "Courts", "Science", "Health", ...). A mapped label outside ``topics``
    (the configured topics and ``other``) is no label."""
    if line.topic is not None:
        return line.topic
    own = rules.get(line.newspaper)
    found = own.label(line.url, (line.section,) if line.section else ()).label if own else None
    found = found or section_topic(line.section)
    return found if found in topics else None


def _store(
    batch: Sequence[tuple[str, ArchiveLine]],
    store: Store,
    model: TopicModel,
    rules: Mapping[str, SectionRules],
    topics: Collection[str],
) -> list[StoredArticle]:
    if not batch:
        return []
    # One predict call per batch, with the same input a scraped article gets.
    predictions = model.predict(
        [model_input(line.title, line.text, line.summary) for _, line in batch]
    )
    records = [
        ArticleRecord(
            url=url,
            source_id=line.newspaper,
            title=line.title,
            summary=line.summary or textwrap.shorten(line.text, _SUMMARY_CHARS, placeholder=" …"),
            text=line.text or line.summary,
            text_source="page" if line.text else "summary",
            published=line.published,
            section=line.section,
            section_label=archive_label(line, rules, topics),
            **label_fields(prediction, model.version),
        )
        for (url, line), prediction in zip(batch, predictions, strict=True)
    ]
    stored = store.save_archive(records)
    assign_stored(store, [article.id for article in stored])
    return stored
