"""The NLTK corpora the cleaner needs (named in ``nltk.txt``): locating and checking them."""

from __future__ import annotations

import argparse
import sys
from functools import cache

import nltk

from classifier.errors import ModelError
from settings import BASE_DIR, get_settings

NLTK_TXT = BASE_DIR / "nltk.txt"
FIX = "run `make nltk` (or `python -m nltk.downloader -d nltk_data stopwords wordnet`)"


def required_corpora() -> list[str]:
    """The corpus names listed in ``nltk.txt``, one per line."""
    lines = NLTK_TXT.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def ensure_search_path() -> None:
    """Put the configured NLTK data folder (settings.nltk_data) first on ``nltk.data.path``."""
    folder = str(get_settings().nltk_data)
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)


def is_installed(name: str) -> bool:
    """True when the corpus ``name`` is found, unpacked or as a zip, on the NLTK search path."""
    ensure_search_path()
    for resource in (f"corpora/{name}", f"corpora/{name}.zip"):
        try:
            nltk.data.find(resource)
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
        raise ModelError(f"NLTK corpus {name!r} not found in {get_settings().nltk_data}: {FIX}")


def main(argv: list[str] | None = None) -> int:
    """``python -m classifier.corpora check [--quiet]``: exit 0 when every corpus is present."""
    parser = argparse.ArgumentParser(prog="python -m classifier.corpora")
    parser.add_argument("command", choices=["check"], help="check that nltk.txt's corpora exist")
    parser.add_argument("--quiet", action="store_true", help="print nothing, only set the code")
    args = parser.parse_args(argv)
    missing = missing_corpora()
    if not args.quiet:
        if missing:
            print(f"missing NLTK corpora: {', '.join(missing)}: {FIX}", file=sys.stderr)
        else:
            print(f"NLTK corpora present: {', '.join(required_corpora())}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
