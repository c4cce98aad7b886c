"""Labels: readers' corrections, newspaper-labelled articles, relabelling, the model's health."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from store.base import Repository, as_date, chunks, day_of, utc_now, window
from store.models import Article, Correction, correction_record, labelled_record
from store.records import (
    ArticleNotFoundError,
    CorrectionRecord,
    HealthRow,
    LabelledArticle,
    Relabel,
)
from store.rows import check_label, check_scores


def add_correction(
    session: Session, article_id: int, label: str, model_version: str
) -> CorrectionRecord:
    """Record a user's topic for an article; ArticleNotFoundError when there is no such article."""
    where = f"correction of article {article_id}"
    check_label(where, label)
    if session.get(Article, article_id) is None:
        raise ArticleNotFoundError(f"there is no article {article_id}")
    correction = Correction(
        article_id=article_id, label=label, model_version=model_version, created_at=utc_now()
    )
    session.add(correction)
    session.flush()
    return correction_record(correction)


def relabel(session: Session, updates: Sequence[Relabel]) -> int:
    """Give stored articles a new model label; return how many of them exist and were updated."""
    rows: dict[int, dict[str, Any]] = {}
    for item in updates:
        where = f"relabel of article {item.article_id}"
        check_label(where, item.label)
        check_scores(where, item.confidence, item.probabilities, item.coverage)
        row: dict[str, Any] = {
            "id": item.article_id,
            "label": item.label,
            "confidence": float(item.confidence),
            "probabilities": {str(k): float(v) for k, v in item.probabilities.items()},
            "model_version": item.model_version,
        }
        # Language and coverage are kept when the new model did not measure them.
        if item.language is not None:
            row["language"] = item.language
        if item.coverage is not None:
            row["coverage"] = float(item.coverage)
        rows[item.article_id] = row
    existing = [
        found
        for chunk in chunks(sorted(rows))
        for found in session.scalars(select(Article.id).where(Article.id.in_(chunk)))
    ]
    by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for key in sorted(existing):
        by_keys.setdefault(tuple(rows[key]), []).append(rows[key])
    for batch in by_keys.values():
        session.execute(update(Article), batch)
    return len(existing)


def labelled_articles(session: Session) -> list[LabelledArticle]:
    """Return every article the newspaper labelled (section_label set), oldest first."""
    stmt = (
        select(Article)
        .where(Article.section_label.is_not(None))
        .order_by(Article.sort_at, Article.id)
    )
    return [labelled_record(row, row.section_label or "") for row in session.scalars(stmt)]


def corrections(session: Session) -> list[LabelledArticle]:
    """Return every corrected article with its newest correction's label, oldest first."""
    newest = select(func.max(Correction.id).label("id")).group_by(Correction.article_id).subquery()
    stmt = (
        select(Article, Correction.label)
        .join(Correction, Correction.article_id == Article.id)
        .join(newest, newest.c.id == Correction.id)
        .order_by(Article.sort_at, Article.id)
    )
    return [labelled_record(row, label) for row, label in session.execute(stmt)]


def label_stamp(session: Session) -> dict[str, int]:
    """Counts and newest ids of labelled articles and corrections: changes when either grows."""
    labelled = session.execute(
        select(func.count(Article.id), func.coalesce(func.max(Article.id), 0)).where(
            Article.section_label.is_not(None)
        )
    ).one()
    corrected = session.execute(
        select(func.count(Correction.id), func.coalesce(func.max(Correction.id), 0))
    ).one()
    return {
        "labelled": int(labelled[0]),
        "labelled_max_id": int(labelled[1]),
        "corrections": int(corrected[0]),
        "corrections_max_id": int(corrected[1]),
    }


def label_health(
    session: Session,
    other: str,
    days: int = 30,
    today: date | None = None,
    labels: Sequence[str] | None = None,
) -> list[HealthRow]:
    """Per day and newspaper: articles, newspaper-labelled, agreeing, `other`, mean coverage.

    With ``labels``, only newspaper labels among them count as labelled (a topic the model
    cannot give yet is left out of its agreement).
    """
    _, start, end = window(days, today)
    day = day_of(session).label("day")
    comparable = (
        Article.section_label.is_not(None)
        if labels is None
        else Article.section_label.in_(list(labels))
    )
    labelled = func.sum(case((comparable, 1), else_=0))
    agreed = func.sum(case((comparable & (Article.label == Article.section_label), 1), else_=0))
    others = func.sum(case((Article.label == other, 1), else_=0))
    stmt = (
        select(
            day,
            Article.source_id,
            func.count(),
            labelled,
            agreed,
            others,
            func.count(Article.coverage),
            func.avg(Article.coverage),
        )
        .where(Article.sort_at >= start, Article.sort_at < end)
        .group_by(day, Article.source_id)
        .order_by(day, Article.source_id)
    )
    return [
        HealthRow(
            day=as_date(when),
            source_id=source_id,
            articles=int(count),
            labelled=int(labelled or 0),
            agreed=int(agree or 0),
            other=int(other_count or 0),
            measured=int(measured),
            coverage=None if mean is None else float(mean),
        )
        for when, source_id, count, labelled, agree, other_count, measured, mean in session.execute(
            stmt
        )
    ]


class Labels(Repository):
    """Training labels and the model's labels: corrections, relabelling, stamps, health."""

    def add_correction(self, article_id: int, label: str, model_version: str) -> CorrectionRecord:
        """Record a user's topic for an article (ArticleNotFoundError if it does not exist)."""
        with self._write(f"cannot save the correction of article {article_id}") as session:
            return add_correction(session, article_id, label, model_version)

    def corrections(self) -> list[LabelledArticle]:
        """Return every corrected article, labelled with its newest correction."""
        with self._read("cannot read the corrections") as session:
            return corrections(session)

    def labelled_articles(self) -> list[LabelledArticle]:
        """Return every article with a newspaper label (label = its section_label)."""
        with self._read("cannot read the labelled articles") as session:
            return labelled_articles(session)

    def label_stamp(self) -> dict[str, int]:
        """A cheap fingerprint of the training labels (two aggregate queries, no texts read)."""
        with self._read("cannot read the label counts") as session:
            return label_stamp(session)

    def relabel(self, updates: Sequence[Relabel]) -> int:
        """Store new model labels in one transaction; return how many articles were updated."""
        with self._write("cannot store the new labels") as session:
            return relabel(session, updates)

    def label_health(
        self,
        other: str,
        days: int = 30,
        today: date | None = None,
        labels: Sequence[str] | None = None,
    ) -> list[HealthRow]:
        """Per day and newspaper over the last `days` days: how the model's labels compare with
        the newspapers' own (only those in `labels`, when given), its share of `other` (the
        label named by `other`) and its coverage."""
        with self._read("cannot read the model's health") as session:
            return label_health(session, other, days, today, labels)
