"""Latest articles from newspapers' feeds: fetched politely, extracted, classified, stored."""

from scraper.extract import ExtractedArticle, extract_article
from scraper.ingest import scrape
from scraper.report import ScrapeReport, SourceReport
from scraper.sources import Source, SourcesError, load_sources

__all__ = [
    "ExtractedArticle",
    "ScrapeReport",
    "Source",
    "SourceReport",
    "SourcesError",
    "extract_article",
    "load_sources",
    "scrape",
]
