"""The Risicoregister page under AppTest: the risk manager's edits, their audit trail,
validation messages and version conflicts, on a real register and warehouse. The editor
is the logged-in user (tests/apphelpers.py logs in as test-risicomanager)."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from pipelines.build.builder import rescore
from pipelines.core.catalogue import Catalogue
from pipelines.register.excel_export import export_register
from pipelines.register.excel_layout import SHEET_MEASURES, SHEET_RISKS
from pipelines.register.store import Register
from tests.apphelpers import frame_with, frames_with, run_app
from tests.conftest import register_copy
from tests.readers import reading
from tests.texthelpers import shown


@pytest.fixture
def home(tmp_path: Path, scored_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A RADAR_HOME of its own: a built warehouse and the register its scores are current
    with (so that every "stale" a test sees comes from what the test did)."""
    return register_copy(scored_home, tmp_path, monkeypatch)


def measures_of(at: AppTest, risk_id: str):
    """The measures table of the risk being edited (the overdue table mixes risks)."""
    return next(
        f
        for f in frames_with(at, "Beheersmaatregel")
        if f["ID"].str.startswith(f"{risk_id}-").all()
    )


def version(register: Register, measure_id: str) -> int:
    measures = register.measures().set_index("control_measure_id")
    return int(measures.loc[measure_id, "version"])


EDITOR = "test-risicomanager"


