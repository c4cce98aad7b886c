"""Run one queued refresh in a process of its own: ``python -m runtime.refresh_child <refresh_id>``.

The embedded default (no Redis) starts one per refresh (``ProcessExecutor``), so nothing a
refresh does (feed parsing, extraction, classification) can take the web server down. It
builds its services from the same environment as the web process that started it.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the refresh given on the command line; 0 when it ran (or was not queued), else 1."""
    faulthandler.enable()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or not args[0].isdigit():
        print("usage: python -m runtime.refresh_child <refresh_id>", file=sys.stderr)
        return 2
    from refresh.jobs import run_refresh
    from runtime.services import build_services
    from settings import get_settings

    try:
        run_refresh(build_services(get_settings()), int(args[0]))
    except Exception as exc:  # already recorded as the refresh's reason; one line here
        print(f"error: refresh {args[0]} failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
