"""make bench, the part a user feels: every page of the menu in Debian's Chromium, from the
click until the page has settled (tests/browserhelpers.py settle: Streamlit has finished
the run, nothing is stale, every Plotly chart has drawn).

The dashboard is served by `streamlit run` on a demo home, with one user of the role that
sees most pages (the risk manager). Each round is a browser with an empty cache that logs
in (which opens Overzicht) and clicks every page of the menu, Overzicht last, twice:

- cold: the first browser on a server just started (Python imports, empty data caches);
- first: a second new browser on that server: each page's first visit after log-in;
- warm: that browser's second visit of each page.

Beside each time, where it went: the server's part (from the click until the server had
finished running the page's script, as bench/timed_streamlit.py writes down) and how long
the tab's main thread was busy (running the JavaScript of the page's elements, layout,
drawing: Chrome's TaskDuration). Both run on the same machine here, so they also slow
each other down.

`python bench/browser.py HOME [LABEL]` times a home that is already built.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browserhelpers import chromium_browser, served_app, settle, watch  # noqa: E402

FIRST_AIM, WARM_AIM = 2.0, 1.0  # seconds (issue 15, item 5)
VIEWPORT = {"width": 1440, "height": 900}
NAV_LINKS = '[data-testid="stSidebarNav"] a'


class Visit(NamedTuple):
    seconds: float  # from the click until the page had settled
    server: float  # until the end of the run came in (0 when none was seen)
    browser: float  # the tab's main thread busy meanwhile


class Session:
    """One browser tab logged in to the served app, timing each page it opens."""

    def __init__(self, browser, url: str, user: str, password: str, runs: Path) -> None:
        self.runs = runs
        self.context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
        watch(self.context)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable")
        self.page.goto(url, wait_until="networkidle")
        self.page.get_by_label("Gebruikersnaam").fill(user)
        self.page.get_by_label("Wachtwoord").fill(password)

    def _busy(self) -> float:
        metrics = self.cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "TaskDuration")

    def _visit(self, click: Callable[[], None]) -> Visit:
        busy = self._busy()
        start = time.time()
        seconds = settle(self.page, click)
        return Visit(seconds, self._server(start), self._busy() - busy)

    def _server(self, since: float) -> float:
        """From ``since`` until the end of the last script run that started after it (the
        server writes a run down just after the browser sees its end: wait a moment)."""
        for _ in range(40):
            lines = self.runs.read_text().splitlines()
            ends = [float(end) for start, end in map(str.split, lines) if float(start) >= since]
            if ends:
                return max(ends) - since
            time.sleep(0.05)
        return 0.0

    def log_in(self) -> Visit:
        visit = self._visit(self.page.get_by_role("button", name="Inloggen").click)
        self.page.get_by_role("button", name="Uitloggen").wait_for(timeout=30_000)
        return visit

    def menu(self) -> list[str]:
        return [a.inner_text().splitlines()[-1] for a in self.page.locator(NAV_LINKS).all()]

    def open(self, title: str) -> Visit:
        return self._visit(self.page.locator(NAV_LINKS, has_text=title).first.click)

    def close(self) -> None:
        self.context.close()


def one_round(url: str, user: str, password: str, runs: Path) -> tuple[dict, dict]:
    """A new browser logs in (its page is the menu's first), opens every other page and
    then the first again, then each a second time: (first visits, second visits) by menu
    title."""
    with chromium_browser() as browser:
        return visits(Session(browser, url, user, password, runs))


def visits(session: Session) -> tuple[dict, dict]:
    landing = session.log_in()
    titles = session.menu()
    order = [*titles[1:], titles[0]]
    first = {titles[0]: landing} | {title: session.open(title) for title in order[:-1]}
    warm = {title: session.open(title) for title in order}
    session.close()
    return {t: first[t] for t in titles}, {t: warm[t] for t in titles}


def page_times(home: Path) -> dict[str, dict[str, Visit]]:
    """Per round (cold server, first visit, warm), per page: its time to settle."""
    from dashboard.pages import pages_for
    from pipelines.access.roles import load_roles
    from pipelines.access.users import add_user

    roles = load_roles()
    role = max(roles.roles, key=lambda r: len(pages_for(r, roles)))
    user, password = f"bench-browser-{secrets.token_hex(3)}", secrets.token_urlsafe(16)
    users = home / "users.yaml"
    before = users.read_bytes() if users.exists() else None
    add_user(user, role, password, path=users)
    try:
        runs = Path(tempfile.mkdtemp(prefix="radar-bench-runs-")) / "runs.txt"
        os.environ["RADAR_BENCH_RUNS"] = str(runs)
        runs.touch()
        timed = [sys.executable, str(REPO / "bench" / "timed_streamlit.py")]
        with served_app(home, streamlit=timed) as url:
            cold, _ = one_round(url, user, password, runs)
            first, warm = one_round(url, user, password, runs)
        shutil.rmtree(runs.parent)
    finally:  # the home's users as they were
        if before is None:
            users.unlink()
        else:
            users.write_bytes(before)
    return {"cold": cold, "first": first, "warm": warm}


def cell(visit: Visit, aim: float | None) -> str:
    mark = "!" if aim is not None and visit.seconds >= aim else " "
    return f"{visit.seconds:5.2f}{mark} {visit.server:4.2f} {visit.browser:4.2f}"


def print_page_times(label: str, times: dict[str, dict[str, Visit]]) -> None:
    aims = {"cold": None, "first": FIRST_AIM, "warm": WARM_AIM}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"pages in Chromium on the {label} (1440x900, the risk manager's menu; seconds "
        f"from the click until settled, then the server's and the browser's part; aims: "
        f"first under {FIRST_AIM:.0f} s, warm under {WARM_AIM:.0f} s, ! where not met; "
        f"load average {load}):"
    )
    print(f"  {'page':<23}" + "".join(f"{name + ' (server, browser)':<24}" for name in times))
    for title in times["warm"]:
        row = "".join(f"{cell(times[name][title], aims[name]):<24}" for name in times)
        print(f"  {title:<23}{row}")


def main() -> None:
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python bench/browser.py HOME [LABEL] (HOME: a built RADAR_HOME)")
    home = Path(sys.argv[1])
    os.environ["RADAR_HOME"] = str(home)
    print_page_times(sys.argv[2] if len(sys.argv) == 3 else str(home), page_times(home))


if __name__ == "__main__":
    main()
