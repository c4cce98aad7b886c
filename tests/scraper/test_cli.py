"""The command line: list, scrape (exit codes, JSON), extract, and clear usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from classifier import TopicModel
from runtime.scrape_cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, main
from runtime.services import store_of
from tests.conftest import REPO
from tests.newsserver import NewsServer
from tests.scraper.conftest import REQUIRED_PAPERS


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scraper", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **env},
        timeout=60,
        check=False,
    )


def test_list_shows_the_newspapers() -> None:
    done = _cli("list")
    assert done.returncode == EXIT_OK, done.stderr
    for name in REQUIRED_PAPERS:
        assert name in done.stdout


def test_malformed_news_sources_is_a_one_line_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nid = "x"\nname = "X"\nhomepage = "ftp://x"\nfeeds = []\n')
    done = _cli("list", NEWS_SOURCES=str(bad))
    assert done.returncode == EXIT_USAGE
    assert done.stderr.strip().splitlines() == [
        f"error: {bad} line 1 (source #1) 'x': field 'feeds' is empty and no 'link_pattern' "
        "is given"
    ]


@pytest.fixture
def papers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: TopicModel
) -> Iterator[NewsServer]:
    """Fake papers in NEWS_SOURCES and a throwaway DATABASE_URL, for in-process runs."""
    with NewsServer(sources=2, articles=2) as news:
        monkeypatch.setenv("NEWS_SOURCES", str(news.write_sources(tmp_path / "s.toml")))
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'news.db'}")
        yield news


def test_scrape_all_ok_prints_a_summary(
    papers: NewsServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scrape", "--all"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Paper 1" in out and "Paper 2" in out and "ok" in out


def test_scrape_with_a_failing_source_exits_3_with_json(
    papers: NewsServer, capsys: pytest.CaptureFixture[str]
) -> None:
    papers.fault(papers.feed_url("paper2"), statuses=(404,))
    assert main(["scrape", "paper1", "paper2", "--limit", "1", "--json"]) == EXIT_SOME_FAILED
    report = json.loads(capsys.readouterr().out)
    assert [(s["source"], s["stored"], s["error"]) for s in report["sources"]] == [
        ("paper1", 1, None),
        ("paper2", 0, "HTTP 404"),
    ]


def test_a_paper_another_refresh_is_running_is_reported_not_scraped_twice(
    papers: NewsServer, capsys: pytest.CaptureFixture[str]
) -> None:
    running = store_of().request_refresh(["paper2"], "api", 60)
    assert main(["scrape", "paper1", "paper2", "--json"]) == EXIT_SOME_FAILED
    report = json.loads(capsys.readouterr().out)
    assert [(s["source"], s["error"]) for s in report["sources"]] == [
        ("paper1", None),
        ("paper2", f"already being refreshed (refresh {running.refresh_id})"),
    ]
    assert papers.hits(papers.feed_url("paper2")) == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["scrape", "nope"], "error: unknown source 'nope'"),
        (["scrape", "paper1", "--all"], "error: give source ids or --all, not both"),
    ],
)
def test_scrape_usage_errors(
    papers: NewsServer, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == EXIT_USAGE
    assert capsys.readouterr().err.startswith(message)


@pytest.mark.parametrize("argv", [["scrape", "--limit", "0"], ["frobnicate"], []])
def test_bad_arguments_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == EXIT_USAGE


def test_extract_reads_gzipped_fixture_pages(
    fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = fixtures_dir / "articles" / "uk" / "TheGuardian_2024_02_24.html.gz"
    assert main(["extract", str(page), "--url", "https://www.theguardian.com/x"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("Death toll in Valencia fire rises to 10")
    assert "published: 2024-02-24T11:42:23+00:00" in out


def test_extract_reads_a_url(capsys: pytest.CaptureFixture[str]) -> None:
    with NewsServer(sources=1) as news:
        assert main(["extract", news.article_url("paper1", 0)]) == EXIT_OK
    assert "in the news again today" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["missing.html", "broken.html.gz"])
def test_extract_bad_files_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (tmp_path / "broken.html.gz").write_bytes(b"not gzip")
    assert main(["extract", str(tmp_path / name)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err
