"""The NLTK corpora check behind `make nltk`, and the run-time message when one is missing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from classifier import ModelError, corpora
from tests.conftest import REPO


def test_nltk_txt_names_the_corpora() -> None:
    assert corpora.required_corpora() == ["stopwords", "wordnet"]


def test_check_exits_zero_when_present() -> None:
    assert corpora.main(["check", "--quiet"]) == 0
    corpora.require("wordnet")


def test_missing_corpus_is_a_one_line_error_naming_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpora._nltk().data, "path", [str(tmp_path)])
    with pytest.raises(ModelError, match=r"make nltk") as error:
        corpora.require("stopwords")
    assert "\n" not in str(error.value)
    assert corpora.main(["check"]) == 1


def test_check_command_in_a_fresh_process(tmp_path: Path) -> None:
    env = {"NLTK_DATA": str(tmp_path), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "classifier.corpora", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if run.returncode == 0:
        pytest.skip("corpora installed system-wide (e.g. /usr/share/nltk_data)")
    assert run.returncode == 1
    assert "make nltk" in run.stderr and "Traceback" not in run.stderr


def test_a_failed_ensure_says_how_to_get_the_corpora_even_when_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def offline(name: str, **_: object) -> bool:  # the internet is the edge we cannot reach
        raise OSError(f"<urlopen error no route to host for {name}>")

    monkeypatch.setattr(corpora._nltk().data, "path", [str(tmp_path)])
    monkeypatch.setattr(corpora, "LOCAL_NLTK_DATA", tmp_path / "nltk_data")
    monkeypatch.setattr(corpora._nltk(), "download", offline)
    assert corpora.main(["ensure", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "missing NLTK corpora: stopwords, wordnet" in err and "NLTK_DATA" in err
    assert "Traceback" not in err
