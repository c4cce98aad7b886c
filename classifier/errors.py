"""The classifier's error types, each carrying a one-line message for people."""

from __future__ import annotations


class ModelError(Exception):
    """The model, or something it needs (artifact, NLTK corpora), is missing or unusable."""


class CorpusError(Exception):
    """The training corpus cannot be found, fetched or read."""
