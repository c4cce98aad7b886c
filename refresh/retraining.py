"""The scheduled retrain, run off the schedule's tick: a Celery task or a child process.

The ``retrain`` job of ``refresh.schedule`` only hands the work to the executor (a Celery
worker with REDIS_URL, else a child process of the process that claimed the job), so neither
the tick nor a web request waits minutes for training.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from learning import RetrainReport
    from refresh.services import Services

log = logging.getLogger(__name__)


def start_retrain(services: Services) -> object:
    """The schedule's ``retrain`` job: hand the retrain to the executor and return at once."""
    return services.executor.retrain(services)


def retrain_now(services: Services, *, folds: int = 5) -> RetrainReport | None:
    """Retrain if labels changed since the last retrain, relabel after a promotion.

    Returns None when skipped: no local BBC corpus (one log line; the schedule never
    downloads it), or no new labelled articles or corrections since the last registry entry.
    """
    from classifier.corpus import local_corpus
    from learning import retrain_deployment

    settings = services.settings
    corpus = local_corpus(settings.news_corpus, settings.default_corpus)
    if corpus is None:
        wanted = settings.news_corpus or settings.default_corpus
        log.warning(
            "retrain skipped: no BBC corpus at %s (set NEWS_CORPUS to a local "
            "bbc-fulltext.zip; the schedule never downloads it)",
            wanted,
        )
        return None
    report = retrain_deployment(
        settings,
        services.store,
        corpus,
        lambda: services.model,
        if_changed=True,
        folds=folds,
        progress=lambda message: log.info("retrain: %s", message),
    )
    if report is not None:
        verdict = f"promoted {report.version}" if report.promoted else "kept the champion"
        log.info(
            "retrain %s in %.0f s (champion was %s; relabelled %s)",
            verdict,
            report.seconds,
            report.champion,
            report.relabelled or 0,
        )
    return report
