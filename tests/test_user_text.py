"""Every text a user typed or uploaded is shown as text on every page that shows it: no
Markdown, HTML, link or image rendered from it (issue 12, item 2).

The hostile text (tests/texthelpers.py: an image, links, HTML, bold, a bare web and
e-mail address, a colour directive, an icon, an emoji code, maths, an arrow) comes in the
way it would in real life: as a control measure's text and the name of whoever changed
it, through the register; as a department's name, in an org-units export saved with
pipelines.ingest.uploads.save_upload and ingested by a build; as who took the RvC snapshot; as
file names, column names and values of uploaded exports. Per page, AppTest checks that
no element whose value Streamlit renders as Markdown holds any of it unescaped, and that
the text is there as typed (in a table, a field, or a Markdown body that shows it
literally). A real browser checks the RvC and Register pages: no image fetched from the
text, no link made of it, the text visible as typed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.safe import plain, plotly_text
from pipelines.core.catalogue import load_catalogue
from pipelines.ingest.uploads import save_upload
from pipelines.register.store import Register
from pipelines.reports.snapshot import quarter_has_ended, take_snapshot
from tests.apphelpers import frame_with, run_app
from tests.browserhelpers import chromium_browser, served_app
from tests.texthelpers import HOSTILE, markdown_bodies, shown, texts_of_frames, unescaped

DEPARTMENT = f"Vastgoed {HOSTILE}"  # the demo's department VG, renamed in its export
MEASURE = "RF1-CM01"
# A file name the upload accepts (no / \ : or ..) that is Markdown all the same.
FILE_NAME = "![x](evil.example) [klik](www.evil.example) <img src=x onerror=alert(1)> **vet**.csv"
BROWSER_USER, BROWSER_PASSWORD = "risk-manager", "browser-test-password-1234"


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The small demo built afresh, with the hostile text where users put text: the
    department VG named DEPARTMENT in an uploaded org-units export; measure RF1-CM01's
    texts and the name of who changed it in the register (and overdue, so the RvC
    snapshot lists it); the snapshot of the newest ended quarter taken by HOSTILE."""
    from pipelines.build.builder import build
    from pipelines.demo import generate_demo

    home = tmp_path_factory.mktemp("user_text") / "home"
    generate_demo(home / "raw" / "demo", size="small", seed=42)
    export = home / "raw" / "demo" / "org_units.csv"
    text = export.read_text("utf-8-sig")
    assert text.count(";Vastgoed;") == 1
    export.unlink()
    old = os.environ.get("RADAR_HOME")
    os.environ["RADAR_HOME"] = str(home)
    try:
        save_upload("org_units.csv", text.replace(";Vastgoed;", f";{DEPARTMENT};").encode())
        register = Register(load_catalogue())
        today = dt.date.today()
        register.update_measure(
            MEASURE,
            {
                "text_nl": HOSTILE,
                "text_en": HOSTILE,
                "last_test_result": "effectief",
                "last_tested_on": today - dt.timedelta(days=400),
                "next_review_on": today - dt.timedelta(days=30),
                "evidence_url": "https://intranet.example/bewijs/rf1",
            },
            version=1,
            actor=HOSTILE,
        )
        # The register takes any text starting with https:// as a link; the page makes a
        # link only of a real web address (no spaces).
        register.update_measure(
            "RF1-CM02",
            {"evidence_url": "https://intranet.example/een map"},
            version=1,
            actor=HOSTILE,
        )
        result = build(path=home / "warehouse.duckdb", inputs=[home / "raw"])
        assert not [f.error for f in result.files if f.error]
        from dashboard.filters import quarters

        quarter = next(q for q in quarters() if quarter_has_ended(q))
        take_snapshot(quarter, actor=HOSTILE)
    finally:
        os.environ["RADAR_HOME"] = old or ""
    from pipelines.access.users import add_user

    add_user(BROWSER_USER, "risicomanager", BROWSER_PASSWORD, path=home / "users.yaml")
    yield home


@pytest.fixture
def home(hostile_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RADAR_HOME", str(hostile_home))
    return hostile_home


def pick_department(at: AppTest) -> AppTest:
    """Choose the hostile department in the sidebar filter (its options are plain text)."""
    picker = at.selectbox(key="f_department")
    assert DEPARTMENT in picker.options
    picker.set_value("VG").run()
    assert not at.exception
    return at


def strings(node) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)
    elif isinstance(node, str):
        yield node


def figure_texts(at: AppTest) -> list[str]:
    """Every string in every Plotly figure on the page."""
    return [s for chart in at.get("plotly_chart") for s in strings(json.loads(chart.proto.spec))]


def assert_shown_as_text(at: AppTest) -> None:
    assert not at.exception
    assert unescaped(at) == []
    # And Plotly, which reads <a href>, <b>, <br>, gets the names as entities.
    assert [s for s in figure_texts(at) if "<img" in s or "<a " in s] == []


# --- AppTest: one test per page that shows user text ---------------------------------------


