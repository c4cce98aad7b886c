"""Bench: cold start of the served model in a new process against scikit-learn's own; bar 2x.

``python -m bench.coldstart``: in fresh processes, alternately, (a) import scikit-learn and fit
a ``TfidfVectorizer`` on two documents, (b) ``load_model()`` plus the first prediction of an
English text, (c) the same with a Spanish text (which loads the language identifier).
Prints the median of ``ROUNDS`` runs of each and the ratio (b)/(a); bar: at most 2.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROUNDS = 7
BAR_RATIO = 2.0
_TIMER = "import time\nstart = time.perf_counter()\n{body}\nprint(time.perf_counter() - start)\n"
RUNS = {
    "baseline": (
        "from sklearn.feature_extraction.text import TfidfVectorizer\n"
        "TfidfVectorizer().fit(['the cat sat on the mat', 'a dog ran in the park'])"
    ),
    "english": (
        "from classifier import load_model\n"
        "from settings import get_settings\n"
        "s = get_settings()\n"
        "model = load_model(s.model_dir, s.var_dir / 'models', s.model_check_seconds)\n"
        "model.predict(['Shares in the bank rose after profits beat forecasts.'])"
    ),
    "spanish": (
        "from classifier import load_model\n"
        "from settings import get_settings\n"
        "s = get_settings()\n"
        "model = load_model(s.model_dir, s.var_dir / 'models', s.model_check_seconds)\n"
        "model.predict(['El Real Madrid gana la Liga por tercera vez consecutiva'])"
    ),
}


def _run(body: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _TIMER.format(body=body)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    """Print the medians and the verdict; exit 1 when the ratio is over the bar."""
    times: dict[str, list[float]] = {name: [] for name in RUNS}
    _run(RUNS["english"])  # warm the OS file cache once
    for _ in range(ROUNDS):
        for name, body in RUNS.items():
            times[name].append(_run(body))
    median = {name: statistics.median(values) for name, values in times.items()}
    ratio = median["english"] / median["baseline"]
    print(f"| run | median of {ROUNDS} (s) | ratio to baseline |")
    print("| --- | ---: | ---: |")
    for name, label in [
        ("baseline", "import scikit-learn + TfidfVectorizer fit on two docs"),
        ("english", "`load_model()` + first prediction (English text)"),
        ("spanish", "`load_model()` + first prediction (Spanish text, loads py3langid)"),
    ]:
        print(f"| {label} | {median[name]:.3f} | {median[name] / median['baseline']:.2f} |")
    verdict = "PASS" if ratio <= BAR_RATIO else "FAIL"
    print(f"\n{verdict}: cold start {ratio:.2f}x (bar {BAR_RATIO:.0f}x)")
    return 0 if ratio <= BAR_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
