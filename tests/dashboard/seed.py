"""Synthetic stored articles for dashboard tests and benches (made-up test data, not news)."""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from store import ArticleRecord, Store
from stories import assign_stored

LABELS = ("business", "entertainment", "politics", "sport", "tech", "other")
EVENTS = (
    ("business", "Central bank raises interest rates to curb inflation"),
    ("sport", "Champions win the cup final after extra time penalties"),
    ("politics", "Parliament votes on the new housing bill tonight"),
    ("tech", "Smartphone maker unveils foldable phone with new chip"),
    ("entertainment", "Film festival opens with record crowds for premiere"),
)


def _headline(rng: random.Random) -> str:
    # A headline of made-up words: unlike a template ("Business report 3"), it shares no
    # words with the other filler, so only the EVENTS form stories.
    words = ("".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))) for _ in range(6))
    return " ".join(words).capitalize()


def seed(
    store: Store,
    papers: Sequence[str],
    count: int,
    *,
    hours: float = 20.0,
    now: datetime | None = None,
    prefix: str = "https://news.example.com",
) -> int:
    """Store ``count`` articles over ``papers`` and the last ``hours``; return the refresh id.

    Every fifth article of each paper retells one of a few shared events, so top stories form.
    """
    moment = now or datetime.now(UTC)
    per_paper: dict[str, list[ArticleRecord]] = {paper: [] for paper in papers}
    for index in range(count):
        paper = papers[index % len(papers)]
        rng = random.Random(index)
        if index % 5 == 0:
            label, title = EVENTS[(index // 5) % len(EVENTS)]
            title = f"{title} ({paper})"
        else:
            label = rng.choice(LABELS)
            title = _headline(rng)
        confidence = 0.35 if label == "other" else 0.55 + (index % 45) / 100
        per_paper[paper].append(
            ArticleRecord(
                url=f"{prefix}/{paper}/{index}",
                source_id=paper,
                title=title,
                summary=f"Summary of {title.lower()}.",
                text=f"{title}. " * 20,
                text_source="page" if index % 4 else "summary",
                published=moment - timedelta(hours=hours * index / max(count, 1)),
                label=label,
                confidence=confidence,
                probabilities={
                    label: confidence,
                    "business" if label != "business" else "tech": 0.1,
                },
                model_version="test",
            )
        )
    refresh = store.start_refresh(list(papers))
    for paper, articles in per_paper.items():
        stored = store.save_source_result(
            refresh, paper, articles, found=len(articles), duration_s=1.0
        )
        assign_stored(store, [article.id for article in stored])  # as the refresh does
    store.finish_refresh(refresh)
    return refresh
