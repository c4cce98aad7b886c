"""``python -m runtime``: one usage listing every command, and one line for a bad command."""

from __future__ import annotations

import pytest

from runtime.__main__ import main


def test_help_lists_every_command_with_its_description_in_one_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == 0
    listed = capsys.readouterr().out.split("commands:\n")[1].splitlines()
    names = [line.split()[0] for line in listed]
    assert {"scrape", "import", "model", "neighbours", "demo", "web"} <= set(names)
    columns = {len(line) - len(line[2:].split(maxsplit=1)[1]) for line in listed}
    assert len(columns) == 1  # every description starts in the same column


def test_no_command_prints_the_usage_to_stderr_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 2
    assert capsys.readouterr().err.startswith("usage: python -m runtime COMMAND")


def test_an_unknown_command_is_named_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scarpe"]) == 2
    assert capsys.readouterr().err.startswith("error: unknown command 'scarpe'\n")


def test_web_refuses_arguments_rather_than_ignore_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["web", "--port", "9000"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'--port 9000'" in err and "PORT" in err
