"""How a label reads: a topic, or "unsure: best guess politics (81 %), below the 85 % cut"."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.colors import OTHER


def best_guess(probabilities: Mapping[str, float] | None) -> tuple[str, float] | None:
    """The most probable topic (never ``other``) and its probability; None without any."""
    topics = [(k, float(v)) for k, v in (probabilities or {}).items() if k != OTHER]
    return max(topics, key=lambda item: item[1]) if topics else None


def label_text(
    label: str,
    confidence: float,
    probabilities: Mapping[str, float] | None,
    cut: float | None,
) -> str:
    """The label as a reader should see it.

    An `other` whose best topic fell under the model's cut says so with the guess and the cut
    instead of "other 81 %"; a topic (or an `other` for another reason: not English, out of
    scope) reads as the label and its confidence.
    """
    guess = best_guess(probabilities)
    if label == OTHER and guess is not None and cut is not None and 0 < confidence < cut:
        return f"unsure: best guess {guess[0]} ({confidence:.0%}), below the {cut:.0%} cut"
    return f"{label} {confidence:.0%}"
