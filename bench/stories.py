"""Bench: story grouping against human story clusters (pairwise precision, recall, F1).

The demo sample (``samples/demo-uci-2014.jsonl.gz``, 550 headlines of 30 publishers on
2014-03-11/12) carries the aggregator's story id of every headline. A pair of headlines is
"same story" when their ids agree; ``stories.group_stories`` (every story it finds, of two or
more papers) predicts pairs. The threshold is cross-validated over the two days: it is chosen
on one day (highest F1 with precision >= 0.9) and measured on the other.
Bar (issue 15): F1 >= 0.60 with precision >= 0.85 at the defaults.
Run from the repository root: ``python -m bench.stories [PATH]``.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

from settings import BASE_DIR
from stories import SIMILARITY, group_stories

SAMPLE = BASE_DIR / "samples" / "demo-uci-2014.jsonl.gz"
THRESHOLDS = (0.06, 0.08, 0.10, 0.12, 0.14, 0.16, 0.20, 0.25, 0.30)
MIN_PRECISION = 0.9


@dataclass(frozen=True)
class Headline:
    """One labelled headline, shaped as ``stories.StoryArticle``."""

    id: int
    url: str
    source_id: str
    title: str
    summary: str
    label: str
    when: datetime
    story: str


def load(path: Path) -> list[Headline]:
    """The sample's headlines with their story ids."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [
        Headline(n, row["url"], row["newspaper"], row["title"], "", row.get("section") or "",
                 datetime.fromisoformat(row["published"]), row["story"])
        for n, row in enumerate(rows)
    ]  # fmt: skip


def _pairs(groups: Sequence[Sequence[int]]) -> set[tuple[int, int]]:
    return {pair for ids in groups for pair in combinations(sorted(ids), 2)}


def score(items: Sequence[Headline], threshold: float) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of the grouping at ``threshold``."""
    found = group_stories(items, threshold=threshold)  # every story: the default
    predicted = _pairs([[item.id for item in story.articles] for story in found])
    by_story: dict[str, list[int]] = {}
    for item in items:
        by_story.setdefault(item.story, []).append(item.id)
    truth = _pairs(list(by_story.values()))
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def _best(items: Sequence[Headline]) -> float:
    scored = [(score(items, t), t) for t in THRESHOLDS]
    fit = [(f1, t) for (p, _, f1), t in scored if p >= MIN_PRECISION] or [(0.0, max(THRESHOLDS))]
    return max(fit)[1]


def main(argv: Sequence[str] | None = None) -> int:
    """Print P/R/F1 per threshold and day, the cross-validated choice, and the defaults' score."""
    args = list(sys.argv[1:] if argv is None else argv)
    items = load(Path(args[0]) if args else SAMPLE)
    days: dict[date, list[Headline]] = {}
    for item in items:
        days.setdefault(item.when.date(), []).append(item)
    papers = len({item.source_id for item in items})
    print(f"{len(items)} headlines, {papers} publishers, days {sorted(days)}")
    print("threshold  " + "  ".join(f"{d}: P / R / F1" for d in sorted(days)) + "  all: P / R / F1")
    for threshold in THRESHOLDS:
        cells = [score(days[d], threshold) for d in sorted(days)] + [score(items, threshold)]
        print(
            f"{threshold:9.2f}  "
            + "  ".join("{:.2f} / {:.2f} / {:.2f}".format(*cell) for cell in cells)
        )
    for held_out in sorted(days):
        train = [item for item in items if item.when.date() != held_out]
        chosen = _best(train)
        p, r, f1 = score(days[held_out], chosen)
        print(
            f"chosen on the other day: {chosen:.2f}; on {held_out}: P {p:.2f} R {r:.2f} F1 {f1:.2f}"
        )
    p, r, f1 = score(items, SIMILARITY)
    ok = f1 >= 0.60 and p >= 0.85
    verdict = "PASS" if ok else "FAIL"
    print(f"defaults (threshold {SIMILARITY}): P {p:.3f} R {r:.3f} F1 {f1:.3f}: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
