"""Demo mode: a JSON-lines sample fills an empty store when no newspaper can be reached."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from dashboard import demo
from dashboard.pages.main.failures import cause_of, diagnose
from runtime import demo_cli
from runtime.services import champion
from store import Listing, open_store

# Made-up test lines in the archive import format (the bundled samples are tested below).
LINES = [
    {"url": "https://a.example/1", "newspaper": "guardian", "title": "Test headline one",
     "summary": "The striker scored twice in the cup final.", "published": "2026-11-20T08:00:00Z"},
    {"url": "https://b.example/2", "newspaper": "bbc", "title": "Test headline two",
     "text": "Shares fell after the bank cut its forecast.", "section": "Business",
     "source_name": "BBC News", "published": "2026-11-21"},
]  # fmt: skip
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _sample(tmp_path: Path, lines: list[object], name: str = "demo.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def _closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_sample_is_imported_with_sections_names_and_a_marker(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'news.db'}")
    count = demo.load_demo(store, _sample(tmp_path, LINES), champion(), tmp_path / "var")
    assert count == 2 and demo.is_demo(tmp_path / "var")
    rows = {row.url: row for row in store.listing(Listing())}
    assert rows["https://b.example/2"].section_label == "business"
    assert rows["https://a.example/1"].text_source == "summary"
    assert rows["https://b.example/2"].text_source == "page"
    assert store.newspaper_names() == {"bbc": "BBC News"}
    info = demo.demo_info(tmp_path / "var")
    assert info is not None and info.started == "by hand" and info.papers == ("bbc", "guardian")
    assert info.first is not None and info.first.date().isoformat() == "2026-11-20"
    assert info.credit is None  # not a bundled sample


def test_bundled_sample_loads_gzipped_with_its_credit(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'news.db'}")
    sample = SAMPLES / "demo-uci-2014.jsonl.gz"
    assert demo.load_demo(store, sample, champion(), tmp_path / "var") == 550
    info = demo.demo_info(tmp_path / "var")
    assert info is not None and len(info.papers) == 30
    assert info.credit == (
        "Demo headlines: UCI News Aggregator data set (F. Gasparetti, 2016), CC BY 4.0"
    )
    assert info.first is not None and info.first.year == 2014
    names = store.newspaper_names()
    assert names["wall-street-journal"] == "Wall Street Journal" and len(names) == 30
    assert store.top_story_rows(list(info.papers), None, 3), "stories assigned on import"


def test_a_bad_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'news.db'}")
    bad = _sample(tmp_path, ["not an object", {"url": "u"}])
    with pytest.raises(demo.DemoError, match=r"no article could be loaded \(line 1: not a JSON"):
        demo.load_demo(store, bad, champion(), tmp_path / "var")
    fake = tmp_path / "fake.jsonl.gz"
    fake.write_bytes(b"plain text")
    with pytest.raises(demo.DemoError, match="not a gzip file"):
        demo.load_demo(store, fake, champion(), tmp_path / "var")
    assert not demo.is_demo(tmp_path / "var")


def test_offline_start_only_when_empty_and_nothing_answers(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'news.db'}")
    sample, var = _sample(tmp_path, LINES), tmp_path / "var"
    model = champion()
    assert demo.offline_start(store, tmp_path / "missing.jsonl", [_closed_port()], model, var) == 0
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        online = f"http://127.0.0.1:{server.getsockname()[1]}/"
        assert demo.offline_start(store, sample, [online], model, var) == 0
    assert demo.offline_start(store, sample, [_closed_port()], model, var) == 2
    info = demo.demo_info(var)
    assert info is not None and info.started == "offline"
    assert demo.offline_start(store, sample, [_closed_port()], model, var) == 0  # not empty now


def test_cli_says_what_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert demo_cli.main([str(tmp_path / "none.jsonl")]) == 2
    assert "no demo sample" in capsys.readouterr().err


def test_every_paper_failing_names_the_cause() -> None:
    assert cause_of("connection refused") == "refused"
    assert cause_of("timeout after 10 s") == "timeout"
    assert cause_of("HTTP 403") == "blocked" and cause_of("blocked by robots.txt") == "blocked"
    assert cause_of("Temporary failure in name resolution") == "dns"
    assert cause_of("connection failed") == "connection"
    assert cause_of("robots.txt unavailable (connection failed); retrying later") == "connection"
    errors = {f"p{n}": "timeout after 10 s" for n in range(10)} | {"p10": "HTTP 403"}
    found = diagnose(errors)
    assert (
        found.sentence(11, 11) == "All 11 newspapers failed: the newspapers did not answer in time."
    )
    assert "try again later" in found.advice
