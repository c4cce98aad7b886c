"""Leave-one-outlet-out evaluation of the shipped recipe, and the shipped model on a third outlet.

``python -m bench.outlets [--markdown]`` (NLTK_DATA; NEWS_DATA_DIR and NEWS_FIXTURES default to
../shared). Trains the shipped model's recipe (``learning.outlet_training``) on the four
labelled outlets without the BBC holdout; every outlet is scored by a model trained on the
other three (label accuracy, per-topic recall, ECE, confidently-wrong rate, `other` rate, and
accuracy per view: full text, headline, headline + first sentence). Then the committed model
(``pickles/``) is scored on the hand-labelled fixture pages (2023–26 pages of ~30 papers,
full text and headline only), on a real Guardian feed (55 items of January 2018, labelled by
the Guardian's own sections through the shipped ``sources.toml`` rules: an outlet no model
here trained on, headline and headline + summary), and on the BBC holdout among its five topics.

``--forward`` adds the same outlets later in time: the recipe trained without the newest 20 %
of each dated outlet (HuffPost, the portal), scored on those newest items. The private checks
score the shipped model on later news of outlets it trained on (BBC 2020–22, an online paper
2020–22), which lies between this (weeks later) and leave-one-outlet-out (never seen).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # always first: bench/stories.py must not shadow `stories`

import numpy as np  # noqa: E402

from bench.fixture_topics import fixture_pages  # noqa: E402
from classifier.article import model_input  # noqa: E402
from classifier.loading import load_model  # noqa: E402
from classifier.model import TopicModel  # noqa: E402
from learning.calibration import outlet_metrics, reader_truth  # noqa: E402
from learning.outlet_training import train_outlets  # noqa: E402
from learning.outlets import BBC, DATE_FIELDS, FULL, dated_groups, read_outlets  # noqa: E402
from learning.scoring import among_labels  # noqa: E402
from learning.shipped import bbc_holdout  # noqa: E402
from scraper.feeds import parse_feed  # noqa: E402
from scraper.sources import load_sources  # noqa: E402
from settings import get_settings  # noqa: E402

SHARED = REPO.parent / "shared"
NEWEST = 0.2
"""The share of each dated outlet's items, newest first, that ``--forward`` holds out."""


def served(model: TopicModel, texts: list[str], labels: list[str]) -> dict[str, Any]:
    """Outlet metrics of the served model (its own cut) on labelled texts."""
    predictions = model.predict(texts)
    topic = np.array([p.topic for p in predictions])
    confidence = np.array(
        [p.confidence if p.reason != "out of scope" else -1.0 for p in predictions]
    )
    # A text the model calls not English keeps confidence 0: it is served `other`.
    confidence = np.where([p.reason == "not English" for p in predictions], -1.0, confidence)
    truth = reader_truth(labels, model.classes)
    measured = outlet_metrics(topic, confidence, truth, model.threshold)
    measured.pop("bins")
    return measured


def leave_one_outlet_out(data: Path) -> dict[str, Any]:
    """The held-out-outlet metrics of the recipe trained without the BBC holdout."""
    views = read_outlets(data)
    held = bbc_holdout(views)
    train = [v for v in views if not (v.outlet == BBC and v.doc_id in held)]
    result = train_outlets(train, get_settings().topics)
    return {"classes": list(result.classes), "refused": result.refused,
            "threshold": result.threshold["value"],
            "calibration": {k: v for k, v in result.calibration.items() if k != "bins"},
            "outlets": {k: {**v, "bins": None} for k, v in result.held_out.items()}}  # fmt: skip


def time_forward(data: Path, newest: float = NEWEST) -> dict[str, Any]:
    """Each dated outlet's newest items, scored per view by the recipe trained without them."""
    later: set[str] = set()
    since = {}
    for outlet in DATE_FIELDS:
        dates = dated_groups(data, outlet)
        order = sorted(dates, key=dates.__getitem__)
        held_out = order[int(len(order) * (1 - newest)) :]
        later.update(held_out)
        since[outlet] = dates[held_out[0]]
    views = read_outlets(data)
    bbc_held = bbc_holdout(views)
    train = [v for v in views if v.group not in later
             and not (v.outlet == BBC and v.doc_id in bbc_held)]  # fmt: skip
    result = train_outlets(train, get_settings().topics)
    model = TopicModel(result.pipeline, result.describe())
    report = {}
    for outlet, first_day in since.items():
        test = [v for v in views if v.outlet == outlet and v.group in later]
        for kind in sorted({v.kind for v in test}):
            chosen = [v for v in test if v.kind == kind]
            measured = served(model, [v.text for v in chosen], [v.label for v in chosen])
            report[f"{outlet} from {first_day}, {kind}"] = measured
    return report


