"""The poisoning attack replayed: one client posts 44 wrong corrections, then a retrain.

Seen in the wild (issue 16): an anonymous client labelled 44 sport articles as another
topic, and the next retrain promoted a model that repeated the lie. Here the same attack
runs against the store and the gate, and the live model must not learn it.
"""

from __future__ import annotations

from classifier.corpus import Corpus
from classifier.loading import load_model
from classifier.model import TopicModel
from classifier.registry import Registry
from learning import retrain
from store import ArticleQuery, Store
from tests.learning.conftest import TOPICS, add_labelled

ATTACKER, TOPIC, VICTIM = "addr:attacker", "business", "sport"


def _attacked(store: Store) -> list[int]:
    items = store.articles(ArticleQuery(limit=500)).items
    sport = [a for a in items if a.section_label == VICTIM]
    return [a.id for a in sorted(sport, key=lambda a: a.id)][:44]


def _share_with_topic(model: TopicModel, store: Store, ids: list[int]) -> float:
    articles = [store.article(i) for i in ids]
    texts = [f"{a.title}\n{a.text}" for a in articles if a is not None]
    return sum(p.label == TOPIC for p in model.predict(texts)) / len(texts)


def test_44_wrong_corrections_from_one_client_do_not_reach_the_live_model(
    store: Store, registry: Registry, champion: TopicModel, tiny_corpus: Corpus
) -> None:
    add_labelled(store, per_label=30, old_share=0.0)
    first = retrain(store, registry, champion, tiny_corpus, TOPICS, folds=3)
    assert first.promoted and first.version is not None, first.reasons
    live = load_model(registry.model_dir(first.version))
    attacked = _attacked(store)
    before = _share_with_topic(live, store, attacked)
    for article_id in attacked:
        store.add_correction(article_id, TOPIC, live.version, ATTACKER)
    # The attacker may repeat itself: its newest correction per article is its one vote.
    for article_id in attacked[:10]:
        store.add_correction(article_id, TOPIC, live.version, ATTACKER)
    report = retrain(store, registry, live, tiny_corpus, TOPICS, folds=3)
    champion_now = load_model(registry.model_dir(registry.champion() or ""))
    after = _share_with_topic(champion_now, store, attacked)
    print(f"\nattacked articles labelled {TOPIC}: before {before:.0%}, after {after:.0%};")
    print(f"promoted: {report.promoted}; {'; '.join(report.reasons)}")
    assert after <= 0.10
    assert len(store.corrections(per_client=20)) == 20  # the attacker's newest 20 count


def test_the_gate_refuses_a_gain_on_corrections_that_loses_the_newspapers_labels() -> None:
    from learning.evaluate import decide

    def metrics(bbc: float, modern: float, fixes: float, period: float) -> dict[str, object]:
        return {
            "bbc_holdout": {"accuracy": bbc},
            "modern_holdout": {"accuracy": modern},
            "corrections_holdout": {"accuracy": fixes},
            "newspaper_period": {"accuracy": period},
        }

    poisoned = metrics(0.984, 0.90, 1.0, 0.80)
    champion = metrics(0.988, 0.85, 0.10, 0.95)
    promoted, reasons = decide(poisoned, champion)
    assert not promoted
    assert any("gains on corrections while losing here" in r for r in reasons), reasons
    honest = metrics(0.986, 0.90, 0.80, 0.95)
    assert decide(honest, champion)[0]
    worse_on_fixes = metrics(0.986, 0.90, 0.05, 0.95)
    assert not decide(worse_on_fixes, champion)[0]
