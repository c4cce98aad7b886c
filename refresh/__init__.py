"""The refresh use case: scrape newspapers, extract, classify and store their articles.

The composition root (``runtime``) builds ``Services`` once per process and passes them
in; ``request_refresh`` enqueues (or joins) a refresh, an executor runs it (Celery or a
thread), and its state, progress and result live in the store.
"""

from refresh.ingest import Progress, scrape
from refresh.jobs import request, request_refresh, run_refresh, status
from refresh.report import ScrapeReport, SourceReport
from refresh.services import Executor, Services

__all__ = [
    "Executor",
    "Progress",
    "ScrapeReport",
    "Services",
    "SourceReport",
    "request",
    "request_refresh",
    "run_refresh",
    "scrape",
    "status",
]
