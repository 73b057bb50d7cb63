"""The Risicoregister page where the user acts (issue 15): a save's outcome right below the
button that saved, the recompute offered there and the scores' state consistent with what
the run did, and the register's codes shown as labels, dates as dd-mm-jjjj, nothing as a
dash. On the real app under AppTest, a real register and a real warehouse."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.build.builder import rescore
from pipelines.core.catalogue import Catalogue
from pipelines.register import store
from pipelines.register.findings import Findings
from pipelines.register.store import Register
from tests.apphelpers import frames_with, run_app
from tests.conftest import register_copy
from tests.texthelpers import shown

STALE = "tonen nog de vorige stand"  # the top notice while the scores lag behind
RESCORED = "De scores zijn herberekend met het huidige register."


@pytest.fixture
def home(tmp_path: Path, scored_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A RADAR_HOME of its own: a built warehouse and the register its scores are current
    with (so that every "stale" a test sees comes from what the test did)."""
    return register_copy(scored_home, tmp_path, monkeypatch)


def in_order(node) -> Iterator:
    """Every element of the page in the order the browser draws it (containers filled
    later in the run still stand where they were made)."""
    yield node
    children = getattr(node, "children", {})
    for index in sorted(children):
        yield from in_order(children[index])


def order(at: AppTest) -> list:
    return list(in_order(at.main))


def position(page: list, element) -> int:
    return next(i for i, e in enumerate(page) if e is element)


def key_position(page: list, key: str) -> int:
    return next(i for i, e in enumerate(page) if getattr(e, "key", None) == key)


def texts(at: AppTest, kind: str) -> list[str]:
    return [e.value for e in at.get(kind)]


def measure_prefix(catalogue: Catalogue, measure_id: str) -> str:
    measures = Register(catalogue).measures().set_index("control_measure_id")
    return f"cm_{measure_id}_{int(measures.loc[measure_id, 'version'])}"


