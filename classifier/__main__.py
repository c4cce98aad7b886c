"""``python -m classifier train | predict | report | retrain | relabel``: kept for users' scripts.

The command line lives in ``runtime.model_cli`` (the composition root); this entry point only
delegates to it, and nothing imports it.
"""

import sys

from runtime.model_cli import main

if __name__ == "__main__":
    sys.exit(main())
