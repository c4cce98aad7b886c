"""The article store: classified articles and refresh history in SQLite or PostgreSQL."""

from store.core import Store, open_store
from store.listing import ArticleRow, Listing
from store.records import (
    ArticlePage,
    ArticleQuery,
    ArticleRecord,
    CategoryHistory,
    RefreshRecord,
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
    "ArticleRow",
    "BadURLError",
    "CategoryHistory",
    "Listing",
    "RefreshRecord",
    "SourceResult",
    "Store",
    "StoreError",
    "StoreQueryError",
    "StoredArticle",
    "normalise_url",
    "open_store",
]
