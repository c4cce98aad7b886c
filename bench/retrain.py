"""Bench: retraining end to end on the dev data, as the private check does it.

``python -m bench.retrain`` (NEWS_CORPUS, NEWS_FIXTURES, NLTK_DATA set): in a temporary
VAR_DIR with a SQLite store, stores the early HuffPost weeks as section-labelled articles
(what ``python -m scraper import`` does with an archive), runs ``python -m classifier retrain
--json`` in a new process (timed), then scores ``load_model()`` in another new process with
``bench.modern --champion``: later weeks, out-of-scope, BBC holdout, the fixture pages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.modern import SPLIT_DATE, huffpost  # noqa: E402
from classifier.corpus import resolve_corpus_path  # noqa: E402
from classifier.model import load_model  # noqa: E402
from store import ArticleRecord, open_store  # noqa: E402

SOURCE = "huffpost"


def store_early_weeks(database_url: str) -> int:
    """Store the early weeks' items with their section and section label; return the count."""
    items = huffpost(resolve_corpus_path().parent / "huffpost-2018-spring.jsonl.gz")
    early = [item for item in items if item["date"] < SPLIT_DATE]
    model = load_model(REPO / "pickles")
    predictions = model.predict([f"{i['headline']}\n{i['short_description']}" for i in early])
    records = [
        ArticleRecord(
            url=item["link"],
            source_id=SOURCE,
            title=item["headline"],
            summary=item["short_description"],
            text=item["short_description"],
            text_source="summary",
            published=datetime.fromisoformat(item["date"]).replace(tzinfo=UTC),
            label=p.label,
            confidence=p.confidence,
            probabilities=p.probabilities,
            model_version=model.version,
            section=item["category"].lower(),
            section_label=item["label"],
        )
        for item, p in zip(early, predictions, strict=True)
    ]
    store = open_store(database_url)
    refresh = store.start_refresh([SOURCE])
    store.save_source_result(refresh, SOURCE, records)
    store.finish_refresh(refresh)
    return len(records)


def main() -> int:
    """Import, retrain (timed), score the champion in a new process; print JSON."""
    with tempfile.TemporaryDirectory(prefix="bench-retrain-") as tmp:
        url = f"sqlite:///{tmp}/news.db"
        env = {**os.environ, "VAR_DIR": tmp, "DATABASE_URL": url}
        stored = store_early_weeks(url)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "classifier", "retrain", "--json"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        if done.returncode not in (0, 3):
            print(done.stderr, file=sys.stderr)
            return 1
        report = json.loads(done.stdout)
        scored = subprocess.run(
            [sys.executable, "-m", "bench.modern", "--champion"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        result = {
            "stored_articles": stored,
            "retrain_seconds": round(seconds, 1),
            "exit_code": done.returncode,
            "promoted": report["promoted"],
            "reasons": report["reasons"],
            "gate": {
                who: {
                    k: report["metrics"][who][k]["accuracy"]
                    for k in ("bbc_holdout", "modern_holdout")
                }
                for who in ("candidate", "champion")
            },
            "champion_in_new_process": json.loads(scored.stdout),
            "load_average": os.getloadavg(),
        }
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
