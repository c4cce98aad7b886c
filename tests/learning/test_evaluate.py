"""The gate's decision: which checks refused a candidate, named before those that passed."""

from __future__ import annotations

from typing import Any

from learning.evaluate import NO_MODERN, decide


def _metrics(bbc: float, modern: float | None, fixes: float | None = None) -> dict[str, Any]:
    return {
        "bbc_holdout": {"accuracy": bbc},
        "modern_holdout": {"accuracy": modern},
        "corrections_holdout": {"accuracy": fixes},
        "newspaper_period": {"accuracy": None},
    }


def test_a_refusal_for_want_of_a_modern_holdout_names_that_first() -> None:
    promoted, reasons = decide(_metrics(0.977, None), _metrics(0.979, None))
    assert not promoted
    assert reasons == [
        NO_MODERN,
        "BBC holdout 97.7% vs 97.9%: within 0.5 points",
        "no corrections holdout",
    ]


def test_every_failing_check_comes_before_the_passing_ones() -> None:
    promoted, reasons = decide(_metrics(0.960, 0.60, 0.9), _metrics(0.979, 0.65, 0.8))
    assert not promoted
    assert reasons == [
        "BBC holdout 96.0% vs 97.9%: loses more than 0.5 points",
        "modern holdout 60.0% vs 65.0%: does not win",
        "corrections holdout 90.0% vs 80.0%: does not lose",
    ]


def test_a_promotion_gives_every_check_in_the_gates_order() -> None:
    promoted, reasons = decide(_metrics(0.979, 0.70), _metrics(0.979, 0.65))
    assert promoted
    assert reasons == [
        "BBC holdout 97.9% vs 97.9%: within 0.5 points",
        "modern holdout 70.0% vs 65.0%: wins",
        "no corrections holdout",
    ]
