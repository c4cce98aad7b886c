"""Command line: ``python -m classifier train | predict | report``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from classifier.artifacts import read_metadata, save_model
from classifier.corpus import read_corpus, resolve_corpus_path
from classifier.errors import CorpusError, ModelError
from classifier.model import MAX_TEXT_CHARS, Prediction, TopicModel, load_model
from learning.report import evaluate, render
from learning.training import SEED, describe, train
from settings import get_settings

BATCH = 256
REFUSED = 3
"""Exit code of ``retrain`` when the gate keeps the champion."""


class InputError(Exception):
    """A line or argument of user input that cannot be classified."""


def _progress(start: float) -> Any:
    def show(message: str) -> None:
        print(f"[{time.perf_counter() - start:6.1f}s] {message}", file=sys.stderr, flush=True)

    return show


def _train(args: argparse.Namespace) -> int:
    show = _progress(time.perf_counter())
    path = resolve_corpus_path(args.corpus)
    show(f"reading {path}")
    corpus = read_corpus(path)
    show(f"{len(corpus.documents)} articles, {len(corpus.duplicates)} exact duplicates removed")
    result = train(corpus, seed=args.seed, folds=args.folds, n_jobs=args.jobs, progress=show)
    metadata = describe(corpus, result)
    model = TopicModel(result.pipeline, metadata)
    metadata["metrics"] = {"holdout": evaluate(model, result.holdout_texts, result.holdout_labels)}
    written = save_model(result.pipeline, metadata, args.model_dir)
    show(f"saved {args.model_dir}/model.skops and model.json")
    print(render(written))
    return 0


def _retrain(args: argparse.Namespace) -> int:
    """Composition root of the retrain use case (imports store and learning lazily)."""
    from learning import retrain_deployment
    from store import StoreError, open_store

    show = _progress(time.perf_counter())
    try:
        corpus = resolve_corpus_path(args.corpus)  # the CLI may download it; the schedule never
        report = retrain_deployment(
            get_settings(),
            open_store(),
            corpus,
            load_model,
            relabel_after=not args.no_relabel,
            seed=args.seed,
            folds=args.folds,
            progress=show,
        )
    except (StoreError, ValueError) as exc:
        raise InputError(str(exc)) from exc
    if report is None:  # only an if_changed run is ever skipped
        raise InputError("retraining was skipped")
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        verdict = f"promoted {report.version}" if report.promoted else "not promoted"
        print(f"{verdict} (champion was {report.champion})")
        for reason in report.reasons:
            print(f"  {reason}")
    return 0 if report.promoted else REFUSED


def _relabel(args: argparse.Namespace) -> int:
    """Relabel stored articles with the live model (a background job after a promotion)."""
    from learning import relabel
    from store import StoreError, open_store

    show = _progress(time.perf_counter())
    try:
        model = load_model()
        count = relabel(open_store(), model, progress=lambda done: show(f"relabelled {done}"))
    except StoreError as exc:
        raise InputError(str(exc)) from exc
    print(f"relabelled {count} articles with model {model.version}")
    return 0


def _parse_line(number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(f'line {number}: expected an object like {{"text": "..."}}')
    if not record["text"].strip():
        raise InputError(f"line {number}: the text is empty")
    return record


def _batches(stream: TextIO) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    batch: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            batch.append((number, _parse_line(number, line)))
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            batch.append((number, {}))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _output(model: TopicModel, record: dict[str, Any], prediction: Prediction, k: int) -> str:
    out = prediction.to_dict()
    if "id" in record:
        out = {"id": record["id"], **out}
    if k:
        out["explain"] = [asdict(term) for term in model.explain(record["text"], k)]
    return json.dumps(out, ensure_ascii=False)


def _predict(args: argparse.Namespace) -> int:
    model = load_model(args.model_dir)
    if args.text is not None:
        if not args.text.strip():
            raise InputError("--text is empty")
        record = {"text": args.text}
        print(_output(model, record, model.predict([args.text])[0], args.explain))
        return 0
    failed = False
    for batch in _batches(sys.stdin):
        good = [record for _, record in batch if record]
        failed = failed or len(good) < len(batch)
        predictions = model.predict([record["text"] for record in good])
        for record, prediction in zip(good, predictions, strict=True):
            print(_output(model, record, prediction, args.explain))
    return 1 if failed else 0


def _report(args: argparse.Namespace) -> int:
    print(render(read_metadata(args.model_dir)))
    return 0


def _parser() -> argparse.ArgumentParser:
    model_dir = get_settings().model_dir
    parser = argparse.ArgumentParser(prog="python -m classifier", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    train_cmd = commands.add_parser("train", help="train on the BBC corpus and save pickles/")
    train_cmd.add_argument("--corpus", type=Path, help="bbc-fulltext.zip or its folder")
    train_cmd.add_argument("--folds", type=int, default=5, help="CV folds (default 5)")
    train_cmd.add_argument("--jobs", type=int, default=2, help="parallel jobs (default 2)")
    train_cmd.add_argument("--seed", type=int, default=SEED, help=f"split seed (default {SEED})")
    train_cmd.set_defaults(run=_train)
    predict = commands.add_parser(
        "predict",
        help='label --text, or JSON lines {"text": ...} from stdin',
        description=f"Texts over {MAX_TEXT_CHARS:,} characters are truncated.",
    )
    predict.add_argument("--text", help="one text to label")
    predict.add_argument("--explain", type=int, default=0, metavar="K", help="add top K terms")
    predict.set_defaults(run=_predict)
    retrain_cmd = commands.add_parser(
        "retrain",
        help="train on the corpus + labelled articles; promote if it passes the gate",
        description=(
            "Exit 0 when the candidate was promoted, 3 when the gate kept the champion, "
            "1 on errors. Progress goes to stderr."
        ),
    )
    retrain_cmd.add_argument("--corpus", type=Path, help="bbc-fulltext.zip or its folder")
    retrain_cmd.add_argument("--folds", type=int, default=5, help="calibration folds (default 5)")
    retrain_cmd.add_argument("--seed", type=int, default=SEED, help=f"seed (default {SEED})")
    retrain_cmd.add_argument("--json", action="store_true", help="print the report as JSON")
    retrain_cmd.add_argument(
        "--no-relabel", action="store_true", help="do not relabel stored articles after promotion"
    )
    retrain_cmd.set_defaults(run=_retrain)
    relabel_cmd = commands.add_parser(
        "relabel", help="label stored articles not yet labelled by the live model"
    )
    relabel_cmd.set_defaults(run=_relabel)
    report = commands.add_parser("report", help="print the saved model's training report")
    report.set_defaults(run=_report)
    for command in (train_cmd, predict, report):
        command.add_argument("--model-dir", type=Path, default=model_dir, help="default pickles/")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; errors become a one-line message and a non-zero exit code."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except (ModelError, CorpusError, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