def test_the_register_shows_every_risk_by_category_and_the_overdue_reviews(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py")
    assert not at.exception
    assert at.title[0].value == "Risicoregister"
    assert [s.value for s in at.subheader] == [
        "Strategische red flags",
        "Gelegenheid",
        "Druk",
        "Rationalisatie",
    ]
    listed = [i for d in at.dataframe if "Risico" in d.value.columns for i in d.value["ID"]]
    assert listed == [r.id for r in catalogue.risks_in_order()]
    overdue = Register(catalogue).measures().query("is_overdue")
    assert len(overdue) > 0
    assert f"{len(overdue)} beheersmaatregel(en) zijn niet op tijd gereviewd." in [
        w.value for w in at.warning
    ]
    overdue_table = frames_with(at, "Beheersmaatregel")[0]  # above the risks
    assert sorted(overdue_table["ID"]) == sorted(overdue["control_measure_id"])
    assert overdue_table["Volgende review"].str.startswith("⚠️ ").all()
    shown = measures_of(at, "RF1")["Beheersmaatregel"].tolist()
    assert shown == [m.text.nl for m in catalogue.risk("RF1").control_measures]


def test_an_edit_is_saved_logged_with_who_and_survives_a_restart(
    home: Path, catalogue: Catalogue
) -> None:
    old = catalogue.risk("RF1").impact
    new = 1 if old != 1 else 2
    at = run_app("register.py")
    at.selectbox(key="ra_RF1_1_impact").set_value(new)
    at.button(key="ra_RF1_1_submit").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["RF1 opgeslagen: Impact."]
    audit = frame_with(at, "Wie")
    newest = audit.iloc[0]
    assert (newest["Wie"], newest["Veld"], newest["Oud"], newest["Nieuw"]) == (
        EDITOR,
        "Impact",
        str(old),
        str(new),
    )
    st.cache_resource.clear()  # as after a restart: nothing kept in memory
    st.cache_data.clear()
    restarted = run_app("register.py")  # a new session: what it shows comes from disk
    table = next(d.value for d in restarted.dataframe if "Risico" in d.value.columns)
    assert table.set_index("ID").loc["RF1", "Impact"] == new
    assert restarted.selectbox(key="ra_RF1_2_impact").value == new
    assert frame_with(restarted, "Wie").iloc[0]["Wie"] == EDITOR


def test_a_measure_edit_and_recomputing_the_scores_reach_the_marts(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py")
    at.selectbox(key="reg_risk").set_value("G3").run()
    prefix = f"cm_G3-CM01_{version(Register(catalogue), 'G3-CM01')}"
    at.selectbox(key=f"{prefix}_status").set_value("vervallen")
    at.text_input(key=f"{prefix}_retired_reason").input("Vervangen door kilometerregistratie")
    at.button(key=f"{prefix}_submit").click().run()
    assert not at.exception
    assert at.success[0].value == "G3-CM01 opgeslagen: Status, Reden vervallen."
    assert "gewijzigd na de laatste berekening" in at.info[0].value
    at.button(key="reg_rescore").click().run()
    assert not at.exception
    with reading(str(home / "warehouse.duckdb")) as con:
        in_force = con.execute(
            "select is_in_force from report_risk_controls where control_measure_id = 'G3-CM01'"
        ).fetchone()
    assert in_force == (False,)
    assert any("gaan uit van dit register" in c.value for c in run_app("register.py").caption)


def test_an_edit_the_scores_do_not_hold_is_a_change_whatever_the_clocks_say(
    home: Path, catalogue: Catalogue
) -> None:
    """The page compares the register's versions with those the scores were computed
    from, not times: a warehouse stamped an hour after the edit (a clock ahead, or an
    edit made while a recompute ran) still lags behind it; recomputed, it is current."""
    register = Register(catalogue)
    register.update_measure(
        "G3-CM01", {"owner_role": "controller"}, version=version(register, "G3-CM01"), actor="A"
    )
    edited = register.measures().set_index("control_measure_id").loc["G3-CM01", "updated_at"]
    later = dt.datetime.fromisoformat(edited).timestamp() + 3600
    warehouse = home / "warehouse.duckdb"
    os.utime(warehouse, (later, later))
    assert "gewijzigd na de laatste berekening" in run_app("register.py").info[0].value
    rescore(warehouse, catalogue)
    at = run_app("register.py")
    assert not [i for i in at.info if "gewijzigd na de laatste berekening" in i.value]
    assert any("gaan uit van dit register" in c.value for c in at.caption)


def test_a_second_editor_on_an_old_version_gets_a_conflict_not_an_overwrite(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py")
    opened = version(Register(catalogue), "RF1-CM01")
    prefix = f"cm_RF1-CM01_{opened}"
    # Bert saves the same measure in his own session while Anna's form is open.
    Register(catalogue).update_measure(
        "RF1-CM01", {"owner_role": "controller"}, version=opened, actor="Bert"
    )
    at.selectbox(key=f"{prefix}_owner_role").set_value("hr")
    at.button(key=f"{prefix}_submit").click().run()
    assert not at.exception
    message = at.error[0].value
    assert "intussen gewijzigd door Bert" in message and "niet opgeslagen" in message
    measures = Register(catalogue).measures().set_index("control_measure_id")
    assert measures.loc["RF1-CM01", "owner_role"] == "controller"
    # The form now shows Bert's value, at the new version, ready to edit again.
    assert at.selectbox(key=f"cm_RF1-CM01_{opened + 1}_owner_role").value == "controller"


def test_a_bad_edit_names_the_field_and_saves_nothing(home: Path, catalogue: Catalogue) -> None:
    at = run_app("register.py")
    prefix = f"cm_RF1-CM01_{version(Register(catalogue), 'RF1-CM01')}"
    at.text_input(key=f"{prefix}_evidence_url").input("G:/audit/2026")
    at.selectbox(key=f"{prefix}_status").set_value("vervallen")
    at.button(key=f"{prefix}_submit").click().run()
    message = at.error[0].value
    assert message.startswith("Niet opgeslagen:")
    # shown: the message passes dashboard.safe.plain (it can quote what was typed)
    assert "**Bewijs (link)**: een link die begint met https:// verwacht" in shown(message)
    assert "**Reden vervallen**: zeg waarom de maatregel vervalt" in message
    assert set(Register(catalogue).audit()["field"]) == {"*"}


@pytest.mark.parametrize("role", ["dt", "integriteitsfunctionaris"])
def test_a_role_without_edit_rights_reads_the_register_without_forms(
    home: Path, catalogue: Catalogue, role: str
) -> None:
    built = time.time() - 60
    os.utime(home / "warehouse.duckdb", (built, built))
    Register(catalogue).update_risk("RF1", {"impact": 1}, version=1, actor="Bert")
    at = run_app("register.py", role=role)
    assert not at.exception
    assert any(c.value.startswith("Alleen lezen:") for c in at.caption)
    assert [b.key for b in at.main.button] == []  # no save, no add, no rescore
    assert [s.key for s in at.selectbox if s.key.startswith(("ra_", "cm_", "reg_pick_"))] == []
    assert "gewijzigd na de laatste berekening" in at.info[0].value
    listed = [i for d in at.dataframe if "Risico" in d.value.columns for i in d.value["ID"]]
    assert listed == [r.id for r in catalogue.risks_in_order()]
    assert frame_with(at, "Wie").iloc[0]["Wie"] == "Bert"


def test_a_form_saved_after_the_time_out_saves_nothing(home: Path, catalogue: Catalogue) -> None:
    at = run_app("register.py")
    at.selectbox(key="ra_RF1_1_appetite").set_value("hoog")
    at.session_state["auth_last_active"] = 0.0  # the form was left open for hours
    at.button(key="ra_RF1_1_submit").click().run()
    assert at.title[0].value == "Inloggen"
    assert Register(catalogue).risks().set_index("risk_id").loc["RF1", "version"] == 1


def test_adding_a_measure_from_the_page(home: Path, catalogue: Catalogue) -> None:
    at = run_app("register.py")
    count = len(catalogue.risk("RF1").control_measures)
    prefix = f"new_RF1_{count}"
    at.text_area(key=f"{prefix}_text_nl").input("Jaarlijkse steekproef op mandaatbesluiten")
    at.selectbox(key=f"{prefix}_control_type").set_value("detective")
    at.button(key=f"{prefix}_submit").click().run()
    new_id = f"RF1-CM{count + 1:02d}"
    assert at.success[0].value == f"Maatregel {new_id} toegevoegd."
    shown = measures_of(at, "RF1")
    assert shown.iloc[-1]["ID"] == new_id
    assert shown.iloc[-1]["Status"] == "Ontworpen"


def test_the_register_page_in_english(home: Path, catalogue: Catalogue) -> None:
    at = run_app("register.py", lang="en")
    assert not at.exception
    assert at.title[0].value == "Risk register"
    assert at.subheader[0].value == "Strategic red flags"
    assert "Control measure" in frame_with(at, "Control measure").columns


def test_without_a_warehouse_the_register_still_opens_and_says_scores_need_a_build(
    empty_home: Path,
) -> None:
    at = run_app("register.py")
    assert not at.exception
    assert "radar build" in at.info[0].value
    assert at.subheader[0].value == "Strategische red flags"


def test_clearing_the_english_text_falls_back_to_the_dutch(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py")
    prefix = f"cm_RF1-CM01_{version(Register(catalogue), 'RF1-CM01')}"
    at.text_area(key=f"{prefix}_text_en").input("")
    at.button(key=f"{prefix}_submit").click().run()
    assert not at.exception
    measure = Register(catalogue).measures().set_index("control_measure_id").loc["RF1-CM01"]
    assert measure["text_en"] == measure["text_nl"]


def test_refusals_speak_the_users_language(home: Path, catalogue: Catalogue) -> None:
    at = run_app("register.py", lang="en")
    prefix = f"cm_RF1-CM01_{version(Register(catalogue), 'RF1-CM01')}"
    at.text_input(key=f"{prefix}_evidence_url").input("G:/audit/2026")
    at.button(key=f"{prefix}_submit").click().run()
    message = at.error[0].value
    assert message.startswith("Not saved:")
    assert "**Evidence (link)**: a link starting with https:// expected" in shown(message)


def test_the_editor_is_the_logged_in_user_on_every_visit(home: Path) -> None:
    at = run_app("register.py")
    at.switch_page("app_pages/data_quality.py").run()
    at.switch_page("app_pages/register.py").run()
    assert f"op naam van {EDITOR}" in at.caption[1].value
    at.selectbox(key="ra_RF1_1_appetite").set_value("hoog")
    at.button(key="ra_RF1_1_submit").click().run()
    assert frame_with(at, "Wie").iloc[0]["Wie"] == EDITOR


def test_the_quarter_and_department_follow_the_user_to_other_pages(demo_env: Path) -> None:
    at = run_app("overview.py")
    at.sidebar.selectbox(key="f_quarter").select_index(-1).run()
    at.sidebar.selectbox(key="f_department").select_index(2).run()
    quarter = at.sidebar.selectbox(key="f_quarter").value
    department = at.sidebar.selectbox(key="f_department").value
    assert quarter != at.sidebar.selectbox(key="f_quarter").options[0]
    assert department  # a department, not the whole organisation
    for page in ("red_flags.py", "fraud_triangle.py", "overview.py"):
        at.switch_page(f"app_pages/{page}").run()
        assert not at.exception, page
        assert at.sidebar.selectbox(key="f_quarter").value == quarter, page
        assert at.sidebar.selectbox(key="f_department").value == department, page


# --- Excel: download and upload on the page ----------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[Callable[[], bytes], str]]:
    """Per file name, what a deferred st.download_button hands over when clicked: the
    callable that makes the file, and its mime type (AppTest's runtime is gone after a run)."""
    seen: dict[str, tuple[Callable[[], bytes], str]] = {}
    real = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen[file_name] = (data_callable, mimetype)
        return real(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


def edited_workbook(
    register: Register, folder: Path, sheet: str, entity_id: str, key: str, value
) -> tuple[bytes, str]:
    """An export of the register with one cell changed: the file and that cell (A1 style)."""
    wb = openpyxl.load_workbook(export_register(register, folder / "export.xlsx"))
    ws = wb[sheet]
    column = {str(c.value).rsplit("[", 1)[-1].rstrip("]"): c.column for c in ws[1]}
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == entity_id)
    cell = ws.cell(row[0].row, column[key])
    cell.value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), cell.coordinate


def upload(at: AppTest, data: bytes, name: str = "register.xlsx") -> AppTest:
    at.file_uploader[0].set_value((name, data, XLSX)).run()
    assert not at.exception
    at.button(key="reg_xlsx_apply").click().run()
    assert not at.exception
    return at


@pytest.mark.parametrize("role", ["dt", "risicomanager"])
def test_every_role_downloads_the_register_and_only_an_editor_uploads(
    home: Path, downloads: dict, role: str
) -> None:
    at = run_app("register.py", role=role)
    assert not at.exception
    assert "Excel" in [e.label for e in at.expander]
    (button,) = at.download_button
    assert button.label == "Register downloaden (.xlsx)"
    (name,) = [n for n in downloads if n.startswith("risicoregister-")]
    assert name.endswith(".xlsx")
    make, mime = downloads[name]
    assert mime == XLSX
    wb = openpyxl.load_workbook(io.BytesIO(make()))
    assert wb.sheetnames[:2] == [SHEET_RISKS, SHEET_MEASURES]
    if role == "dt":
        assert not at.file_uploader
        assert [b for b in at.button if b.key == "reg_xlsx_apply"] == []
    else:
        assert len(at.file_uploader) == 1
        assert at.button(key="reg_xlsx_apply").disabled  # nothing uploaded yet


def test_an_uploaded_workbook_applies_exactly_its_change_under_the_logged_in_user(
    home: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    register = Register(catalogue)
    risks_before = register.risks().set_index("risk_id")
    measures_before = register.measures().set_index("control_measure_id")
    old = int(risks_before.loc["RF1", "impact"])
    new = 1 if old != 1 else 2
    data, _ = edited_workbook(register, tmp_path, SHEET_RISKS, "RF1", "impact", new)

    at = upload(run_app("register.py"), data)
    message = at.success[0].value
    assert message.startswith(
        "Ingelezen: 1 regel(s) gewijzigd (1 veld(en)), 0 maatregel(en) toegevoegd"
    )
    assert "- **RF1**: Impact" in message
    audit = Register(catalogue).audit()
    edits = audit[audit["field"] != "*"]
    assert [
        tuple(r)
        for r in edits[["actor", "entity_id", "field", "old_value", "new_value"]].itertuples(
            index=False
        )
    ] == [(EDITOR, "RF1", "impact", str(old), str(new))]
    risks_after = Register(catalogue).risks().set_index("risk_id")
    assert risks_after.loc["RF1", "impact"] == new
    assert risks_after.loc["RF1", "version"] == risks_before.loc["RF1", "version"] + 1
    others = risks_before.index != "RF1"
    columns = ["impact", "inherent_likelihood", "appetite", "version"]
    assert risks_after.loc[others, columns].equals(risks_before.loc[others, columns])
    measures_after = Register(catalogue).measures().set_index("control_measure_id")
    assert measures_after["version"].equals(measures_before["version"])
    # The page shows the new value, and the audit log of RF1 names the logged-in user.
    table = next(d.value for d in at.dataframe if "Risico" in d.value.columns)
    assert table.set_index("ID").loc["RF1", "Impact"] == new
    assert frame_with(at, "Wie").iloc[0]["Wie"] == EDITOR

    at.run()  # a rerun (any click) does not import the same file again
    assert not at.exception
    assert len(Register(catalogue).audit()) == len(audit)
    assert at.file_uploader[0].value is None  # emptied after the import
    assert at.button(key="reg_xlsx_apply").disabled


def test_a_workbook_with_a_bad_cell_names_it_and_applies_nothing(
    home: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    register = Register(catalogue)
    audit_before = len(register.audit())
    versions = register.measures().set_index("control_measure_id")["version"]
    data, cell = edited_workbook(register, tmp_path, SHEET_MEASURES, "RF1-CM01", "status", "klaar")

    at = upload(run_app("register.py"), data)
    message = at.error[0].value
    assert message.startswith("Niets ingelezen: de werkmap is geweigerd.")
    assert f"**{SHEET_MEASURES}!{cell}**:" in message
    assert "niet 'klaar'" in message
    assert not at.success
    assert len(Register(catalogue).audit()) == audit_before
    after = Register(catalogue).measures().set_index("control_measure_id")
    assert after["version"].equals(versions)
    assert after.loc["RF1-CM01", "status"] != "klaar"

    # An untouched export changes nothing, and says so.
    untouched = export_register(register, tmp_path / "untouched.xlsx").read_bytes()
    at = upload(at, untouched)
    assert at.info[-1].value.startswith("Niets gewijzigd: de werkmap is gelijk aan het register")
    assert len(Register(catalogue).audit()) == audit_before


def test_a_zip_bomb_upload_is_refused_with_the_limit_and_changes_nothing(
    home: Path, catalogue: Catalogue
) -> None:
    from tests.xlsxhelpers import zip_bomb

    audit_before = len(Register(catalogue).audit())
    at = run_app("register.py")
    assert at.file_uploader[0].proto.max_upload_size_mb == 50
    at = upload(at, zip_bomb(64), name="register.xlsx")
    message = at.error[0].value
    assert message.startswith("Niets ingelezen: de werkmap is geweigerd.")
    assert "- **register.xlsx**: uitgepakt groter dan 20 MB (grens): 64 MB" in shown(message)
    assert len(Register(catalogue).audit()) == audit_before


def test_a_register_from_before_the_mac_gets_a_message_to_migrate_not_a_traceback(
    home: Path, tmp_path: Path
) -> None:
    """An old-form log (a SHA-256 chain, captured from the code before the MAC) is refused
    by the register until `radar audit migrate`: the page says so and shows nothing else."""
    import sqlite3

    fixture = Path(__file__).resolve().parent / "fixtures" / "register_sha256_chain.sql"
    for path in home.glob("register.sqlite*"):  # the home's own register goes first
        path.unlink()
    with sqlite3.connect(home / "register.sqlite") as con:
        con.executescript(fixture.read_text("utf-8"))
    st.cache_resource.clear()
    at = run_app("register.py")
    assert not at.exception, [e.value for e in at.exception]
    assert any("radar audit migrate" in e.value for e in at.error), [e.value for e in at.error]
    assert not at.dataframe
