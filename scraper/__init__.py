"""Latest articles from newspapers' feeds, fetched politely and extracted (not stored)."""

from scraper.extract import ExtractedArticle, extract_article
from scraper.sources import Source, SourcesError, load_sources

__all__ = [
    "ExtractedArticle",
    "Source",
    "SourcesError",
    "extract_article",
    "load_sources",
]
