"""The topic model: text cleaning, training, the safe model file, ``load_model()`` and its CLI."""

from classifier.errors import CorpusError, ModelError
from classifier.model import (
    MAX_TEXT_CHARS,
    OTHER,
    Prediction,
    TermWeight,
    TopicModel,
    load_model,
)

__all__ = [
    "MAX_TEXT_CHARS",
    "OTHER",
    "CorpusError",
    "ModelError",
    "Prediction",
    "TermWeight",
    "TopicModel",
    "load_model",
]
