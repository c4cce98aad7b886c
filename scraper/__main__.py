"""``python -m scraper list | scrape | import | extract``: kept for users' scripts and cron jobs.

The command line lives in ``runtime.scrape_cli`` (the composition root); this entry point only
delegates to it, and nothing imports it.
"""

import sys

from runtime.scrape_cli import main

if __name__ == "__main__":
    sys.exit(main())
