"""The BBC News training corpus: locating, fetching, reading and de-duplicating it."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from classifier.errors import CorpusError

CORPUS_URL = "http://mlg.ucd.ie/files/datasets/bbc-fulltext.zip"
_DOWNLOAD_TIMEOUT_S = 60
_MAX_DOWNLOAD_BYTES = 50_000_000
_MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class Document:
    """One article: ``doc_id`` is ``category/NNN.txt``."""

    doc_id: str
    label: str
    text: str


@dataclass(frozen=True)
class Corpus:
    """The de-duplicated documents, what was dropped, and a digest of the content."""

    source: Path
    documents: tuple[Document, ...]
    duplicates: tuple[str, ...]
    sha256: str

    @property
    def labels(self) -> tuple[str, ...]:
        """The sorted category names."""
        return tuple(sorted({doc.label for doc in self.documents}))

    def describe(self) -> dict[str, object]:
        """What model.json records of the corpus: name, digest and counts."""
        return {
            "name": self.source.name,
            "sha256": self.sha256,
            "articles": len(self.documents) + len(self.duplicates),
            "duplicates": len(self.duplicates),
            "documents": len(self.documents),
        }


def resolve_corpus_path(chosen: Path | None, default: Path) -> Path:
    """``chosen`` (an argument or NEWS_CORPUS), else ``default`` (downloaded when absent)."""
    if chosen is not None:
        if not chosen.exists():
            raise CorpusError(f"corpus {chosen} not found (a bbc-fulltext.zip or its bbc/ folder)")
        return chosen
    if not default.exists():
        download_corpus(default)
    return default


def local_corpus(chosen: Path | None, default: Path) -> Path | None:
    """``chosen`` (NEWS_CORPUS), else ``default``, if it exists; else None (never downloads)."""
    path = chosen or default
    return path if path.exists() else None


def download_corpus(target: Path, url: str = CORPUS_URL) -> None:
    """Fetch the public UCD zip to ``target``, all or nothing."""
    print(f"corpus not found locally: downloading {url} to {target}", file=sys.stderr)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, suffix=".part")
    tmp = Path(tmp_name)
    try:
        with (
            os.fdopen(fd, "wb") as out,
            urllib.request.urlopen(  # noqa: S310 (fixed https/http URL)
                url, timeout=_DOWNLOAD_TIMEOUT_S
            ) as response,
        ):
            size = 0
            while chunk := response.read(1 << 16):
                size += len(chunk)
                if size > _MAX_DOWNLOAD_BYTES:
                    raise CorpusError(f"download of {url} exceeds {_MAX_DOWNLOAD_BYTES} bytes")
                out.write(chunk)
        if not zipfile.is_zipfile(tmp):
            raise CorpusError(f"{url} did not return a zip file")
        tmp.replace(target)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise CorpusError(
            f"cannot download the BBC corpus from {url} ({exc}); "
            "pass --corpus PATH or set NEWS_CORPUS to a local bbc-fulltext.zip"
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)


def decode(raw: bytes) -> str:
    """UTF-8 text, falling back to latin-1 (one BBC file is latin-1)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _doc_id(name: str) -> str | None:
    """``category/NNN.txt`` for an article path ending ``<category>/<NNN>.txt``, else None."""
    parts = PurePosixPath(name).parts
    if len(parts) < 2 or not parts[-1].endswith(".txt") or not parts[-1][:-4].isdigit():
        return None
    return f"{parts[-2]}/{parts[-1]}"


def _read_zip(path: Path) -> Iterator[tuple[str, bytes]]:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                doc_id = _doc_id(info.filename)
                if doc_id and info.file_size <= _MAX_FILE_BYTES:
                    yield doc_id, archive.read(info)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorpusError(f"cannot read corpus zip {path}: {exc}") from exc


def _read_folder(path: Path) -> Iterator[tuple[str, bytes]]:
    for file in sorted(path.rglob("*.txt")):
        doc_id = _doc_id(file.relative_to(path).as_posix())
        if doc_id and file.stat().st_size <= _MAX_FILE_BYTES:
            yield doc_id, file.read_bytes()


def read_corpus(path: Path) -> Corpus:
    """Read a BBC zip or folder; keep the first (by id) of exactly equal articles."""
    reader = _read_zip(path) if path.is_file() else _read_folder(path)
    raw = sorted((doc_id, decode(data)) for doc_id, data in reader)
    if not raw:
        raise CorpusError(f"no articles (<category>/NNN.txt) found in {path}")
    digest = hashlib.sha256()
    seen: set[str] = set()
    documents: list[Document] = []
    duplicates: list[str] = []
    for doc_id, text in raw:
        digest.update(f"{doc_id}\0{text}\0".encode())
        if text in seen:
            duplicates.append(doc_id)
            continue
        seen.add(text)
        documents.append(Document(doc_id, doc_id.split("/")[0], text))
    if len({doc.label for doc in documents}) < 2:
        raise CorpusError(f"corpus {path} has fewer than two categories")
    return Corpus(path, tuple(documents), tuple(duplicates), digest.hexdigest())