def third_outlet(model: TopicModel, fixtures: Path) -> dict[str, Any]:
    """The committed model on the fixture pages: full text and headline only."""
    pages = fixture_pages(fixtures / "articles")
    labels = [label for _, _, label in pages]
    return {
        "full": served(model, [f"{t}\n{b}" for t, b, _ in pages], labels),
        "headline": served(model, [t for t, _, _ in pages], labels),
    }


def guardian_feed(model: TopicModel, fixtures: Path, sources: Path) -> dict[str, Any]:
    """The committed model on the Guardian feed's items that its section rules label."""
    feed = fixtures / "feeds" / "guardian.rss"
    items = parse_feed(feed.read_bytes(), "https://www.theguardian.com/us/rss")
    guardian = next(source for source in load_sources(sources) if source.id == "guardian")
    labelled = []
    for item in items:
        label = guardian.rules.label(item.url, item.categories, item.feed_topic).label
        if guardian.wants(item.url) and label is not None:
            labelled.append((item, label))
    labels = [label for _, label in labelled]
    return {
        "headline": served(model, [model_input(i.title, None) for i, _ in labelled], labels),
        "lead": served(model, [model_input(i.title, None, i.summary) for i, _ in labelled], labels),
    }


def metrics_row(name: str, m: dict[str, Any], by_view: bool = True) -> str:
    """One Markdown table row of outlet metrics (with a column of accuracy per reading)."""
    recall = ", ".join(f"{k} {v:.2f}" for k, v in m["recall"].items())
    views = m.get("views") or {}
    readings = " / ".join(f"{views[k]['accuracy']:.3f}" if k in views else "–"
                          for k in ("full", "lead", "headline"))  # fmt: skip
    column = f" {readings} |" if by_view else ""
    return (f"| {name} | {m['n']} | {m['accuracy']:.3f} |{column} {m['ece']:.3f} | "
            f"{m['confidently_wrong']:.3f} | {m['other_rate']:.3f} | {recall} |")  # fmt: skip


def markdown(report: dict[str, Any]) -> str:
    """The matrix and checks as Markdown tables."""
    lines = [
        f"Classes: {', '.join(report['loo']['classes'])}; left out by the topic rule: "
        + "; ".join(f"{k} ({v})" for k, v in report["loo"]["refused"].items()),
        f"Cut {report['loo']['threshold']:.3f}; calibration {report['loo']['calibration']}",
        "",
        "| held-out outlet | texts | label accuracy | full / lead / headline | ECE | "
        "confidently wrong | other | recall per topic |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [metrics_row(name, m) for name, m in report["loo"]["outlets"].items()]
    lines += ["", "Committed model on the fixture pages (third outlet) and the BBC holdout:", ""]
    lines += [metrics_row(f"fixtures, {kind}", m) for kind, m in report["fixtures"].items()]
    lines += [metrics_row(f"Guardian feed 2018, {k}", m) for k, m in report["guardian"].items()]
    if "forward" in report:
        lines += ["", "Later in time (trained without each dated outlet's newest 20 %):", ""]
        lines += [metrics_row(name, m) for name, m in report["forward"].items()]
    five = report["bbc_five"]
    lines.append(
        f"\nBBC-2005 holdout among its five topics: {five['accuracy']:.4f} (n {five['n']})"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run both checks and print JSON (or Markdown)."""
    parser = argparse.ArgumentParser(prog="python -m bench.outlets", description=__doc__)
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument(
        "--forward", action="store_true", help="also score the dated outlets' newest items"
    )
    args = parser.parse_args(argv)
    settings = get_settings()
    fixtures = Path(os.environ.get("NEWS_FIXTURES") or SHARED / "fixtures")
    model = load_model(REPO / "pickles")
    views = read_outlets(settings.news_data, (BBC,))
    held = set(model.metadata["holdout_ids"])
    holdout = [v for v in views if v.doc_id in held and v.kind == FULL]
    report: dict[str, Any] = {
        "loo": leave_one_outlet_out(settings.news_data),
        "fixtures": third_outlet(model, fixtures),
        "guardian": guardian_feed(model, fixtures, settings.news_sources),
        "bbc_five": among_labels(model, [v.text for v in holdout], [v.label for v in holdout]),
    }
    if args.forward:
        report["forward"] = time_forward(settings.news_data)
    print(markdown(report) if args.markdown else json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
