"""Importing archives of labelled news (JSON lines, optionally gzipped) into the store."""

from archive.importer import BATCH_SIZE, ImportReport, import_archive
from archive.lines import MAX_FILE_BYTES, MAX_LINE_BYTES, ArchiveError, ArchiveLine

__all__ = [
    "BATCH_SIZE",
    "MAX_FILE_BYTES",
    "MAX_LINE_BYTES",
    "ArchiveError",
    "ArchiveLine",
    "ImportReport",
    "import_archive",
]
