"""Reading the training corpus: zip or folder, latin-1, duplicates, clear errors."""

from __future__ import annotations

import socket
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from classifier import CorpusError
from classifier.corpus import decode, download_corpus, read_corpus, resolve_corpus_path
from runtime.services import corpus_path


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*")):
            archive.write(file, file.relative_to(folder.parent).as_posix())
    return target


def test_folder_reading_counts_and_dedup(tiny_corpus_dir: Path) -> None:
    corpus = read_corpus(tiny_corpus_dir)
    assert corpus.labels == ("business", "sport", "tech")
    assert corpus.duplicates == ("business/018.txt", "business/019.txt")
    assert len(corpus.documents) == 3 * 16 + 1
    ids = [doc.doc_id for doc in corpus.documents]
    assert ids == sorted(ids) and "business/001.txt" in ids
    latin = next(doc for doc in corpus.documents if doc.doc_id == "sport/017.txt")
    assert "£15.8m" in latin.text


def test_zip_and_folder_give_the_same_corpus(tiny_corpus_dir: Path, tmp_path: Path) -> None:
    from_zip = read_corpus(_zip(tiny_corpus_dir, tmp_path / "bbc-fulltext.zip"))
    from_folder = read_corpus(tiny_corpus_dir)
    assert from_zip.documents == from_folder.documents
    assert from_zip.sha256 == from_folder.sha256


def test_decode_falls_back_to_latin1() -> None:
    assert decode("café".encode()) == "café"
    assert decode("£5".encode("latin-1")) == "£5"


def test_bad_corpora_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        resolve_corpus_path(tmp_path / "missing.zip", tmp_path / "default.zip")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CorpusError, match="cannot read corpus zip"):
        read_corpus(broken)
    with pytest.raises(CorpusError, match="no articles"):
        read_corpus(tmp_path)


def test_corpus_path_comes_from_the_environment(
    tiny_corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWS_CORPUS", str(tiny_corpus_dir))
    assert corpus_path() == tiny_corpus_dir


def _serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def test_download_fallback_fetches_the_zip_whole(tiny_corpus_dir: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    served.mkdir()
    _zip(tiny_corpus_dir, served / "bbc-fulltext.zip")
    (served / "page.html").write_text("<html>not a zip</html>")
    server, url = _serve(served)
    target = tmp_path / "data" / "bbc-fulltext.zip"
    try:
        with pytest.raises(CorpusError, match="did not return a zip"):
            download_corpus(target, f"{url}/page.html")
        assert not target.exists()
        download_corpus(target, f"{url}/bbc-fulltext.zip")
    finally:
        server.shutdown()
        server.server_close()
    assert read_corpus(target).sha256 == read_corpus(tiny_corpus_dir).sha256
    assert [p.name for p in target.parent.iterdir()] == ["bbc-fulltext.zip"]


def test_unreachable_download_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(CorpusError, match="set NEWS_CORPUS") as error:
        download_corpus(tmp_path / "bbc.zip", f"http://127.0.0.1:{port}/bbc-fulltext.zip")
    assert "\n" not in str(error.value)
    assert list(tmp_path.iterdir()) == []
