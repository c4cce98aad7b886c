"""Parsing in child processes: a child that dies costs only its own call; it is replaced."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.children import ChildDied, ParsePool
from tests.refresh.processes import parse_children, wait_for


@pytest.fixture
def pool() -> Iterator[ParsePool]:
    """Two parse children."""
    with ParsePool(2) as parse_pool:
        yield parse_pool


def _handshake(started: str, release: str) -> str:
    """In a child: say "started" through one FIFO, then return what arrives on the other."""
    with open(started, "w") as out:
        out.write(f"{os.getpid()}\n")
    with open(release) as given:
        return given.read()


def test_a_native_abort_is_reported_with_its_signal_and_the_pool_still_works(
    pool: ParsePool,
) -> None:
    # os.abort() is what glibc does on "double free or corruption": SIGABRT, no traceback.
    with pytest.raises(ChildDied, match=r"^extraction process died \(signal 6\)$"):
        pool.run(os.abort)
    assert pool.deaths == ["extraction process died (signal 6)"] * 2  # tried on a new child
    assert pool.run(len, "four") == 4


def test_a_child_killed_mid_call_costs_nothing_the_call_is_retried_on_a_new_child(
    pool: ParsePool, tmp_path: Path
) -> None:
    started, release = tmp_path / "started", tmp_path / "release"
    os.mkfifo(started)
    os.mkfifo(release)
    result: list[str] = []
    caller = threading.Thread(
        target=lambda: result.append(pool.run(_handshake, str(started), str(release)))
    )
    caller.start()
    first = int(started.read_text())  # the call is running in this child
    assert first in parse_children(os.getpid())
    os.kill(first, signal.SIGKILL)
    second = int(started.read_text())  # the same call, again, on the rebuilt pool
    release.write_text("the page's text")
    caller.join()
    assert second != first
    assert result == ["the page's text"]
    assert pool.deaths == ["extraction process died (signal 9)"]


def test_children_die_with_their_parent(tmp_path: Path) -> None:
    # The parent is killed with SIGKILL (no clean-up); its children must not linger.
    script = (
        "import os, sys\n"
        "from scraper.children import ParsePool\n"
        "if __name__ == '__main__':\n"
        "    pool = ParsePool(2)\n"
        "    pool.run(len, 'x')\n"
        "    print(*pool.pids(), flush=True)\n"
        "    sys.stdin.read()\n"
    )
    (tmp_path / "parent.py").write_text(script)
    parent = subprocess.Popen(
        [sys.executable, str(tmp_path / "parent.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert parent.stdout is not None
    children = [int(pid) for pid in parent.stdout.readline().split()]
    assert children
    parent.kill()
    parent.wait()
    for pid in children:
        _wait_gone(pid)


def _wait_gone(pid: int) -> None:
    """Wait until ``pid`` no longer runs (its /proc entry goes, or it is a zombie)."""

    def gone() -> bool | None:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        return True if state == "Z" else None

    wait_for(gone, 30, f"child {pid} to exit after its parent was killed")
