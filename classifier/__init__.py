"""The topic model: text cleaning, language, the safe model file, the registry, ``load_model()``."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from classifier.errors import CorpusError, ModelError

if TYPE_CHECKING:
    from classifier.loading import load_model
    from classifier.model import (
        MAX_TEXT_CHARS,
        OTHER,
        Prediction,
        TermWeight,
        TopicModel,
    )

# The model (and scikit-learn) load on first use, so `python -m classifier.corpora check`
# stays fast and runs its module only once.
_FROM_MODEL = {"MAX_TEXT_CHARS", "OTHER", "Prediction", "TermWeight", "TopicModel"}

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


def __getattr__(name: str) -> Any:
    """The model's public names, imported from ``classifier.model`` when first asked for."""
    if name in _FROM_MODEL:
        return getattr(import_module("classifier.model"), name)
    if name == "load_model":
        return import_module("classifier.loading").load_model
    raise AttributeError(f"module 'classifier' has no attribute {name!r}")
