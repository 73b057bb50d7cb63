"""The running app in Debian's headless Chromium, driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
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

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(demo_home: Path) -> Iterator[str]:
    """The real dashboard on the demo organisation, served by `streamlit run`."""
    port = free_port()
    env = {**os.environ, "RADAR_HOME": str(demo_home)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
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
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def test_the_register_page_renders_in_chromium(app_url: str, browser, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url, wait_until="networkidle")
    page.get_by_role("heading", name="Risicoregister").wait_for(timeout=30_000)
    page.get_by_text("Procuratieregeling").first.wait_for(timeout=30_000)
    for heading in ("Strategische red flags", "Gelegenheid", "Druk", "Rationalisatie"):
        assert page.get_by_role("heading", name=heading).count() >= 1, heading
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlert"]').filter(has_text="Error").count() == 0
    page.screenshot(path=str(tmp_path / "register.png"), full_page=False)
    page.close()


PAGES = [
    ("register", "Risicoregister", "Procuratieregeling"),
    ("datakwaliteit", "Datakwaliteit", "Quarantaine"),
]


@pytest.mark.parametrize("path, title, text", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_opens_without_an_error(
    app_url: str, browser, path: str, title: str, text: str
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{app_url}/{path}", wait_until="networkidle")
    page.get_by_role("heading", name=title).first.wait_for(timeout=30_000)
    page.get_by_text(text).first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
