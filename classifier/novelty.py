"""TF-IDF with one more column: how much of a text is made of words the model never saw.

A text from an outlet the model never read is full of words and word pairs outside its
vocabulary, and the plain TF-IDF drops them. Leave-one-outlet-out shows what that loses: when
those words were kept as columns that no training text had (ComplementNB weighs such a column
by its smoothing alone), held-out outlets scored 1 to 7 points higher, 5 on average
(BENCHMARKS.md, *An honest held-out vocabulary*). ``NoveltyTfidfVectorizer`` keeps that
evidence as one column, "unseen words": the share of the text's TF-IDF mass on
out-of-vocabulary terms (each weighed with the IDF of a term no training text had), above
``NOVELTY_FLOOR`` (a text of a known outlet has about half its mass there, mostly rare word
pairs and names), times ``NOVELTY_SCALE``. The known terms are normalised together with the
unseen mass, as they would be if the unseen terms were columns. The column is 0 on every
training text (by construction, none of its words is unseen), so the classifier learns no
weight for it from data: its weight is the classifier's smoothing, which pulls a novel text
away from the topics with the most training mass.
``fit_transform`` therefore differs from ``fit().transform()`` on the same texts, as scikit-learn's
``TargetEncoder`` does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import repeat
from typing import Any

import numpy as np
import scipy.sparse as sp

from classifier.features import CompactTfidfVectorizer

NOVELTY_FLOOR = 0.55
"""The unseen share a text of a known outlet stays under most of the time (BBC holdout: median
0.54; a held-out outlet: 0.58-0.67)."""
NOVELTY_SCALE = 20.0
"""The column's weight, chosen on held-out outlets with the BBC-2005 holdout kept at its bar."""
UNSEEN = "unseen words"


class NoveltyTfidfVectorizer(CompactTfidfVectorizer):
    """TF-IDF (sublinear, l2) over the vocabulary, then the "unseen words" column."""

    def fit_transform(self, raw_documents: Iterable[str], y: Any = None) -> sp.csr_matrix:
        """Fit the TF-IDF; the training texts' matrix with an all-zero unseen column."""
        features = super().fit_transform(raw_documents, y)
        # The smooth IDF (as TfidfTransformer computes it) of a term in no training text.
        self.unseen_idf_ = float(np.log(1.0 + features.shape[0]) + 1.0)
        self.novelty_ = (NOVELTY_FLOOR, NOVELTY_SCALE)
        return sp.hstack([features, sp.csr_matrix((features.shape[0], 1))], format="csr")

    def fit(self, raw_documents: Iterable[str], y: Any = None) -> NoveltyTfidfVectorizer:
        """Fit the TF-IDF (see ``fit_transform``)."""
        self.fit_transform(raw_documents, y)
        return self

    def transform(self, raw_documents: Iterable[str]) -> sp.csr_matrix:
        """The texts' TF-IDF, normalised with their unseen mass, then the unseen column."""
        tf, unseen_tf, unseen_tf2 = self._sublinear_counts(raw_documents)
        weighted = tf.multiply(self.idf_).tocsr()
        known_mass = np.asarray(weighted.sum(axis=1)).ravel()
        known_sq = np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel()
        unseen_mass = unseen_tf * self.unseen_idf_
        norm = np.sqrt(known_sq + unseen_tf2 * self.unseen_idf_**2)
        norm[norm == 0] = 1.0
        share = unseen_mass / np.maximum(known_mass + unseen_mass, 1e-12)
        floor, scale = self.novelty_
        column = scale * np.maximum(share - floor, 0.0)
        features = sp.diags(1.0 / norm) @ weighted
        return sp.hstack([features, sp.csr_matrix(column[:, None])], format="csr")

    def _sublinear_counts(
        self, documents: Iterable[str]
    ) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
        """(1 + ln count of each known term, and per text the sum of 1 + ln count over its
        unseen terms and of its squares), counted as CountVectorizer counts the known ones."""
        analyze, lookup = self.build_analyzer(), self.vocabulary_.get
        columns: list[int] = []
        counts: list[int] = []
        sizes: list[int] = []
        for document in documents:
            terms = Counter(analyze(document))
            columns.extend(map(lookup, terms, repeat(-1)))  # -1: not in the vocabulary
            counts.extend(terms.values())
            sizes.append(len(terms))
        column = np.asarray(columns, dtype=np.int64)
        weight = 1.0 + np.log(np.asarray(counts, dtype=np.float64))
        row = np.repeat(np.arange(len(sizes)), sizes)
        known = column >= 0
        unseen = np.bincount(row[~known], weights=weight[~known], minlength=len(sizes))
        unseen2 = np.bincount(row[~known], weights=weight[~known] ** 2, minlength=len(sizes))
        shape = (len(sizes), len(self.vocabulary_))
        tf = sp.csr_matrix((weight[known], (row[known], column[known])), shape=shape)
        return tf, unseen, unseen2

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The vocabulary's terms, then ``UNSEEN``."""
        names = super().get_feature_names_out(input_features)
        return np.concatenate([names.astype(object), np.array([UNSEEN], dtype=object)])
