"""Bench: the poisoning attack of issue 16 replayed end to end on the dev data.

``python -m bench.poisoning`` (NEWS_CORPUS, NLTK_DATA set): in a temporary VAR_DIR with a
SQLite store, imports the early HuffPost weeks (``python -m scraper import``), retrains once
(the honest modern model), then one client posts 44 wrong corrections (sport -> politics)
through ``POST /api/v1/articles/{id}/correction`` (the real API, Flask's test client, one
client address) and ``python -m classifier retrain`` runs again. Printed: how many posts
were accepted under the default ``CORRECTIONS=token`` and under ``open``, the retrain's
decision, and the share of attacked articles the live model labels politics before and
after. Bar: at most 10 %.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # always first: bench/stories.py must not shadow `stories`

from bench.retrain import _run  # noqa: E402

ATTACKS, VICTIM, TOPIC, ADDRESS = 44, "sport", "politics", "203.0.113.7"
SPLIT_DATE = "2018-04-09"
"""The HuffPost weeks before this date are imported (the modern labelled articles)."""


def write_archive(path: Path) -> int:
    """HuffPost's early weeks as an import archive, labelled by their sections; line count."""
    from settings import get_settings

    source = get_settings().news_data / "huffpost-2018-spring.jsonl.gz"
    lines = 0
    with gzip.open(source, "rt", encoding="utf-8") as items, gzip.open(path, "wt") as out:
        for item in map(json.loads, items):
            if item["date"] >= SPLIT_DATE:
                continue
            line = {
                "url": item["link"],
                "title": item["headline"],
                "text": item["short_description"] or item["headline"],
                "published": f"{item['date']}T12:00:00Z",
                "newspaper": "huffpost",
                "section": item["category"].lower(),
            }
            out.write(json.dumps(line) + "\n")
            lines += 1
    return lines


def _post_all(env: dict[str, str], ids: list[int]) -> int:
    """Post the wrong corrections through the app's API; return how many were accepted."""
    os.environ.update(env)
    from runtime.web import build_web
    from settings import get_settings

    client = build_web(get_settings()).server.test_client()  # what app.py builds
    url = "/api/v1/articles/{}/correction"
    accepted = 0
    for article_id in ids:
        response = client.post(
            url.format(article_id), json={"label": TOPIC}, environ_base={"REMOTE_ADDR": ADDRESS}
        )
        accepted += response.status_code == 201
    return accepted


def _share(ids: list[int], database_url: str) -> float:
    from classifier.article import model_input
    from runtime.services import champion
    from settings import get_settings
    from store import open_store

    store, model = open_store(database_url), champion(get_settings())
    articles = [a for a in (store.article(i) for i in ids) if a is not None]
    labels = model.predict([model_input(a.title, a.text, a.summary) for a in articles])
    return sum(p.label == TOPIC for p in labels) / len(articles)


def main() -> int:
    """Run the attack; 0 when at most 10 % of the attacked articles carry the attacker's topic."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        database_url = f"sqlite:///{tmp / 'news.db'}"
        env = {**os.environ, "VAR_DIR": str(tmp / "var"), "DATABASE_URL": database_url}
        env.pop("API_TOKEN", None)
        write_archive(tmp / "early.jsonl.gz")
        assert _run(env, "scraper", "import", str(tmp / "early.jsonl.gz")).returncode == 0
        first = _run(env, "classifier", "retrain", "--json")
        print("first retrain:", json.loads(first.stdout)["reasons"])
        from store import open_store

        # The oldest sport articles: trained on, not held out (the attacker's best case).
        labelled = open_store(database_url).labelled_articles()
        sport = [a.article_id for a in labelled if a.label == VICTIM][:ATTACKS]
        os.environ.update({"VAR_DIR": env["VAR_DIR"], "DATABASE_URL": database_url})
        before = _share(sport, database_url)
        refused = _post_all({**env, "CORRECTIONS": "token"}, sport)
        accepted = _post_all({**env, "CORRECTIONS": "open"}, sport)
        second = _run(env, "classifier", "retrain", "--json")
        report = json.loads(second.stdout)
        after = _share(sport, database_url)
    print(f"default CORRECTIONS=token: {refused} of {len(sport)} anonymous posts accepted")
    print(f"CORRECTIONS=open: {accepted} of {len(sport)} accepted (one client address)")
    print(f"second retrain promoted: {report['promoted']}; {'; '.join(report['reasons'])}")
    print(f"attacked articles labelled {TOPIC}: before {before:.1%}, after {after:.1%}")
    return 0 if after <= 0.10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
