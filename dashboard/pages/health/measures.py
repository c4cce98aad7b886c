"""Model health from the store's daily rows: agreement with the newspapers, `other`, unseen words.

Agreement is the share of newspaper-labelled articles (section_label set) whose model label
is the same: a live accuracy estimate. The drop rule (``agreement_drops``): agreement over
the last ``RECENT_DAYS`` days is at least ``DROP`` lower than over the ``BASELINE_DAYS``
days before, with at least ``MIN_RECENT`` and ``MIN_BASELINE`` labelled articles, for all
newspapers together or for one newspaper.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from store import HealthRow

RECENT_DAYS = 3
BASELINE_DAYS = 14
DROP = 0.10
"""A fall of 10 points or more is a warning."""
MIN_RECENT = 20
MIN_BASELINE = 50
ALL = "all newspapers"


@dataclass(frozen=True)
class Health:
    """Totals over some rows: counts and the three shares (None when nothing to divide)."""

    articles: int = 0
    labelled: int = 0
    agreed: int = 0
    other: int = 0
    measured: int = 0
    known_words: float = 0.0
    """Sum of coverage over the measured articles."""

    @property
    def agreement(self) -> float | None:
        """Share of newspaper-labelled articles the model labels the same."""
        return self.agreed / self.labelled if self.labelled else None

    @property
    def other_share(self) -> float | None:
        """Share of articles the model labels `other`."""
        return self.other / self.articles if self.articles else None

    @property
    def unseen_share(self) -> float | None:
        """Mean share of an article's words the model never saw (1 − coverage)."""
        return 1 - self.known_words / self.measured if self.measured else None


def total(rows: Iterable[HealthRow]) -> Health:
    """The rows added up."""
    articles = labelled = agreed = other = measured = 0
    known = 0.0
    for row in rows:
        articles += row.articles
        labelled += row.labelled
        agreed += row.agreed
        other += row.other
        measured += row.measured
        known += (row.coverage or 0.0) * row.measured
    return Health(articles, labelled, agreed, other, measured, known)


def by_day(rows: Sequence[HealthRow], days: Sequence[date]) -> list[Health]:
    """One total per day (all newspapers), in the order of ``days``."""
    return [total(row for row in rows if row.day == day) for day in days]


def by_paper(rows: Sequence[HealthRow]) -> dict[str, Health]:
    """One total per newspaper over all the rows, by newspaper id."""
    papers = sorted({row.source_id for row in rows})
    return {paper: total(row for row in rows if row.source_id == paper) for paper in papers}


def agreement_by_paper_and_day(
    rows: Sequence[HealthRow], days: Sequence[date]
) -> dict[str, list[float | None]]:
    """Newspaper id → agreement per day (None on days without labelled articles)."""
    cells = {(row.source_id, row.day): row for row in rows}
    papers = sorted({row.source_id for row in rows if row.labelled})
    return {
        paper: [
            total([cells[paper, day]]).agreement if (paper, day) in cells else None for day in days
        ]
        for paper in papers
    }


@dataclass(frozen=True)
class Drop:
    """Agreement fell: in which scope, from what to what, on how many labelled articles."""

    scope: str
    before: float
    now: float
    before_labelled: int
    now_labelled: int

    def message(self) -> str:
        """One sentence for the warning banner."""
        return (
            f"{self.scope}: agreement with the newspapers fell from {self.before:.0%} "
            f"(previous {BASELINE_DAYS} days, {self.before_labelled} labelled articles) to "
            f"{self.now:.0%} (last {RECENT_DAYS} days, {self.now_labelled})."
        )


def agreement_drops(rows: Sequence[HealthRow], today: date) -> list[Drop]:
    """Every scope (all newspapers, then each newspaper) whose agreement dropped; see above."""
    recent_start = today - timedelta(days=RECENT_DAYS - 1)
    baseline_start = recent_start - timedelta(days=BASELINE_DAYS)
    scopes: list[tuple[str, list[HealthRow]]] = [(ALL, list(rows))]
    scopes += [(paper, [r for r in rows if r.source_id == paper]) for paper in by_paper(rows)]
    drops = []
    for scope, scoped in scopes:
        now = total(r for r in scoped if recent_start <= r.day <= today)
        before = total(r for r in scoped if baseline_start <= r.day < recent_start)
        if now.labelled < MIN_RECENT or before.labelled < MIN_BASELINE:
            continue
        assert now.agreement is not None and before.agreement is not None
        if before.agreement - now.agreement >= DROP - 1e-9:
            drops.append(
                Drop(scope, before.agreement, now.agreement, before.labelled, now.labelled)
            )
    return drops
