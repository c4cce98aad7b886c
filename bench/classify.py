"""Bench: end-to-end ``predict`` speed on the BBC articles against a plain TF-IDF; bar 2.5x."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # always first: bench/stories.py must not shadow `stories`

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from classifier.corpus import read_corpus  # noqa: E402
from classifier.lemmas import lemmatizer_for  # noqa: E402
from runtime.services import champion, corpus_path  # noqa: E402
from settings import get_settings  # noqa: E402

BAR_RATIO = 2.5
ROUNDS = 5
_COLD_START = """
import time
start = time.perf_counter()
from classifier import load_model
from settings import get_settings
s = get_settings()
model = load_model(s.model_dir, s.var_dir / "models", s.model_check_seconds)
loaded = time.perf_counter()
model.predict(["Shares in the bank rose after profits beat forecasts."])
print(f"{loaded - start:.3f} {time.perf_counter() - start:.3f}")
"""


def machine() -> str:
    """Cores, CPU model, RAM and Python version of this machine."""
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), "?")
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return (
        f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {model}, "
        f"{pages / 2**30:.0f} GiB RAM, Python {platform.python_version()}"
    )


def _best_of(runs: dict[str, Callable[[], object]], rounds: int = ROUNDS) -> dict[str, float]:
    """The fastest time of each run; rounds interleave the runs so load spikes hit all alike."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def _cold_start() -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _COLD_START],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout.split()
    return float(out[0]), float(out[1])


def main() -> int:
    """Time plain TF-IDF, cold- and warm-cache ``predict`` and a cold start; print a table."""
    docs = [doc.text for doc in read_corpus(corpus_path(get_settings())).documents]
    chars = sum(map(len, docs)) / len(docs)
    load_s, first_s = _cold_start()
    model = champion(get_settings())
    model.predict(docs[:1])
    cleaner = model._fitted().cleaner
    normaliser, lemmas = cleaner.normaliser(), lemmatizer_for(cleaner.lemma_tables_)

    def cold_predict() -> None:
        normaliser.clear()  # every distinct word is cleaned and lemmatised again
        lemmas.clear()
        model.predict(docs)

    best = _best_of(
        {
            "tfidf": lambda: TfidfVectorizer().fit(docs).transform(docs),
            "cold": cold_predict,
            "warm": lambda: model.predict(docs),
        }
    )
    tfidf, cold, warm = best["tfidf"], best["cold"], best["warm"]
    ratio = cold / tfidf
    print(f"Machine: {machine()}")
    print(f"Documents: {len(docs)} BBC articles (mean {chars:.0f} chars)")
    print(f"Fastest of {ROUNDS} interleaved rounds\n")
    print("| measure | seconds | docs/s |")
    print("| --- | ---: | ---: |")
    for name, seconds in [
        ("plain `TfidfVectorizer().fit(docs).transform(docs)`", tfidf),
        ("`model.predict(docs)`, lemma cache cleared first", cold),
        ("`model.predict(docs)`, lemma cache warm", warm),
    ]:
        print(f"| {name} | {seconds:.3f} | {len(docs) / seconds:,.0f} |")
    print(f"\nRatio predict (cache cleared) / plain TF-IDF: {ratio:.2f} (bar {BAR_RATIO:g}x); "
          f"warm: {warm / tfidf:.2f}")  # fmt: skip
    print(f"Cold start (new process): load_model() {load_s:.2f} s, "
          f"+ first prediction {first_s:.2f} s")  # fmt: skip
    verdict = "PASS" if ratio <= BAR_RATIO else "FAIL"
    print(f"{verdict}: predict is at most {BAR_RATIO:g}x the plain TF-IDF")
    return 0 if ratio <= BAR_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
