"""Demo mode: a JSON-lines sample fills an empty store when no newspaper can be reached."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from classifier import load_model
from dashboard import demo
from dashboard.pages.main.failures import cause_of, diagnose
from store import Listing, open_store

# Made-up test lines (this repository ships no article sample; see README, Demo mode).
LINES = [
    {"url": "https://a.example/1", "newspaper": "guardian", "title": "Test headline one",
     "summary": "The striker scored twice in the cup final.", "published": "2026-11-20T08:00:00Z"},
    {"url": "https://b.example/2", "newspaper": "bbc", "title": "Test headline two",
     "text": "Shares fell after the bank cut its forecast.", "category": "business",
     "confidence": 0.9},
]  # fmt: skip


def _sample(tmp_path: Path, lines: list[object]) -> Path:
    path = tmp_path / "demo.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def _closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_sample_is_loaded_classified_and_marked(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'news.db'}")
    count = demo.load_demo(store, _sample(tmp_path, LINES), load_model(), tmp_path / "var")
    assert count == 2 and demo.is_demo(tmp_path / "var")
    rows = {row.url: row for row in store.listing(Listing())}
    assert rows["https://b.example/2"].label == "business"
    assert rows["https://a.example/1"].text_source == "summary"
    assert rows["https://a.example/1"].published is not None


def test_bad_lines_are_named(tmp_path: Path) -> None:
    with pytest.raises(demo.DemoError, match="line 2: 'title' must be a non-empty string"):
        demo.read_sample([json.dumps(LINES[0]), json.dumps({"url": "u", "newspaper": "n"})], "s")
    with pytest.raises(demo.DemoError, match="line 1: not JSON"):
        demo.read_sample(["{nope"], "s")
    with pytest.raises(demo.DemoError, match="published is not an ISO 8601 time"):
        demo.read_sample([json.dumps({**LINES[0], "published": "yesterday"})], "s")


def test_offline_start_only_when_empty_and_nothing_answers(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'news.db'}")
    sample, var = _sample(tmp_path, LINES), tmp_path / "var"
    model = load_model()
    assert demo.offline_start(store, tmp_path / "missing.jsonl", [_closed_port()], model, var) == 0
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        online = f"http://127.0.0.1:{server.getsockname()[1]}/"
        assert demo.offline_start(store, sample, [online], model, var) == 0
    assert demo.offline_start(store, sample, [_closed_port()], model, var) == 2
    assert demo.offline_start(store, sample, [_closed_port()], model, var) == 0  # not empty now


def test_cli_says_what_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert demo.main([str(tmp_path / "none.jsonl")]) == 2
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
