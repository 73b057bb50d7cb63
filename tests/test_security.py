"""Hostile input: SQL in every text field and filter, HTML and script in what the register
shows, formulas in exports, and paths in uploaded file names.

Longer than 600 lines because the attack cases against every entry point are kept together,
so what is covered can be read in one place.
"""

from __future__ import annotations

import ast
import csv
import io
import shutil
import sqlite3
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from pipelines.cli.main import main
from pipelines.core.catalogue import (
    DEFAULT_CATALOGUE_DIR,
    Catalogue,
    UploadSettings,
    load_catalogue,
)
from pipelines.core.exports import neutralise, neutralise_frame
from pipelines.ingest.uploads import MAX_NAME, MB, UploadRefused, save_upload, uploads_dir
from pipelines.register.rules import RegisterError
from pipelines.register.store import Register, verify_audit
from tests.apphelpers import frames_with, run_app
from tests.browserhelpers import chromium_browser, served_app
from tests.readers import reading
from tests.texthelpers import shown
from tests.xlsxhelpers import zip_bomb

REPO = Path(__file__).resolve().parent.parent

SQL_INJECTIONS = [
    "'; drop table control_measures; --",
    '" or 1=1 --',
    "Robert'); DROP TABLE audit_log;--",
    "1; select * from users",
]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "javascript:alert(1)"


def sqlite_state(path: Path) -> dict[str, int | str]:
    """Every table, index and trigger of the register with its row count or definition."""
    con = sqlite3.connect(path)
    try:
        objects = con.execute("select type, name, sql from sqlite_master order by name").fetchall()
        return {
            f"{kind} {name}": (
                con.execute(f'select count(*) from "{name}"').fetchone()[0]
                if kind == "table"
                else sql
            )
            for kind, name, sql in objects
        }
    finally:
        con.close()


def warehouse_state(path: Path) -> dict[str, int]:
    """Every table and view of the warehouse with its row count."""
    with reading(str(path)) as con:
        tables = con.execute("select table_name from information_schema.tables").fetchall()
        return {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for (n,) in tables}


# --- SQL injection: the register ---------------------------------------------------------


@pytest.fixture
def register(tmp_path: Path, catalogue: Catalogue) -> Register:
    return Register(catalogue, path=tmp_path / "register.sqlite")


NEW_MEASURE = {"text_nl": "Steekproef", "control_type": "detective", "owner_role": "controller"}


def _version(register: Register, measure_id: str) -> int:
    return int(register.measures().set_index("control_measure_id").loc[measure_id, "version"])


@pytest.mark.parametrize("payload", SQL_INJECTIONS)
def test_sql_in_every_register_text_is_stored_verbatim_and_never_run(
    register: Register, payload: str
) -> None:
    before = sqlite_state(register.path)
    register.update_measure(
        "RF1-CM01",
        {"text_nl": payload, "text_en": payload},
        version=_version(register, "RF1-CM01"),
        actor=payload,
    )
    register.update_measure(
        "RF1-CM01",
        {"status": "vervallen", "retired_reason": payload},
        version=_version(register, "RF1-CM01"),
        actor=payload,
    )
    new_id = register.add_measure("RF1", {**NEW_MEASURE, "text_nl": payload}, actor=payload)

    measures = register.measures().set_index("control_measure_id")
    edited, added = measures.loc["RF1-CM01"], measures.loc[new_id]
    assert (edited["text_nl"], edited["text_en"], edited["retired_reason"]) == (payload,) * 3
    assert (edited["updated_by"], added["text_nl"], added["updated_by"]) == (payload,) * 3
    log = register.audit("RF1")
    # 2 texts, then status and reason, then the new measure's 7 fields: 11 rows by the payload
    assert (log["actor"] == payload).sum() == 11
    assert (log["new_value"] == payload).sum() == 5

    after = sqlite_state(register.path)
    assert after.keys() == before.keys()  # every table and trigger still there
    assert after["table risk_assessments"] == before["table risk_assessments"]
    assert after["table control_measures"] == before["table control_measures"] + 1
    assert after["table audit_log"] == before["table audit_log"] + 11
    assert verify_audit(register.path)[1] == []


