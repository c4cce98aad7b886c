"""The article store: classified articles and refresh history in SQLite or PostgreSQL."""

from store.core import Store, open_store
from store.listing import ArticleRow, Listing
from store.records import (
    ArticleNotFoundError,
    ArticlePage,
    ArticleQuery,
    ArticleRecord,
    CategoryHistory,
    CorrectionRecord,
    HealthRow,
    LabelledArticle,
    RefreshRecord,
    RefreshTicket,
    Relabel,
    SourceResult,
    StoredArticle,
    StoreError,
    StoreQueryError,
)
from store.urls import BadURLError, normalise_url

__all__ = [
    "ArticleNotFoundError",
    "ArticlePage",
    "ArticleQuery",
    "ArticleRecord",
    "ArticleRow",
    "BadURLError",
    "CategoryHistory",
    "CorrectionRecord",
    "HealthRow",
    "LabelledArticle",
    "Listing",
    "RefreshRecord",
    "RefreshTicket",
    "Relabel",
    "SourceResult",
    "Store",
    "StoreError",
    "StoreQueryError",
    "StoredArticle",
    "normalise_url",
    "open_store",
]
