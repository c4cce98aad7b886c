"""The gate's metrics: BBC holdout topic accuracy, modern and corrections label accuracy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from classifier.model import OTHER, TopicModel
from learning.examples import Example
from learning.scoring import best_among

BBC_TOLERANCE = 0.005
"""A candidate may lose at most this much BBC holdout accuracy (0.5 points)."""
PERIOD_TOLERANCE = 0.01
"""A candidate that gains on corrections may lose at most this much (1 point) on the
newspapers' own labels of the corrections' period."""
NO_MODERN = "no modern holdout: nothing to win on (import or scrape labelled articles)"


def _share(hits: Sequence[bool]) -> float | None:
    return sum(hits) / len(hits) if hits else None


def measure(
    model: TopicModel, examples: Sequence[Example], *, topic_only: bool = False
) -> dict[str, Any]:
    """Accuracy of ``model`` on ``examples``: of the label, or with ``topic_only`` of the most
    probable of the examples' own labels (the BBC holdout is scored among its five topics).

    Label accuracy counts `other` as a label: an in-scope article labelled `other` is wrong,
    and so is an out-of-scope article given a topic. Per newspaper for modern articles.
    """
    predictions = model.predict([example.text for example in examples])
    own = sorted({example.label for example in examples})
    hits = [
        (best_among(p, own) if topic_only else p.label) == example.label
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
    period: Sequence[Example] = (),
) -> dict[str, Any]:
    """The three held-out measures of one model, and the newspapers' labels of the period."""
    return {
        "version": model.version,
        "bbc_holdout": measure(model, bbc, topic_only=True),
        "modern_holdout": measure(model, modern),
        "corrections_holdout": measure(model, corrections),
        "newspaper_period": measure(model, period),
    }


def decide(
    candidate: dict[str, Any], champion: dict[str, Any], no_modern: str = NO_MODERN
) -> tuple[bool, list[str]]:
    """Promote only if the candidate loses ≤ 0.5 points on BBC, wins on the modern holdout,
    does not lose on the corrections holdout, and does not gain on corrections at the cost of
    the newspapers' own labels of the same period. ``no_modern`` is the reason given when
    there is no modern holdout. The reasons name the checks that refused first, then those
    that passed, so a refusal reads from its cause."""
    cand_bbc, champ_bbc = candidate["bbc_holdout"]["accuracy"], champion["bbc_holdout"]["accuracy"]
    bbc_ok = cand_bbc is not None and (champ_bbc is None or cand_bbc >= champ_bbc - BBC_TOLERANCE)
    checks = [
        (
            bbc_ok,
            f"BBC holdout {_pct(cand_bbc)} vs {_pct(champ_bbc)}: "
            + ("within 0.5 points" if bbc_ok else "loses more than 0.5 points"),
        )
    ]
    cand_mod = candidate["modern_holdout"]["accuracy"]
    champ_mod = champion["modern_holdout"]["accuracy"]
    modern_ok = cand_mod is not None and champ_mod is not None and cand_mod > champ_mod
    if cand_mod is None:
        checks.append((False, no_modern))
    else:
        checks.append(
            (
                modern_ok,
                f"modern holdout {_pct(cand_mod)} vs {_pct(champ_mod)}: "
                + ("wins" if modern_ok else "does not win"),
            )
        )
    checks += _corrections_rule(candidate, champion)
    refused = [why for ok, why in checks if not ok]
    return not refused, refused + [why for ok, why in checks if ok]


def _corrections_rule(
    candidate: dict[str, Any], champion: dict[str, Any]
) -> list[tuple[bool, str]]:
    """Readers' corrections it did not train on must not get worse, and a gain on them that
    costs agreement with the newspapers' own labels of the same period is refused (one
    client's wrong corrections win on corrections and lose there: poisoning). Each check as
    (passed, why)."""
    cand_fix, champ_fix = (
        _accuracy(candidate, "corrections_holdout"),
        _accuracy(champion, "corrections_holdout"),
    )
    if cand_fix is None or champ_fix is None:
        return [(True, "no corrections holdout")]
    checks = [
        (
            cand_fix >= champ_fix,
            f"corrections holdout {_pct(cand_fix)} vs {_pct(champ_fix)}: "
            + ("does not lose" if cand_fix >= champ_fix else "loses"),
        )
    ]
    cand_np, champ_np = (
        _accuracy(candidate, "newspaper_period"),
        _accuracy(champion, "newspaper_period"),
    )
    if cand_fix > champ_fix and cand_np is not None and champ_np is not None:
        conflict = cand_np < champ_np - PERIOD_TOLERANCE
        checks.append(
            (
                not conflict,
                f"newspapers' labels of the corrections' period {_pct(cand_np)} vs "
                f"{_pct(champ_np)}: "
                + ("gains on corrections while losing here: refused" if conflict else "kept"),
            )
        )
    return checks


def _accuracy(metrics: dict[str, Any], name: str) -> float | None:
    value = metrics.get(name, {}).get("accuracy")
    return None if value is None else float(value)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"
