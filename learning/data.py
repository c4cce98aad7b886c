"""Training and evaluation data for retraining: the BBC corpus and the store's labelled articles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from classifier.article import model_input
from classifier.corpus import Corpus
from classifier.topics import is_label
from learning.examples import CORPUS, CORRECTION, NEWSPAPER, Example
from store.records import LabelledArticle

HOLDOUT_FRACTION = 0.2
"""Share of each newspaper's newest labelled articles kept out of training for the gate."""
MAX_HOLDOUT = 500
"""At most this many held-out articles per newspaper."""
MIN_ARTICLES = 5
"""A newspaper (or the corrections) with fewer labelled articles is not held out from."""
CORRECTIONS_PER_CLIENT = 20
"""Only each client's newest this-many corrections count (``Store.corrections``)."""


@dataclass(frozen=True)
class Dataset:
    """What a candidate trains on and the three held-out sets it is judged on."""

    train: list[Example]
    bbc_holdout: list[Example]
    modern_holdout: list[Example]
    corrections_holdout: list[Example]
    newspaper_period: list[Example] = field(default_factory=list)
    """Uncorrected newspaper-labelled articles from the time span of the corrections: what
    the newspapers themselves said in the period readers corrected (a poisoning check)."""


def _example(article: LabelledArticle, kind: str) -> Example:
    when = article.published or article.first_seen
    return Example(
        model_input(article.title, article.text),
        article.label,
        article.source_id,
        kind,
        order=when.timestamp(),
    )


def newest(
    examples: Sequence[Example], fraction: float, cap: int
) -> tuple[list[Example], list[Example]]:
    """(older, newest) of ``examples``: the newest ``fraction`` (at most ``cap``) held out."""
    ordered = sorted(examples, key=lambda example: example.order)
    if len(ordered) < MIN_ARTICLES:
        return ordered, []
    count = min(cap, max(1, round(len(ordered) * fraction)))
    return ordered[: len(ordered) - count], ordered[len(ordered) - count :]


def build_dataset(
    corpus: Corpus,
    bbc_holdout_ids: set[str],
    labelled: Sequence[LabelledArticle],
    corrections: Sequence[LabelledArticle],
    topics: Sequence[str],
) -> Dataset:
    """Split the data: BBC holdout by id, modern holdout by time per newspaper, corrections by time.

    Labels outside ``topics`` and ``other`` are ignored. The newspapers' holdout is chosen
    from every newspaper-labelled article, corrected or not; a corrected article is trained
    on with its correction, unless it is held out (then it is not trained on at all).
    """
    wanted = set(topics)
    documents = [doc for doc in corpus.documents if doc.label in wanted]
    bbc_train = [
        Example(doc.text, doc.label, "bbc", CORPUS)
        for doc in documents
        if doc.doc_id not in bbc_holdout_ids
    ]
    bbc_holdout = [
        Example(doc.text, doc.label, "bbc", CORPUS)
        for doc in documents
        if doc.doc_id in bbc_holdout_ids
    ]
    corrected = {article.article_id for article in corrections}
    by_paper: dict[str, list[tuple[int, Example]]] = {}
    for article in labelled:
        if is_label(article.label, topics):
            pair = (article.article_id, _example(article, NEWSPAPER))
            by_paper.setdefault(article.source_id, []).append(pair)
    train = list(bbc_train)
    modern_holdout: list[Example] = []
    held_ids: set[int] = set()
    uncorrected: list[Example] = []
    for pairs in by_paper.values():
        ids = {id(example): article_id for article_id, example in pairs}
        older, held = newest([example for _, example in pairs], HOLDOUT_FRACTION, MAX_HOLDOUT)
        # Corrections never take an article out of the newspapers' holdout: whoever writes
        # corrections must not choose what the gate is judged on.
        modern_holdout += held
        held_ids.update(ids[id(example)] for example in held)
        train += [e for e in older if ids[id(e)] not in corrected]  # else its correction
        uncorrected += [e for e in older + held if ids[id(e)] not in corrected]
    fixes = [
        _example(a, CORRECTION)
        for a in corrections
        if is_label(a.label, topics) and a.article_id not in held_ids
    ]
    older_fixes, held_fixes = newest(fixes, HOLDOUT_FRACTION, MAX_HOLDOUT)
    period: list[Example] = []
    if fixes:
        first, last = min(f.order for f in fixes), max(f.order for f in fixes)
        period = [e for e in uncorrected if first <= e.order <= last]
    return Dataset(
        train=train + older_fixes,
        bbc_holdout=bbc_holdout,
        modern_holdout=modern_holdout,
        corrections_holdout=held_fixes,
        newspaper_period=period,
    )
