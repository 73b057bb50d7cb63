"""The meldingen register's store (pipelines/meldingen/store.py): a flagged route is
stored, closing without feedback is refused, versions, the vertrouwenspersoon sees only
its own, the audit log holds no free text and is MAC-chained, the file is private."""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
import stat
from pathlib import Path

import pytest

from pipelines.meldingen.rules import MeldingError
from pipelines.meldingen.store import (
    MeldingAccessError,
    Meldingen,
    VersionConflict,
    Viewer,
)

D = dt.date
TODAY = D(2025, 12, 1)
IF = Viewer("integriteitsfunctionaris", "ifa")
VP = Viewer("vertrouwenspersoon", "vp1")
VP2 = Viewer("vertrouwenspersoon", "vp2")
PLANTED = "ZZ-PLANTED-7f3a-Jan-de-Vries-0612345678"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Meldingen:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    return Meldingen(risk_ids={"RF1", "RF3", "G1"})


def _report(store: Meldingen, viewer: Viewer = IF, **kw: object):
    fields = {"received_on": D(2025, 3, 3), "route": "bestuurder", "about_role": "leidinggevende"}
    return store.register(fields | kw, viewer=viewer, today=TODAY)


def test_register_and_read_back(store: Meldingen) -> None:
    saved = _report(store, risk_ids=["RF3", "RF1"])
    assert saved.melding_id == "M2025-001" and saved.flag is None and saved.warnings == []
    row = store.get(saved.melding_id, viewer=IF)
    assert row["risk_ids"] == ["RF1", "RF3"] and row["status"] == "ontvangen"
    assert row["received_on"] == D(2025, 3, 3) and row["created_by"] == "ifa"
    assert _report(store).melding_id == "M2025-002"
    assert _report(store, received_on=D(2024, 5, 1)).melding_id == "M2024-001"


def test_there_is_no_field_for_the_reporter(store: Meldingen) -> None:
    with sqlite3.connect(store.path) as con:
        columns = {r[1] for r in con.execute("pragma table_info(meldingen)")}
    assert not {c for c in columns if "melder" in c or "reporter" in c or "name" in c}
    with pytest.raises(MeldingError):
        _report(store, reporter="iemand")


def test_a_contradicting_route_is_flagged_and_still_stored(store: Meldingen) -> None:
    saved = _report(store, route="leidinggevende", about_role="leidinggevende")
    assert saved.flag is not None
    assert "doe je bij de bestuurder" in saved.flag.message(store.catalogue)
    frame = store.meldingen(viewer=IF, today=TODAY)
    assert list(frame["melding_id"]) == [saved.melding_id]
    assert frame["route_flag"].tolist() == [True]
    assert "bestuurder" in frame["route_rule"].iloc[0]
    ok = _report(store, route="vertrouwenspersoon", about_role="bestuurder")
    assert ok.flag is None


def test_free_text_warns_but_is_stored(store: Meldingen) -> None:
    saved = _report(store, note="Melder: Jan de Vries, 06-12345678")
    assert {w.kind for w in saved.warnings} == {"name", "phone"}
    assert store.get(saved.melding_id, viewer=IF)["note"].startswith("Melder")


def test_closing_without_feedback_is_refused(store: Meldingen) -> None:
    saved = _report(store, acknowledged_on=D(2025, 3, 4))
    with pytest.raises(MeldingError) as info:
        store.update(
            saved.melding_id,
            {"status": "afgesloten", "closed_on": D(2025, 6, 1), "outcome": "ongegrond"},
            version=1,
            viewer=IF,
            today=TODAY,
        )
    assert "feedback_on" in info.value.problems
    assert store.get(saved.melding_id, viewer=IF)["status"] == "ontvangen"
    done = store.update(
        saved.melding_id,
        {
            "status": "afgesloten",
            "feedback_on": D(2025, 5, 30),
            "closed_on": D(2025, 6, 1),
            "outcome": "ongegrond",
        },
        version=1,
        viewer=IF,
        today=TODAY,
    )
    assert set(done.changed) == {"status", "feedback_on", "closed_on", "outcome"}
    assert store.get(saved.melding_id, viewer=IF)["version"] == 2


