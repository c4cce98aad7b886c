"""The shipped model (``make model``): trained on the labelled outlets, saved to ``pickles/``.

``python -m runtime model [--data-dir DIR] [--model-dir DIR]`` (``make model``) reads the BBC
corpus, HuffPost, the current-events portal and the UCI sample from NEWS_DATA_DIR (default
``../shared/data``), keeps 20 % of the BBC articles (stratified, seed 42) out as the gate's
BBC holdout, trains with ``learning.outlet_training`` for the configured topics and writes
``model.skops`` and ``model.json`` (sources and counts per topic, the topic rule, calibration
measured on held-out outlets, the BBC holdout scored among its own five topics).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sklearn.model_selection import train_test_split

from classifier.artifacts import save_model
from classifier.corpus import read_corpus
from classifier.errors import CorpusError, ModelError
from classifier.model import TopicModel
from classifier.topics import check_topics
from learning.outlet_features import COLUMNS, NGRAMS, VECTORIZER
from learning.outlet_training import ALPHA, train_outlets
from learning.outlets import BBC, FILES, FULL, View, read_outlets
from learning.report import evaluate
from learning.scoring import among_labels
from learning.training import HOLDOUT_FRACTION, SEED


def bbc_holdout(views: Sequence[View], seed: int = SEED) -> set[str]:
    """The BBC document ids held out (stratified ``HOLDOUT_FRACTION``, as ``train`` splits)."""
    labels = {view.doc_id: view.label for view in views if view.outlet == BBC}
    ids = sorted(labels)
    _, held = train_test_split(
        ids, test_size=HOLDOUT_FRACTION, stratify=[labels[i] for i in ids], random_state=seed
    )
    return set(held)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(data_dir: Path, topics: Sequence[str], *, seed: int = SEED) -> tuple[Any, dict[str, Any]]:
    """(pipeline, model.json fields) of the shipped model trained on ``data_dir``."""
    start = time.perf_counter()
    show = _progress(start)
    views = read_outlets(data_dir)
    held = bbc_holdout(views, seed)
    train = [v for v in views if not (v.outlet == BBC and v.doc_id in held)]
    show(f"{len(views)} texts from {len(FILES)} outlets; {len(held)} BBC articles held out")
    result = train_outlets(train, topics, progress=show)
    holdout = sorted(
        (v for v in views if v.outlet == BBC and v.doc_id in held and v.kind == FULL),
        key=lambda v: v.doc_id,
    )
    metadata: dict[str, Any] = {
        **result.describe(),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "corpus": read_corpus(data_dir / FILES[BBC]).describe(),
        "data": {
            outlet: {"file": name, "sha256": _digest(data_dir / name)}
            for outlet, name in FILES.items()
        },
        "split": {"holdout_fraction": HOLDOUT_FRACTION, "seed": seed},
        "model": {
            "family": "complement_nb",
            "params": {"alpha": ALPHA, "ngram_range": list(NGRAMS)},
            "calibration": result.calibration["method"],
            "vectorizer": VECTORIZER,
            **COLUMNS,
        },
        "cv_folds": 0,
        "cv": {},
        "holdout_ids": [view.doc_id for view in holdout],
    }
    model = TopicModel(result.pipeline, metadata)
    texts, labels = [v.text for v in holdout], [v.label for v in holdout]
    metadata["metrics"] = {
        "holdout": evaluate(model, texts, labels),
        "bbc_five": among_labels(model, texts, labels),
    }
    metadata["training_seconds"] = round(time.perf_counter() - start, 1)
    show(f"BBC holdout among its five topics: {metadata['metrics']['bbc_five']['accuracy']:.4f}")
    return result.pipeline, metadata


def _progress(start: float) -> Any:
    def show(message: str) -> None:
        print(f"[{time.perf_counter() - start:6.1f}s] {message}", file=sys.stderr, flush=True)

    return show


def main(argv: list[str] | None, *, data_dir: Path, model_dir: Path, topics: Sequence[str]) -> int:
    """Train and save the shipped model (defaults from the caller's settings); a missing data
    file is one line and exit code 1."""
    parser = argparse.ArgumentParser(prog="python -m runtime model", description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=data_dir)
    parser.add_argument("--model-dir", type=Path, default=model_dir)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    try:
        pipeline, metadata = build(args.data_dir, check_topics(topics), seed=args.seed)
        save_model(pipeline, metadata, args.model_dir)
    except (CorpusError, ModelError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"saved {args.model_dir}/model.skops and model.json")
    return 0