@pytest.mark.parametrize("payload", [*SQL_INJECTIONS, JS_LINK, "G:/audit/2026"])
def test_an_evidence_link_that_is_not_a_web_link_is_refused(
    register: Register, payload: str
) -> None:
    before = sqlite_state(register.path)
    with pytest.raises(RegisterError) as refused:
        register.update_measure(
            "RF1-CM01",
            {"evidence_url": payload},
            version=_version(register, "RF1-CM01"),
            actor="Anna",
        )
    assert set(refused.value.problems) == {"evidence_url"}
    with pytest.raises(RegisterError) as refused:
        register.add_measure("RF1", {**NEW_MEASURE, "evidence_url": payload}, actor="Anna")
    assert set(refused.value.problems) == {"evidence_url"}
    assert sqlite_state(register.path) == before


@pytest.mark.parametrize("payload", SQL_INJECTIONS)
def test_sql_in_an_id_or_a_field_name_is_refused(register: Register, payload: str) -> None:
    before = sqlite_state(register.path)
    refusals = [
        (
            "control_measure_id",
            lambda: register.update_measure(payload, {"text_nl": "x"}, version=1, actor="Anna"),
        ),
        ("risk_id", lambda: register.update_risk(payload, {"impact": 2}, version=1, actor="Anna")),
        ("risk_id", lambda: register.add_measure(payload, NEW_MEASURE, actor="Anna")),
        # A field name goes into the UPDATE statement: only the known fields ever do.
        (
            payload,
            lambda: register.update_measure("RF1-CM01", {payload: "x"}, version=1, actor="Anna"),
        ),
        (payload, lambda: register.update_risk("RF1", {payload: 2}, version=1, actor="Anna")),
        (payload, lambda: register.add_measure("RF1", {**NEW_MEASURE, payload: "y"}, actor="Anna")),
    ]
    for field, refuse in refusals:
        with pytest.raises(RegisterError) as refused:
            refuse()
        assert set(refused.value.problems) == {field}
    assert register.audit(payload).empty
    assert sqlite_state(register.path) == before


# --- SQL injection: the register page ------------------------------------------------------


