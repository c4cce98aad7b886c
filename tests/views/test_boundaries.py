"""The API and the shared read helpers never import the dashboard."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_api_and_views_load_without_the_dashboard() -> None:
    code = (
        "import sys, api, api.stories, views.cache, views.window; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'dashboard'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
