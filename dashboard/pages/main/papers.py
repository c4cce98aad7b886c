"""The configured newspapers and the ``?papers=`` URL state that selects some of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from store import StoreError
from views.newspapers import archive_only
from views.services import configured_sources, current
from views.window import DEFAULT_WINDOW

DEFAULT_PAPERS = ("elpais", "guardian", "skynews")
"""Shown when the URL names no newspapers: El País English, The Guardian, Sky News."""

_PARAM = "papers"


@dataclass(frozen=True)
class Paper:
    """A newspaper as the dashboard shows it."""

    id: str
    name: str


def configured_papers() -> list[Paper]:
    """Every newspaper in the sources file, in file order (parsed once per process)."""
    return [Paper(id=source.id, name=source.name) for source in configured_sources()]


def with_archive_papers(papers: list[Paper]) -> list[Paper]:
    """``papers`` then the archive-only newspapers in the store (imported, never scraped),
    by the name their archive gave (else their id); just ``papers`` when the store cannot be
    read."""
    try:
        store = current().store
        stored = archive_only({paper.id for paper in papers}, store)
        names = store.newspaper_names()
    except StoreError:
        return papers
    return papers + [Paper(id=pid, name=names.get(pid, pid)) for pid in stored]


def default_selection(known: Sequence[str], preferred: Sequence[str] = DEFAULT_PAPERS) -> list[str]:
    """The ``preferred`` newspapers that are known, or the first three known ones."""
    chosen = [paper for paper in preferred if paper in known]
    return chosen or list(known[:3])


def parse_papers(
    search: str | None, known: Sequence[str], preferred: Sequence[str] = DEFAULT_PAPERS
) -> list[str]:
    """The known newspaper ids named in a URL query string, in order, without duplicates.

    Without a ``papers`` parameter the default selection (of ``preferred``) applies; unknown
    ids are dropped.
    """
    query = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    if _PARAM not in query:
        return default_selection(known, preferred)
    wanted = [part.strip() for value in query[_PARAM] for part in value.split(",")]
    return list(dict.fromkeys(paper for paper in wanted if paper in known))


def papers_search(papers: Sequence[str], window: str | None = None) -> str:
    """The URL query string (with ``?``) that selects ``papers`` (and a non-default window)."""
    query = {_PARAM: ",".join(papers)}
    if window and window != DEFAULT_WINDOW:
        query["window"] = window
    return "?" + urlencode(query, safe=",")
