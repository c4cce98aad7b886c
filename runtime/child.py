"""Run one long job in a process of its own: ``python -m runtime.child refresh <id> | retrain``.

The embedded default (no Redis) starts one per refresh and one per scheduled retrain
(``ProcessExecutor``), so nothing they do (feed parsing, extraction, training) can take the
web server down or hold its interpreter for minutes. The child builds its services from the
same environment as the web process that started it.
"""

from __future__ import annotations

import faulthandler
import sys
from collections.abc import Sequence

from runtime.logs import configure_logging

_USAGE = "usage: python -m runtime.child refresh <refresh_id> | retrain"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the job given on the command line; 0 when it ran (or had nothing to do), 1 when it
    failed (one line on stderr), 2 for a bad command line."""
    faulthandler.enable()
    configure_logging()
    args = list(sys.argv[1:] if argv is None else argv)
    refresh = len(args) == 2 and args[0] == "refresh" and args[1].isdigit()
    if not refresh and args != ["retrain"]:
        print(_USAGE, file=sys.stderr)
        return 2
    from runtime.services import build_services
    from settings import get_settings

    what = f"refresh {args[1]}" if refresh else "retrain"
    try:
        services = build_services(get_settings())
        if refresh:
            from refresh.jobs import run_refresh

            run_refresh(services, int(args[1]))
        else:
            from refresh.retraining import retrain_now

            retrain_now(services)
    except Exception as exc:  # a refresh already recorded it as its reason; one line here
        print(f"error: {what} failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