@pytest.fixture
def page_home(tmp_path: Path, built_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A RADAR_HOME of its own: a built warehouse and a fresh register."""
    shutil.copy(built_home / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    return tmp_path


def test_sql_typed_into_the_register_page_is_stored_verbatim(
    page_home: Path, catalogue: Catalogue
) -> None:
    text_nl, text_en, reason, added = SQL_INJECTIONS
    register = Register(catalogue)
    before = sqlite_state(register.path)
    at = run_app("register.py")  # the audit log records the logged-in user
    prefix = f"cm_RF1-CM01_{_version(register, 'RF1-CM01')}"
    at.text_area(key=f"{prefix}_text_nl").input(text_nl)
    at.text_area(key=f"{prefix}_text_en").input(text_en)
    at.selectbox(key=f"{prefix}_status").set_value("vervallen")
    at.text_input(key=f"{prefix}_retired_reason").input(reason)
    at.button(key=f"{prefix}_submit").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("RF1-CM01 opgeslagen")

    count = len(catalogue.risk("RF1").control_measures)
    at.text_area(key=f"new_RF1_{count}_text_nl").input(added)
    at.button(key=f"new_RF1_{count}_submit").click().run()
    assert at.success[0].value == f"Maatregel RF1-CM{count + 1:02d} toegevoegd."

    prefix = f"cm_RF1-CM01_{_version(register, 'RF1-CM01')}"
    at.text_input(key=f"{prefix}_evidence_url").input(text_nl)
    at.button(key=f"{prefix}_submit").click().run()
    assert "**Bewijs (link)**: een link die begint met https:// verwacht" in shown(
        at.error[0].value
    )

    measures = register.measures().set_index("control_measure_id")
    row = measures.loc["RF1-CM01"]
    assert (row["text_nl"], row["text_en"], row["retired_reason"]) == (text_nl, text_en, reason)
    assert pd.isna(row["evidence_url"])
    assert measures.loc[f"RF1-CM{count + 1:02d}", "text_nl"] == added
    in_table = {t for f in frames_with(at, "Beheersmaatregel") for t in f["Beheersmaatregel"]}
    assert {text_nl, added} <= in_table
    after = sqlite_state(register.path)
    assert after.keys() == before.keys()
    assert after["table control_measures"] == before["table control_measures"] + 1
    assert verify_audit(register.path)[1] == []


@pytest.mark.parametrize("payload", SQL_INJECTIONS)
def test_sql_as_a_user_name_is_refused_at_log_in_and_when_adding_a_user(
    page_home: Path, payload: str
) -> None:
    """The name the audit log records is the logged-in user's, and a user name is letters,
    digits and . _ @ - only."""
    from pipelines.access.users import UserError, add_user, users_path
    from tests.apphelpers import log_in

    run_app(role="risicomanager")  # creates the users file with one account
    users = users_path().read_bytes()
    with pytest.raises(UserError, match="ongeldige gebruikersnaam"):
        add_user(payload, "risicomanager", "een-lang-wachtwoord-2026")
    at = log_in(run_app(role=None), payload, payload)
    assert not at.exception
    assert at.session_state.get("auth_user") is None
    assert [e.value for e in at.error] == ["Gebruikersnaam of wachtwoord onjuist."]
    assert users_path().read_bytes() == users


# --- SQL injection: the dashboard's mart filters -------------------------------------------


@pytest.mark.parametrize("payload", SQL_INJECTIONS)
def test_sql_in_a_mart_filter_value_is_a_value(radar_home: Path, payload: str) -> None:
    from dashboard.data import mart

    before = warehouse_state(radar_home / "warehouse.duckdb")
    assert mart("dim_risks", risk_id=payload).empty
    assert list(mart("dim_risks", risk_id=[payload, "RF1"])["risk_id"]) == ["RF1"]
    assert mart("dim_control_measures", risk_id="RF1", control_measure_id=(payload,)).empty
    assert warehouse_state(radar_home / "warehouse.duckdb") == before
    assert len(mart("dim_risks")) == 19


@pytest.mark.parametrize(
    "column",
    [
        *SQL_INJECTIONS,
        "risk_id = risk_id or 1=1 --",
        "risk_id;drop table dim_risks",
        'risk_id"',
        "1=1",
    ],
)
def test_sql_as_a_mart_filter_column_is_refused(radar_home: Path, column: str) -> None:
    from dashboard.data import mart

    before = warehouse_state(radar_home / "warehouse.duckdb")
    with pytest.raises(ValueError, match="not a column name"):
        mart("dim_risks", **{column: "RF1"})
    assert warehouse_state(radar_home / "warehouse.duckdb") == before


def test_a_mart_name_that_is_not_a_published_mart_is_refused(radar_home: Path) -> None:
    from dashboard.data import mart

    with pytest.raises(ValueError):
        mart("dim_risks union all select * from dim_risks")


def _html_calls(tree: ast.Module) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "html"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "st"
    ]


def _literal_constants(tree: ast.Module) -> set[str]:
    """Module-level names bound once to a plain string literal (implicit concatenation
    of literals included; no f-string, no call, nothing that could carry user text)."""
    names: dict[str, int] = {}
    literal: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names[node.id] = names.get(node.id, 0) + 1
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            literal.add(node.targets[0].id)
    return {name for name in literal if names[name] == 1}


def test_no_page_renders_html() -> None:
    """User text (measures, reasons, names, file names) is never rendered as HTML: no page
    turns HTML on, so what the register holds is shown as text. The one exception is
    st.html with a module-level string literal (the log-in form's fixed style that hides
    its code preload): it cannot carry user text."""
    files = sorted((REPO / "dashboard").rglob("*.py"))
    code = "\n".join(p.read_text("utf-8") for p in files)
    for switch in ("unsafe_allow_html", "components.html(", "components.v1"):
        assert switch not in code, switch
    for path in files:
        tree = ast.parse(path.read_text("utf-8"))
        constants = _literal_constants(tree)
        for call in _html_calls(tree):
            (arg,) = call.args
            assert isinstance(arg, ast.Name) and arg.id in constants, (
                f"{path.name}:{call.lineno}: st.html with anything but a string constant"
            )
        if "st.html" in path.read_text("utf-8"):
            assert _html_calls(tree), f"{path.name}: st.html used other than as a call"


@pytest.mark.parametrize(
    "source",
    [
        "import streamlit as st\nst.html(name)",
        "import streamlit as st\nSTYLE = f'<b>{x}</b>'\nst.html(STYLE)",
        "import streamlit as st\nSTYLE = '<b>'\nSTYLE = user\nst.html(STYLE)",
        "import streamlit as st\nst.html('<b>' + name + '</b>')",
    ],
)
def test_the_html_rule_refuses_anything_but_a_constant(source: str) -> None:
    tree = ast.parse(source)
    constants = _literal_constants(tree)
    (call,) = _html_calls(tree)
    (arg,) = call.args
    assert not (isinstance(arg, ast.Name) and arg.id in constants)


# --- HTML and script: the register page in a real browser ---------------------------------


BROWSER_USER, BROWSER_PASSWORD = "risk-manager", "browser-test-password-1234"


@pytest.fixture(scope="module")
def hostile_home(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A RADAR_HOME whose register holds script and HTML in a measure, a reason and a name."""
    home = tmp_path_factory.mktemp("hostile_home")
    shutil.copy(built_home / "warehouse.duckdb", home / "warehouse.duckdb")
    register = Register(load_catalogue(), path=home / "register.sqlite")
    register.update_measure("RF1-CM01", {"text_nl": SCRIPT, "text_en": IMG}, version=1, actor=IMG)
    register.update_measure(
        "RF1-CM01", {"status": "vervallen", "retired_reason": IMG}, version=2, actor=IMG
    )
    with pytest.raises(RegisterError):
        register.update_measure("RF1-CM01", {"evidence_url": JS_LINK}, version=3, actor=IMG)
    from pipelines.access.users import add_user

    add_user(BROWSER_USER, "risicomanager", BROWSER_PASSWORD, path=home / "users.yaml")
    return home


@pytest.fixture(scope="module")
def hostile_app(hostile_home: Path) -> Iterator[str]:
    """The real dashboard on that home, served by `streamlit run`."""
    with served_app(hostile_home) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with chromium_browser() as b:
        yield b


INJECTED = """() => ({
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    scripts: [...document.scripts].filter(s => s.textContent.includes('alert(1)')).length,
    links: document.querySelectorAll('a[href^="javascript:"]').length,
})"""


@pytest.mark.browser
def test_script_and_html_in_the_register_are_shown_as_text_and_never_run(
    hostile_app: str, hostile_home: Path, chromium
) -> None:
    page = chromium.new_page(viewport={"width": 1400, "height": 1400})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_app}/register", wait_until="networkidle")
    page.get_by_label("Gebruikersnaam").fill(BROWSER_USER)
    page.get_by_label("Wachtwoord").fill(BROWSER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Risicoregister").click()
    page.get_by_role("heading", name="Risicoregister").first.wait_for(timeout=30_000)
    page.get_by_text("Laatst gewijzigd door").first.wait_for(timeout=30_000)

    # The texts are shown as typed: in the measure picker and in the form.
    for field, value in [
        ("input", f"RF1-CM01 · {SCRIPT}"),  # the measure picker
        ("textarea", SCRIPT),  # its Dutch text
        ("textarea", IMG),  # its English text
        ("input", IMG),  # why it was retired
    ]:
        page.wait_for_function(
            "([field, v]) => [...document.querySelectorAll(field)].some(f => f.value === v)",
            arg=[field, value],
            timeout=30_000,
        )
    # The editor's name, in a caption rendered as Markdown, shows as text too (waited
    # for: under load the caption came after the form's fields, and a count at once was 0)
    page.get_by_text(f"Laatst gewijzigd door {IMG}").first.wait_for(timeout=30_000)
    assert page.get_by_text(f"Laatst gewijzigd door {IMG}").count() >= 1

    # A javascript: link typed into the form is refused and never becomes a link.
    form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_label("Bewijs (link)"))
    form.get_by_label("Bewijs (link)").fill(JS_LINK)
    form.get_by_role("button", name="Opslaan").click()
    # (the message is shown as text: an invisible word joiner keeps https:// no link)
    page.get_by_text("een link die begint met https:").wait_for(timeout=30_000)

    page.wait_for_timeout(1000)  # time for anything injected to have run
    assert dialogs == []
    assert page.evaluate(INJECTED) == {"images": 0, "scripts": 0, "links": 0}
    stored = Register(load_catalogue(), path=hostile_home / "register.sqlite").measures()
    assert stored.set_index("control_measure_id").loc["RF1-CM01", "evidence_url"] is None
    page.close()


