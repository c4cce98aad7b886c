"""The shipped recipe's features, and held-out-outlet predictions that never see the held-out text.

The features are TF-IDF (words and word pairs, then the "unseen words" column of
``classifier.novelty``) plus the pooled lexicon columns
(``classifier.lexicon``): crime words and offence met with justice when crime is learnt,
foreign places met with statecraft when world is learnt, election and legislature words less
foreign places when politics is learnt. Each fitted step also carries its columns' nearest
words in meaning, for the classifier's semantic smoothing (``learning.word_neighbours``).

``held_out_probabilities`` predicts each outlet with a model trained on the others, and fits
the *whole* feature step (vocabulary, IDF, pooled columns) inside each split, as
``cross_val_predict`` does with a Pipeline. Fitting the vocabulary once on every text, the
held-out outlet's own words became columns (never seen in training, yet they moved the scores
through ComplementNB's smoothing) and its texts shaped the IDF: that made held-out outlets
look 5 points better than an outlet the served model has never read (BENCHMARKS.md, *An
honest held-out vocabulary*). Calibration and the `other` cut are chosen on these predictions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.naive_bayes import ComplementNB

from classifier.features import CompactTfidfVectorizer
from classifier.lexicon import (
    CRIME_SCALE,
    CRIME_WORDS,
    JUSTICE_SCALE,
    JUSTICE_WORDS,
    OFFENCE_WORDS,
    POLITICS_SCALE,
    POLITICS_WORDS,
    STATECRAFT_WORDS,
    WORLD_SCALE,
    LexiconPool,
    lexicon_columns,
)
from classifier.novelty import NOVELTY_FLOOR, NOVELTY_SCALE
from classifier.places import foreign_place_names, place_terms
from classifier.text import TextCleaner
from learning.training import vectorizer
from learning.word_neighbours import DESCRIPTION as SMOOTHING
from learning.word_neighbours import neighbour_matrix, shipped_table, smooth_counts

CRIME = "crime"
POLITICS = "politics"
WORLD = "world"
NGRAMS = (1, 2)
VECTORIZER = "TF-IDF, sublinear tf, min_df=2, words and word pairs, and the unseen-words column"
"""model.json's ``model.vectorizer`` of a model trained by this recipe."""
UNSEEN_COLUMN = {
    "floor": NOVELTY_FLOOR,
    "scale": NOVELTY_SCALE,
    "column": "share of the text's TF-IDF mass on words and pairs outside the vocabulary, "
    "above the floor, times the scale; 0 on training texts",
}
"""model.json's ``model.unseen_column``."""
COLUMNS = {
    "unseen_column": UNSEEN_COLUMN,
    "lexicon": {
        "words": len(CRIME_WORDS),
        "scale": CRIME_SCALE,
        "column": "pooled TF-IDF of crime words, capped at 1",
    },
    "justice_column": {
        "offence_words": len(OFFENCE_WORDS),
        "justice_words": len(JUSTICE_WORDS),
        "scale": JUSTICE_SCALE,
        "column": "min(pooled TF-IDF of offence words, pooled TF-IDF of justice-process words), "
        "each capped at 1",
    },
    "world_column": {
        "statecraft_words": len(STATECRAFT_WORDS),
        "scale": WORLD_SCALE,
        "column": "min(pooled TF-IDF of foreign places (countryinfo), pooled TF-IDF of "
        "statecraft words), each capped at 1",
    },
    "politics_column": {
        "words": len(POLITICS_WORDS),
        "scale": POLITICS_SCALE,
        "column": "pooled TF-IDF of election, party and legislature words minus pooled TF-IDF "
        "of foreign places (countryinfo), each capped at 1, floored at 0",
    },
    "semantic_smoothing": SMOOTHING,
}
"""model.json's description of the columns after the words (``model.*_column``, ``lexicon``)
and of the classifier's semantic smoothing (``model.semantic_smoothing``)."""


def pools(
    classes: Sequence[str], vocabulary: dict[str, int], places: frozenset[str]
) -> list[tuple[str, LexiconPool]]:
    """The lexicon columns for ``classes`` (``places``: the cleaned foreign place names). Only
    a model that learns crime (world, politics) gets the crime and justice (world, politics)
    columns: without the class they would push those stories confidently into another topic."""
    found: list[tuple[str, LexiconPool]] = []
    if CRIME in classes:
        found.append(("lexicon", LexiconPool(lexicon_columns(vocabulary, CRIME_WORDS))))
        justice = LexiconPool(
            lexicon_columns(vocabulary, OFFENCE_WORDS), scale=JUSTICE_SCALE,
            name="offence and justice", meet=lexicon_columns(vocabulary, JUSTICE_WORDS),
        )  # fmt: skip
        found.append(("justice", justice))
    if WORLD in classes:
        world = LexiconPool(
            lexicon_columns(vocabulary, places), scale=WORLD_SCALE, name="foreign affairs",
            meet=lexicon_columns(vocabulary, STATECRAFT_WORDS),
        )  # fmt: skip
        found.append(("world", world))
    if POLITICS in classes:
        politics = LexiconPool(
            lexicon_columns(vocabulary, POLITICS_WORDS), scale=POLITICS_SCALE,
            name="elections and parties", unless=lexicon_columns(vocabulary, places),
        )  # fmt: skip
        found.append(("politics", politics))
    return found


def cleaned_places(cleaner: TextCleaner) -> frozenset[str]:
    """The foreign place names as the model's cleaner writes them."""
    return frozenset(place_terms(cleaner.transform(foreign_place_names())))


@dataclass
class Features:
    """A fitted feature step: the TF-IDF and the pooled columns after it, and each column's
    nearest words in meaning for the classifier's semantic smoothing (training only)."""

    tfidf: CompactTfidfVectorizer
    pools: list[tuple[str, LexiconPool]]
    neighbours: Any

    def transform(self, cleaned: Sequence[str]) -> Any:
        """The feature matrix of cleaned texts."""
        features = self.tfidf.transform(cleaned)
        for _, pool in self.pools:
            features = pool.transform(features)
        return features


def fit_features(
    cleaned: Sequence[str], classes: Sequence[str], places: frozenset[str]
) -> tuple[Features, Any]:
    """(the feature step fitted on ``cleaned``, their feature matrix)."""
    tfidf = vectorizer(novelty=True).set_params(ngram_range=NGRAMS)
    features = tfidf.fit_transform(cleaned)
    fitted = pools(classes, tfidf.vocabulary_, places)
    for _, pool in fitted:
        features = pool.fit(features).transform(features)
    neighbours = neighbour_matrix(tfidf.vocabulary_, features.shape[1], shipped_table())
    return Features(tfidf, fitted, neighbours), features


def held_out_probabilities(
    cleaned: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray,
    cv: Any,
    classes: Sequence[str],
    places: frozenset[str],
    alpha: float,
) -> np.ndarray:
    """Each text's class probabilities (columns in sorted ``classes`` order) from a model whose
    features and classifier were fitted without its split (``cv``, e.g. one outlet)."""
    order = sorted(classes)
    probabilities = np.zeros((len(y), len(order)))
    for train, test in cv.split(cleaned, y):
        step, features = fit_features(cleaned[train].tolist(), classes, places)
        model = ComplementNB(alpha=alpha).fit(features, y[train], sample_weight=weights[train])
        smooth_counts(model, step.neighbours)
        columns = np.searchsorted(order, model.classes_)
        probabilities[np.ix_(test, columns)] = model.predict_proba(
            step.transform(cleaned[test].tolist())
        )
    return probabilities
