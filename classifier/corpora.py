"""The NLTK corpora the cleaner needs (named in ``nltk.txt``): locating and checking them."""

from __future__ import annotations

import argparse
import sys
from functools import cache
from pathlib import Path
from typing import Any

from classifier.errors import ModelError

_PROJECT = Path(__file__).resolve().parent.parent
NLTK_TXT = _PROJECT / "nltk.txt"
LOCAL_NLTK_DATA = _PROJECT / "nltk_data"
"""Where missing corpora are downloaded: $NLTK_DATA may be a read-only shared folder."""
FIX = (
    "run `make nltk` with internet access (or `python -m nltk.downloader -d nltk_data stopwords "
    "wordnet`), or set NLTK_DATA to a folder that holds them"
)


def required_corpora() -> list[str]:
    """The corpus names listed in ``nltk.txt``, one per line."""
    lines = NLTK_TXT.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _nltk() -> Any:
    """NLTK, imported on first use (serving a saved model never needs it)."""
    import nltk

    return nltk


@cache
def ensure_search_path() -> None:
    """Put the project's ``nltk_data/`` on NLTK's search path (NLTK reads $NLTK_DATA itself)."""
    for folder in (str(LOCAL_NLTK_DATA),):
        if folder not in _nltk().data.path:
            _nltk().data.path.insert(0, folder)


def is_installed(name: str) -> bool:
    """True when the corpus ``name`` is found, unpacked or as a zip, on the NLTK search path."""
    ensure_search_path()
    for resource in (f"corpora/{name}", f"corpora/{name}.zip"):
        try:
            _nltk().data.find(resource)
        except LookupError:
            continue
        return True
    return False


def missing_corpora() -> list[str]:
    """The names from ``nltk.txt`` that NLTK cannot find."""
    return [name for name in required_corpora() if not is_installed(name)]


def require(name: str) -> None:
    """Raise ModelError naming the fix when the corpus ``name`` is not installed."""
    if not is_installed(name):
        raise ModelError(f"NLTK corpus {name!r} not found in {_search_path()}: {FIX}")


def _search_path() -> str:
    """The first folders NLTK searched (the project's ``nltk_data/``, $NLTK_DATA)."""
    return ", ".join(_nltk().data.path[:2]) or str(LOCAL_NLTK_DATA)


def download_missing() -> list[str]:
    """Download the missing corpora into the project's ``nltk_data/``; return those that failed."""
    folder = LOCAL_NLTK_DATA
    folder.mkdir(parents=True, exist_ok=True)
    failed = []
    for name in missing_corpora():
        # raise_on_error avoids NLTK's interactive "Retry? [n/y/e]" prompt when offline.
        try:
            ok = _nltk().download(name, download_dir=str(folder), quiet=True, raise_on_error=True)
        except (OSError, ValueError) as exc:
            print(f"could not download NLTK corpus {name!r}: {exc}", file=sys.stderr)
            ok = False
        if not ok:
            failed.append(name)
    return failed


def main(argv: list[str] | None = None) -> int:
    """``python -m classifier.corpora check|ensure [--quiet]``: exit 0 when every corpus is present.

    ``ensure`` downloads what is missing into the project's ``nltk_data/`` first.
    """
    parser = argparse.ArgumentParser(prog="python -m classifier.corpora")
    parser.add_argument(
        "command",
        choices=["check", "ensure"],
        help="check that nltk.txt's corpora exist; ensure also downloads the missing ones",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print nothing unless ensure fails; set the code"
    )
    args = parser.parse_args(argv)
    if args.command == "ensure" and missing_corpora():
        print(f"downloading NLTK corpora into {LOCAL_NLTK_DATA}", file=sys.stderr)
        download_missing()
    missing = missing_corpora()
    if missing and (not args.quiet or args.command == "ensure"):  # a failed ensure says why
        print(f"missing NLTK corpora: {', '.join(missing)}: {FIX}", file=sys.stderr)
    elif not args.quiet:
        print(f"NLTK corpora present: {', '.join(required_corpora())}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
