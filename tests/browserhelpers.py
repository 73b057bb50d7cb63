"""The real dashboard served by `streamlit run`, and Debian's Chromium driven by
Playwright: shared by the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served_app(home: Path, streamlit: list[str] | None = None) -> Iterator[str]:
    """The dashboard on RADAR_HOME ``home`` (password log-in), until the block ends;
    ``streamlit``: the command instead of `python -m streamlit` (the bench's timed one)."""
    port = free_port()
    env = {**os.environ, "RADAR_HOME": str(home)}
    env.pop("RADAR_AUTH", None)
    proc = subprocess.Popen(
        [
            *(streamlit or [sys.executable, "-m", "streamlit"]),
            "run",
            str(REPO / "dashboard" / "streamlit_app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out = proc.stdout.read().decode() if proc.stdout else ""
            pytest.fail(f"streamlit did not start on {url}:\n{out}")
        time.sleep(0.3)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def chromium_browser():
    """Debian's Chromium under Playwright (which never downloads a browser)."""
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


# "Settled", as a user sees it: since the action, the server has answered (a message on
# Streamlit's websocket) and Streamlit is not running the script (the app root's
# data-test-script-state is "notRunning"), nothing on the page is stale (left over from
# the previous run) or still loading its code (Streamlit shows a skeleton while an
# element's JavaScript loads), every visible table (st.dataframe; one in a closed
# expander draws nothing) has its canvas and every Plotly chart has drawn its SVG. The
# time is the moment this first held, provided it then held for QUIET_MS with no further
# message (a rerun right after, as st.rerun makes, starts the wait again), in seconds
# since the action started. The script state alone is not enough: a short run can go
# from running to not running within one React render, so the attribute never shows it.
QUIET_MS = 250
# Before the app's own scripts (context.add_init_script): count the websocket's messages.
WATCH_JS = """(() => {
  const Native = window.WebSocket;
  window.__radarMessages = 0;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__radarMessages += 1; });
    }
  };
})();"""
ARM_JS = "() => [performance.now(), window.__radarMessages]"
SETTLED_JS = """async ([start, before, quiet, timeout]) => {
  const settled = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (window.__radarMessages === before) return false;
    if (app?.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
    const tables = [...document.querySelectorAll('[data-testid="stDataFrame"]')];
    if (!tables.every(t => !t.checkVisibility() || t.querySelector('canvas'))) return false;
    const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
    return [...charts].every(c => c.querySelector('.js-plotly-plot .main-svg'));
  };
  let since = null, seen = null;
  while (performance.now() - start < timeout) {
    if (!settled() || window.__radarMessages !== seen) since = null;
    if (since === null && settled()) [since, seen] = [performance.now(), window.__radarMessages];
    else if (since !== null && performance.now() - since >= quiet) return since - start;
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  return null;
}"""
STATE_JS = """() => ({
  messages: window.__radarMessages,
  script: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
  stale: [...document.querySelectorAll('[data-stale="true"]')].map(e => e.dataset.testid),
  loading: document.querySelectorAll('[data-testid="stSkeleton"]').length,
  charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
  drawn: document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg')
    .length,
  heading: document.querySelector('h1')?.innerText,
})"""


def watch(context) -> None:
    """Let settle() see this browser context's pages (before any page is opened)."""
    context.add_init_script(WATCH_JS)


def settle(page, action, timeout_s: float = 60) -> float:
    """Seconds from ``action()`` (a click that makes the app run its script: a menu link,
    a button) until the page has settled, in a browser context that watch() prepared;
    fails after ``timeout_s``."""
    start, before = page.evaluate(ARM_JS)
    if before is None:
        raise RuntimeError("settle() needs a browser context prepared by watch()")
    action()
    ms = page.evaluate(SETTLED_JS, [start, before, QUIET_MS, timeout_s * 1000])
    if ms is None:
        state = page.evaluate(STATE_JS)
        raise TimeoutError(f"the page did not settle within {timeout_s:.0f} s: {state}")
    return ms / 1000
