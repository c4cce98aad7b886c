"""Store test fixtures: see tests/store/fixtures.py (shared with every test package)."""

from tests.store.fixtures import fresh_pg_url, store, store_url

__all__ = ["fresh_pg_url", "store", "store_url"]
