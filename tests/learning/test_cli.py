"""``python -m classifier retrain``: JSON report, exit codes, progress on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from classifier.registry import Registry
from store import open_store
from tests.conftest import REPO
from tests.learning.conftest import add_labelled


def _env(tmp_path: Path, champion_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}",
        "MODEL_DIR": str(champion_dir),
        "NEWS_TOPICS": "business,sport,tech",
        "NEWS_DATA_DIR": str(tmp_path / "no-outlets"),  # the tiny corpus and the store only
    }


def _run(
    tmp_path: Path, champion_dir: Path, corpus: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    env = _env(tmp_path, champion_dir)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "classifier",
            "retrain",
            "--corpus",
            str(corpus),
            "--folds",
            "3",
            *args,
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_retrain_promotes_prints_json_and_relabels(
    tmp_path: Path, champion_dir: Path, tiny_corpus_dir: Path
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'news.db'}")
    add_labelled(store, per_label=30, old_share=0.0)
    done = _run(tmp_path, champion_dir, tiny_corpus_dir, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["promoted"] is True
    assert Registry(tmp_path / "models").champion() == report["version"]
    for name in ("bbc_holdout", "modern_holdout", "corrections_holdout"):
        assert name in report["metrics"]["candidate"] and name in report["metrics"]["champion"]
    assert report["relabelled"] == 240
    assert "promoted" in done.stderr and "relabelled" in done.stderr

    relabelled = subprocess.run(
        [sys.executable, "-m", "classifier", "relabel"],
        cwd=REPO,
        env=_env(tmp_path, champion_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert relabelled.stdout.startswith(f"relabelled 0 articles with model {report['version']}")

    again = _run(tmp_path, champion_dir, tiny_corpus_dir)  # the same data cannot win again
    assert again.returncode == 3, again.stderr
    assert again.stdout.startswith("not promoted")


def test_a_bad_topic_setting_is_a_one_line_error(
    tmp_path: Path, champion_dir: Path, tiny_corpus_dir: Path
) -> None:
    env_topics = {"NEWS_TOPICS": "business,other"}
    done = subprocess.run(
        [sys.executable, "-m", "classifier", "retrain", "--corpus", str(tiny_corpus_dir)],
        cwd=REPO,
        env={**os.environ, **env_topics, "VAR_DIR": str(tmp_path), "MODEL_DIR": str(champion_dir)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "not a topic" in done.stderr