def test_version_conflict(store: Meldingen) -> None:
    saved = _report(store)
    store.update(saved.melding_id, {"outcome": "gegrond"}, version=1, viewer=IF, today=TODAY)
    with pytest.raises(VersionConflict) as info:
        store.update(saved.melding_id, {"note": "later"}, version=1, viewer=IF, today=TODAY)
    assert "ifa" in info.value.message("nl") and "changed meanwhile" in info.value.message("en")
    assert store.get(saved.melding_id, viewer=IF)["note"] is None


def test_the_vertrouwenspersoon_sees_only_its_own(store: Meldingen) -> None:
    own = _report(store, viewer=VP, route="vertrouwenspersoon").melding_id
    other = _report(store, viewer=VP2, route="vertrouwenspersoon").melding_id
    _report(store)
    assert store.meldingen(viewer=VP, today=TODAY)["melding_id"].tolist() == [own]
    assert len(store.meldingen(viewer=IF, today=TODAY)) == 3
    with pytest.raises(MeldingAccessError):
        store.get(other, viewer=VP)
    with pytest.raises(MeldingAccessError):
        store.update(other, {"outcome": "gegrond"}, version=1, viewer=VP, today=TODAY)
    with pytest.raises(MeldingAccessError):
        store.audit(viewer=VP)


@pytest.mark.parametrize("role", ["dt", "rvc", "risicomanager", "beheerder"])
def test_other_roles_see_nothing(store: Meldingen, role: str) -> None:
    _report(store)
    viewer = Viewer(role, "someone")
    with pytest.raises(MeldingAccessError) as info:
        store.meldingen(viewer=viewer, today=TODAY)
    assert "totalen" in str(info.value) and "totals" in info.value.message("en")
    with pytest.raises(MeldingAccessError):
        _report(store, viewer=viewer)
    with pytest.raises(MeldingAccessError):
        store.audit(viewer=viewer)


def test_the_audit_log_never_holds_free_text(store: Meldingen) -> None:
    saved = _report(store, note=PLANTED, measures=PLANTED)
    store.update(
        saved.melding_id,
        {"note": PLANTED + " meer", "measures": None, "outcome": "gegrond"},
        version=1,
        viewer=IF,
        today=TODAY,
    )
    log = store.audit(viewer=IF)
    assert set(log["field"]) >= {"note", "measures", "outcome", "geregistreerd"}
    with sqlite3.connect(store.path) as con:
        rows = con.execute("select * from meldingen_audit").fetchall()
    assert rows and not any(PLANTED in str(v) for row in rows for v in row)
    notes = log[log["field"] == "note"]["new_value"].tolist()
    assert notes == [
        f"tekst gewijzigd ({len(PLANTED) + 5} tekens)",
        f"tekst ingevuld ({len(PLANTED)} tekens)",
    ]
    assert "gegrond" in log["new_value"].tolist()  # coded fields are logged with their values


def test_an_overwritten_note_is_gone_from_the_file(store: Meldingen) -> None:
    for _ in range(3):
        _report(store, note="kort")
    # Another process (the dashboard) has the file open: its WAL is not removed on close.
    other = sqlite3.connect(store.path)
    try:
        other.execute("select count(*) from meldingen").fetchone()
        saved = _report(store, note=" ".join([PLANTED] * 20))
        store.update(saved.melding_id, {"note": "vervangen"}, version=1, viewer=IF, today=TODAY)
        files = [p for p in store.path.parent.iterdir() if p.name.startswith("meldingen.sqlite")]
        assert files and not any(PLANTED.encode() in p.read_bytes() for p in files)
    finally:
        other.close()


