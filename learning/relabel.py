"""Relabel stored articles with a (newly promoted) model, in batches, recording its version."""

from __future__ import annotations

from collections.abc import Callable

from classifier.article import label_fields, model_input
from classifier.model import TopicModel
from store import Store
from store.records import Relabel

BATCH = 500

Progress = Callable[[int], None]


def relabel(
    store: Store,
    model: TopicModel,
    *,
    batch_size: int = BATCH,
    progress: Progress = lambda _done: None,
) -> int:
    """Give every article not yet labelled by ``model.version`` the model's label; return how many.

    Each batch is read and written in its own transaction, so the web app keeps serving and an
    interrupted run resumes where it stopped (articles already relabelled are skipped).
    """
    version = model.version
    done = 0
    for batch in store.article_batches(batch_size, not_version=version):
        predictions = model.predict([model_input(a.title, a.text) for a in batch])
        done += store.relabel(
            [
                Relabel(article.id, **label_fields(prediction, version))
                for article, prediction in zip(batch, predictions, strict=True)
            ]
        )
        progress(done)
    return done
