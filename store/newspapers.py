"""Newspapers' display names as archives give them (configured papers are named in sources.toml)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.base import Repository
from store.models import Newspaper

MAX_NAME_CHARS = 200


def save_names(session: Session, names: Mapping[str, str]) -> None:
    """Record (or rename) each newspaper id's display name."""
    for paper, name in names.items():
        row = session.get(Newspaper, paper)
        if row is None:
            session.add(Newspaper(id=paper, name=name[:MAX_NAME_CHARS]))
        else:
            row.name = name[:MAX_NAME_CHARS]


def names(session: Session) -> dict[str, str]:
    """Newspaper id → display name, for every named newspaper."""
    return {paper: name for paper, name in session.execute(select(Newspaper.id, Newspaper.name))}


class Newspapers(Repository):
    """Newspapers' display names given by archives."""

    def save_newspaper_names(self, given: Mapping[str, str]) -> None:
        """Record newspapers' display names (id → name), e.g. an archive's ``source_name``."""
        with self._write("cannot record the newspapers' names") as session:
            save_names(session, given)

    def newspaper_names(self) -> dict[str, str]:
        """Newspaper id → display name, for the newspapers an archive named."""
        with self._read("cannot read the newspapers' names") as session:
            return names(session)
