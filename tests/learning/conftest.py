"""Learning test fixtures: a tiny corpus, its champion model, a registry, modern articles."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from classifier import corpora
from classifier.artifacts import save_model
from classifier.corpus import Corpus, read_corpus
from classifier.model import TopicModel, load_model
from classifier.registry import Registry
from learning.report import evaluate
from learning.training import describe, train
from store import ArticleRecord, Store
from tests.classifier.conftest import VOCABULARY, write_corpus
from tests.conftest import require

TOPICS = ("business", "sport", "tech")
MODERN = {
    "business": "crypto fintech startup inflation layoffs",
    "sport": "esports var transfer playoff podcast",
    "tech": "smartphone chatbot cloud streaming app",
    "other": "recipe holiday wellness yoga garden",
}
"""Words the 2005-style corpus never had, per label."""


@pytest.fixture(scope="session", autouse=True)
def nltk_corpora() -> None:
    """Training needs the NLTK corpora (NLTK_DATA)."""
    missing = corpora.missing_corpora()
    require(not missing, f"NLTK corpora {missing} not found: set NLTK_DATA or run `make nltk`")


@pytest.fixture(scope="session")
def tiny_corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny BBC-shaped corpus folder of the classifier tests."""
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def tiny_corpus(tiny_corpus_dir: Path) -> Corpus:
    """The tiny corpus, read."""
    return read_corpus(tiny_corpus_dir)


@pytest.fixture(scope="session")
def champion_dir(tiny_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model trained on the tiny corpus only (the shipped default of these tests)."""
    result = train(tiny_corpus, folds=3, n_jobs=1)
    metadata = describe(tiny_corpus, result)
    model = TopicModel(result.pipeline, metadata)
    metadata["metrics"] = {"holdout": evaluate(model, result.holdout_texts, result.holdout_labels)}
    folder = tmp_path_factory.mktemp("pickles")
    save_model(result.pipeline, metadata, folder)
    return folder


@pytest.fixture
def champion(champion_dir: Path) -> TopicModel:
    """The tiny champion, loaded as the app does."""
    return load_model(champion_dir)


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    """An empty registry."""
    return Registry(tmp_path / "models")


def modern_text(rng: random.Random, label: str, old_share: float) -> str:
    """A modern article: mostly new words of its label, ``old_share`` of 2005 words."""
    new = MODERN[label].split()
    old = VOCABULARY.get(label, "").split() or new
    words = [rng.choice(old if rng.random() < old_share else new) for _ in range(40)]
    return " ".join(words)


def add_labelled(
    store: Store,
    per_label: int,
    *,
    old_share: float = 0.2,
    corrupt_oldest: float = 0.0,
    papers: tuple[str, ...] = ("paper-a", "paper-b"),
) -> int:
    """Store section-labelled modern articles over 60 days; the oldest share can be mislabelled."""
    rng = random.Random(3)
    rotate = {"business": "sport", "sport": "tech", "tech": "business", "other": "other"}
    start = datetime(2026, 1, 1, tzinfo=UTC)
    count = 0
    for paper in papers:
        refresh = store.start_refresh([paper])
        records = []
        total = per_label * len(MODERN)
        for number in range(total):
            label = list(MODERN)[number % len(MODERN)]
            given = rotate[label] if number < corrupt_oldest * total else label
            records.append(
                ArticleRecord(
                    url=f"https://{paper}.example/{label}/{number}",
                    source_id=paper,
                    title=f"{label} story {number}",
                    summary="",
                    text=modern_text(rng, label, old_share),
                    text_source="page",
                    published=start + timedelta(hours=number * 6),
                    label="other",
                    confidence=0.5,
                    probabilities={},
                    model_version="old",
                    section=label,
                    section_label=given,
                )
            )
        store.save_source_result(refresh, paper, records)
        store.finish_refresh(refresh)
        count += len(records)
    return count
