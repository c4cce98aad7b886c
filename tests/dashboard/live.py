"""A live app for browser tests and benches: gunicorn on 127.0.0.1 and headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
_SETTINGS_ENV = ("DATABASE_URL", "REDIS_URL", "NEWS_SOURCES", "VAR_DIR", "MODEL_DIR", "DASH_DEBUG")


def chromium_available() -> bool:
    """True when Debian's Chromium is installed where the tests expect it."""
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the app did not answer within {timeout:.0f}s:\n{log.read_text()[-3000:]}")


@contextmanager
def running_app(env: Mapping[str, str], *, workers: int = 1) -> Iterator[str]:
    """Serve ``app:server`` with gunicorn on a free local port; yield its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    clean = {key: value for key, value in os.environ.items() if key not in _SETTINGS_ENV}
    logdir = Path(tempfile.mkdtemp(prefix="lnc-app-"))
    log = logdir / "gunicorn.log"
    command = [
        sys.executable, "-m", "gunicorn", "app:server",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", "4",
        "--timeout", "120", "--error-logfile", "-",
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, cwd=REPO, env={**clean, **env}, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_up(base + "/", proc, log, timeout=90)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            shutil.rmtree(logdir, ignore_errors=True)


def launch(playwright: Playwright) -> Browser:
    """Headless Debian Chromium (never a downloaded browser)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def console_errors(page: Page) -> list[str]:
    """A list that collects the page's console errors and uncaught exceptions from now on."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


TABLE_ROWS = """() => Array.from(document.querySelectorAll('#articles tbody tr[data-id]'), tr => {
  const link = tr.querySelector('[data-col=title] a');
  return {
    id: Number(tr.dataset.id),
    title: tr.querySelector('[data-col=title]').textContent,
    link: link ? link.getAttribute('href') : null,
    paper: tr.querySelector('[data-col=paper]').textContent,
    label: tr.querySelector('[data-col=label] .category-chip').textContent,
  };
})"""
"""JavaScript for the rows the article table shows: id, title, link, paper and label each."""
