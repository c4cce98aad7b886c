"""The configured newspapers, parsed once and again only when the sources file changes."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from scraper.sources import Source, SourcesError, load_sources


class SourceCatalog:
    """``sources.toml`` parsed once per process; a changed file (mtime or size) is re-read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._sources: list[Source] = []

    def all(self) -> list[Source]:
        """Every configured newspaper, in file order (raises SourcesError naming the problem)."""
        try:
            info = self.path.stat()
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = None  # load_sources says why the file cannot be read
        with self._lock:
            if stamp is None or stamp != self._stamp:
                self._sources = load_sources(self.path)
                self._stamp = stamp
            return list(self._sources)

    def by_id(self) -> dict[str, Source]:
        """Newspaper id → source."""
        return {source.id: source for source in self.all()}

    def choose(self, source_ids: Sequence[str] | None) -> list[Source]:
        """The sources with these ids in the order given (all when None or empty)."""
        sources = self.all()
        if not source_ids:
            return sources
        known = {s.id: s for s in sources}
        unknown = [i for i in source_ids if i not in known]
        if unknown:
            raise SourcesError(f"unknown source {unknown[0]!r} (known: {', '.join(known)})")
        return [known[i] for i in dict.fromkeys(source_ids)]
