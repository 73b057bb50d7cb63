"""What each role reads on each of its pages, in Debian's Chromium at 1440x900, in Dutch.

A role logs in once and opens the pages of its menu (`make test`: every page once, as the
risk manager or, for the officer's own two, the integriteitsfunctionaris; `make validate`:
every other role's pages, see KEPT_ROLES); on each page, once it has settled
(tests/browserhelpers.py), the visible text of the main block is read, with the values
its pickers show and every text drawn on a canvas: st.dataframe draws its cells on
one (glide-data-grid), and the accessible table the grid keeps holds raw values, not the
ones shown (see CANVAS_TEXT_JS). In that text:

- no code: ``None``, ``nan``, ``NaN``, ``NaT``, ``<NA>``, ``True``/``False``, a Great
  Expectations check's class name (``Expect...``) or a snake_case identifier (a dataset id
  such as ``feedback_360``, a reason code such as ``out_of_range``);
- no decimal point: Dutch writes 9,4; a dot only groups thousands (4.683, 1.234.567);

except where ALLOW says an element legitimately shows such a string (a file name, a user
name). On Overzicht and the RvC page, the headline sentence
(pipelines.core.headline.finding_sentence: "Bij ... van de ... risico's ...") is on the first
screen, without scrolling, and names every risk whose gap level is rood for the
organisation in the page's quarter (report_risk_scores in the warehouse).

Also: a snapshot taken before issue 15 (tests/fixtures/snapshot_before_scoring_method)
still renders on the RvC page.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from dashboard.pages import pages_for
from pipelines.access.roles import load_roles
from pipelines.access.users import add_user
from pipelines.core.texts import t
from pipelines.reports.snapshot import quarter_has_ended, take_snapshot
from tests.browserhelpers import chromium_browser, served_app, settle, watch
from tests.readers import reading

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser
PASSWORD = "browser-test-password"  # no secret: a user of a throw-away test home
WIDTH, HEIGHT = 1440, 900
NAV_LINKS = '[data-testid="stSidebarNav"] a'
ERROR_BOXES = '[data-testid="stException"], [data-testid="stAlertContentError"]'
HEADLINE_PAGES = ("overview.py", "rvc.py")
ICONS = '[data-testid="stIconMaterial"], [data-testid="stExpanderIcon"]'

# Strings that are code, not words: what a user must never read.
CODE = [
    ("None", re.compile(r"\bNone\b")),
    ("nan", re.compile(r"\b(?:nan|NaN|NaT)\b|<NA>")),
    ("True/False", re.compile(r"\b(?:True|False)\b")),
    ("a check's class name", re.compile(r"\bExpect[A-Z]\w*")),
    ("a snake_case identifier", re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")),
]
# A number with a decimal point: digits, a dot, and digits that are not exactly one group
# of three (4.683 and 1.234.567 group thousands); "0." always starts a decimal.
DECIMAL_POINT = re.compile(r"(?<![\d.,])(?:0\.\d+|\d+\.(?!\d{3}(?![\d]))\d+)")

# What may show such strings, and why: (page file, or None for every page; pattern; why).
# A checksum (hex) or a user name with a hyphen trips nothing and needs no entry.
ALLOW = [
    (None, r"[\w.-]+\.(?:csv|xlsx|xls|json|pdf|txt)\b", "a file name, as uploaded or written"),
    (None, r"\bbrowser-[a-z_]+\b", "the user names of this test"),
]

# st.dataframe draws its cells on a canvas (glide-data-grid). The grid also keeps an
# accessible table of its rows inside the canvas, but that holds the raw values
# (6.8999999999999995 for a cell shown as 6,9), so the test reads what the grid draws:
# every string the page writes on a canvas (fillText, also on the grid's off-screen
# buffers), recorded from before the app's own scripts (see drawn_text).
CANVAS_TEXT_JS = """(() => {
  const drawn = new Set();
  window.__radarCanvasText = drawn;
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    drawn.add(String(text));
    return fillText.call(this, text, ...rest);
  };
})();"""
# Every input's value in the main block (a picker shows its choice in an input).
INPUTS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] input')]
  .filter(e => e.type !== 'hidden' && e.checkVisibility()).map(e => e.value)"""
# Every scrollable element back to the top, so a bounding box is the first screen's.
TO_TOP_JS = """() => {
  for (const e of [document.scrollingElement, ...document.querySelectorAll('*')])
    if (e && e.scrollTop) e.scrollTop = 0;
}"""
# Markdown blocks (st.markdown, st.info ...) in the main block: their text and where they end.
BLOCKS_JS = """() => [...document.querySelectorAll(
    '[data-testid="stMain"] [data-testid="stMarkdownContainer"]')].map(e =>
  ({text: e.innerText.trim(), bottom: e.getBoundingClientRect().bottom}))"""


