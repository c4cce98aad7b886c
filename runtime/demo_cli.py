"""``python -m dashboard.demo [SAMPLE]`` (or ``python -m runtime demo``): load the demo sample."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from dashboard.demo import DemoError, load_demo
from runtime.services import build_services
from settings import get_settings


def main(argv: Sequence[str] | None = None) -> int:
    """Load the demo sample (default DEMO_DATA) into the configured store and mark demo mode."""
    from classifier import ModelError
    from store import StoreError

    args = list(sys.argv[1:] if argv is None else argv)
    services = build_services(get_settings())
    config = services.settings
    path = Path(args[0]) if args else config.demo_data
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m dashboard.demo [SAMPLE.jsonl[.gz]]", file=sys.stderr)
        return 2
    if not path.is_file():
        print(
            f"error: no demo sample at {path}: set DEMO_DATA or pass a JSON-lines file",
            file=sys.stderr,
        )
        return 2
    try:
        count = load_demo(services.store, path, services.model, config.var_dir)
    except (DemoError, ModelError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"demo mode: {count} articles loaded from {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
