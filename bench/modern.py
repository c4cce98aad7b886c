"""Stand-in for the private "import an archive, retrain" check (issue 14).

``python -m bench.modern`` (NLTK_DATA; NEWS_DATA_DIR and NEWS_FIXTURES default to ../shared).
The champion is the shipped recipe trained WITHOUT the current-events portal (BBC minus its
holdout, HuffPost, UCI). The portal sample is then imported as an archive of a newspaper that
sources.toml does not configure (its raw headings as ``section``, no ``topic``: "Armed
conflicts and attacks", "Law and crime", "Science and technology", ...) with the real
``import_archive`` into a fresh SQLite store, and ``learning.retrain`` trains a candidate
behind the gate. Both models are scored on the gate's held-out newest portal items, the
hand-labelled fixture pages (full text and headline), the Guardian feed (headline + summary)
and the BBC holdout among its five topics. Prints JSON.

``--science`` imports the portal's "Science and technology" items under a "Science" heading,
as an archive with a science section would bring them (the private check imports one with
world, crime and science sections): science then has two sources (HuffPost's 20 and the
portal's 25) and the topic rule lets it join.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # always first: bench/stories.py must not shadow `stories`

from archive import import_archive  # noqa: E402
from bench.outlets import guardian_feed, served, third_outlet  # noqa: E402
from classifier.artifacts import save_model  # noqa: E402
from classifier.corpus import read_corpus  # noqa: E402
from classifier.loading import load_model  # noqa: E402
from classifier.model import OTHER, TopicModel  # noqa: E402
from classifier.registry import Registry  # noqa: E402
from learning.outlet_training import train_outlets  # noqa: E402
from learning.outlets import BBC, FILES, FULL, HUFFPOST, PORTAL, UCI, read_outlets  # noqa: E402
from learning.retrain import retrain  # noqa: E402
from learning.scoring import among_labels  # noqa: E402
from learning.shipped import bbc_holdout  # noqa: E402
from settings import get_settings  # noqa: E402
from store import open_store  # noqa: E402

SHARED = REPO.parent / "shared"
NEWSPAPER = "current-events"
SCIENCE_AND_TECHNOLOGY = "science and technology"


def portal_archive(source: Path, target: Path, science: bool = False) -> Path:
    """The portal items as archive lines: summary as text, the raw heading as section (with
    ``science``, "Science and technology" becomes "Science")."""
    lines = []
    with gzip.open(source, "rt", encoding="utf-8") as items:
        for number, raw in enumerate(items):
            item = json.loads(raw)
            if item.get("newspaper") == "wikipedia-current-events":
                # One day page holds many items (told apart by a #:~:text= fragment, which
                # URL normalisation drops): a query parameter keeps them apart.
                url = item["url"].split("#")[0] + f"?item={number}"
                section = item["section"]
                if science and section.lower() == SCIENCE_AND_TECHNOLOGY:
                    section = "Science"
                lines.append({"url": url, "title": item["title"],
                              "text": item["summary"], "published": item["published"],
                              "newspaper": NEWSPAPER, "section": section})  # fmt: skip
    target.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return target


def _measure(
    model: TopicModel, modern: list[Any], bbc: list[Any], fixtures: Path, sources: Path
) -> dict[str, Any]:
    return {
        "classes": list(model.classes),
        "portal_newest": served(model, [e.text for e in modern], [e.label for e in modern]),
        "fixtures": third_outlet(model, fixtures),
        "guardian": guardian_feed(model, fixtures, sources)["lead"],
        "bbc_five": among_labels(model, [v.text for v in bbc], [v.label for v in bbc])["accuracy"],
    }


def main(argv: list[str] | None = None) -> int:
    """Train the champion without the portal, import the portal, retrain, compare."""
    parser = argparse.ArgumentParser(prog="python -m bench.modern", description=__doc__)
    parser.add_argument(
        "--science", action="store_true", help="import the portal with a science section"
    )
    args = parser.parse_args(argv)
    settings = get_settings()
    data = settings.news_data
    fixtures = Path(os.environ.get("NEWS_FIXTURES") or SHARED / "fixtures")
    checks = (fixtures, settings.news_sources)
    views = read_outlets(data, (BBC, HUFFPOST, UCI))
    held = bbc_holdout(views)
    train = [v for v in views if not (v.outlet == BBC and v.doc_id in held)]
    holdout = sorted(
        (v for v in views if v.doc_id in held and v.kind == FULL), key=lambda v: v.doc_id
    )
    trained = train_outlets(train, settings.topics)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        metadata = {**trained.describe(), "holdout_ids": [v.doc_id for v in holdout]}
        save_model(trained.pipeline, metadata, root / "champion")
        champion = load_model(root / "champion")
        store = open_store(f"sqlite:///{root / 'news.db'}")
        topics = (*settings.topics, OTHER)
        archive = portal_archive(data / FILES[PORTAL], root / "portal.jsonl", args.science)
        imported = import_archive(
            archive, store=store, model=champion, topics=topics, configured=()
        )
        labelled = store.labelled_articles()
        report = retrain(store, Registry(root / "models"), champion,
                         read_corpus(data / FILES[BBC]), settings.topics,
                         outlets=[v for v in train if v.outlet != BBC])  # fmt: skip
        from learning.data import build_dataset  # the gate's own split of the portal

        dataset = build_dataset(read_corpus(data / FILES[BBC]), held, labelled, [], settings.topics)
        result: dict[str, Any] = {
            "imported": imported.stored,
            "labelled_from_sections": len(labelled),
            "promoted": report.promoted,
            "reasons": report.reasons,
            "champion": _measure(champion, dataset.modern_holdout, holdout, *checks),
        }
        if report.version:
            promoted = load_model(Registry(root / "models").model_dir(report.version))
            result["retrained"] = _measure(promoted, dataset.modern_holdout, holdout, *checks)
            result["retrained"]["sources"] = promoted.metadata["sources"]
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
