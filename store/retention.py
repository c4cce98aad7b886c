"""Retention: remove articles older than a cutoff, except those retraining needs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, delete, false, or_, select
from sqlalchemy.orm import Session

from store.models import Article, Base


def kept_for_retraining() -> ColumnElement[bool]:
    """Articles retraining learns from: a newspaper section label, or a reader's correction.

    Built from the schema as it is, so the rule follows the label columns and the
    ``corrections`` table wherever they exist; extend it here when retraining needs more.
    """
    keep: list[ColumnElement[bool]] = []
    columns = Article.__table__.c
    if "section_label" in columns:
        keep.append(columns["section_label"].is_not(None))
    corrections = Base.metadata.tables.get("corrections")
    if corrections is not None and "article_id" in corrections.c:
        keep.append(Article.id.in_(select(corrections.c["article_id"])))
    return or_(*keep) if keep else false()


def remove_before(session: Session, cutoff: datetime) -> int:
    """Delete articles last seen before ``cutoff`` that retraining does not need; count them."""
    result = session.execute(
        delete(Article).where(Article.last_seen < cutoff, ~kept_for_retraining())
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