# --- Formulas in exports --------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"])
def test_text_that_could_start_a_formula_gets_an_apostrophe(start: str) -> None:
    assert neutralise(f'{start}HYPERLINK("https://evil.example")') == (
        f'\'{start}HYPERLINK("https://evil.example")'
    )


@pytest.mark.parametrize(
    "value",
    [
        -3,
        -2.5,
        0,
        7,
        True,
        None,
        pd.NA,
        pd.Timestamp("2026-01-01"),
        "",
        "Machtsafstand",
        "'=al geneutraliseerd",
        "a=b",
        "2026-Q3",
        "e-mail",
    ],
)
def test_numbers_none_and_plain_text_stay_as_they_are(value: object) -> None:
    assert neutralise(value) is value


def test_a_frame_keeps_its_numbers_and_neutralises_its_text() -> None:
    frame = pd.DataFrame(
        {
            "=kop": ["=1+2", "-gevaar", "veilig"],
            "getal": [-1, 2, -3],
            "kommagetal": [-0.5, 1.0, 2.5],
        }
    )
    out = neutralise_frame(frame)
    assert list(out.columns) == ["'=kop", "getal", "kommagetal"]
    assert list(out["'=kop"]) == ["'=1+2", "'-gevaar", "veilig"]
    assert list(out["getal"]) == [-1, 2, -3] and out["getal"].dtype == frame["getal"].dtype
    assert list(out["kommagetal"]) == [-0.5, 1.0, 2.5]
    assert list(frame["=kop"]) == ["=1+2", "-gevaar", "veilig"]  # the input is not changed


