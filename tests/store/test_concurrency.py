"""Refreshes running at once never duplicate an article nor fail on each other's locks."""

from __future__ import annotations

import random
import threading

from store import ArticleQuery, Store
from tests.store.fixtures import make_article

_URLS = [f"https://news.example/story/{n}" for n in range(60)]
_VARIANTS = ["{}", "{}/", "{}?utm_source=rss", "{}#comments", "{}?CMP=share_btn_tw"]


def _refresh(
    store: Store, seed: int, start: threading.Barrier, errors: list[BaseException]
) -> None:
    rng = random.Random(seed)
    try:
        start.wait(timeout=30)
        refresh = store.start_refresh(["a", "b"])
        for source_id in ("a", "b", "a"):
            picked = rng.sample(_URLS, 40)
            batch = [
                make_article(rng.choice(_VARIANTS).format(url), source_id, title=f"{seed}")
                for url in picked
            ]
            store.save_source_result(refresh, source_id, batch)
        store.finish_refresh(refresh)
    except BaseException as exc:
        errors.append(exc)


def test_concurrent_refreshes_never_duplicate(store: Store) -> None:
    threads = 6
    start = threading.Barrier(threads)
    errors: list[BaseException] = []
    workers = [
        threading.Thread(target=_refresh, args=(store, seed, start, errors))
        for seed in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert errors == []
    urls = [a.url for a in store.articles(ArticleQuery(limit=500)).items]
    assert sorted(urls) == sorted(_URLS)  # every story once, whatever spelling each run saw
    refreshes = store.recent_refreshes(limit=threads)
    assert len(refreshes) == threads and all(r.status == "ok" for r in refreshes)