def test_the_rvc_page_shows_the_snapshot_texts_as_typed(home: Path) -> None:
    at = run_app("rvc.py")
    assert_shown_as_text(at)
    frozen = at.success[0].value
    assert plain(HOSTILE) in frozen and HOSTILE in shown(frozen)  # who took it
    departments = at.table[0].value
    overdue = next(tb.value for tb in at.table if "Beheersmaatregel" in tb.value.columns)
    assert plain(DEPARTMENT) in departments.columns  # st.table: every cell Markdown
    assert plain(HOSTILE) in set(overdue["Beheersmaatregel"])
    assert DEPARTMENT in texts_of_frames(at)  # st.dataframe: plain text as it is


def test_the_register_page_shows_measure_texts_and_names_as_typed(home: Path) -> None:
    at = run_app("register.py")
    assert at.selectbox(key="reg_risk").value == "RF1"
    assert_shown_as_text(at)
    measures = next(
        f
        for f in (d.value for d in at.dataframe)
        if "Beheersmaatregel" in f.columns and MEASURE in set(f["ID"]) and len(f) > 1
    )
    row = measures.set_index("ID").loc[MEASURE]
    assert row["Beheersmaatregel"] == HOSTILE
    assert row["Bewijs (link)"] == "https://intranet.example/bewijs/rf1"  # a real link
    assert pd.isna(measures.set_index("ID").loc["RF1-CM02", "Bewijs (link)"])  # no link
    assert frame_with(at, "Wie").iloc[0]["Wie"] == HOSTILE  # the audit log
    prefix = f"cm_{MEASURE}_2"
    assert at.text_area(key=f"{prefix}_text_nl").value == HOSTILE
    captions = [c.value for c in at.caption]
    assert any(c.startswith(f"Laatst gewijzigd door {plain(HOSTILE)} op") for c in captions)


