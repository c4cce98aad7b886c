"""Project configuration: every setting read from the environment, in one place.

Each field documents its environment variable and default. Call ``get_settings()`` rather
than reading ``os.environ`` elsewhere: it reads the environment once per state of it, so a
process (or a test) that changes a variable gets settings that say so, with no cache to clear.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
"""The repository root: every default path is relative to it, never to the cwd."""
DEFAULT_TOPICS = (
    *("business", "entertainment", "politics", "sport", "tech"),
    *("world", "crime", "science", "health"),
)
"""The BBC News corpus' five topics plus world, crime, science and health."""


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else default


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise SystemExit(f"error: {name}={value!r} is not a whole number") from exc


def _env_list(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    return tuple(item.strip().lower() for item in value.split(",") if item.strip())


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise SystemExit(f"error: {name}={value!r} is not a number") from exc


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _env_str(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


@dataclass(frozen=True)
class Settings:
    """Resolved configuration for one process."""

    database_url: str
    """DATABASE_URL: any SQLAlchemy URL; default SQLite at ``var/news.db``."""
    redis_url: str | None
    """REDIS_URL: Celery broker for refreshes and the schedule, shared rate limits, politeness
    state and the dashboard's view cache (``redis://`` or ``rediss://``); default off
    (refreshes run in-process, caches are per process)."""
    news_sources: Path
    """NEWS_SOURCES: TOML file listing the newspapers; default ``scraper/sources.toml``."""
    news_corpus: Path | None
    """NEWS_CORPUS: BBC corpus zip or folder for training; default ``data/bbc-fulltext.zip``."""
    model_dir: Path
    """MODEL_DIR: folder holding ``model.skops`` and ``model.json``; default ``pickles/``."""
    nltk_data: Path
    """NLTK_DATA: where NLTK corpora live; default the project-local ``nltk_data/``."""
    var_dir: Path
    """VAR_DIR: writable state (database, job cache); default ``var/``."""
    host: str
    """HOST: address of the development server; default 127.0.0.1."""
    port: int
    """PORT: port of the development server; default 8050."""
    debug: bool
    """DASH_DEBUG: Dash debug mode for ``python app.py`` only; default off."""
    api_token: str | None
    """API_TOKEN: bearer token for ``POST /api/v1/refresh``; unset disables the endpoint."""
    user_agent: str
    """NEWS_USER_AGENT: User-Agent of every scraper request."""
    demo_data: Path
    """DEMO_DATA: JSON-lines sample for demo mode (``make demo``); default the bundled
    ``samples/demo-uci-2014.jsonl.gz``."""
    trusted_proxies: int
    """TRUSTED_PROXIES: reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Port
    are believed (Heroku's router: 1); default 0, the headers are ignored."""
    db_pool_size: int
    """DB_POOL_SIZE: pooled connections per process to PostgreSQL (plus as many overflow);
    default 5."""
    refresh_interval: int
    """REFRESH_INTERVAL: seconds between scheduled refreshes of every newspaper; default 900,
    0 turns the schedule off."""
    refresh_stale_after: int
    """REFRESH_STALE_AFTER: seconds without a heartbeat after which a running refresh is
    marked failed (its worker died); default 60."""
    refresh_queue: str
    """REFRESH_QUEUE: the Celery queue (and key prefix) of this deployment's refreshes, so
    several deployments or test runs can share one Redis; default ``refresh``."""
    retention_days: int
    """RETENTION_DAYS: articles older than this are removed on the schedule, except those
    retraining needs; default 90, 0 keeps everything."""
    topics: tuple[str, ...] = DEFAULT_TOPICS
    """NEWS_TOPICS: comma-separated topics the model may learn; default business,
    entertainment, politics, sport, tech, world, crime, science, health. A topic joins a
    trained model only with enough labelled articles from at least two sources
    (``learning.topic_rule``); `other` (lifestyle, travel, food, style, puzzles) is not a topic.
    """
    news_data: Path = BASE_DIR.parent / "shared" / "data"
    """NEWS_DATA_DIR: the folder of the labelled outlets the shipped model is trained on
    (bbc-fulltext.zip, huffpost-2018-spring.jsonl.gz, demo-news.jsonl.gz,
    demo-uci-2014.jsonl.gz); default ``../shared/data`` beside the repository."""
    model_check_seconds: float = 5.0
    """MODEL_CHECK_SECONDS: how often ``load_model()`` looks for a newly promoted model."""
    retrain_interval: int = 86400
    """RETRAIN_INTERVAL: seconds between scheduled retrains (skipped when no labelled article
    or correction arrived since the last one; needs the BBC corpus locally); default 86400
    (daily), 0 turns scheduled retraining off."""
    extract_processes: int = 2
    """EXTRACT_PROCESSES: child processes per refresh that parse feeds and extract pages
    (trafilatura/lxml can crash natively; a dead child costs only its pages); default 2."""
    corrections: str = "token"
    """CORRECTIONS: who may correct a topic through ``POST /api/v1/articles/{id}/correction``:
    ``off``, ``token`` (holders of ``API_TOKEN``; the default, fit for a public site) or
    ``open`` (anyone; each client counted once per article)."""

    @property
    def default_corpus(self) -> Path:
        """The local corpus path used when NEWS_CORPUS is unset."""
        return BASE_DIR / "data" / "bbc-fulltext.zip"


def redis_url(value: str | None) -> str | None:
    """The URL every Redis client (Celery, rate limits, politeness) gets: a ``rediss://`` URL
    without ``ssl_cert_reqs`` gets ``ssl_cert_reqs=none``, since Heroku's Key-Value Store
    serves TLS with a self-signed certificate."""
    if value and value.startswith("rediss://") and "ssl_cert_reqs=" not in value:
        return value + ("&" if "?" in value else "?") + "ssl_cert_reqs=none"
    return value


def _env_whole(name: str, default: int, minimum: int = 0) -> int:
    value = _env_int(name, default)
    if value < minimum:
        raise SystemExit(f"error: {name}={value} must be at least {minimum}")
    return value


def get_settings() -> Settings:
    """The settings of the current environment (read again only after it changed)."""
    return _read(frozenset(os.environ.items()))


@lru_cache(maxsize=8)
def _read(_environment: frozenset[tuple[str, str]]) -> Settings:
    var_dir = _env_path("VAR_DIR", BASE_DIR / "var")
    corpus = _env_str("NEWS_CORPUS")
    return Settings(
        database_url=_env_str("DATABASE_URL") or f"sqlite:///{var_dir / 'news.db'}",
        redis_url=redis_url(_env_str("REDIS_URL")),
        news_sources=_env_path("NEWS_SOURCES", BASE_DIR / "scraper" / "sources.toml"),
        news_corpus=Path(corpus).expanduser() if corpus else None,
        model_dir=_env_path("MODEL_DIR", BASE_DIR / "pickles"),
        nltk_data=_env_path("NLTK_DATA", BASE_DIR / "nltk_data"),
        var_dir=var_dir,
        host=_env_str("HOST") or "127.0.0.1",
        port=_env_int("PORT", 8050),
        debug=_env_flag("DASH_DEBUG"),
        api_token=_env_str("API_TOKEN"),
        user_agent=_env_str("NEWS_USER_AGENT")
        or "LatestNewsClassifier/1.0 (+https://github.com/latest-news-classifier)",
        demo_data=_env_path("DEMO_DATA", BASE_DIR / "samples" / "demo-uci-2014.jsonl.gz"),
        trusted_proxies=_env_hops("TRUSTED_PROXIES"),
        topics=_env_list("NEWS_TOPICS", DEFAULT_TOPICS),
        news_data=_env_path("NEWS_DATA_DIR", BASE_DIR.parent / "shared" / "data"),
        model_check_seconds=_env_float("MODEL_CHECK_SECONDS", 5.0),
        db_pool_size=_env_whole("DB_POOL_SIZE", 5, minimum=1),
        refresh_interval=_env_whole("REFRESH_INTERVAL", 900),
        refresh_stale_after=_env_whole("REFRESH_STALE_AFTER", 60, minimum=5),
        refresh_queue=_env_str("REFRESH_QUEUE") or "refresh",
        retention_days=_env_whole("RETENTION_DAYS", 90),
        retrain_interval=_env_whole("RETRAIN_INTERVAL", 86400),
        extract_processes=_env_whole("EXTRACT_PROCESSES", 2, minimum=1),
        corrections=_env_choice("CORRECTIONS", CORRECTION_MODES, "token"),
    )


CORRECTION_MODES = ("off", "token", "open")


def _env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = (_env_str(name) or default).lower()
    if value not in choices:
        raise SystemExit(f"error: {name}={value} must be one of {', '.join(choices)}")
    return value


def _env_hops(name: str) -> int:
    hops = _env_int(name, 0)
    if not 0 <= hops <= 10:
        raise SystemExit(f"error: {name}={hops} must be from 0 to 10 (proxies in front of the app)")
    return hops
