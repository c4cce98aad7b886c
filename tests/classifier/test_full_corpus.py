"""The committed model against the real BBC corpus (NEWS_CORPUS): the quality bar."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sklearn.metrics import accuracy_score, f1_score

from classifier.corpus import Corpus, read_corpus
from runtime.services import champion
from tests.conftest import require

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bbc() -> Corpus:
    """The full BBC News corpus named by NEWS_CORPUS."""
    path = os.environ.get("NEWS_CORPUS", "")
    require(path and Path(path).exists(), "NEWS_CORPUS (the BBC bbc-fulltext.zip) is not set")
    return read_corpus(Path(path))


def test_corpus_counts_and_deduplication(bbc: Corpus) -> None:
    assert len(bbc.documents) + len(bbc.duplicates) == 2225
    assert len(bbc.duplicates) == 98
    assert len({doc.text for doc in bbc.documents}) == len(bbc.documents) == 2127
    assert bbc.labels == ("business", "entertainment", "politics", "sport", "tech")
    latin = next(doc for doc in bbc.documents if doc.doc_id == "sport/199.txt")
    assert "£15.8m" in latin.text


def test_committed_model_meets_the_bar_on_the_holdout(bbc: Corpus) -> None:
    model = champion()
    metadata = model.metadata
    assert metadata["corpus"]["sha256"] == bbc.sha256
    by_id = {doc.doc_id: doc for doc in bbc.documents}
    holdout = [by_id[doc_id] for doc_id in metadata["holdout_ids"]]
    assert len(holdout) == 426
    predictions = model.predict([doc.text for doc in holdout])
    truth = [doc.label for doc in holdout]
    topics = [prediction.topic for prediction in predictions]
    assert accuracy_score(truth, topics) >= 0.975
    assert f1_score(truth, topics, average="macro") >= 0.975
    assert metadata["cv"][metadata["model"]["family"]]["accuracy_mean"] >= 0.97
    labelled = [p.topic == y for p, y in zip(predictions, truth, strict=True) if p.label != "other"]
    assert len(labelled) >= 0.9 * len(holdout)
    assert sum(labelled) / len(labelled) >= 0.99
