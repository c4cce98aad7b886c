"""The background-callback manager: the one place that chooses where Refresh jobs run."""

from __future__ import annotations

from pathlib import Path

import diskcache
from dash import DiskcacheManager

from settings import Settings

JOB_EXPIRE_S = 3600
"""Finished job results older than this are dropped from the job cache."""


def background_manager(config: Settings) -> DiskcacheManager:
    """A DiskcacheManager whose cache lives under ``VAR_DIR/jobs`` (shared by all workers).

    A Celery manager for ``REDIS_URL`` deployments slots in here without touching callbacks.
    """
    cache_dir = Path(config.var_dir) / "jobs"
    cache_dir.mkdir(parents=True, exist_ok=True)
    cache = diskcache.Cache(str(cache_dir))
    return DiskcacheManager(cache, expire=JOB_EXPIRE_S)  # type: ignore[no-untyped-call]
