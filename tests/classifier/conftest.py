"""Fixtures for the classifier tests: NLTK corpora, a tiny BBC-shaped corpus and a model on it."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from classifier import corpora
from classifier.artifacts import save_model
from classifier.corpus import read_corpus
from classifier.model import TopicModel
from learning.report import evaluate
from learning.training import describe, train
from tests.conftest import require

VOCABULARY = {
    "business": "market shares profit bank investors economy growth company sales prices",
    "sport": "match goal team players season coach champions league striker victory",
    "tech": "software computer internet users mobile phone digital network chips online",
}
COMMON = ["the", "said", "year", "would", "people", "also", "time", "new", "first", "last", "week"]
PER_CLASS = 16


@pytest.fixture(scope="session", autouse=True)
def nltk_corpora() -> None:
    """The NLTK corpora the cleaner needs (NLTK_DATA)."""
    missing = corpora.missing_corpora()
    require(not missing, f"NLTK corpora {missing} not found: set NLTK_DATA or run `make nltk`")


def _article(rng: random.Random, label: str) -> str:
    words = VOCABULARY[label].split()
    other = [w for key, text in VOCABULARY.items() if key != label for w in text.split()]
    body = rng.choices(words, k=30) + rng.choices(other, k=4) + rng.choices(COMMON, k=15)
    rng.shuffle(body)
    return f"{label.title()} news {rng.randint(1, 999)}\n\n" + " ".join(body) + ".\n"


def write_corpus(root: Path) -> Path:
    """A BBC-shaped folder: 3 categories x 16 articles, one latin-1 file, two duplicates."""
    rng = random.Random(7)
    for label in VOCABULARY:
        folder = root / "bbc" / label
        folder.mkdir(parents=True)
        for number in range(1, PER_CLASS + 1):
            (folder / f"{number:03d}.txt").write_text(_article(rng, label), encoding="utf-8")
    (root / "bbc" / "README.TXT").write_text("not an article\n", encoding="utf-8")
    latin = "Chelsea paid £15.8m for the striker in a match of the season, goal team coach\n"
    (root / "bbc" / "sport" / "017.txt").write_bytes(latin.encode("latin-1"))
    for duplicate in ("018.txt", "019.txt"):
        shutil.copy(root / "bbc" / "business" / "001.txt", root / "bbc" / "business" / duplicate)
    return root / "bbc"


@pytest.fixture(scope="session")
def tiny_corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny corpus folder (session-wide, read-only by convention)."""
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model trained and saved on the tiny corpus, as ``python -m classifier train`` does."""
    corpus = read_corpus(tiny_corpus_dir)
    result = train(corpus, folds=3, n_jobs=1)
    metadata = describe(corpus, result)
    model = TopicModel(result.pipeline, metadata)
    metadata["metrics"] = {"holdout": evaluate(model, result.holdout_texts, result.holdout_labels)}
    model_dir = tmp_path_factory.mktemp("model")
    save_model(result.pipeline, metadata, model_dir)
    return model_dir


@pytest.fixture
def model_copy(tiny_model_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny model's folder, free to tamper with."""
    target = tmp_path / "pickles"
    shutil.copytree(tiny_model_dir, target)
    return target
