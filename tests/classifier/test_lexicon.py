"""The pooled lexicon columns: what they add, and a served pipeline that carries them."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import Pipeline

from classifier.lexicon import (
    CRIME_WORDS,
    JUSTICE_SCALE,
    JUSTICE_WORDS,
    OFFENCE_WORDS,
    LexiconPool,
    lexicon_columns,
)
from classifier.model import TopicModel
from learning.training import vectorizer


def test_the_pooled_column_is_the_capped_scaled_mass_of_the_lexicon_columns() -> None:
    features = sp.csr_matrix(np.array([[0.6, 0.3, 0.1], [0.0, 0.0, 1.0], [0.9, 0.8, 0.0]]))
    pooled = LexiconPool(columns=(0, 1), scale=2.0, cap=1.0).fit(features).transform(features)
    assert pooled.shape == (3, 4)
    np.testing.assert_allclose(pooled[:, :3].toarray(), features.toarray())
    np.testing.assert_allclose(pooled[:, 3].toarray().ravel(), [1.8, 0.0, 2.0])


def test_only_words_the_vocabulary_knows_become_columns() -> None:
    vocabulary = {"police": 4, "goal": 1, "arrest": 0}
    assert lexicon_columns(vocabulary, ["arrest", "police", "unknown"]) == (0, 4)
    assert {"police", "arrest", "murder"} <= CRIME_WORDS


def test_a_served_model_reads_the_pool_and_names_it_in_explanations() -> None:
    texts = ["police arrest suspect after shooting", "police charge man with murder",
             "team win the cup final", "striker score late goal in final"] * 3  # fmt: skip
    labels = ["crime", "crime", "sport", "sport"] * 3
    tfidf = vectorizer()
    words = tfidf.fit_transform(texts)
    pool = LexiconPool(lexicon_columns(tfidf.vocabulary_, CRIME_WORDS), name="crime words")
    features = pool.fit(words).transform(words)
    classifier = ComplementNB().fit(features, labels)
    cleaner = Pipeline([("identity", "passthrough")])
    pipeline = Pipeline([("clean", cleaner), ("tfidf", tfidf), ("lexicon", pool),
                         ("clf", classifier)])  # fmt: skip
    model = TopicModel(pipeline, {"labels": ["crime", "sport"], "threshold": {"value": 0.0}})
    assert model.predict(["police arrest a gunman"])[0].label == "crime"
    terms = [term.term for term in model.explain("police arrest a gunman", k=5)]
    assert "crime words" in terms and "police" in terms


def test_a_meet_column_needs_both_word_lists_in_the_text() -> None:
    # columns: 0 "france", 1 "summit", 2 "goal"
    features = sp.csr_matrix(np.array([[0.5, 0.4, 0.0], [0.7, 0.0, 0.6], [0.0, 0.9, 0.1]]))
    pool = LexiconPool(columns=(0,), meet=(1,), scale=2.0).fit(features)
    world = pool.transform(features)[:, 3].toarray().ravel()
    np.testing.assert_allclose(world, [0.8, 0.0, 0.0])


def test_an_unless_column_takes_the_second_mass_off_down_to_zero() -> None:
    # columns: 0 "senator", 1 "vote", 2 "venezuela"
    features = sp.csr_matrix(np.array([[0.5, 0.4, 0.0], [0.3, 0.3, 0.2], [0.0, 0.3, 0.8]]))
    pool = LexiconPool(columns=(0, 1), unless=(2,), scale=2.0).fit(features)
    politics = pool.transform(features)[:, 3].toarray().ravel()
    np.testing.assert_allclose(politics, [1.8, 0.8, 0.0])  # a vote abroad is not politics here


def test_a_pool_saved_before_meet_existed_still_transforms() -> None:
    features = sp.csr_matrix(np.array([[0.5, 0.4]]))
    pool = LexiconPool(columns=(0,), scale=4.0).fit(features)
    del pool.meet, pool.unless  # as skops restores a model trained before the world column
    np.testing.assert_allclose(pool.transform(features)[:, 2].toarray().ravel(), [2.0])


def test_the_justice_column_fires_on_an_offence_met_with_the_justice_process_anywhere() -> None:
    texts = [
        "peruvian police arrest three suspects after a bomb at a nightclub",  # crime abroad
        "court sentences gang leader for murder and fraud",  # crime at home
        "senator testifies at impeachment trial in court",  # justice, no offence: politics
        "troops kill rebels as the army advances on the capital",  # offence, no justice: war
    ] * 2  # min_df=2
    tfidf = vectorizer()
    words = tfidf.fit_transform(texts)
    vocabulary = tfidf.vocabulary_
    pool = LexiconPool(lexicon_columns(vocabulary, OFFENCE_WORDS), scale=JUSTICE_SCALE,
                       name="offence and justice",
                       meet=lexicon_columns(vocabulary, JUSTICE_WORDS)).fit(words)  # fmt: skip
    column = pool.transform(words)[:4, -1].toarray().ravel()
    assert column[0] > 0 and column[1] > 0
    assert column[2] == 0 and column[3] == 0


def test_court_and_trial_words_count_only_in_the_justice_list() -> None:
    assert {"court", "trial", "judge", "verdict"} <= JUSTICE_WORDS
    assert not {"court", "trial", "judge", "verdict"} & (CRIME_WORDS | OFFENCE_WORDS)
