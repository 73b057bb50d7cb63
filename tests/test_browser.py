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

from dashboard.pages import PAGE_FILES, PAGES, PageSpec

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


# Per page (dashboard/pages.py): its heading and a text only its real content shows. The
# first page is the default, which Streamlit serves at the root URL.
EXPECTED = {
    "overview.py": ("Overzicht", "Grootste zekerheidskloof"),
    "red_flags.py": ("Rode vlaggen", "Beheersmaatregelen"),
    "fraud_triangle.py": ("Fraudedriehoek", "Rationalisatie"),
    "register.py": ("Risicoregister", "Laatst gewijzigd door"),
    "data_quality.py": ("Datakwaliteit", "Quarantaine"),
    "rvc.py": ("RvC-kwartaaloverzicht", "Momentopname maken voor"),
    "exceptions.py": ("Uitzonderingen", "Uitzonderingen"),
}
ERROR_BOXES = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def test_every_page_of_the_app_is_tested_here() -> None:
    assert sorted(EXPECTED) == sorted(PAGE_FILES)


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_opens_without_an_error(
    app_url: str, browser, spec: PageSpec, tmp_path: Path
) -> None:
    title, text = EXPECTED[spec.file]
    path = "" if spec == PAGES[0] else spec.url_path
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{app_url}/{path}", wait_until="networkidle")
    page.get_by_role("heading", name=title).first.wait_for(timeout=30_000)
    page.get_by_text(text).first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    errors = page.locator(ERROR_BOXES)
    assert errors.count() == 0, errors.first.inner_text()
    assert page.get_by_text("Page not found").count() == 0
    page.screenshot(path=str(tmp_path / f"{spec.url_path}.png"), full_page=False)
    page.close()


def test_the_language_switch_turns_the_menu_english(app_url: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url, wait_until="networkidle")
    page.get_by_role("heading", name="Overzicht").first.wait_for(timeout=30_000)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="English").click()
    page.get_by_role("heading", name="Overview").first.wait_for(timeout=30_000)
    assert page.get_by_text("Risk register").count() >= 1
    assert page.locator(ERROR_BOXES).count() == 0
    page.close()
