"""Command line: list the sources, scrape them, import an archive, or extract one article page."""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import gzip
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from refresh.report import ScrapeReport
from scraper.downloads import Downloader, FetchError, decode
from scraper.extract import extract_article
from scraper.sources import FetchPolicy, SourcesError, load_sources, site_owner
from settings import get_settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3
_MAX_FILE_BYTES = 20_000_000
_MAX_SHOWN_ERRORS = 100


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code: 0 ok, 3 some sources or lines failed, 2 usage, 1 error."""
    # A native crash leaves a Python traceback (not when stderr is no file, e.g. captured).
    with contextlib.suppress(io.UnsupportedOperation, AttributeError, ValueError):
        faulthandler.enable()
    args = _parser().parse_args(argv)
    out, err = Console(), Console(stderr=True)
    try:
        if args.command == "list":
            return _list(out)
        if args.command == "scrape":
            return _scrape(args, out, err)
        if args.command == "import":
            return _import(args, out, err)
        return _extract(args, out)
    except SourcesError as exc:
        _error(exc)
        return EXIT_USAGE
    except (OSError, FetchError, ValueError, RuntimeError) as exc:
        _error(exc)
        return EXIT_FAILED


def _error(message: object) -> None:
    # Plain print: a rich console would wrap a long message over several lines.
    print(f"error: {message}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scraper", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="show the configured newspapers")
    scrape = commands.add_parser("scrape", help="fetch, classify and store the latest articles")
    scrape.add_argument("ids", nargs="*", metavar="ID", help="source ids (see `list`)")
    scrape.add_argument("--all", action="store_true", help="every source (the default)")
    scrape.add_argument("--limit", type=_positive, help="articles per source (default: its own)")
    scrape.add_argument("--json", action="store_true", help="print the report as JSON")
    archive = commands.add_parser(
        "import",
        help="store a JSON-lines archive (.jsonl or .jsonl.gz), labelled by the current model",
        description="Each line: url, title, text, published (ISO 8601), newspaper (an id); "
        "optional summary, topic (a model topic or other) and section. The News Category "
        "Dataset's and RSS items' names are read too (link, headline, short_description or "
        "description, date or pubDate, category). A line without newspaper belongs to "
        "--newspaper, else to the configured paper whose site its URL is on, else to an id "
        "made from the URL's host. Bad lines are reported on stderr with their line number; "
        "the good ones are stored.",
    )
    archive.add_argument("file", type=Path, metavar="FILE", help="JSON lines, optionally .gz")
    archive.add_argument(
        "--newspaper",
        type=_newspaper_id,
        metavar="ID",
        help="the newspaper of lines that name none (e.g. huffpost for the News Category "
        "Dataset, whose links are on huffpost.com and huffingtonpost.com)",
    )
    archive.add_argument("--json", action="store_true", help="print the report as JSON")
    extract = commands.add_parser("extract", help="print the title and text of one article")
    extract.add_argument("target", metavar="FILE_OR_URL", help="an .html(.gz) file or a URL")
    extract.add_argument("--url", help="the page's address when reading a file")
    return parser


def _newspaper_id(value: str) -> str:
    from archive.lines import NEWSPAPER_ID

    if not NEWSPAPER_ID.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"must be a newspaper id (lower-case letters, digits, - and _; at most 40), "
            f"not {value!r}"
        )
    return value


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number ≥ 1, not {value!r}")
    return int(value)


def _list(out: Console) -> int:
    path = get_settings().news_sources
    table = Table("id", "name", "feeds", "limit", "labels", title=str(path))
    for source in load_sources(path):
        topics = dict(source.feed_topics)
        feeds = [f"{url} → {topics[url]}" if url in topics else url for url in source.feeds]
        rules = f"{len(source.rules.paths)} URL sections, {len(source.rules.categories)} categories"
        table.add_row(
            source.id, source.name, "\n".join(feeds) or "(homepage)", str(source.limit), rules
        )
    out.print(table)
    return EXIT_OK


def _scrape(args: argparse.Namespace, out: Console, err: Console) -> int:
    # The composition root of a refresh: imported here so `list` and `extract` start without
    # loading scikit-learn or opening the store.
    from classifier import ModelError
    from refresh import request, run_refresh
    from refresh.report import busy_reports
    from runtime.services import build_services

    if args.all and args.ids:
        _error("give source ids or --all, not both")
        return EXIT_USAGE
    services = build_services(get_settings())
    services.sources.all()  # a broken sources file is a usage error before any network work
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=args.json or not err.is_terminal,
    ) as bar:
        task = bar.add_task("scraping", total=None)

        def progress(done: int, total: int, message: str) -> None:
            bar.update(task, completed=done, total=total, description=f"scraping {message}")

        # The same per-paper locks as the app: papers being refreshed elsewhere are reported.
        ticket = request(services, args.ids or None, trigger="cli", submit=False)
        report: ScrapeReport | None = None
        try:
            if ticket.created:
                report = run_refresh(
                    services, ticket.refresh_id, progress=progress, limit=args.limit
                )
        except ModelError as exc:
            _error(exc)
            return EXIT_FAILED
    report = busy_reports(report, ticket, services.sources.by_id())
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        out.print(_summary(report))
    return EXIT_OK if report.ok else EXIT_SOME_FAILED


def _import(args: argparse.Namespace, out: Console, err: Console) -> int:
    # The composition root of an import: every service is built here, once.
    from archive import ArchiveError, import_archive
    from classifier import OTHER, ModelError
    from classifier.topics import configured_topics
    from runtime.services import champion, store_of
    from store import StoreError

    path: Path = args.file
    if not path.is_file():
        _error(f"{path}: no such file")
        return EXIT_USAGE
    config = get_settings()
    sources = load_sources(config.news_sources)
    configured = [source.id for source in sources]
    try:
        model = champion(config)
        store = store_of(config)
    except (ModelError, StoreError) as exc:
        _error(exc)
        return EXIT_FAILED
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=args.json or not err.is_terminal,
    ) as bar:
        task = bar.add_task("importing", total=path.stat().st_size or None)
        shown = 0

        def progress(done: int, total: int, message: str) -> None:
            bar.update(task, completed=done, total=total, description=f"importing: {message}")

        def bad_line(number: int, reason: str) -> None:
            nonlocal shown
            shown += 1
            if shown <= _MAX_SHOWN_ERRORS:
                message = f"error: {path.name} line {number}: {reason}"
                bar.console.print(message, markup=False, highlight=False, soft_wrap=True)

        try:
            report = import_archive(
                path,
                store=store,
                model=model,
                topics=(*configured_topics(config), OTHER),
                configured=configured,
                rules={source.id: source.rules for source in sources},
                owner=_fixed(args.newspaper) if args.newspaper else site_owner(sources),
                progress=progress,
                bad_line=bad_line,
            )
        except (ArchiveError, StoreError) as exc:
            _error(exc)
            return EXIT_FAILED
    if report.bad > _MAX_SHOWN_ERRORS:
        _error(f"{path.name}: {report.bad - _MAX_SHOWN_ERRORS:,} more bad lines not shown")
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        table = Table(
            "newspaper",
            "stored",
            "",
            title=f"{path.name}: {report.lines:,} lines, {report.stored:,} stored, "
            f"{report.bad:,} bad, {report.duplicates:,} duplicates ({report.duration_s:.1f} s)",
        )
        for newspaper, count in sorted(report.newspapers.items()):
            note = "archive only" if newspaper in report.archive_only else ""
            table.add_row(newspaper, f"{count:,}", note)
        out.print(table)
    return EXIT_OK if report.ok else EXIT_SOME_FAILED


def _fixed(newspaper: str) -> Callable[[str], str]:
    """An owner that gives every line without a newspaper to ``newspaper``."""
    return lambda _host: newspaper


def _summary(report: ScrapeReport) -> Table:
    table = Table(
        "source",
        "found",
        "stored",
        "from summary",
        "refused",
        "seconds",
        "error",
        title=f"refresh {report.refresh_id}: {report.duration_s:.1f} s, {report.requests} "
        f"requests ({report.request_latency_s:.1f} s of latency in total)",
    )
    for s in report.sources:
        table.add_row(
            s.name,
            str(s.found),
            str(len(s.articles)),
            str(s.from_summary),
            str(len(s.refused)),
            f"{s.duration_s:.1f}",
            s.error or "[green]ok[/green]",
        )
    return table


def _extract(args: argparse.Namespace, out: Console) -> int:
    target: str = args.target
    if target.startswith(("http://", "https://")):
        response = Downloader(get_settings().user_agent).get(target, FetchPolicy())
        html, url = response.text, args.url or response.url
    else:
        path = Path(target)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        if len(data) > _MAX_FILE_BYTES:
            raise ValueError(f"{path}: larger than {_MAX_FILE_BYTES:,} bytes")
        if path.suffix == ".gz":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError) as exc:
                raise ValueError(f"{path}: not a readable gzip file") from exc
        html, url = decode(data), args.url or path.resolve().as_uri()
    article = extract_article(html, url)
    published = article.published.isoformat() if article.published else "unknown"
    out.print(f"[bold]{article.title or '(no title)'}[/bold]", highlight=False)
    out.print(f"published: {published} · extracted by: {article.method}", highlight=False)
    print(f"\n{article.text or '(no article text found)'}")
    return EXIT_OK if article.text else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
