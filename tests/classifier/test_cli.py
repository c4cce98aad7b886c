"""The command line: predictions as JSON, bad input named by line, exit codes, no traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from runtime.model_cli import main
from tests.conftest import REPO


def _run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def test_predict_text(tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["predict", "--model-dir", str(tiny_model_dir), "--text", "goal match team"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["label"] == "sport" and set(out["probabilities"]) == {"business", "sport", "tech"}


def test_predict_text_with_explanation(
    tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["predict", "--model-dir", str(tiny_model_dir), "--text", "goal match", "--explain", "2"]
    assert main(argv) == 0
    explain = json.loads(capsys.readouterr().out)["explain"]
    assert 1 <= len(explain) <= 2 and {"term", "weight"} == set(explain[0])


def test_predict_json_lines(
    tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = '{"text": "bank profit"}\n\n{"id": "b", "text": "software internet"}\n'
    assert _run(["predict", "--model-dir", str(tiny_model_dir)], lines, monkeypatch) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["label"] for row in out] == ["business", "tech"]
    assert out[1]["id"] == "b"


def test_bad_lines_are_named_and_the_rest_still_labelled(
    tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (
        '{"text": "bank profit"}\n{oops\n{"text": "  "}\n["text"]\n{"text": "goal match striker"}\n'
    )
    assert _run(["predict", "--model-dir", str(tiny_model_dir)], lines, monkeypatch) == 1
    captured = capsys.readouterr()
    assert [json.loads(line)["label"] for line in captured.out.splitlines()] == [
        "business",
        "sport",
    ]
    errors = captured.err.splitlines()
    assert errors[0].startswith("error: line 2: invalid JSON")
    assert errors[1] == "error: line 3: the text is empty"
    assert errors[2].startswith("error: line 4: expected an object")


def test_empty_text_and_missing_model_exit_one(
    tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["predict", "--model-dir", str(tiny_model_dir), "--text", " \n"]) == 1
    assert capsys.readouterr().err == "error: --text is empty\n"
    assert main(["predict", "--model-dir", str(tmp_path), "--text", "goal"]) == 1
    assert "no model in" in capsys.readouterr().err


def test_report_prints_the_saved_metrics(
    tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--model-dir", str(tiny_model_dir)]) == 0
    out = capsys.readouterr().out
    assert "Confusion matrix" in out and "`other` threshold" in out


def test_no_traceback_in_a_real_process(tiny_model_dir: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "classifier", "predict", "--model-dir", str(tiny_model_dir)],
        input='{"text": "goal match striker"}\nnot json\n',
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr == "error: line 2: invalid JSON (Expecting value at column 1)\n"
    assert json.loads(run.stdout)["label"] == "sport"


def test_training_without_a_corpus_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["train", "--corpus", str(tmp_path / "none.zip")]) == 1
    assert capsys.readouterr().err.count("\n") == 1
