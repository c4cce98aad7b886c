"""Dev check of retraining on modern news: the HuffPost spring-2018 file split in time.

``python -m bench.modern`` (NEWS_CORPUS, NEWS_FIXTURES and NLTK_DATA set; ``HUFFPOST``
defaults to the file beside the BBC zip). Trains on the BBC corpus (minus the shipped holdout)
plus the early HuffPost weeks, with the sections mapped as ``HUFFPOST_SECTIONS`` says, and
reports, for the shipped model and the retrained one: label accuracy on the later weeks,
`other` rate and AUROC of `confidence` on out-of-scope sections, BBC-2005 holdout topic
accuracy, and label accuracy on the hand-labelled real pages of ``FIXTURE_TOPICS`` (a
"third outlet"). It is the local stand-in for the private bar of issue 8.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sklearn.metrics import roc_auc_score  # noqa: E402

from classifier.corpus import read_corpus, resolve_corpus_path  # noqa: E402
from classifier.model import OTHER, TopicModel, load_model  # noqa: E402
from learning.mixed import CORPUS, NEWSPAPER, Example, train_mixed  # noqa: E402

SHARED = REPO.parent / "shared"
SPLIT_DATE = "2018-04-09"
HUFFPOST_SECTIONS = {
    "POLITICS": "politics",
    "ENTERTAINMENT": "entertainment",
    "COMEDY": "entertainment",
    "SPORTS": "sport",
    "BUSINESS": "business",
    "TECH": "tech",
    "TRAVEL": OTHER,
}
"""Section → label; world/national news and everything else stay unlabelled."""
FIXTURE_TOPICS = {
    "es/ElPais:V1": OTHER,
    "uk/BBC:V1": "business",
    "uk/BBC:V2": "politics",
    "uk/DailyStar:V1": OTHER,
    "uk/EuronewsEN:V1_1": "business",
    "uk/EveningStandard:V1": "sport",
    "uk/EveningStandard:V1_1": "politics",
    "uk/Metro:V1": "politics",
    "uk/TechRadar:V1": "tech",
    "uk/TheMirror:V1": OTHER,
    "uk/TheTelegraph:V1": OTHER,
    "uk/TheTelegraph:V1_1": "politics",
    "uk/iNews:V1": "sport",
    "us/APNews:V1": "business",
    "us/APNews:V1_1": "politics",
    "us/BusinessInsider:V1": OTHER,
    "us/BusinessInsider:V2": OTHER,
    "us/CNBC:V1": "business",
    "us/FoxNews:V1": "politics",
    "us/FreeBeacon:V1": "politics",
    "us/LATimes:V1": "sport",
    "us/OccupyDemocrats:V1": "politics",
    "us/RollingStone:V1": "entertainment",
    "us/RollingStone:V1_1": "entertainment",
    "us/TechCrunch:V1": "tech",
    "us/TechCrunch:V1_1": "tech",
    "us/TheGatewayPundit:V2": "politics",
    "us/TheIntercept:V1": "politics",
    "us/TheNation:V2": "politics",
    "us/WashingtonTimes:V1": "politics",
    "us/Wired:V1": OTHER,
    "us/WorldTruth:V1": OTHER,
}
"""Hand labels of the fixture pages (crime, world news, science and mixed pages left out)."""


def huffpost(path: Path) -> list[dict[str, Any]]:
    """The HuffPost items with ``text`` (headline + summary) and ``label`` (None: unmapped)."""
    items = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            item["text"] = f"{item['headline']}. {item['short_description']}".strip()
            item["label"] = HUFFPOST_SECTIONS.get(item["category"])
            items.append(item)
    return items


def fixtures(folder: Path) -> tuple[list[str], list[str]]:
    """Texts (title + body) and hand labels of the fixture pages."""
    texts, labels = [], []
    for key, label in FIXTURE_TOPICS.items():
        name, version = key.split(":")
        page = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))[version]
        body = page["body"]
        paragraphs = list(body.get("summary", []))
        for section in body.get("sections", []):
            paragraphs += section.get("headline", []) + section.get("paragraphs", [])
        texts.append("\n\n".join([page["title"], *paragraphs]))
        labels.append(label)
    return texts, labels


def label_accuracy(model: TopicModel, texts: Sequence[str], labels: Sequence[str]) -> float:
    """Share of texts whose served label (topic or `other`) equals the given label."""
    predictions = model.predict(texts)
    return sum(p.label == y for p, y in zip(predictions, labels, strict=True)) / len(labels)


def scope_metrics(
    model: TopicModel, inside: Sequence[str], outside: Sequence[str]
) -> dict[str, float]:
    """`other` rate on out-of-scope texts and AUROC of `confidence` (in-scope positive)."""
    ins, outs = model.predict(inside), model.predict(outside)
    scores = [p.confidence for p in ins] + [p.confidence for p in outs]
    truth = [1] * len(ins) + [0] * len(outs)
    return {
        "other_rate": sum(p.label == OTHER for p in outs) / len(outs),
        "auroc": float(roc_auc_score(truth, scores)),
        "out_of_scope_n": len(outs),
    }


def measure(
    model: TopicModel,
    later: list[dict[str, Any]],
    bbc: tuple[list[str], list[str]],
    third: tuple[list[str], list[str]],
) -> dict[str, Any]:
    """Every dev metric of ``model``."""
    labelled = [item for item in later if item["label"]]
    inside = [item["text"] for item in labelled if item["label"] != OTHER]
    outside = [item["text"] for item in labelled if item["label"] == OTHER]
    bbc_predictions = model.predict(bbc[0])
    return {
        "later_label_accuracy": label_accuracy(
            model, [i["text"] for i in labelled], [i["label"] for i in labelled]
        ),
        "later_n": len(labelled),
        **scope_metrics(model, inside, outside),
        "bbc_holdout_topic_accuracy": sum(
            p.topic == y for p, y in zip(bbc_predictions, bbc[1], strict=True)
        )
        / len(bbc[1]),
        "third_outlet_label_accuracy": label_accuracy(model, *third),
        "third_outlet_n": len(third[1]),
    }


def main(argv: list[str] | None = None) -> int:
    """Train on the early weeks, print the metrics of the shipped and retrained models."""
    parser = argparse.ArgumentParser(prog="python -m bench.modern", description=__doc__)
    parser.add_argument(
        "--champion",
        action="store_true",
        help="only measure load_model() (the registry's champion) on the later weeks",
    )
    args = parser.parse_args(argv)
    shipped = load_model(REPO / "pickles")
    holdout_ids = set(shipped.metadata["holdout_ids"])
    corpus = read_corpus(resolve_corpus_path())
    bbc_train = [d for d in corpus.documents if d.doc_id not in holdout_ids]
    bbc_test = [d for d in corpus.documents if d.doc_id in holdout_ids]
    default = corpus.source.parent / "huffpost-2018-spring.jsonl.gz"  # beside the BBC zip
    items = huffpost(Path(os.environ.get("HUFFPOST", default)))
    early = [i for i in items if i["date"] < SPLIT_DATE and i["label"]]
    later = [i for i in items if i["date"] >= SPLIT_DATE]
    fixture_dir = Path(os.environ.get("NEWS_FIXTURES", SHARED / "fixtures")) / "articles"
    third = fixtures(fixture_dir)
    bbc = ([d.text for d in bbc_test], [d.label for d in bbc_test])
    if args.champion:
        champion = load_model()
        print(json.dumps({"version": champion.version, **measure(champion, later, bbc, third)}))
        return 0
    examples = [Example(d.text, d.label, "bbc", CORPUS) for d in bbc_train] + [
        Example(i["text"], i["label"], "huffpost", NEWSPAPER, order=n)
        for n, i in enumerate(reversed(early))
    ]
    start = time.perf_counter()
    result = train_mixed(examples, progress=lambda m: print(m, file=sys.stderr))
    seconds = time.perf_counter() - start
    metadata = {"labels": [c for c in result.classes if c != OTHER], "threshold": result.threshold}
    retrained = TopicModel(result.pipeline, metadata)
    report = {
        "train": {
            "bbc": len(bbc_train),
            "huffpost_early": len(early),
            "seconds": round(seconds, 1),
        },
        "threshold": result.threshold,
        "selection": result.selection,
        "shipped": measure(shipped, later, bbc, third),
        "retrained": measure(retrained, later, bbc, third),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
