"""One command line: ``python -m runtime scrape | import | demo | train | retrain | report``.

Also ``relabel``, ``list``, ``extract``, ``predict``, ``model``, ``neighbours`` (build-time) and
``web`` (the app, as ``python app.py``).
The older entry points (``python -m scraper``, ``python -m classifier``,
``python -m dashboard.demo``) run the same code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from runtime import demo_cli, model_cli, scrape_cli

Command = Callable[[list[str]], int]
"""Runs one command with the arguments after its name; returns the exit code."""


def _with_name(name: str, cli: Command) -> Command:
    """A command of a CLI module whose ``main`` takes the command name first."""
    return lambda rest: cli([name, *rest])


def _web(rest: list[str]) -> int:
    from runtime.web import build_web, serve
    from settings import get_settings

    if rest:
        print(f"error: web takes no arguments, got {' '.join(rest)!r} (PORT sets the port)",
              file=sys.stderr)  # fmt: skip
        return 2

    serve(build_web(get_settings()))
    return 0


def _model(rest: list[str]) -> int:
    from learning.shipped import main as train_shipped
    from settings import get_settings

    settings = get_settings()
    return train_shipped(
        rest, data_dir=settings.news_data, model_dir=settings.model_dir, topics=settings.topics
    )


def _neighbours(rest: list[str]) -> int:
    from learning.neighbour_table import main as build_table
    from settings import get_settings

    return build_table(rest, data_dir=get_settings().news_data)


_COMMANDS: dict[str, tuple[str, Command]] = {
    name: (help_, _with_name(name, cli))
    for name, help_, cli in (
        ("scrape", "fetch, classify and store the latest articles", scrape_cli.main),
        ("import", "import a JSON-lines archive of articles", scrape_cli.main),
        ("list", "show the configured newspapers", scrape_cli.main),
        ("extract", "print the title and text of one article", scrape_cli.main),
        ("train", "train the shipped model on the BBC corpus (pickles/)", model_cli.main),
        ("retrain", "train a candidate, promote it if it passes the gate", model_cli.main),
        ("relabel", "relabel stored articles with the live model", model_cli.main),
        ("report", "print the saved model's training report", model_cli.main),
        ("predict", "classify JSON lines from standard input", model_cli.main),
    )
} | {
    "model": ("train the shipped model (pickles/) on BBC, HuffPost, portal, UCI", _model),
    "neighbours": (
        "rebuild the word-neighbour table of semantic smoothing (needs torch)",
        _neighbours,
    ),
    "demo": ("load the demo sample into the store", demo_cli.main),
    "web": ("serve the app", _web),
}


def _usage() -> str:
    width = max(map(len, _COMMANDS))
    lines = ["usage: python -m runtime COMMAND [ARGS...]", "", "commands:"]
    lines += [f"  {name:<{width}}  {help_}" for name, (help_, _) in _COMMANDS.items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (its own ``--help`` describes its arguments)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(_usage(), file=sys.stdout if args else sys.stderr)
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in _COMMANDS:
        print(f"error: unknown command {name!r}\n{_usage()}", file=sys.stderr)
        return 2
    return _COMMANDS[name][1](rest)


if __name__ == "__main__":
    sys.exit(main())
