"""Importing an archive into the store (SQLite, PostgreSQL): labelled, de-duplicated, reported."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from archive import ArchiveError, ImportReport, import_archive
from classifier import OTHER, TopicModel
from scraper.vocabulary import section_topic
from store import ArticleQuery, Store, normalise_url, open_store
from tests.archive.conftest import huffpost_archive, line, write_lines
from tests.store.fixtures import make_article, utc


def _import(path: Path, store: Store, model: TopicModel, batch_size: int = 500) -> ImportReport:
    return import_archive(
        path,
        store=store,
        model=model,
        topics=(*model.labels, OTHER),
        configured=("guardian",),
        batch_size=batch_size,
    )


def test_good_lines_are_labelled_and_stored_bad_ones_reported(
    tmp_path: Path, store: Store, model: TopicModel
) -> None:
    path = write_lines(
        tmp_path / "a.jsonl",
        [
            line(1, topic="business", section="Markets"),
            line(2, published="yesterday"),
            line(3, url="https://OLD.example/news/1/?utm_source=x"),  # a duplicate of line 1
            line(4, newspaper="guardian", url="https://www.theguardian.com/a", topic="other"),
            line(5, url="ftp://old.example/5"),
        ],
    )
    bad: list[tuple[int, str]] = []
    report = import_archive(
        path,
        store=store,
        model=model,
        topics=(*model.labels, OTHER),
        configured=("guardian",),
        bad_line=lambda n, reason: bad.append((n, reason)),
    )
    assert (report.lines, report.stored, report.bad, report.duplicates) == (5, 2, 2, 1)
    assert [n for n, _ in bad] == [2, 5] and report.errors == bad
    assert bad[1][1].startswith("url: ")
    assert report.archive_only == ["oldpaper"] and not report.ok
    assert report.newspapers == {"oldpaper": 1, "guardian": 1}
    stored = {a.url: a for a in store.articles(ArticleQuery(limit=10)).items}
    first = stored["https://old.example/news/1"]
    assert (first.section, first.section_label) == ("Markets", "business")
    assert first.source_id == "oldpaper"
    assert first.label == "business" and first.model_version == model.version
    assert first.published == utc(2018, 4, 30, 9) and first.refresh_id is None
    assert first.coverage is not None and first.coverage > 0.5
    assert stored["https://www.theguardian.com/a"].section_label == "other"
    assert report.to_dict()["errors"][0]["line"] == 2


def test_batches_and_progress_cover_the_whole_file(
    tmp_path: Path, store: Store, model: TopicModel
) -> None:
    path = write_lines(tmp_path / "a.jsonl.gz", [line(n) for n in range(7)])
    calls: list[tuple[int, int, str]] = []
    report = import_archive(
        path,
        store=store,
        model=model,
        topics=model.labels,
        configured=(),
        batch_size=3,
        progress=lambda done, total, message: calls.append((done, total, message)),
    )
    assert report.stored == 7 and report.ok
    assert [c[2] for c in calls] == ["3 articles", "6 articles", "7 articles"]
    assert calls[-1][0] == calls[-1][1] == path.stat().st_size


def test_reimporting_updates_instead_of_duplicating(
    tmp_path: Path, store: Store, model: TopicModel
) -> None:
    refresh = store.start_refresh(["oldpaper"])
    store.save_source_result(refresh, "oldpaper", [make_article(line(1)["url"], "oldpaper")])
    path = write_lines(tmp_path / "a.jsonl", [line(1, topic="sport"), line(2)])
    _import(path, store, model)
    _import(path, store, model)
    stored = store.articles(ArticleQuery(limit=10)).items
    assert len(stored) == 2
    assert {a.section_label for a in stored} == {"sport", None}


def test_a_damaged_file_keeps_the_batches_stored_before(
    tmp_path: Path, store: Store, model: TopicModel
) -> None:
    good = "".join(json.dumps(line(n)) + "\n" for n in range(6)).encode()
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(good + b"x" * 200_000)[:-40])
    with pytest.raises(ArchiveError, match="damaged"):
        _import(path, store, model, batch_size=2)
    assert len(store.articles(ArticleQuery(limit=10)).items) == 6


def test_huffpost_converted_on_the_fly_is_imported_whole(tmp_path: Path, model: TopicModel) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'news.db'}")  # once is enough: SQLite
    path, lines = huffpost_archive(tmp_path / "huffpost.jsonl.gz")
    report = _import(path, store, model)
    assert report.lines == len(lines) == 3394
    assert report.bad == 0 and report.archive_only == ["huffpost"]
    assert report.stored + report.duplicates == 3394 and report.stored > 3300
    first_of_each = {}
    for item in lines:
        first_of_each.setdefault(normalise_url(item["url"]), item)
    labelled = store.labelled_articles()
    # Lines without a topic are labelled from their section: "world news", "crime", "comedy"...
    topics = {*model.labels, OTHER}
    from_section = [x for x in first_of_each.values() if "topic" not in x]
    mapped = [x for x in from_section if section_topic(x["section"]) in topics]
    assert {section_topic(x["section"]) for x in mapped} >= {"world", "crime", "entertainment"}
    assert len(labelled) == sum(1 for x in first_of_each.values() if "topic" in x) + len(mapped)
    assert {a.label for a in labelled} == topics
    politics = [a for a in labelled if a.label == "politics"]
    labels = {a.id: a.label for a in store.articles(ArticleQuery(limit=500)).items}
    agreed = [labels[a.article_id] == "politics" for a in politics if a.article_id in labels]
    print(f"\nHuffPost politics, agreement of today's model: {sum(agreed) / len(agreed):.2f}")


def test_a_feed_archive_without_newspaper_is_labelled_by_its_sites_own_rules(
    tmp_path: Path, store: Store, model: TopicModel
) -> None:
    from runtime.services import sources_of
    from scraper.sources import site_owner

    sources = sources_of()
    items = [  # a BBC RSS export: no newspaper, no section; the URL says the section
        ("https://www.bbc.co.uk/news/world-europe-60638042", "Zelensky vows to punish atrocities"),
        ("https://www.bbc.co.uk/sport/cricket/60617043", "Robinson ruled out of first Test"),
        ("https://www.bbc.co.uk/news/uk-60579079", "Manchester Arena: the parents speak"),
    ]
    path = write_lines(
        tmp_path / "bbc.jsonl",
        [{"link": url, "title": title, "pubDate": "Mon, 07 Mar 2022 08:01:56 GMT"}
         for url, title in items],
    )  # fmt: skip
    report = import_archive(
        path,
        store=store,
        model=model,
        topics=(*model.labels, OTHER),
        configured=[source.id for source in sources],
        rules={source.id: source.rules for source in sources},
        owner=site_owner(sources),
    )
    assert (report.stored, report.newspapers, report.archive_only) == (3, {"bbc": 3}, [])
    stored = {a.url: a for a in store.articles(ArticleQuery(limit=10)).items}
    assert [stored[url].section_label for url, _ in items] == ["world", "sport", None]
    assert {a.source_id for a in stored.values()} == {"bbc"}


@pytest.mark.parametrize(
    ("newspaper", "url", "section", "expected"),
    [
        ("oldpaper", "https://old.example/1", "WORLD NEWS", "world"),  # HuffPost's category
        ("oldpaper", "https://old.example/2", "Law and crime", "crime"),  # the portal's heading
        ("oldpaper", "https://old.example/3", "Courts", "crime"),
        ("oldpaper", "https://old.example/4", "Science & Environment", "science"),
        ("oldpaper", "https://old.example/5", "health", "health"),  # UCI's category
        ("oldpaper", "https://old.example/6", "news/world/europe", "world"),
        ("oldpaper", "https://old.example/7", "Travel", OTHER),
        ("oldpaper", "https://old.example/8", "Opinion", None),  # mixed: no label
        ("guardian", "https://www.theguardian.com/world/2024/a", "Opinion", "world"),  # own rule
    ],
)
def test_a_line_without_topic_is_labelled_from_its_section(
    newspaper: str, url: str, section: str, expected: str | None
) -> None:
    from archive.importer import archive_label
    from archive.lines import ArchiveLine
    from runtime.services import sources_of

    rules = {source.id: source.rules for source in sources_of()}
    article = ArchiveLine.model_validate(line(1, newspaper=newspaper, url=url, section=section))
    topics = ("business", "entertainment", "politics", "sport", "tech", "world", "crime")
    assert archive_label(article, rules, (*topics, "science", "health", OTHER)) == expected
    if expected in ("science", "health"):  # not configured as topics: no label
        assert archive_label(article, rules, (*topics, OTHER)) is None
