"""What the model reads of an article, and what its prediction writes back to the article.

The one definition both ways: the refresh, the archive import, retraining, relabelling and the
dashboard all call these, so a scraped, an imported and a relabelled article get the same input
and the same stored fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from classifier.model import Prediction


class LabelFields(TypedDict):
    """The article fields a prediction sets (``ArticleRecord`` and ``Relabel`` take them all)."""

    label: str
    confidence: float
    probabilities: dict[str, float]
    model_version: str
    language: str | None
    coverage: float | None


def model_input(title: str, text: str | None, summary: str | None = None) -> str:
    """The text the model reads for an article: its title, then its text (else its summary)."""
    return f"{title}\n{text or summary or ''}"


def label_fields(prediction: Prediction, model_version: str) -> LabelFields:
    """The stored fields of an article labelled by this prediction of model ``model_version``."""
    return LabelFields(
        label=prediction.label,
        confidence=prediction.confidence,
        probabilities=dict(prediction.probabilities),
        model_version=model_version,
        language=getattr(prediction, "language", None),
        coverage=prediction.coverage,
    )
