"""`python -m scraper import FILE`: exit codes, one stderr line per bad line, JSON report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from classifier import TopicModel
from runtime.scrape_cli import EXIT_FAILED, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, main
from store import open_store
from tests.archive.conftest import huffpost_archive, line, write_lines
from tests.conftest import REPO


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: TopicModel) -> Iterator[str]:
    """A throwaway DATABASE_URL for in-process runs."""
    url = f"sqlite:///{tmp_path / 'news.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield url


def test_a_good_file_exits_0_with_a_summary(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_lines(tmp_path / "a.jsonl", [line(1), line(2, newspaper="guardian")])
    assert main(["import", str(path)]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "2 lines, 2 stored, 0 bad" in captured.out
    assert "oldpaper" in captured.out and "archive only" in captured.out
    assert open_store(database).newspaper_ids() == ["guardian", "oldpaper"]


def test_bad_lines_are_one_stderr_line_each_and_exit_3(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_lines(
        tmp_path / "a.jsonl.gz",
        [line(1), "not json", line(3, topic="weather"), line(4, published="")],
    )
    assert main(["import", str(path), "--json"]) == EXIT_SOME_FAILED
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "error: a.jsonl.gz line 2: not JSON (Expecting value at column 1)",
        "error: a.jsonl.gz line 3: topic: 'weather' is not one of business, crime, "
        "entertainment, health, other, politics, science, sport, tech, world",
        "error: a.jsonl.gz line 4: published: '' is not an ISO 8601 date or date-time",
    ]
    report = json.loads(captured.out)
    assert (report["lines"], report["stored"], report["bad"]) == (4, 1, 3)


def test_lines_without_a_newspaper_go_to_the_one_named_on_the_command_line(
    database: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The News Category Dataset names no newspaper; its links are on two hosts of one paper.
    lines = [
        line(1, newspaper=None, url="https://www.huffingtonpost.com/entry/a_us_1"),
        line(2, newspaper=None, url="https://www.huffpost.com/entry/b_n_2"),
        line(3, newspaper="guardian", url="https://www.theguardian.com/world/3"),
    ]
    path = write_lines(tmp_path / "a.jsonl", lines)
    assert main(["import", str(path), "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["newspapers"] == {
        "guardian": 1,
        "huffingtonpost-com": 1,
        "huffpost-com": 1,
    }
    # Into a new store, the flag names them; into the same one, stored articles stay put.
    assert main(["import", str(path), "--newspaper", "huffpost", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["newspapers"] == {
        "guardian": 1,
        "huffingtonpost-com": 1,
        "huffpost-com": 1,
    }
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    assert main(["import", str(path), "--newspaper", "huffpost", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["newspapers"] == {"guardian": 1, "huffpost": 2}


def test_a_bad_newspaper_id_on_the_command_line_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_lines(tmp_path / "a.jsonl", [line(1)])
    with pytest.raises(SystemExit) as exit_:
        main(["import", str(path), "--newspaper", "Huff Post"])
    assert exit_.value.code == EXIT_USAGE
    assert "argument --newspaper: must be a newspaper id" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("missing.jsonl", None, EXIT_USAGE, "missing.jsonl: no such file"),
        ("fake.jsonl.gz", b'{"url": 1}\n', EXIT_FAILED, "fake.jsonl.gz: not a gzip file"),
    ],
)
def test_unreadable_files_are_one_line_errors(
    database: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    code: int,
    message: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["import", str(path)]) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and err[0].endswith(message)


def test_an_unreachable_database_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    code = main(["import", str(write_lines(tmp_path / "a.jsonl", [line(1)]))])
    assert code == EXIT_FAILED
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: cannot open the article store")


def test_huffpost_imports_from_the_command_line(tmp_path: Path, model: TopicModel) -> None:
    # The first 300 items (the whole file is imported in tests/archive/test_import.py).
    _, lines = huffpost_archive(tmp_path / "all.jsonl.gz")
    path = write_lines(tmp_path / "huffpost.jsonl.gz", lines[:300])
    done = subprocess.run(
        [sys.executable, "-m", "scraper", "import", str(path), "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}"},
        timeout=300,
        check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    report = json.loads(done.stdout)
    assert report["bad"] == 0 and report["lines"] == 300
    assert report["stored"] + report["duplicates"] == 300
    assert report["newspapers"] == {"huffpost": report["stored"]}
