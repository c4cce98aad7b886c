"""The newspapers both the dashboard and the API offer: the configured ones, then archive-only.

Archive-only newspapers have stored (imported) articles but no entry in the sources file;
they are offered by their id and never scraped.
"""

from __future__ import annotations

from collections.abc import Collection

from store import Store


def archive_only(configured: Collection[str], store: Store) -> list[str]:
    """The ids of stored newspapers that are not ``configured``, sorted (raises StoreError)."""
    return [paper for paper in store.newspaper_ids() if paper not in configured]