class Screen(NamedTuple):
    """What one role saw on one page."""

    text: str  # the main block's visible text, and the values its pickers show
    cells: list[str]  # every text drawn on a canvas (st.dataframe's headers and cells)
    # in the order first drawn
    blocks: list[dict]  # markdown blocks: text and bounding-box bottom at the top
    quarter: str | None  # the quarter the page shows (its quarter or snapshot picker)
    errors: list[str]  # texts of error boxes


def newest_ended_quarter(home: Path) -> str:
    with reading(str(home / "warehouse.duckdb")) as con:
        periods = con.execute("select distinct period from report_risk_changes").fetchall()
    return max(p for (p,) in periods if quarter_has_ended(p))


@pytest.fixture(scope="module")
def home(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built demo with one user per role and the RvC snapshot of the newest
    quarter that has ended (so the RvC page shows a snapshot for every role)."""
    home = tmp_path_factory.mktemp("first_screen") / "home"
    shutil.copytree(demo_home, home)
    for role in load_roles().roles:
        add_user(f"browser-{role}", role, PASSWORD, path=home / "users.yaml")
    take_snapshot(newest_ended_quarter(home), actor="browser-risicomanager", home=home)
    return home


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


@pytest.fixture(scope="module")
def app_url(home: Path) -> Iterator[str]:
    with served_app(home) as url:
        yield url


def log_in(browser, url: str, role: str):
    """A new Dutch browser context at 1440x900, logged in as the role's test user, on the
    page the log-in opens (settled)."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="nl-NL")
    watch(context)
    context.add_init_script(CANVAS_TEXT_JS)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.get_by_label("Gebruikersnaam").fill(f"browser-{role}")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    settle(page, page.get_by_role("button", name="Inloggen").click)
    page.get_by_role("button", name="Uitloggen").wait_for(timeout=30_000)
    return page


def shown_quarter(page) -> str | None:
    """The quarter in the page's quarter picker (sidebar) or snapshot picker (RvC)."""
    labels = (t("filter_quarter", "nl"), t("rvc_pick", "nl"))
    for box in page.locator('[data-testid="stSelectbox"]').all():
        label = box.locator('[data-testid="stWidgetLabel"]')
        if label.count() and label.inner_text().strip() in labels:
            found = re.search(r"\d{4}-Q[1-4]", box.locator("input").input_value())
            return found.group(0) if found else None
    return None


def visible_text(page) -> str:
    """The main block's text without the names of icons (Material icons are letters in an
    icon font: ``keyboard_arrow_right`` shows as an arrow), and its pickers' values."""
    main = page.locator('[data-testid="stMain"]')
    icons = {e.inner_text().strip() for e in main.locator(ICONS).all()}
    lines = [line for line in main.inner_text().splitlines() if line.strip() not in icons]
    return "\n".join([*lines, *page.evaluate(INPUTS_JS)])


def drawn_text(page) -> list[str]:
    """What the canvases of this page show: recorded afresh while every table redraws
    (the width changes by a pixel and back), so a table of the page before, still drawing
    while it went, adds nothing."""
    page.evaluate("() => window.__radarCanvasText.clear()")
    for width in (WIDTH - 1, WIDTH):
        page.set_viewport_size({"width": width, "height": HEIGHT})
        page.wait_for_timeout(300)  # a resize redraws on the next frames
    return page.evaluate("() => [...window.__radarCanvasText]")  # in the order drawn


def read_screen(page) -> Screen:
    page.evaluate(TO_TOP_JS)
    return Screen(
        text=visible_text(page),
        cells=drawn_text(page),
        blocks=page.evaluate(BLOCKS_JS),
        quarter=shown_quarter(page),
        errors=[e.inner_text() for e in page.locator(ERROR_BOXES).all()],
    )


class Screens:
    """Each (role, page) read once, when a test first asks for it: one log-in per role
    (while tests ask for one role's pages in a row), the page opened from the menu."""

    def __init__(self, browser, url: str) -> None:
        self.browser, self.url = browser, url
        self.roles = load_roles()
        self.seen: dict[tuple[str, str], Screen] = {}
        self.role: str | None = None
        self.page = None

    def __getitem__(self, key: tuple[str, str]) -> Screen:
        if key not in self.seen:
            role, page_file = key
            if role != self.role:
                self.close()
                self.page, self.role = log_in(self.browser, self.url, role), role
                self.seen[(role, pages_for(role, self.roles)[0].file)] = read_screen(self.page)
            if key not in self.seen:
                spec = next(s for s in pages_for(role, self.roles) if s.file == page_file)
                link = self.page.locator(NAV_LINKS, has_text=t(spec.title_key, "nl")).first
                settle(self.page, link.click)
                self.seen[key] = read_screen(self.page)
        return self.seen[key]

    def close(self) -> None:
        if self.page is not None:
            self.page.context.close()
            self.page = None


@pytest.fixture(scope="module")
def screens(app_url: str, browser) -> Iterator[Screens]:
    """What each role sees on each page, read when first asked for."""
    seen = Screens(browser, app_url)
    yield seen
    seen.close()


def role_pages() -> list[tuple[str, str]]:
    roles = load_roles()
    return [(role, spec.file) for role in roles.roles for spec in pages_for(role, roles)]


# `make test` reads every page once, as the first of these roles that has it: the risk
# manager's six pages and the officer's two others, two log-ins. Every other role's view
# of a page is checked by `make validate` (pytest -m validate), the whole sweep.
KEPT_ROLES = ("risicomanager", "integriteitsfunctionaris")


def kept(cases: list[tuple[str, str]]) -> set[tuple[str, str]]:
    first: dict[str, str] = {}
    for role in KEPT_ROLES:
        for case_role, page_file in cases:
            if case_role == role:
                first.setdefault(page_file, role)
    return {(role, page_file) for page_file, role in first.items()}


def swept(cases: list[tuple[str, str]]) -> list:
    """The cases as parameters, those outside ``kept`` marked validate."""
    keep = kept(role_pages())
    return [
        pytest.param(*case, id=ids([case])[0], marks=() if case in keep else pytest.mark.validate)
        for case in cases
    ]


def ids(cases: list[tuple[str, str]]) -> list[str]:
    return [f"{role}-{page_file.removesuffix('.py')}" for role, page_file in cases]


def allowed_removed(text: str, page_file: str) -> str:
    for where, pattern, _why in ALLOW:
        if where in (None, page_file):
            text = re.sub(pattern, " ", text)
    return text


def findings(text: str, page_file: str) -> list[str]:
    """Each code-like string or decimal point in ``text`` (outside ALLOW), in context."""
    text = allowed_removed(text, page_file)
    found = []
    patterns = [*CODE, ("a decimal point", DECIMAL_POINT)]
    for line in text.splitlines():
        for what, pattern in patterns:
            for match in pattern.finditer(line):
                found.append(f"{what}: {match.group(0)!r} in {line.strip()[:160]!r}")
    return found


# ---------------------------------------------------------------- the scanner itself


@pytest.mark.parametrize(
    "text",
    [
        "Verwacht restrisico 9.4",
        "dekking 0.25",
        "kloof +10.6 punten",
        "Verouderd: feedback_360 (152 dagen oud)",
        "reden: out_of_range",
        "ExpectColumnValuesToBeBetween",
        "eigenaar None",
        "waarde nan",
        "<NA>",
        "overschrijdt: True",
    ],
)
def test_the_scan_finds_code_and_decimal_points(text: str) -> None:
    assert findings(text, "overview.py"), text


@pytest.mark.parametrize(
    "text",
    [
        "4.683 medewerkers",
        "1.234.567 regels",
        "kwartaal 2026-Q3, 30-11-2026",
        "Verwacht restrisico 9,4",
        "Zie employees.csv en side_jobs.xlsx",
        "Ingelogd als browser-risicomanager",
        "score 20. Verwacht",
        "Nieuw rood (2): Belangenverstrengeling (RF1)",
    ],
)
def test_the_scan_lets_dutch_text_pass(text: str) -> None:
    assert findings(text, "overview.py") == []


def test_a_file_name_may_show_a_dataset_id_not() -> None:
    assert findings("Bestand side_jobs.csv ingelezen", "data_quality.py") == []
    assert findings("Dataset side_jobs ingelezen", "data_quality.py")
    sha = "3f5a9c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a"
    assert findings(f"Controlegetal (SHA-256): {sha}", "rvc.py") == []
    assert findings("Controlegetal 1.2.3", "rvc.py")


# ---------------------------------------------------------------- every role, every page


@pytest.mark.parametrize("role, page_file", swept(role_pages()))
def test_the_page_shows_no_code_and_no_decimal_point(
    screens: Screens, role: str, page_file: str
) -> None:
    screen = screens[(role, page_file)]
    assert screen.errors == []
    assert screen.text.strip(), "the main block shows no text"
    found = findings(screen.text, page_file)
    for i, cell in enumerate(screen.cells):  # with the cells drawn just before, to find it
        before = " | ".join(screen.cells[max(0, i - 3) : i])
        found += [f"(table) {f} after {before!r}" for f in findings(cell, page_file)]
    assert found == [], "\n".join(dict.fromkeys(found))


def test_make_test_reads_every_page() -> None:
    """The kept roles between them have every page, so `make test` scans each one."""
    assert {page for _, page in kept(role_pages())} == {page for _, page in role_pages()}
    assert {page for _, page in kept(headline_cases())} == set(HEADLINE_PAGES)


def test_every_table_shown_is_read(screens: Screens) -> None:
    """The scan reads st.dataframe's cells as drawn: the headers of the table of data
    freshness on Overzicht come through, with its rows (the page's text has none of it)."""
    screen = screens[("risicomanager", "overview.py")]
    headers = [t("col_dataset", "nl"), t("col_newest", "nl")]
    assert all(h in screen.cells for h in headers)
    assert not any(h in screen.text.splitlines() for h in headers)
    assert len(screen.cells) > 30  # rows too, not the headers alone


# ---------------------------------------------------------------- the headline


def red_risks(home: Path, quarter: str) -> dict[str, str]:
    """risk_id: Dutch name of every risk whose gap level is rood for the organisation."""
    with reading(str(home / "warehouse.duckdb")) as con:
        rows = con.execute(
            """
            select s.risk_id, r.risk_name_nl
            from report_risk_scores s
            join dim_risks r using (risk_id)
            join dim_org_units u on u.org_unit_id = s.org_unit_id
            where s.period_type = 'quarter' and s.period = ? and s.level = 'rood'
              and u.org_level = 'organisatie'
            """,
            [quarter],
        ).fetchall()
    return dict(rows)


def headline(screen: Screen) -> dict | None:
    """The markdown block holding the finding sentence, if any."""
    return next(
        (
            b
            for b in screen.blocks
            if b["text"].startswith("Bij ") and "van de" in b["text"] and "risico's" in b["text"]
        ),
        None,
    )


def headline_cases() -> list[tuple[str, str]]:
    return [(role, page) for role, page in role_pages() if page in HEADLINE_PAGES]


@pytest.mark.parametrize("role, page_file", swept(headline_cases()))
def test_the_headline_is_on_the_first_screen_and_names_every_red_risk(
    screens: Screens, home: Path, role: str, page_file: str
) -> None:
    screen = screens[(role, page_file)]
    found = headline(screen)
    assert found is not None, "no sentence 'Bij ... van de ... risico's' on the page"
    assert found["bottom"] <= HEIGHT, f"the headline ends at {found['bottom']:.0f} px"
    assert screen.quarter is not None
    red = red_risks(home, screen.quarter)
    assert red, f"the demo has no red risk in {screen.quarter}: the check would prove nothing"
    missing = [f"{name} ({risk_id})" for risk_id, name in red.items() if name not in found["text"]]
    assert missing == [], f"not named in {found['text']!r}"


# ---------------------------------------------------------------- an older snapshot


@pytest.fixture(scope="module")
def old_snapshot_home(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with, as its only snapshot, one taken by the code before issue 15."""
    home = tmp_path_factory.mktemp("old_snapshot") / "home"
    shutil.copytree(demo_home, home, ignore=shutil.ignore_patterns("snapshots"))
    fixture = REPO / "tests" / "fixtures" / "snapshot_before_scoring_method"
    shutil.copytree(fixture, home / "snapshots")
    add_user("browser-rvc", "rvc", PASSWORD, path=home / "users.yaml")
    return home


def test_a_snapshot_from_before_this_change_still_renders(old_snapshot_home: Path, browser) -> None:
    """The fixture of tests/test_snapshot.py (taken from the demo by the code of commit
    54d045c): the page shows it, verified (its checksum, no warning of tampering), with
    the table of every risk, and no error."""
    snap = json.loads((old_snapshot_home / "snapshots" / "2026-Q3.json").read_text("utf-8"))
    with served_app(old_snapshot_home) as url:
        page = log_in(browser, url, "rvc")
        screen = read_screen(page)
        page.context.close()
    assert screen.errors == []
    assert screen.quarter == snap["quarter"]
    assert snap["sha256"] in screen.text
    assert t("rvc_departments", "nl") in screen.text
    missing = [r["risk_name_nl"] for r in snap["risks"] if r["risk_name_nl"] not in screen.text]
    assert missing == []
