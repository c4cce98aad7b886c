"""Retraining behind the gate: promotion, refusal, registry history, relabelling."""

from __future__ import annotations

from classifier.corpus import Corpus
from classifier.loading import load_model
from classifier.model import OTHER, TopicModel
from classifier.registry import Registry
from learning import relabel, retrain
from learning.outlet_training import train_outlets
from learning.outlets import article_views
from store import ArticleQuery, Store
from tests.learning.conftest import TOPICS, add_labelled


def test_a_candidate_that_learnt_modern_words_is_promoted_and_relabels(
    store: Store, registry: Registry, champion: TopicModel, tiny_corpus: Corpus
) -> None:
    add_labelled(store, per_label=30, old_share=0.0)
    report = retrain(store, registry, champion, tiny_corpus, TOPICS, folds=3)
    data = report.to_dict()
    assert report.promoted, report.reasons
    assert registry.champion() == report.version == data["version"]
    candidate, before = data["metrics"]["candidate"], data["metrics"]["champion"]
    assert candidate["modern_holdout"]["accuracy"] > before["modern_holdout"]["accuracy"]
    assert candidate["bbc_holdout"]["accuracy"] >= before["bbc_holdout"]["accuracy"] - 0.005
    assert set(candidate["modern_holdout"]["by_newspaper"]) == {"paper-a", "paper-b"}
    [entry] = registry.history()
    assert entry["promoted"] and entry["version"] == report.version
    assert report.version is not None
    promoted = load_model(registry.model_dir(report.version))
    assert OTHER in promoted.classes and promoted.labels == TOPICS
    assert promoted.metadata["cv_folds"] == 3 and promoted.metadata["split"]["seed"] == 42

    count = relabel(store, promoted, batch_size=7)
    page = store.articles(ArticleQuery(limit=500))
    assert count == len(page.items)
    assert {article.model_version for article in page.items} == {promoted.version}
    assert relabel(store, promoted) == 0  # nothing left with another version


def test_a_candidate_trained_on_corrupted_labels_is_refused(
    store: Store, registry: Registry, champion: TopicModel, tiny_corpus: Corpus
) -> None:
    # The older 80 % of the newspapers' labels are rotated (sport filed as business, ...);
    # the newest articles, which the gate holds out, are labelled correctly.
    add_labelled(store, per_label=30, old_share=0.9, corrupt_oldest=0.8)
    report = retrain(store, registry, champion, tiny_corpus, TOPICS, folds=3)
    assert not report.promoted
    assert any("does not win" in reason for reason in report.reasons), report.reasons
    assert registry.champion() is None and registry.versions() == []
    [entry] = registry.history()
    assert entry["promoted"] is False and entry["candidate"]["modern_holdout"]["n"] > 0


def test_without_labelled_articles_nothing_is_promoted(
    store: Store, registry: Registry, champion: TopicModel, tiny_corpus: Corpus
) -> None:
    report = retrain(store, registry, champion, tiny_corpus, TOPICS, folds=3)
    assert not report.promoted
    assert any("no modern holdout" in reason for reason in report.reasons)


def test_the_promoted_model_describes_itself_like_the_shipped_one(
    store: Store, registry: Registry, champion: TopicModel, tiny_corpus: Corpus
) -> None:
    add_labelled(store, per_label=30, old_share=0.0)
    report = retrain(store, registry, champion, tiny_corpus, TOPICS, folds=3, seed=7)
    assert report.version is not None
    metadata = load_model(registry.model_dir(report.version)).metadata
    for key in ("labels", "classes", "corpus", "model", "threshold", "versions", "artifact"):
        assert key in metadata
    assert metadata["split"]["seed"] == 7 and metadata["cv_folds"] == 3
    assert metadata["metrics"]["holdout"]["documents"] == len(champion.metadata["holdout_ids"])
    assert metadata["holdout_ids"] == champion.metadata["holdout_ids"]
    assert metadata["data"]["newspaper"] > 0 and metadata["data"]["newspapers"] == [
        "paper-a",
        "paper-b",
    ]


def test_the_report_command_reads_a_promoted_model(
    store: Store, registry: Registry, champion: TopicModel, tiny_corpus: Corpus
) -> None:
    from learning.report import render

    add_labelled(store, per_label=30, old_share=0.0)
    report = retrain(store, registry, champion, tiny_corpus, TOPICS, folds=3)
    assert report.version is not None
    text = render(load_model(registry.model_dir(report.version)).metadata)
    assert "held out:" in text and "Holdout" in text


def test_outlet_articles_the_store_also_holds_are_trained_on_once_from_the_store(
    store: Store, registry: Registry, champion: TopicModel, tiny_corpus: Corpus
) -> None:
    # An archive that re-imports an outlet's own file: the outlet's copies (whitespace aside)
    # are left out, so nothing counts twice and the gate's held-out articles stay unseen.
    add_labelled(store, per_label=30, old_share=0.0)
    stored = [a for a in store.labelled_articles() if a.label in TOPICS]
    copies = [
        view
        for number, article in enumerate(stored)
        for view in article_views(
            f" {article.title} ", article.text, article.label, "outlet", f"outlet:{number}"
        )
    ]
    fresh = article_views("sport story", "striker goal league final.", "sport", "outlet", "new")
    report = retrain(
        store, registry, champion, tiny_corpus, TOPICS, folds=3, outlets=[*copies, *fresh]
    )
    sources = report.training["sources"]
    assert sum(counts.get("outlet", 0) for counts in sources.values()) == 1  # the new one
    assert sum(counts.get("paper-a", 0) for counts in sources.values()) > 0


def test_a_champion_is_not_judged_on_held_out_articles_it_learnt_from_an_outlet(
    store: Store, registry: Registry, champion: TopicModel, tiny_corpus: Corpus
) -> None:
    add_labelled(store, per_label=30, old_share=0.0)
    outlets = [
        view
        for number, article in enumerate(store.labelled_articles())
        for view in article_views(
            article.title, article.text, article.label, f"copy-{article.source_id}", str(number)
        )
    ]
    trained = train_outlets(outlets, TOPICS)  # the champion learnt every stored article
    metadata = {**trained.describe(), "holdout_ids": champion.metadata["holdout_ids"]}
    knowing = TopicModel(trained.pipeline, metadata)
    report = retrain(store, registry, knowing, tiny_corpus, TOPICS, folds=3, outlets=outlets)
    assert not report.promoted
    assert report.candidate["modern_holdout"]["n"] == 0
    assert any(r.startswith("no modern holdout: the ") and "champion trained on" in r
               for r in report.reasons), report.reasons  # fmt: skip