def test_radar_catalogue_csv_neutralises_a_formula_in_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = tmp_path / "risks"
    shutil.copytree(DEFAULT_CATALOGUE_DIR, catalogue)
    risks = catalogue / "risks.yaml"
    original = "name: {nl: Machtsafstand, en: Power distance}"
    hostile = "name: {nl: '=HYPERLINK(\"https://evil.example\";\"klik\")', en: '@SUM(1+1)'}"
    assert original in risks.read_text("utf-8")
    risks.write_text(risks.read_text("utf-8").replace(original, hostile), "utf-8")
    monkeypatch.setenv("RADAR_CATALOGUE_DIR", str(catalogue))

    for lang, column, expected in [
        ("nl", "naam", '\'=HYPERLINK("https://evil.example";"klik")'),
        ("en", "name", "'@SUM(1+1)"),
    ]:
        assert main(["catalogue", "--format", "csv", "--lang", lang]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert len(rows) == 19
        rf1 = next(r for r in rows if r["id"] == "RF1")
        assert rf1[column] == expected
        assert rf1["impact"] == "5"  # numbers stay numbers
        formulas = [v for r in rows for v in r.values() if v[:1] in ("=", "+", "-", "@")]
        assert formulas == []


# --- Uploaded file names ----------------------------------------------------------------------


CSV = b"org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\nT1;Team;WH;team\n"


def files_under(home: Path) -> list[str]:
    return sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../x.csv", "een / of \\"),
        ("..\\x.csv", "een / of \\"),
        ("/etc/passwd", "een / of \\"),
        ("C:\\x.csv", "een / of \\"),
        ("C:x.csv", "dubbele punt"),
        ("a/b.csv", "een / of \\"),
        ("..x.csv", "'..'"),
        (".hidden.csv", "begint met een punt"),
        ("x.csv\x00.txt", "stuurteken"),
        ("x\ncsv.csv", "stuurteken"),
        ("rapport\u202ecsv.exe", "stuurteken"),
        ("x.exe", "niet '.exe'"),
        ("macro.xlsm", "niet '.xlsm'"),
        ("x.csv.exe", "niet '.exe'"),
        ("x", "niet 'x'"),
        ("instellingen.yaml", "moet een kolomkoppeling zijn"),
        ("", "leeg"),
        ("   ", "leeg"),
        (" .csv", "leeg voor de extensie"),
        ("   .csv", "leeg voor de extensie"),
        (" rapport.csv", "begint of eindigt met een spatie"),
        ("rapport.csv ", "begint of eindigt met een spatie"),
        ("x" * (MAX_NAME - 3) + ".csv", f"ten hoogste {MAX_NAME}"),
    ],
)
def test_an_upload_with_an_unsafe_name_is_refused_with_the_reason(
    empty_home: Path, name: str, why: str
) -> None:
    with pytest.raises(UploadRefused) as refused:
        save_upload(name, CSV)
    message = str(refused.value)
    assert message.startswith(f"Bestand {name!r} geweigerd:") and why in message
    assert refused.value.message("en").startswith(f"File {name!r} refused:")
    assert files_under(empty_home) == []


