"""Formula-injection guard of the CSV export."""

from __future__ import annotations

import csv
import io

import pytest

from api.csvexport import csv_lines, safe_cell


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_starts_are_quoted(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "cell"), [("plain", "plain"), (None, ""), (0.5, "0.5"), ("a=b", "a=b")]
)
def test_other_cells_unchanged(value: object, cell: str) -> None:
    assert safe_cell(value) == cell


def test_lines_round_trip_through_csv_reader() -> None:
    lines = list(csv_lines(["a", "b"], [["x,y", 'say "hi"\nthen'], ["=cmd", None]]))
    assert len(lines) == 3
    rows = list(csv.reader(io.StringIO("".join(lines))))
    assert rows == [["a", "b"], ["x,y", 'say "hi"\nthen'], ["'=cmd", ""]]
