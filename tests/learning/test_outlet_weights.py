"""Outlet training weights: articles over their views, classes by 1/sqrt, the cap."""

from __future__ import annotations

import numpy as np
import pytest

from learning.outlet_weights import capped_weights, sample_weights


def test_class_totals_grow_as_the_square_root_of_their_article_counts() -> None:
    # 16 articles of a big topic (one view each), 4 of a thin one (two views each)
    labels = np.array(["big"] * 16 + ["thin"] * 8)
    groups = np.array([f"b{n}" for n in range(16)] + [f"t{n // 2}" for n in range(8)])
    weights = sample_weights(labels, groups)
    big, thin = weights[labels == "big"].sum(), weights[labels == "thin"].sum()
    assert big / thin == pytest.approx(np.sqrt(16 / 4))
    assert weights[16] == weights[17]  # the views of one article share its weight


def test_a_capped_outlet_weighs_at_most_the_bbc_corpus_and_the_total_is_kept() -> None:
    outlets = np.array(["bbc"] * 10 + ["archive"] * 100 + ["huffpost"] * 30 + ["small"] * 5)
    weights = np.ones(len(outlets))
    capped = capped_weights(weights, outlets, {"archive", "small"})
    totals = {name: capped[outlets == name].sum() for name in ("bbc", "archive", "huffpost")}
    assert np.isclose(totals["archive"], totals["bbc"])  # 100 articles weigh as 10
    assert np.isclose(totals["huffpost"], 3 * totals["bbc"])  # not capped: as it was
    assert np.isclose(capped[outlets == "small"].sum(), 5 * capped[0])  # under the cap
    assert np.isclose(capped.sum(), weights.sum())
    np.testing.assert_array_equal(capped_weights(weights, outlets, ()), weights)
