"""The gate's metrics: BBC holdout topic accuracy, modern and corrections label accuracy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from classifier.model import OTHER, TopicModel
from learning.mixed import Example

BBC_TOLERANCE = 0.005
"""A candidate may lose at most this much BBC holdout accuracy (0.5 points)."""


def _share(hits: Sequence[bool]) -> float | None:
    return sum(hits) / len(hits) if hits else None


def measure(
    model: TopicModel, examples: Sequence[Example], *, topic_only: bool = False
) -> dict[str, Any]:
    """Accuracy of ``model`` on ``examples``: of the label, or of the topic with ``topic_only``.

    Label accuracy counts `other` as a label: an in-scope article labelled `other` is wrong,
    and so is an out-of-scope article given a topic. Per newspaper for modern articles.
    """
    predictions = model.predict([example.text for example in examples])
    hits = [
        (p.topic if topic_only else p.label) == example.label
        for p, example in zip(predictions, examples, strict=True)
    ]
    result: dict[str, Any] = {
        "n": len(examples),
        "accuracy": _share(hits),
        "other_rate": _share([p.label == OTHER for p in predictions]),
    }
    sources = sorted({example.source for example in examples})
    if len(sources) > 1 or (sources and sources != ["bbc"]):
        result["by_newspaper"] = {
            source: {
                "n": sum(e.source == source for e in examples),
                "accuracy": _share(
                    [h for h, e in zip(hits, examples, strict=True) if e.source == source]
                ),
            }
            for source in sources
        }
    return result


def evaluate(
    model: TopicModel,
    bbc: Sequence[Example],
    modern: Sequence[Example],
    corrections: Sequence[Example],
) -> dict[str, Any]:
    """The three held-out measures of one model."""
    return {
        "version": model.version,
        "bbc_holdout": measure(model, bbc, topic_only=True),
        "modern_holdout": measure(model, modern),
        "corrections_holdout": measure(model, corrections),
    }


def decide(candidate: dict[str, Any], champion: dict[str, Any]) -> tuple[bool, list[str]]:
    """Promote only if the candidate loses ≤ 0.5 points on BBC and wins on the modern holdout."""
    reasons = []
    cand_bbc, champ_bbc = candidate["bbc_holdout"]["accuracy"], champion["bbc_holdout"]["accuracy"]
    bbc_ok = cand_bbc is not None and (champ_bbc is None or cand_bbc >= champ_bbc - BBC_TOLERANCE)
    reasons.append(
        f"BBC holdout {_pct(cand_bbc)} vs {_pct(champ_bbc)}: "
        + ("within 0.5 points" if bbc_ok else "loses more than 0.5 points")
    )
    cand_mod = candidate["modern_holdout"]["accuracy"]
    champ_mod = champion["modern_holdout"]["accuracy"]
    modern_ok = cand_mod is not None and champ_mod is not None and cand_mod > champ_mod
    if cand_mod is None:
        reasons.append("no modern holdout: nothing to win on (import or scrape labelled articles)")
    else:
        reasons.append(
            f"modern holdout {_pct(cand_mod)} vs {_pct(champ_mod)}: "
            + ("wins" if modern_ok else "does not win")
        )
    return bbc_ok and modern_ok, reasons


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"
