"""``python -m runtime.child``: a bad command line or a failing job is one line on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store.engine import head_revision
from tests.conftest import REPO


def _child(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "runtime.child", *args],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "argv",
    [[], ["refresh"], ["refresh", "x1"], ["refresh", "1", "2"], ["retrain", "now"], ["scrape"]],
)
def test_a_bad_command_line_is_one_usage_line_and_exit_code_2(argv: list[str]) -> None:
    done = _child(*argv)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "usage: python -m runtime.child refresh <refresh_id> | retrain"
    ]


def test_a_job_that_fails_is_one_line_and_exit_code_1() -> None:
    done = _child("refresh", "1", DATABASE_URL="mysql://nobody@127.0.0.1:1/none")
    assert done.returncode == 1
    [line] = [line for line in done.stderr.splitlines() if not line[:4].isdigit()]  # no log lines
    assert line.startswith("error: refresh 1 failed: unsupported database 'mysql'")
    assert "Traceback" not in done.stderr


def test_a_job_logs_the_migration_it_made_and_none_of_alembics_chatter(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    first, second = (
        _child("refresh", "999", DATABASE_URL=url),
        _child("refresh", "999", DATABASE_URL=url),
    )
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    messages = [line.partition(" INFO ")[2] for line in first.stderr.splitlines()]
    assert messages == [f"store: schema migrated from empty to {head_revision()}"]
    assert second.stderr == ""  # the schema is at head: nothing to say