def test_the_audit_log_is_append_only_and_chained(store: Meldingen) -> None:
    saved = _report(store)
    store.update(saved.melding_id, {"outcome": "gegrond"}, version=1, viewer=IF, today=TODAY)
    assert store.verify_audit() == []
    with sqlite3.connect(store.path) as con, pytest.raises(sqlite3.IntegrityError):
        con.execute("update meldingen_audit set new_value = 'ongegrond'")
    with sqlite3.connect(store.path) as con:
        con.execute("drop trigger meldingen_audit_is_append_only_update")
        con.execute("update meldingen_audit set new_value = 'ongegrond' where field = 'outcome'")
    problems = store.verify_audit()
    assert any("MAC klopt niet" in p for p in problems)
    assert any("ontbreekt" in p for p in problems)
    assert store.verify_audit(key=secrets.token_hex(32).encode()) != []


def test_the_key_lives_in_the_key_folder(store: Meldingen, tmp_path: Path) -> None:
    _report(store)
    key = tmp_path / "keys" / "meldingen_audit.key"
    assert key.exists() and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert not list((tmp_path / "home").glob("*.key"))


def test_the_file_is_private(store: Meldingen) -> None:
    _report(store)
    for path in store.path.parent.iterdir():
        if path.name.startswith("meldingen.sqlite"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_overdue_and_due_this_week(store: Meldingen) -> None:
    late = _report(store, received_on=D(2025, 11, 3)).melding_id  # ack by Mon 10 Nov
    soon = _report(store, received_on=D(2025, 11, 27)).melding_id  # ack by Thu 4 Dec
    answered = _report(
        store, received_on=D(2025, 11, 3), acknowledged_on=D(2025, 11, 5)
    ).melding_id  # feedback by 5 Feb 2026
    overdue = store.overdue(viewer=IF, today=TODAY)
    assert overdue[["melding_id", "deadline"]].values.tolist() == [[late, "acknowledge"]]
    assert overdue["due_on"].tolist() == [D(2025, 11, 10)]
    week = store.due_this_week(viewer=IF, today=TODAY)
    assert week[["melding_id", "deadline"]].values.tolist() == [[soon, "acknowledge"]]
    assert answered not in set(store.overdue(viewer=IF, today=D(2026, 2, 5))["melding_id"])
    assert answered in set(store.overdue(viewer=IF, today=D(2026, 2, 6))["melding_id"])
    frame = store.meldingen(viewer=IF, today=TODAY).set_index("melding_id")
    assert frame.loc[soon, "acknowledge_by"] == D(2025, 12, 4)


def test_an_empty_register_lists_nothing_with_its_columns(store: Meldingen) -> None:
    columns = ["melding_id", "deadline", "due_on", "overdue", "days_left"]
    assert store.overdue(viewer=IF, today=TODAY).columns.tolist() == columns
    assert store.due_this_week(viewer=IF, today=TODAY).columns.tolist() == columns
    assert store.meldingen(viewer=IF, today=TODAY).empty
    assert store.verify_audit() == []


def test_org_unit_is_a_plain_code(store: Meldingen) -> None:
    saved = _report(store, org_unit="AFD-VERHUUR")
    assert store.get(saved.melding_id, viewer=IF)["org_unit"] == "AFD-VERHUUR"
    assert _report(store).melding_id  # optional
    for bad in ("Jan de Vries", "afd verhuur", "-X", "x" * 41):
        with pytest.raises(MeldingError) as err:
            _report(store, org_unit=bad)
        assert set(err.value.problems) == {"org_unit"}
    assert _report(store, org_unit="x" * 40).melding_id


def test_a_name_or_phone_as_org_unit_is_refused_and_never_logged(store: Meldingen) -> None:
    for bad in ("Piet.Jansen", "0612345678", "06-12345678"):
        with pytest.raises(MeldingError) as err:
            _report(store, org_unit=bad)
        assert set(err.value.problems) == {"org_unit"}
        saved = _report(store)
        with pytest.raises(MeldingError):
            store.update(saved.melding_id, {"org_unit": bad}, version=1, viewer=IF, today=TODAY)
    log = store.audit(viewer=IF)
    assert not log.isin(["Piet.Jansen", "0612345678", "06-12345678"]).any().any()
    # An accepted code is a code, and the log records it.
    saved = _report(store, org_unit="AFD-VERHUUR")
    log = store.audit(viewer=IF, melding_id=saved.melding_id)
    assert log[log["field"] == "org_unit"]["new_value"].tolist() == ["AFD-VERHUUR"]


def test_the_vertrouwenspersoon_cannot_edit_even_its_own(store: Meldingen) -> None:
    saved = _report(store, viewer=VP)
    with pytest.raises(MeldingAccessError) as err:
        store.update(saved.melding_id, {"note": "anders"}, version=1, viewer=VP, today=TODAY)
    assert "vertrouwenspersoon" in str(err.value) and "wijzigen" in str(err.value)
    assert "change" in err.value.message("en")
    row = store.get(saved.melding_id, viewer=VP)
    assert row["note"] is None and row["version"] == 1
    # The integriteitsfunctionaris keeps the register and may.
    assert store.update(saved.melding_id, {"note": "x"}, version=1, viewer=IF, today=TODAY)
    log = store.audit(viewer=IF, melding_id=saved.melding_id)
    assert log["field"].tolist()[0] == "note" and log["actor"].tolist()[0] == "ifa"
    assert "vp1" not in log["actor"].tolist()[:1]


def test_read_for_build_has_only_the_aggregate_columns(store: Meldingen, tmp_path: Path) -> None:
    from pipelines.meldingen.store import AGGREGATE_COLUMNS, read_for_build

    assert read_for_build(tmp_path / "none.sqlite").empty  # no file: no reports, none made
    assert not (tmp_path / "none.sqlite").exists()
    # The exceptions' follow-up shares the file and may make it first: still no reports.
    with sqlite3.connect(tmp_path / "followup_only.sqlite") as con:
        con.execute("create table exception_followups (followup_key text primary key)")
    empty = read_for_build(tmp_path / "followup_only.sqlite")
    assert empty.empty and list(empty.columns) == [
        *AGGREGATE_COLUMNS,
        "acknowledge_by",
        "feedback_by",
    ]
    _report(store, org_unit="AFD-1", note=PLANTED, measures=PLANTED, risk_ids=["RF3"])
    _report(store, viewer=VP, received_on=D(2025, 3, 8), acknowledged_on=D(2025, 3, 10))
    frame = read_for_build(store.path)
    assert list(frame.columns) == [*AGGREGATE_COLUMNS, "acknowledge_by", "feedback_by"]
    assert not {"note", "measures", "created_by", "updated_by"} & set(frame.columns)
    assert PLANTED not in frame.to_csv() and "vp1" not in frame.to_csv()
    assert frame["org_unit"].tolist() == ["AFD-1", None]
    assert frame["risk_ids"].tolist() == [["RF3"], []]
    # 3 March + 7 = 10 March (Monday); 8 March + 7 = 15 March, a Saturday: Monday 17th.
    assert frame["acknowledge_by"].tolist() == [D(2025, 3, 10), D(2025, 3, 17)]
    assert frame["feedback_by"].iloc[1] == D(2025, 6, 10)


def test_an_older_register_gains_the_org_unit_column(tmp_path: Path) -> None:
    from pipelines.meldingen.store import SCHEMA, read_for_build

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as con:
        con.executescript(SCHEMA.replace("    org_unit text,\n", ""))
    assert read_for_build(path).empty
    store = Meldingen(path, risk_ids={"RF1"}, audit_key=secrets.token_bytes(32))
    saved = store.register(
        {"received_on": D(2025, 3, 3), "route": "bestuurder", "org_unit": "AFD-2"},
        viewer=IF,
        today=TODAY,
    )
    assert store.get(saved.melding_id, viewer=IF)["org_unit"] == "AFD-2"