def test_excels_unicode_text_uploaded_as_txt_is_saved_and_ingested(empty_home: Path) -> None:
    """Excel's "Unicode-tekst" is a tab-separated UTF-16 file named .txt: the upload takes
    it, as radar ingest does from a folder, and the build reads it."""
    from pipelines.build.builder import build

    text = "org_unit\tname\tparent_unit\tlevel\r\nWH\tWoonpunt\t\torganisatie\r\n"
    path = save_upload("eenheden.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    result = build(path=empty_home / "warehouse.duckdb")
    (loaded,) = [f for f in result.files if f.path == path]
    assert (loaded.dataset, loaded.rows_loaded, loaded.error) == ("org_units", 1, None)


def test_an_upload_is_saved_under_raw_uploads_only_and_never_overwritten(
    empty_home: Path,
) -> None:
    from pipelines.build.builder import raw_dir

    assert uploads_dir() == raw_dir() / "uploads"
    path = save_upload("HR export 2026-Q3.csv", CSV)
    assert path == empty_home / "raw" / "uploads" / "HR export 2026-Q3.csv"
    assert path.read_bytes() == CSV
    assert files_under(empty_home) == ["raw/uploads/HR export 2026-Q3.csv"]
    assert path.stat().st_mode & 0o077 == 0  # personal data: readable by the owner only

    with pytest.raises(UploadRefused, match="er staat al een bestand met deze naam"):
        save_upload("HR export 2026-Q3.csv", b"something else")
    assert path.read_bytes() == CSV
    save_upload("medewerkers.xlsx", b"PK")
    save_upload("verzuim.parquet", b"PAR1")
    assert files_under(empty_home) == [
        "raw/uploads/HR export 2026-Q3.csv",
        "raw/uploads/medewerkers.xlsx",
        "raw/uploads/verzuim.parquet",
    ]


def test_a_column_mapping_is_saved_only_when_ingest_can_use_it(empty_home: Path) -> None:
    good = b"dataset: survey_responses\nfiles: ['effectory*.csv']\ncolumns: {Antwoord: answer}\n"
    save_upload("effectory.mapping.yaml", good)
    with pytest.raises(
        UploadRefused, match="geen bruikbare kolomkoppeling: .*onbekende dataset 'salarissen'"
    ):
        save_upload("kapot.mapping.yaml", b"dataset: salarissen\nfiles: ['*']\ncolumns: {}\n")
    with pytest.raises(UploadRefused, match="noemt geen bestanden"):
        save_upload("alles.mapping.yaml", b"dataset: survey_responses\ncolumns: {A: answer}\n")
    with pytest.raises(UploadRefused, match="geen bruikbare kolomkoppeling"):
        save_upload("geen.mapping.yaml", b"dataset: [\n")
    assert files_under(empty_home) == ["raw/uploads/effectory.mapping.yaml"]


def test_a_saved_upload_is_ingested_by_the_next_build(empty_home: Path) -> None:
    from pipelines.build.builder import build

    save_upload("organisatie 2026.csv", CSV)
    result = build()
    [file] = [f for f in result.files if not f.skipped]
    assert (file.path.name, file.dataset, file.rows_loaded, file.error) == (
        "organisatie 2026.csv",
        "org_units",
        2,
        None,
    )


# --- Upload limits: size, quota, zip bombs, cells ---------------------------------------------


def test_an_upload_over_the_size_limit_is_refused_and_not_stored(empty_home: Path) -> None:
    limits = UploadSettings(max_file_mb=1)
    with pytest.raises(UploadRefused) as refused:
        save_upload("groot.csv", b"x" * (MB + 1), limits)
    assert str(refused.value) == (
        "Bestand 'groot.csv' geweigerd: het bestand is groter dan 1 MB (grens): 1,1 MB."
    )
    assert refused.value.message("en") == (
        "File 'groot.csv' refused: the file is larger than 1 MB (the limit): 1,1 MB."
    )
    assert files_under(empty_home) == []
    save_upload("precies.csv", b"x" * MB, limits)  # the limit itself is allowed
    assert files_under(empty_home) == ["raw/uploads/precies.csv"]


def test_the_size_limit_is_the_setting_and_streamlits_own(empty_home: Path) -> None:
    """risks/settings.yaml says 50 MB; so does server.maxUploadSize, which the server
    enforces before the app sees a byte; the app checks again, since config can change."""
    limit = load_catalogue().settings.uploads.max_file_mb
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["maxUploadSize"] == limit == 50
    with pytest.raises(UploadRefused, match="groter dan 50 MB"):
        save_upload("groot.parquet", bytes(limit * MB + 1))
    assert files_under(empty_home) == []


def test_the_upload_folder_has_a_quota(empty_home: Path) -> None:
    limits = UploadSettings(folder_quota_mb=1)
    save_upload("eerste.csv", b"x" * 600_000, limits)
    with pytest.raises(UploadRefused) as refused:
        save_upload("tweede.csv", b"y" * 600_000, limits)
    assert str(refused.value) == (
        "Bestand 'tweede.csv' geweigerd: de map raw/uploads zou met dit bestand groter worden "
        "dan 1 MB (grens; nu 0,6 MB in gebruik); vraag de beheerder om oude bestanden op te "
        "ruimen."
    )
    assert files_under(empty_home) == ["raw/uploads/eerste.csv"]  # and no temporary file
    save_upload("derde.csv", b"z" * 400_000, limits)  # what still fits, fits


@pytest.mark.parametrize(
    ("unpacked_mb", "why"),
    [
        (64, "onderdeel 'xl/worksheets/sheet1.xml' pakt uit tot "),
        (110, "uitgepakt groter dan 100 MB (grens): 110 MB"),
    ],
)
def test_a_zip_bomb_upload_is_refused_before_it_is_stored(
    empty_home: Path, unpacked_mb: int, why: str
) -> None:
    bomb = zip_bomb(unpacked_mb)
    assert len(bomb) < 400_000
    started = time.monotonic()
    with pytest.raises(UploadRefused) as refused:
        save_upload("medewerkers.xlsx", bomb)
    assert time.monotonic() - started < 1
    assert str(refused.value).startswith(f"Bestand 'medewerkers.xlsx' geweigerd: {why}")
    assert files_under(empty_home) == []


def test_ingest_refuses_a_zip_bomb_without_opening_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    from pipelines.ingest.readers import UnusableFile, read_table

    def never(*args, **kwargs):
        raise AssertionError("the zip bomb was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    path = tmp_path / "verzuim.xlsx"
    path.write_bytes(zip_bomb(110))
    with pytest.raises(UnusableFile) as refused:
        read_table(path)
    assert str(refused.value) == (
        f"{path}: uitgepakt groter dan 100 MB (grens): 110 MB; niets ingelezen"
    )


def test_ingest_stops_reading_a_sheet_past_the_cell_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet of a few kB that claims 16,384 columns from row 1 on: 123 rows pass the
    2,000,000 cells, and reading stops there (not at row 1,048,576)."""
    import openpyxl

    from pipelines.ingest.readers import UnusableFile, read_table

    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["org_unit", "name", "parent_unit", "level"])
    sheet.cell(1, 16384, "x")
    for number in range(2, 200):
        sheet.append([f"T{number}", "Team", "WH", "team"])
    path = tmp_path / "organisatie.xlsx"
    wb.save(path)
    assert path.stat().st_size < 20_000
    with pytest.raises(UnusableFile) as refused:
        read_table(path)
    assert str(refused.value) == (
        f"{path}: werkblad 'Sheet' is groter dan 2000000 cellen (rijen x kolommen, grens); "
        "niets ingelezen"
    )
    limits = UploadSettings(xlsx_max_cells=16384 * 200)
    from pipelines.ingest.xlsx_reader import read_xlsx

    opened = []
    real = openpyxl.load_workbook

    def spy(*args, **kwargs):
        opened.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    assert len(read_xlsx(path, limits).rows) == 198  # under a higher limit it is read
    assert opened == [{"read_only": True, "data_only": True}]  # streaming
