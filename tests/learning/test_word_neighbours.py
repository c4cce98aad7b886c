"""Semantic smoothing: a word's counts borrow from its nearest known words; the shipped table."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.naive_bayes import ComplementNB

from classifier import load_model
from learning.word_neighbours import (
    FLOOR,
    NEIGHBOURS,
    NeighbourTable,
    neighbour_matrix,
    shipped_table,
    smooth_counts,
)
from tests.conftest import REPO

TABLE = NeighbourTable.from_rows(
    [
        ("football", [("unknown", 0.95), ("soccer", 0.8), ("match", 0.6), ("chip", 0.4)]),
        ("soccer", [("football", 0.8)]),
    ]
)


def test_neighbour_matrix_keeps_known_words_above_the_floor_weighted_by_similarity() -> None:
    vocabulary = {"football": 0, "soccer": 1, "match": 2, "chip": 3}
    matrix = neighbour_matrix(vocabulary, 5, TABLE).toarray()  # column 4: a pooled column
    assert matrix[0].tolist() == pytest.approx([0, 0.8 / 1.4, 0.6 / 1.4, 0, 0])  # chip < floor
    assert matrix[1].tolist() == [1, 0, 0, 0, 0]
    assert not matrix[2:].any()  # no table entry, or not a word
    nearest_only = neighbour_matrix(vocabulary, 5, TABLE, neighbours=1).toarray()
    assert nearest_only[0].tolist() == [0, 1, 0, 0, 0]  # "unknown" is not in the vocabulary


def _fitted() -> ComplementNB:
    # Columns football, soccer, chip. "soccer" was seen once, in a tech text.
    features = np.array([[2, 0, 0], [3, 0, 0], [0, 0, 2], [0, 1, 3]], dtype=float)
    return ComplementNB(alpha=0.3).fit(features, ["sport", "sport", "tech", "tech"])


def test_smoothing_moves_a_rare_word_towards_its_neighbours_topic() -> None:
    soccer_alone = np.array([[0, 1, 0]])
    plain = _fitted()
    assert plain.predict(soccer_alone).tolist() == ["tech"]
    neighbours = neighbour_matrix({"football": 0, "soccer": 1, "chip": 2}, 3, TABLE)
    smoothed = smooth_counts(_fitted(), neighbours, weight=1.0)
    assert smoothed.predict(soccer_alone).tolist() == ["sport"]
    unchanged = smooth_counts(_fitted(), neighbours, weight=0.0)
    assert np.allclose(unchanged.feature_log_prob_, plain.feature_log_prob_)


def test_the_shipped_table_lists_each_words_nearest_words_above_the_floor() -> None:
    table = shipped_table()
    assert len(table.words) > 20_000 and table.near.nbytes + table.similarity.nbytes < 8_000_000
    assert table.nearest("football")[0] == ("soccer", pytest.approx(0.845, abs=0.01))
    assert "vaccination" in dict(table.nearest("vaccine"))
    for word in ("election", "murder", "album"):
        similarities = [similarity for _, similarity in table.nearest(word)]
        assert similarities == sorted(similarities, reverse=True) and min(similarities) >= FLOOR
    assert table.nearest("no-such-word") == []


def test_the_shipped_model_records_its_smoothing() -> None:
    smoothing = load_model(REPO / "pickles").metadata["model"]["semantic_smoothing"]
    assert smoothing["neighbours"] == NEIGHBOURS and smoothing["floor"] == FLOOR
