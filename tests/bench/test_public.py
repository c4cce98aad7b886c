"""bench.public: public datasets read as downloaded, labelled as an import labels them."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from bench.public import Labelled, ag_news, archive_file, chosen, csv_file, main, score
from classifier import OTHER, TopicModel
from classifier.topics import configured_topics
from runtime.services import sources_of
from settings import get_settings

TOPICS = (*configured_topics(get_settings()), OTHER)


def test_ag_news_rows_get_their_class_as_a_topic_and_readable_text(tmp_path: Path) -> None:
    path = tmp_path / "test.csv"
    path.write_text(
        "Class Index,Title,Description\n"
        '1,"Iran Warns Its Missiles Can Hit Israel","TEHRAN (Reuters) - A senior\\\\official'
        ' said Sunday."\n'
        "2,Reds pick up Miley #39;s option,Cincinnati &lt;b&gt;exercised&lt;/b&gt; it.\n"
        '3,"Dollar Hits 4-Wk Low"," #36;10 million  quot;lost quot;"\n'
        "4,Mars Rovers Relay Images,NASA says.\n"
        "5,Not a class,ignored\n"
    )
    rows = ag_news(path)
    assert [row.label for row in rows] == ["world", "sport", "business", "tech"]
    assert rows[0].body == "TEHRAN (Reuters) - A senior official said Sunday."
    assert (rows[1].title, rows[1].body) == (
        "Reds pick up Miley's option",
        "Cincinnati exercised it.",
    )
    assert rows[2].body == '$10 million "lost"'


def _csv_rows(path: Path, text: str) -> list[Labelled]:
    path.write_text(text)
    return csv_file(path, sources_of(), TOPICS)


def test_a_bbc_rss_export_is_labelled_by_the_bbcs_url_sections(tmp_path: Path) -> None:
    rows = _csv_rows(
        tmp_path / "bbc_news.csv",
        "title,pubDate,guid,link,description\n"
        'Ukraine war: Kyiv braces,"Mon, 07 Mar 2022 08:01:56 GMT",'
        "https://www.bbc.co.uk/news/world-europe-60638042,https://www.bbc.co.uk/news/world-"
        "europe-60638042?at_medium=RSS,Russian forces advance.\n"
        'Perry wins Welsh Open,"Sun, 06 Mar 2022 21:55:52 GMT",'
        "https://www.bbc.co.uk/sport/snooker/60632805,https://www.bbc.co.uk/sport/snooker/"
        "60632805?at_medium=RSS,Joe Perry beats Judd Trump.\n"
        'Arena bombing: the parents,"Mon, 07 Mar 2022 00:05:40 GMT",'
        "https://www.bbc.co.uk/news/uk-60579079,https://www.bbc.co.uk/news/uk-60579079,"
        "No section says a topic.\n"
        'Broken date,"yesterday",https://www.bbc.co.uk/news/world-1,,Left out.\n',
    )
    assert [(row.label, row.day) for row in rows] == [
        ("world", date(2022, 3, 7)),
        ("sport", date(2022, 3, 6)),
    ]
    assert rows[0].body == "Russian forces advance."


def test_uci_aggregator_columns_are_read_whatever_their_case(tmp_path: Path) -> None:
    rows = _csv_rows(
        tmp_path / "uci-news-aggregator.csv",
        "ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP\n"
        "1,Fed official says weak data caused by weather,http://www.latimes.com/a,"
        "Los Angeles Times,b,ddUyU0VZz0BRneMioxUPQVP6sIxvM,www.latimes.com,1394470370698\n"
        "2,Ebola outbreak spreads,http://www.example.com/b,Example,m,x,www.example.com,"
        "1394470371000\n",
    )
    assert [(row.label, row.day) for row in rows] == [
        ("business", date(2014, 3, 10)),
        ("health", date(2014, 3, 10)),
    ]


def test_a_news_category_archive_is_labelled_through_the_section_vocabulary(
    tmp_path: Path,
) -> None:
    path = tmp_path / "News_Category_Dataset_v3.json"
    lines = [
        {"link": "https://www.huffpost.com/entry/a", "headline": "Biden Meets Xi",
         "category": "WORLD NEWS", "short_description": "Talks in Bali.", "date": "2022-09-23"},
        {"link": "https://www.huffpost.com/entry/b", "headline": "Storm Nears Coast",
         "category": "U.S. NEWS", "short_description": "No topic.", "date": "2022-09-22"},
        {"link": "https://www.huffpost.com/entry/c", "headline": "Dessert Recipes",
         "category": "FOOD & DRINK", "short_description": "Bake.", "date": "2020-04-22"},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    rows = archive_file(path, sources_of(), TOPICS)
    assert [(row.title, row.label) for row in rows] == [
        ("Biden Meets Xi", "world"),
        ("Dessert Recipes", "other"),
    ]


def test_since_keeps_later_and_undated_items_and_the_sample_is_seeded() -> None:
    items = [Labelled(f"t{n}", "", "world", date(2020 + n % 3, 1, 1)) for n in range(30)]
    items.append(Labelled("undated", "", "sport"))
    later = chosen(items, date(2021, 1, 1), sample=100)
    assert len(later) == 21 and all(i.day is None or i.day.year >= 2021 for i in later)
    assert chosen(items, None, sample=5) == chosen(items, None, sample=5)
    assert len(chosen(items, None, sample=5)) == 5


def test_each_reading_is_scored_with_a_missing_topic_counted_as_other(model: TopicModel) -> None:
    items = [
        Labelled("Striker scores twice as United win derby", "The goals came late.", "sport"),
        Labelled("Vaccine trial shows promise", "Doctors say the jab works.", "health"),
    ]
    report = score(model, items)
    assert set(report) == {"full", "headline", "lead"}
    assert report["headline"]["n"] == 2 and "other" in report["headline"]["recall"]
    assert report["full"]["recall"]["sport"] == 1.0


def test_main_reports_every_file_and_refuses_to_run_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ag.csv"
    path.write_text("2,Striker scores twice as United win the derby,The goals came late.\n")
    assert main(["--ag-news", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"]["ag.csv"]["headline"]["n"] == 1
    with pytest.raises(SystemExit) as stopped:
        main([])
    assert stopped.value.code == 2
    assert "give at least one file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "name", "content", "reason"),
    [
        ("--csv", "bbc.csv", b"\xb3\xff title\n", r"bbc\.csv: 'utf-8' codec can't decode"),
        ("--archive", "news.jsonl.gz", b"not gzip", r"news\.jsonl\.gz: not a gzip file"),
        ("--archive", "news.jsonl", b'{"link": "x"}\n', r"no labelled articles in .*news\.jsonl"),
    ],
)
def test_an_unreadable_or_unlabelled_file_is_one_line_and_exit_1(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    name: str,
    content: bytes,
    reason: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SystemExit) as stopped:
        main([option, str(path)])
    assert stopped.value.code == 1
    captured = capsys.readouterr()
    [line] = captured.err.splitlines()
    assert re.search(reason, line) and "Traceback" not in line and captured.out == ""