def test_a_saved_assessment_says_so_right_below_its_save_button(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py")
    at.selectbox(key="ra_RF1_1_appetite").set_value("hoog")
    at.button(key="ra_RF1_1_submit").click().run()
    assert not at.exception
    (saved,) = at.success
    assert saved.value == "RF1 opgeslagen: Risicobereidheid."
    page = order(at)
    button = key_position(page, "ra_RF1_2_submit")  # the form, at the new version
    # "Risico bijwerken" (below it: "Audits en bevindingen")
    heading = position(page, next(h for h in at.header if h.value == "Risico bijwerken"))
    assert heading < button < position(page, saved)
    # Directly after the form: nothing but the recompute offer between button and message.
    between = [e.type for e in page[button + 1 : position(page, saved)]]
    assert set(between) <= {"container", "form", "vertical", "horizontal", "unknown"}, between
    assert position(page, saved) > position(page, at.title[0])


def test_a_refused_measure_says_why_below_its_own_save_button(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py")
    prefix = measure_prefix(catalogue, "RF1-CM01")
    at.text_input(key=f"{prefix}_evidence_url").input("G:/audit/2026")
    at.button(key=f"{prefix}_submit").click().run()
    (refused,) = at.error
    assert refused.value.startswith("Niet opgeslagen:")
    page = order(at)
    assert key_position(page, f"{prefix}_submit") < position(page, refused)
    assert position(page, refused) > key_position(page, "reg_pick_RF1")
    assert not [b for b in at.button if b.key == "reg_rescore_here"]  # nothing changed


def test_recomputing_at_the_form_leaves_no_stale_notice_in_the_same_run(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py")
    at.selectbox(key="reg_risk").set_value("G3").run()
    prefix = measure_prefix(catalogue, "G3-CM01")
    at.selectbox(key=f"{prefix}_status").set_value("geimplementeerd")
    at.button(key=f"{prefix}_submit").click().run()
    assert at.success[0].value == "G3-CM01 opgeslagen: Status."
    assert any(STALE in v for v in texts(at, "info"))  # the state at the top
    page = order(at)
    new_prefix = measure_prefix(catalogue, "G3-CM01")
    # The recompute button stands below the save message, where the user is.
    offer = key_position(page, "reg_rescore_here")
    assert key_position(page, f"{new_prefix}_submit") < position(page, at.success[0]) < offer
    assert offer > key_position(page, "reg_pick_G3")

    at.button(key="reg_rescore_here").click().run()
    assert not at.exception
    assert RESCORED in texts(at, "success")
    assert not [v for v in texts(at, "info") if STALE in v or "telt pas mee" in v]
    assert not [b for b in at.button if b.key in ("reg_rescore", "reg_rescore_here")]
    page = order(at)
    done = next(e for e in at.success if e.value == RESCORED)
    assert position(page, done) > key_position(page, f"{new_prefix}_submit")

    at.run()  # the next run: the scores are current, said once at the top
    assert not [v for v in texts(at, "info") if STALE in v]
    assert any("gaan uit van dit register" in c for c in texts(at, "caption"))


def test_an_edit_in_the_same_second_as_the_recompute_is_told_apart(
    home: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register keeps whole seconds and a quick machine edits and recomputes within
    one: the scores' state comes from the versions they were computed from, not from
    clocks. The register's clock is put an hour ahead here, so every edit looks later
    than any recompute (comparing times calls the fresh scores stale)."""
    ahead = dt.datetime.now().astimezone() + dt.timedelta(hours=1)
    monkeypatch.setattr(store, "_now", lambda: ahead.isoformat(timespec="seconds"))
    at = run_app("register.py")
    at.selectbox(key="ra_RF1_1_impact").set_value(1 if catalogue.risk("RF1").impact != 1 else 2)
    at.button(key="ra_RF1_1_submit").click().run()
    assert any(STALE in v for v in texts(at, "info"))
    at.button(key="reg_rescore").click().run()
    assert RESCORED in texts(at, "success")
    assert not [v for v in texts(at, "info") if STALE in v or "telt pas mee" in v]
    at.run()
    assert not [v for v in texts(at, "info") if STALE in v]
    assert any("gaan uit van dit register" in c for c in texts(at, "caption"))
    # and a second edit, still "in the same second", is a change again
    at.selectbox(key="ra_RF1_2_impact").set_value(3)  # the form of version 2
    at.button(key="ra_RF1_2_submit").click().run()
    assert any(STALE in v for v in texts(at, "info"))


def stale_shown(at: AppTest) -> bool:
    return any(STALE in v for v in texts(at, "info"))


def test_scores_from_before_the_marts_kept_the_register_count_as_stale(
    home: Path, catalogue: Catalogue
) -> None:
    """A warehouse built before dim_risks kept the register's fingerprint cannot say which
    register it was computed from: stale, with the button."""
    rescore(home / "warehouse.duckdb", catalogue)  # current, but for the column dropped
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("alter table dim_risks drop column register_fingerprint")
    at = run_app("register.py")
    assert stale_shown(at)
    at.button(key="reg_rescore").click().run()
    assert RESCORED in texts(at, "success")
    assert not stale_shown(at)


def test_a_new_audit_finding_makes_the_scores_stale(home: Path, catalogue: Catalogue) -> None:
    """helper-84: an open finding lowers its measure's effectiveness in the next scores;
    the page compared only risks and measures, so it called the old scores current."""
    rescore(home / "warehouse.duckdb", catalogue)
    assert not stale_shown(run_app("register.py"))
    findings = Findings(Register(catalogue))
    audit = findings.add_audit("Audit inkoop", dt.date(2026, 3, 1), actor="ria")
    measure = Register(catalogue).measures().iloc[0]
    findings.add_finding(
        {
            "audit_id": audit,
            "found_on": dt.date(2026, 3, 2),
            "risk_id": measure["risk_id"],
            "control_measure_id": measure["control_measure_id"],
            "severity": "hoog",
            "owner_role": "controller",
            "due_on": dt.date(2026, 6, 1),
        },
        actor="ria",
    )
    assert stale_shown(run_app("register.py"))


def test_a_register_made_again_and_edited_to_the_same_versions_is_a_change(
    home: Path, catalogue: Catalogue
) -> None:
    """helper-84: versions are counters per row. Scored with RF1 at version 2 (impact
    changed once), the register deleted and made again from the catalogue, RF1 edited
    to another impact (version 2 again): the scores do not hold that register."""
    register = Register(catalogue)
    impact = catalogue.risk("RF1").impact
    register.update_risk("RF1", {"impact": 1 if impact != 1 else 2}, version=1, actor="A")
    rescore(home / "warehouse.duckdb", catalogue)
    assert not stale_shown(run_app("register.py"))
    for path in home.glob("register.sqlite*"):
        path.unlink()
    # the page seeds the register afresh (its cached Register read the deleted file:
    # "no such table", helper-84)
    at = run_app("register.py")
    assert not at.exception and stale_shown(at)
    again = Register(catalogue)
    again.update_risk("RF1", {"impact": 4 if impact != 4 else 3}, version=1, actor="A")
    assert again.risks().set_index("risk_id").loc["RF1", "version"] == 2
    assert stale_shown(run_app("register.py"))


def test_a_register_deleted_again_and_again_is_seeded_each_time(home: Path) -> None:
    """helper-86: the page's register object was cached under "no file yet"; a second
    deletion found that key again and read the deleted file ("no such table")."""
    for _ in range(3):
        for path in home.glob("register.sqlite*"):
            path.unlink()
        at = run_app("register.py")
        assert not at.exception, [e.value for e in at.exception]
        assert (home / "register.sqlite").exists()


def test_recomputing_at_the_top_leaves_no_stale_notice_in_the_same_run(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py")
    at.selectbox(key="ra_RF1_1_impact").set_value(1 if catalogue.risk("RF1").impact != 1 else 2)
    at.button(key="ra_RF1_1_submit").click().run()
    assert any(STALE in v for v in texts(at, "info"))
    at.button(key="reg_rescore").click().run()
    assert not at.exception
    assert RESCORED in texts(at, "success")
    assert not [v for v in texts(at, "info") if STALE in v or "telt pas mee" in v]
    page = order(at)
    done = next(e for e in at.success if e.value == RESCORED)
    assert position(page, done) < position(page, at.header[0])  # where it was clicked


# --- labels, dates, no "None" -----------------------------------------------------------------

# The register's codes that must never reach a Dutch table (case-sensitive, whole words:
# the labels are capitalised, "Werkend" is fine, "werkend" is a code; "effectief" is left
# out, as it ends the labels "Deels effectief" and "Niet effectief").
CODES = (
    "ontworpen",
    "geimplementeerd",
    "werkend",
    "vervallen",
    "preventive",
    "detective",
    "corrective",
    "deels_effectief",
    "niet_effectief",
    "niet_getest",
    "interne_audit",
    "manager_verhuur",
    "per_kwartaal",
    "jaarlijks",
    "laag",
    "gemiddeld",
    "hoog",
)
CODE = re.compile(r"\b(" + "|".join(CODES) + r")\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NOTHING = {"None", "none", "nan", "NaN", "NaT", "<NA>"}
FREE_TEXT = ("Beheersmaatregel", "Omschrijving (Nederlands)", "Omschrijving (Engels)")


SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # an identifier such as retired_reason


def values(frame) -> list[str]:
    """Every filled value of a table as text, leaving out what users typed (measure texts)
    and field names (the "Veld" column; "Reden vervallen" is a label)."""
    kept = frame[[c for c in frame.columns if c not in (*FREE_TEXT, "Veld")]]
    out = []
    for value in kept.to_numpy().ravel():
        if pd.isna(value):
            continue
        # A record that added a measure lists all its fields as "label: value"; its
        # texts are typed text.
        for part in str(value).split("; "):
            name, _, shown = part.partition(": ")
            if name not in FREE_TEXT:
                out.append(shown if shown else part)
    return out


def offending(table) -> list[str]:
    """What a Dutch reader should not see in this st.dataframe: codes, ISO dates, "None"
    or "nan", identifiers; an empty cell only when the table shows it as a dash."""
    frame = table.value
    found = [
        v for v in values(frame) if CODE.search(v) or ISO_DATE.search(v) or v.strip() in NOTHING
    ]
    shown = frame[[c for c in frame.columns if c not in FREE_TEXT]]
    found += [str(v) for v in shown.to_numpy().ravel() if SNAKE.search(str(v))]
    if shown.isna().to_numpy().any() and table.proto.placeholder != "–":
        found.append("an empty cell shown as None")
    return found


def tables_with(at: AppTest, column: str) -> list:
    return [d for d in at.dataframe if column in d.value.columns]


def test_the_audit_log_and_measure_tables_show_labels_dates_and_dashes_not_codes(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py")
    at.selectbox(key="reg_risk").set_value("G3").run()
    prefix = measure_prefix(catalogue, "G3-CM01")
    at.selectbox(key=f"{prefix}_status").set_value("vervallen")
    at.text_input(key=f"{prefix}_retired_reason").input("Vervangen")
    at.button(key=f"{prefix}_submit").click().run()
    prefix = measure_prefix(catalogue, "G3-CM02")
    at.selectbox(key="reg_pick_G3").set_value("G3-CM02").run()
    at.selectbox(key=f"{prefix}_control_type").set_value("corrective")
    at.selectbox(key=f"{prefix}_last_test_result").set_value("niet_effectief")
    at.button(key=f"{prefix}_submit").click().run()
    at.selectbox(key="ra_G3_1_appetite").set_value("hoog")
    at.button(key="ra_G3_1_submit").click().run()
    assert not at.exception

    (audit_table,) = tables_with(at, "Wie")
    audit = audit_table.value
    changes = audit[audit["Veld"] != "opgenomen in het register"]
    assert set(zip(changes["Veld"], changes["Oud"], changes["Nieuw"], strict=True)) >= {
        ("Status", "Werkend", "Vervallen"),
        ("Reden vervallen", "–", "Vervangen"),
        ("Soort", "Detectief", "Correctief"),
        ("Laatste testresultaat", "Deels effectief", "Niet effectief"),
        ("Risicobereidheid", "Gemiddeld", "Hoog"),
    }
    created = audit[audit["Veld"] == "opgenomen in het register"]["Nieuw"]
    assert any("Soort: Preventief" in c and "Status: Werkend" in c for c in created)
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", w) for w in audit["Wanneer"])
    assert offending(audit_table) == []

    tables = tables_with(at, "Beheersmaatregel")
    assert len(tables) == 2  # the overdue reviews and the measures of G3
    for table in tables:
        assert offending(table) == [], table.value.columns
    own = frames_with(at, "Beheersmaatregel")[-1].set_index("ID")
    assert own.loc["G3-CM01", "Status"] == "Vervallen"
    assert own.loc["G3-CM02", "Testresultaat"] == "Niet effectief"
    tested = own["Getest op"]
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4}|–", d) for d in tested)
    at.selectbox(key="reg_pick_G3").set_value("G3-CM01").run()
    caption = next(c for c in texts(at, "caption") if c.startswith("Vervallen sinds"))
    assert re.search(r"Vervallen sinds \d{2}-\d{2}-\d{4};", caption)


def test_the_excel_uploader_speaks_dutch(home: Path) -> None:
    at = run_app("register.py")
    (uploader,) = at.file_uploader
    assert uploader.label == "Bewerkte werkmap (.xlsx)"
    assert uploader.proto.help.startswith("Een werkmap die hier")
    assert any(
        c.startswith("Sleep de bewerkte werkmap (.xlsx, ten hoogste 50 MB)")
        for c in texts(at, "caption")
    )


def test_refusals_write_their_dates_as_dd_mm_jjjj(home: Path, catalogue: Catalogue) -> None:
    import datetime as dt

    at = run_app("register.py")
    prefix = measure_prefix(catalogue, "RF1-CM01")
    future = dt.date.today() + dt.timedelta(days=40)
    at.date_input(key=f"{prefix}_last_tested_on").set_value(future)
    at.button(key=f"{prefix}_submit").click().run()
    (refused,) = at.error
    assert f"de testdatum {future:%d-%m-%Y} ligt in de toekomst" in refused.value

    opened = int(prefix.rsplit("_", 1)[1])
    Register(catalogue).update_measure(
        "RF1-CM01", {"owner_role": "controller"}, version=opened, actor="Bert"
    )
    at.selectbox(key=f"{prefix}_owner_role").set_value("hr")
    at.button(key=f"{prefix}_submit").click().run()
    (conflict,) = at.error
    assert re.search(
        r"gewijzigd door Bert \(\d{2}-\d{2}-\d{4} \d{2}:\d{2}\)", shown(conflict.value)
    )


def test_an_excel_import_reports_below_its_button_and_offers_the_recompute_there(
    home: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    from pipelines.register.excel_layout import SHEET_MEASURES
    from tests.test_app_register import edited_workbook, upload

    register = Register(catalogue)
    data, _ = edited_workbook(register, tmp_path, SHEET_MEASURES, "G3-CM01", "status", "Ontworpen")
    at = upload(run_app("register.py"), data)
    (imported,) = at.success
    assert "- **G3-CM01**: Status" in imported.value
    page = order(at)
    apply = key_position(page, "reg_xlsx_apply")
    assert apply < position(page, imported) < key_position(page, "reg_rescore_here")
    assert register.measures().set_index("control_measure_id").loc["G3-CM01", "status"] == (
        "ontworpen"
    )


def test_in_english_the_audit_log_and_measures_show_english_labels(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py", lang="en")
    prefix = measure_prefix(catalogue, "RF1-CM01")
    at.selectbox(key=f"{prefix}_status").set_value("geimplementeerd")
    at.button(key=f"{prefix}_submit").click().run()
    (saved,) = at.success
    assert saved.value == "RF1-CM01 saved: Status."
    page = order(at)
    assert key_position(page, f"{measure_prefix(catalogue, 'RF1-CM01')}_submit") < position(
        page, saved
    )
    (audit,) = tables_with(at, "Who")
    newest = audit.value.iloc[0]
    assert (newest["Field"], newest["Old"], newest["New"]) == ("Status", "Operating", "Implemented")
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", newest["When"])
    own = next(d for d in tables_with(at, "Control measure") if "RF1-CM01" in set(d.value["ID"]))
    assert own.value.set_index("ID").loc["RF1-CM01", "Status"] == "Implemented"
