"""Real processes for the refresh tests: the Procfile's web and worker, or ``python app.py``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from tests.conftest import REPO
from tests.dashboard.live import free_port

T = TypeVar("T")
_SETTINGS_ENV = (
    "DATABASE_URL", "REDIS_URL", "NEWS_SOURCES", "VAR_DIR", "MODEL_DIR", "DASH_DEBUG", "PORT",
    "REFRESH_INTERVAL", "REFRESH_STALE_AFTER", "REFRESH_QUEUE", "API_TOKEN", "WEB_CONCURRENCY",
    "WEB_THREADS",
)  # fmt: skip


def procfile_command(name: str) -> str:
    """The command of process type ``name`` in the Procfile, as Heroku would run it."""
    for line in (REPO / "Procfile").read_text().splitlines():
        kind, _, command = line.partition(":")
        if kind.strip() == name:
            return command.strip()
    raise KeyError(name)


class Proc:
    """A process started in its own process group, its output in a log file."""

    def __init__(self, command: str, env: Mapping[str, str], log: Path) -> None:
        clean = {k: v for k, v in os.environ.items() if k not in _SETTINGS_ENV}
        self.log = log
        self._out = log.open("ab")
        self.popen = subprocess.Popen(  # bash expands ${WEB_CONCURRENCY:-2} as Heroku does
            ["bash", "-c", f"exec {command}"],
            cwd=REPO,
            env={**clean, "PATH": f"{Path(sys.executable).parent}:{clean.get('PATH', '')}", **env},
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def tail(self, chars: int = 3000) -> str:
        """The end of the process's output."""
        return self.log.read_text(errors="replace")[-chars:]

    def kill9(self) -> None:
        """SIGKILL the process and everything it started (no clean-up of any kind)."""
        with suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait()

    def stop(self) -> None:
        """Terminate politely, then kill what is left."""
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, signal.SIGTERM)
                self.popen.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        self.kill9()
        self._out.close()


@contextmanager
def started(command: str, env: Mapping[str, str], log: Path) -> Iterator[Proc]:
    """Run ``command`` for the duration of the block."""
    proc = Proc(command, env, log)
    try:
        yield proc
    finally:
        proc.stop()


def web_port_env() -> tuple[str, dict[str, str]]:
    """A free loopback port for a web process, and the environment that binds it there."""
    port = free_port()
    env = {"PORT": str(port), "HOST": "127.0.0.1", "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{port}"}
    return f"http://127.0.0.1:{port}", env


def get_json(url: str, timeout: float = 5) -> Any:
    """GET a JSON document."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.load(response)


def post_json(url: str, body: object, token: str) -> tuple[int, dict[str, str], Any]:
    """POST JSON with a bearer token; return status, headers and body."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), json.load(response)


def wait_for(
    probe: Callable[[], T | None], timeout: float, what: str, proc: Proc | None = None
) -> tuple[T, float]:
    """Poll ``probe`` until it returns something; return it and the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            value = probe()
        except OSError:
            value = None
        if value is not None:
            return value, time.monotonic() - start
        if proc is not None and proc.popen.poll() is not None:
            raise AssertionError(f"{what}: the process exited:\n{proc.tail()}")
        time.sleep(0.5)
    logs = f"\n{proc.tail()}" if proc is not None else ""
    raise AssertionError(f"{what}: not within {timeout:.0f} s{logs}")


def descendants(pid: int) -> dict[int, str]:
    """Every living process below ``pid`` (children, grandchildren...), pid -> command line."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, ValueError, IndexError):
            # The command name may hold spaces and parentheses: fields start after the last ")".
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if fields[0] != "Z":  # a zombie is dead, only not yet reaped
                parents[int(stat.parent.name)] = int(fields[1])
    found: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in found:
                found[child] = command_line(child)
                frontier.append(child)
    return found


def parse_children(pid: int) -> list[int]:
    """The extraction children below ``pid``: the fork server's children (not the server).

    A forked child has its server's command line; it is the one whose parent is the server.
    """
    tree = descendants(pid)
    forked = {p for p, cmd in tree.items() if "multiprocessing.forkserver" in cmd}
    return [p for p in forked if _parent(p) in forked]


def _parent(pid: int) -> int:
    with suppress(OSError, ValueError, IndexError):
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    return 0


def command_line(pid: int) -> str:
    """The command line of ``pid`` (empty when it is gone)."""
    with suppress(OSError):
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    return ""
