"""The Celery app for a deployment's settings: broker, queue, beat's schedule tick.

TLS (``rediss://``) comes with the URL: ``settings`` adds ``ssl_cert_reqs=none`` for
Heroku's self-signed certificate unless the URL says otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from celery import Celery

from refresh.schedule import TICK_S

if TYPE_CHECKING:
    from settings import Settings

TICK_TASK = "refresh.tick"


def make_app(config: Settings) -> Celery:
    """The Celery app for the configured REDIS_URL (a one-line error when it is unset)."""
    if not config.redis_url:
        raise SystemExit("error: the Celery worker needs REDIS_URL (redis:// or rediss://)")
    celery = Celery("refresh", broker=config.redis_url, set_as_current=False)
    celery.conf.update(
        broker_connection_retry_on_startup=True,
        task_ignore_result=True,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        beat_schedule={"tick": {"task": TICK_TASK, "schedule": TICK_S}},
        beat_schedule_filename=str(config.var_dir / "celerybeat-schedule"),
        # A lost task is harmless: its refresh goes stale and the reaper fails it.
        task_acks_late=False,
        task_default_queue=config.refresh_queue,
        broker_transport_options={"global_keyprefix": f"{config.refresh_queue}:"},
    )
    config.var_dir.mkdir(parents=True, exist_ok=True)
    return celery
