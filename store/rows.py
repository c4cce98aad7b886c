"""An article record checked and turned into a row: the one place records are validated."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from store.records import MAX_LABEL_CHARS, MAX_SECTION_CHARS, ArticleRecord, StoreError, as_utc
from store.urls import BadURLError, normalise_url


def article_row(
    record: ArticleRecord, source_id: str, refresh_id: int | None, now: datetime
) -> dict[str, Any]:
    where = f"article {record.url[:200]!r}"
    try:
        url = normalise_url(record.url)
    except BadURLError as exc:
        raise StoreError(f"{where}: {exc}") from None
    if record.source_id != source_id:
        raise StoreError(f"{where} belongs to {record.source_id!r}, not to {source_id!r}")
    if record.text_source not in ("page", "summary"):
        raise StoreError(f"{where}: text_source must be 'page' or 'summary'")
    check_scores(where, record.confidence, record.probabilities, record.coverage)
    check_label(where, record.label)
    if record.section_label is not None:
        check_label(where, record.section_label, "section_label")
    published = record.published
    if published is not None:
        # A feed dated in the future would otherwise head every list for days.
        published = min(as_utc(published), now)
    return {
        "url": url,
        "source_id": source_id,
        "title": record.title,
        "summary": record.summary,
        "text": record.text,
        "text_source": record.text_source,
        "published": published,
        "sort_at": published or now,
        "first_seen": now,
        "last_seen": now,
        "label": record.label,
        "confidence": float(record.confidence),
        "probabilities": {str(k): float(v) for k, v in record.probabilities.items()},
        "model_version": record.model_version,
        "refresh_id": refresh_id,
        "section": _clip(record.section, MAX_SECTION_CHARS),
        "section_label": record.section_label,
        "language": record.language,
        "coverage": None if record.coverage is None else float(record.coverage),
    }


def _clip(value: str | None, chars: int) -> str | None:
    value = (value or "").strip()
    return value[:chars] or None


def check_scores(
    where: str, confidence: float, probabilities: dict[str, float], coverage: float | None
) -> None:
    scores = [confidence, *probabilities.values(), *([] if coverage is None else [coverage])]
    if not all(isinstance(x, int | float) and math.isfinite(x) and 0 <= x <= 1 for x in scores):
        raise StoreError(
            f"{where}: confidence, probabilities and coverage must be numbers from 0 to 1"
        )


def check_label(where: str, label: str, name: str = "label") -> None:
    if not isinstance(label, str) or not label.strip():
        raise StoreError(f"{where}: no {name}")
    if len(label) > MAX_LABEL_CHARS:
        raise StoreError(f"{where}: {name} longer than {MAX_LABEL_CHARS} characters")
