"""The refresh use case: scrape newspapers, extract, classify and store their articles."""

from refresh.ingest import Progress, scrape
from refresh.report import ScrapeReport, SourceReport

__all__ = ["Progress", "ScrapeReport", "SourceReport", "scrape"]