def test_a_refused_workbook_quotes_its_cells_and_name_as_typed(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upload's file name, a sheet's cells quoted in the refusal: as text."""
    import openpyxl

    from pipelines.register.excel_export import export_register
    from pipelines.register.excel_layout import SHEET_MEASURES

    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    shutil.copy(home / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    path = export_register(Register(load_catalogue()), tmp_path / "export.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_MEASURES]
    status = next(c.column for c in ws[1] if str(c.value).endswith("[status]"))
    ws.cell(2, status).value = HOSTILE
    wb.save(path)
    at = run_app("register.py")
    name = FILE_NAME.replace(".csv", ".xlsx")
    at.file_uploader[0].set_value((name, path.read_bytes(), "application/octet-stream")).run()
    at.button(key="reg_xlsx_apply").click().run()
    assert_shown_as_text(at)
    refusal = at.error[0].value
    assert f"niet {HOSTILE!r}" in shown(refusal)
    assert f"**{plain(SHEET_MEASURES)}!" in refusal


def test_a_version_conflict_names_the_other_editor_as_typed(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone (the name is whatever `radar register import --by` was given) saved the
    measure while the form was open: the refusal names them, as typed."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    for name in ("warehouse.duckdb", "register.sqlite"):
        shutil.copy(home / name, tmp_path / name)
    at = run_app("register.py")
    prefix = f"cm_{MEASURE}_2"
    Register(load_catalogue()).update_measure(
        MEASURE, {"text_en": "meanwhile"}, version=2, actor=HOSTILE
    )
    at.text_area(key=f"{prefix}_text_nl").input("mijn wijziging")
    at.button(key=f"{prefix}_submit").click().run()
    assert_shown_as_text(at)
    refusal = at.error[0].value
    assert f"{MEASURE} is intussen gewijzigd door {HOSTILE} (" in shown(refusal)


def test_the_data_quality_page_shows_uploaded_names_and_values_as_typed(
    empty_home: Path,
) -> None:
    org_units = b"org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\nT1;Team;WH;team\n"
    survey = (
        f"respondent_key;wave_date;org_unit;item_code;answer;{HOSTILE}\n"
        f"R1;15-03-2026;T1;CLA1;4;x\nR2;15-03-2026;T1;CLA2;{HOSTILE};x\n"
    ).encode()
    at = run_app("data_quality.py")
    at.file_uploader(key="up_files").set_value(
        [("org.csv", org_units, "text/csv"), (FILE_NAME, survey, "text/csv")]
    ).run()
    assert_shown_as_text(at)
    assert frame_with(at, "Resultaat")["Bestand"].tolist() == ["org.csv", FILE_NAME]
    at.button(key="up_ingest").click().run()
    assert_shown_as_text(at)
    files = frame_with(at, "Ingelezen op").set_index("Bestand")
    assert f"genegeerd: {HOSTILE}" in files.loc[FILE_NAME, "Opmerkingen"]  # column name
    quarantine = frame_with(at, "Regel")
    assert quarantine.set_index("Bestand").loc[FILE_NAME, "Waarde"] == HOSTILE


def test_the_overview_shows_a_department_name_and_measure_texts_as_typed(home: Path) -> None:
    at = pick_department(run_app("overview.py"))
    at.selectbox(key="ov_explain_risk").set_value("RF1").run()
    assert_shown_as_text(at)
    assert plain(DEPARTMENT) in " ".join(m.value for m in at.markdown)
    assert HOSTILE in texts_of_frames(at)  # the measure, under the risk's explanation


def test_red_flags_show_a_department_name_and_measure_texts_as_typed(home: Path) -> None:
    at = pick_department(run_app("red_flags.py"))
    assert at.selectbox(key="rf_risk").value == "RF1"
    assert_shown_as_text(at)
    assert plain(DEPARTMENT) in " ".join(s.value for s in at.subheader)
    assert any(plain(DEPARTMENT) in body for body in markdown_bodies(at) if "badge" in body)
    assert plotly_text(DEPARTMENT) in figure_texts(at)  # the department's small multiple
    assert HOSTILE in texts_of_frames(at)  # the measure, in the controls table


def test_the_fraud_triangle_shows_a_department_name_as_typed(home: Path) -> None:
    at = pick_department(run_app("fraud_triangle.py"))
    assert_shown_as_text(at)
    assert any(h.value.startswith(f"Per factor: {plain(DEPARTMENT)}, ") for h in at.header)
    assert plotly_text(DEPARTMENT) in figure_texts(at)  # a row of the heatmap


def test_the_exceptions_page_shows_a_department_name_as_typed(home: Path) -> None:
    at = run_app("exceptions.py", role="integriteitsfunctionaris")
    assert_shown_as_text(at)
    assert DEPARTMENT in at.selectbox(key="f_department").options
    at.selectbox(key="f_department").set_value("VG").run()
    assert_shown_as_text(at)
    if at.dataframe:
        assert set(frame_with(at, "Afdeling")["Afdeling"]) == {DEPARTMENT}


# --- In a real browser: the RvC and Register pages -----------------------------------------


@pytest.fixture(scope="module")
def hostile_app(hostile_home: Path) -> Iterator[str]:
    with served_app(hostile_home) as url:
        yield url


# What the hostile text would have become had it been rendered: images fetched from
# evil.example, links to it (or made from its addresses), bold, icons, maths, alerts.
RENDERED = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return {
        images: [...document.querySelectorAll('img')]
            .filter(i => (i.getAttribute('src') || '').includes('evil')).length,
        onerror: document.querySelectorAll('img[onerror], img[src="x"]').length,
        links: [...document.querySelectorAll('a')]
            .filter(a => /evil/.test(a.getAttribute('href') || '')).length,
        bold: [...main.querySelectorAll('strong, b')].filter(b => b.textContent === 'vet').length,
        icons: main.querySelectorAll('[role="img"][aria-label="home icon"], .katex').length,
        text: main.innerText.replaceAll('\\u2060', ''),
    };
}"""
NOTHING_RENDERED = {"images": 0, "onerror": 0, "links": 0, "bold": 0, "icons": 0}


def log_in(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 2000})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{url}/rvc", wait_until="networkidle")
    page.get_by_label("Gebruikersnaam").fill(BROWSER_USER)
    page.get_by_label("Wachtwoord").fill(BROWSER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Uitloggen").wait_for(timeout=30_000)
    return page, dialogs


@pytest.mark.browser
def test_the_rvc_and_register_pages_show_user_text_as_text_in_a_browser(
    hostile_app: str,
) -> None:
    with chromium_browser() as browser:
        page, dialogs = log_in(browser, hostile_app)
        nav = page.locator('[data-testid="stSidebarNav"]')

        nav.get_by_text("RvC-kwartaaloverzicht").click()
        page.get_by_text("Beheersmaatregelen niet op tijd beoordeeld").wait_for(timeout=30_000)
        page.locator('[data-testid="stTable"]').last.wait_for(timeout=30_000)
        page.wait_for_timeout(1000)  # time for anything fetched or run
        rvc = page.evaluate(RENDERED)
        text = rvc.pop("text")
        assert rvc == NOTHING_RENDERED
        assert f"door {HOSTILE}" in text  # who took the snapshot
        assert HOSTILE in text  # the overdue measure, in the board's table
        assert DEPARTMENT in text  # a column of the departments table

        nav.get_by_text("Risicoregister").click()
        page.get_by_role("heading", name="Risicoregister").first.wait_for(timeout=30_000)
        page.get_by_text("Laatst gewijzigd door").first.wait_for(timeout=30_000)
        page.wait_for_function(
            "v => [...document.querySelectorAll('textarea')].some(t => t.value === v)",
            arg=HOSTILE,
            timeout=30_000,
        )
        page.wait_for_timeout(1000)
        register = page.evaluate(RENDERED)
        text = register.pop("text")
        assert register == NOTHING_RENDERED
        assert f"Laatst gewijzigd door {HOSTILE}" in text
        assert dialogs == []
        page.close()
