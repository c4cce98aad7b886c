"""``load_model``: a saved model from its folder, or a registry's live champion."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from classifier.artifacts import load_artifact
from classifier.language import preload
from classifier.live import ChampionModel
from classifier.model import TopicModel
from classifier.registry import Registry

DEFAULT_CHECK_S = 5.0


def load_model(
    model_dir: Path, registry: Path | None = None, check_s: float = DEFAULT_CHECK_S
) -> TopicModel:
    """The model saved in ``model_dir``; with ``registry``, that registry's live champion.

    The champion (``model_dir`` while the registry has none) follows promotions: it checks the
    registry's champion pointer at most every ``check_s`` seconds and swaps in a newly promoted
    model between calls, so long-running processes need no restart. Cached per folder.
    """
    preload()
    if registry is None:
        return _load_cached(model_dir.resolve())
    return _live(registry.resolve(), model_dir.resolve(), check_s)


@lru_cache(maxsize=8)
def _load_cached(model_dir: Path) -> TopicModel:
    pipeline, metadata = load_artifact(model_dir)
    return TopicModel(pipeline, metadata)


@lru_cache(maxsize=4)
def _live(registry_root: Path, fallback: Path, check_seconds: float) -> TopicModel:
    return ChampionModel(Registry(registry_root), fallback, check_seconds)
