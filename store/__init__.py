"""The article store: classified articles and refresh history in SQLite or PostgreSQL."""

from store.core import Store, open_store
from store.records import (
    ArticlePage,
    ArticleQuery,
    ArticleRecord,
    CategoryHistory,
    RefreshRecord,
    RefreshTicket,
    SourceResult,
    StoredArticle,
    StoreError,
    StoreQueryError,
)
from store.urls import BadURLError, normalise_url

__all__ = [
    "ArticlePage",
    "ArticleQuery",
    "ArticleRecord",
    "BadURLError",
    "CategoryHistory",
    "RefreshRecord",
    "RefreshTicket",
    "SourceResult",
    "Store",
    "StoreError",
    "StoreQueryError",
    "StoredArticle",
    "normalise_url",
    "open_store",
]
