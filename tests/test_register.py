"""The register the risk manager keeps: seeding, edits, validation, version check, audit log.

Longer than 600 lines because the store and its audit log are one write path: each edit
here is checked in the register and in the log (and key) it wrote, on the same fixtures.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from pipelines.build.builder import build
from pipelines.cli.main import main
from pipelines.core.catalogue import Catalogue
from pipelines.register import audit_log, audit_verify
from pipelines.register.audit_log import AuditFormatError, AuditKeyError, Head
from pipelines.register.rules import MEASURE_FIELDS, BatchRefused, RegisterError, VersionConflict
from pipelines.register.store import (
    SEED_ACTOR,
    SPECS,
    TRACKED,
    Edit,
    Register,
    migrate_audit,
    seed_frames,
    verify_audit,
)
from tests.readers import reading

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def register(tmp_path: Path, catalogue: Catalogue) -> Register:
    return Register(catalogue, tmp_path / "register.sqlite")


def version_of(register: Register, measure_id: str) -> int:
    measures = register.measures()
    return int(measures.loc[measures["control_measure_id"] == measure_id, "version"].iloc[0])


def test_a_new_register_holds_every_catalogue_risk_and_measure(
    register: Register, catalogue: Catalogue
) -> None:
    risks = register.risks().set_index("risk_id")
    assert sorted(risks.index) == sorted(r.id for r in catalogue.risks)
    for risk in catalogue.risks:
        assert risks.loc[risk.id, "impact"] == risk.impact
        assert risks.loc[risk.id, "appetite"] == risk.appetite
    measures = register.measures()
    assert sorted(measures["control_measure_id"]) == sorted(
        m.id for _, m in catalogue.control_measures()
    )
    seeded = register.audit()
    assert len(seeded) == len(risks) + len(measures)
    assert set(seeded["field"]) == {"*"}


def test_opening_the_register_again_seeds_nothing_twice(
    register: Register, catalogue: Catalogue
) -> None:
    before = len(register.audit())
    again = Register(catalogue, register.path)
    assert len(again.audit()) == before
    assert len(again.measures()) == len(register.measures())


def test_an_edit_changes_the_risk_and_writes_who_when_what_to_the_audit_log(
    register: Register, catalogue: Catalogue
) -> None:
    rf1 = catalogue.risk("RF1")
    new_impact = 1 if rf1.impact != 1 else 2
    changes = register.update_risk(
        "RF1", {"impact": new_impact, "appetite": "hoog"}, version=1, actor="Anna (risicomanager)"
    )
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("impact", rf1.impact, new_impact),
        ("appetite", rf1.appetite, "hoog"),
    ]
    row = register.risks().set_index("risk_id").loc["RF1"]
    assert (row["impact"], row["appetite"], row["version"]) == (new_impact, "hoog", 2)
    log = register.audit("RF1")
    newest = log[log["actor"] == "Anna (risicomanager)"]
    assert sorted(newest["field"]) == ["appetite", "impact"]
    impact = newest[newest["field"] == "impact"].iloc[0]
    assert (impact["old_value"], impact["new_value"]) == (str(rf1.impact), str(new_impact))
    assert dt.datetime.fromisoformat(impact["changed_at"]).date() == dt.date.today()


def test_saving_without_a_change_writes_no_audit_row(register: Register) -> None:
    risk = register.risks().set_index("risk_id").loc["G3"]
    before = len(register.audit())
    assert register.update_risk("G3", {"impact": int(risk["impact"])}, version=1, actor="A") == []
    assert len(register.audit()) == before
    assert register.risks().set_index("risk_id").loc["G3", "version"] == 1


def test_two_people_editing_the_same_measure_never_overwrite_each_other(
    register: Register,
) -> None:
    opened = version_of(register, "G3-CM01")  # both open the form at this version
    register.update_measure(
        "G3-CM01", {"owner_role": "controller"}, version=opened, actor="Anna", today=TODAY
    )
    with pytest.raises(VersionConflict) as conflict:
        register.update_measure(
            "G3-CM01", {"owner_role": "hr"}, version=opened, actor="Bert", today=TODAY
        )
    assert "intussen gewijzigd door Anna" in str(conflict.value)
    assert "niet opgeslagen" in str(conflict.value)
    measures = register.measures().set_index("control_measure_id")
    assert measures.loc["G3-CM01", "owner_role"] == "controller"
    assert "Bert" not in set(register.audit()["actor"])


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"status": "klaar"}, "status", "één van ontworpen, geimplementeerd, werkend"),
        ({"last_test_result": "goed"}, "last_test_result", "één van effectief"),
        ({"text_nl": "   "}, "text_nl", "omschrijving is verplicht"),
        ({"text_nl": "x" * 501}, "text_nl", "ten hoogste 500 tekens"),
        ({"owner_role": "stagiair"}, "owner_role", "één van bestuurder"),
        ({"review_frequency": "soms"}, "review_frequency", "één van maandelijks"),
        ({"control_type": "magisch"}, "control_type", "één van preventive"),
        (
            {"last_test_result": "effectief", "last_tested_on": dt.date(2027, 1, 1)},
            "last_tested_on",
            "ligt in de toekomst",
        ),
        ({"last_test_result": "effectief"}, "last_tested_on", "hoort de datum van de test"),
        ({"last_tested_on": dt.date(2026, 1, 5)}, "last_test_result", "kies het resultaat"),
        ({"last_tested_on": "5 januari"}, "last_tested_on", "een datum (jjjj-mm-dd)"),
        ({"evidence_url": "map op de G-schijf"}, "evidence_url", "https://"),
        (
            {
                "last_test_result": "effectief",
                "last_tested_on": dt.date(2026, 6, 1),
                "next_review_on": dt.date(2026, 5, 1),
            },
            "next_review_on",
            "vóór de laatste test",
        ),
        ({"status": "vervallen"}, "retired_reason", "waarom de maatregel vervalt"),
    ],
)
def test_a_bad_value_is_refused_with_a_message_naming_the_field_and_nothing_changes(
    register: Register, changes: dict, field: str, message: str
) -> None:
    measure = "G1-CM03"  # never tested: no test date, result niet_getest
    before_row = register.measures().set_index("control_measure_id").loc[measure].to_dict()
    before_log = len(register.audit())
    with pytest.raises(RegisterError) as refused:
        register.update_measure(
            measure, changes, version=version_of(register, measure), actor="A", today=TODAY
        )
    assert field in refused.value.errors
    assert message in refused.value.errors[field]
    after_row = register.measures().set_index("control_measure_id").loc[measure].to_dict()
    assert after_row == before_row
    assert len(register.audit()) == before_log


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"impact": 6}, "impact"),
        ({"inherent_likelihood": 0}, "inherent_likelihood"),
        ({"appetite": "enorm"}, "appetite"),
        ({"impact": "5"}, "impact"),
    ],
)
def test_a_risk_assessment_out_of_range_is_refused(
    register: Register, changes: dict, field: str
) -> None:
    with pytest.raises(RegisterError) as refused:
        register.update_risk("G1", changes, version=1, actor="A")
    assert field in refused.value.errors


def test_an_edit_without_a_name_is_refused(register: Register) -> None:
    with pytest.raises(RegisterError) as refused:
        register.update_risk("G1", {"impact": 2}, version=1, actor="  ")
    assert "actor" in refused.value.errors


def test_a_new_test_date_plans_the_next_review_one_period_later(register: Register) -> None:
    measure = register.measures().set_index("control_measure_id").loc["G2-CM01"]
    months = {"jaarlijks": 12, "halfjaarlijks": 6, "per_kwartaal": 3}[measure["review_frequency"]]
    register.update_measure(
        "G2-CM01",
        {"last_tested_on": dt.date(2026, 3, 31), "last_test_result": "effectief"},
        version=int(measure["version"]),
        actor="A",
        today=TODAY,
    )
    after = register.measures(today=TODAY).set_index("control_measure_id").loc["G2-CM01"]
    expected = {12: "2027-03-31", 6: "2026-09-30", 3: "2026-06-30"}[months]
    assert after["next_review_on"] == expected
    assert bool(after["is_overdue"]) is (expected < TODAY.isoformat())


def test_a_review_date_in_the_past_makes_the_measure_overdue(register: Register) -> None:
    register.update_measure(
        "G1-CM02",  # last tested 2025-10-01
        {"next_review_on": dt.date(2026, 1, 1)},
        version=version_of(register, "G1-CM02"),
        actor="A",
        today=TODAY,
    )
    measures = register.measures(today=TODAY).set_index("control_measure_id")
    assert measures.loc["G1-CM02", "is_overdue"]
    assert not measures.loc["G1-CM02", "is_retired"]
    assert not measures.loc["G1-CM03", "is_overdue"]  # never tested, no review planned


def test_adding_and_retiring_a_measure(register: Register) -> None:
    new_id = register.add_measure(
        "G3",
        {
            "text_nl": "Rittenregistratie steekproefsgewijs controleren",
            "control_type": "detective",
            "owner_role": "controller",
        },
        actor="Anna",
        today=TODAY,
    )
    existing = [m for m in register.measures()["control_measure_id"] if m.startswith("G3-")]
    assert new_id in existing and new_id == f"G3-CM{len(existing):02d}"
    added = register.measures().set_index("control_measure_id").loc[new_id]
    assert (added["status"], added["last_test_result"], added["text_en"]) == (
        "ontworpen",
        "niet_getest",
        "Rittenregistratie steekproefsgewijs controleren",
    )
    register.update_measure(
        new_id,
        {"status": "vervallen", "retired_reason": "Vervangen door de kilometerregistratie"},
        version=1,
        actor="Anna",
        today=TODAY,
    )
    retired = register.measures(today=TODAY).set_index("control_measure_id").loc[new_id]
    assert retired["is_retired"] and retired["retired_on"] == TODAY.isoformat()
    fields = register.audit("G3").query("entity_id == @new_id")["field"].tolist()
    assert "retired_reason" in fields and "text_nl" in fields


def test_the_audit_log_cannot_be_changed_or_deleted(register: Register) -> None:
    register.update_risk("G1", {"impact": 2}, version=1, actor="A")
    con = sqlite3.connect(register.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="alleen-toevoegen"):
            con.execute("update audit_log set actor = 'B'")
        with pytest.raises(sqlite3.IntegrityError, match="alleen-toevoegen"):
            con.execute("delete from audit_log")
    finally:
        con.close()
    assert "A" in set(register.audit()["actor"])


def _edit_in_another_process(args: tuple[str, str, str]) -> str:
    path, measure, actor = args
    from pipelines.core.catalogue import load_catalogue

    reg = Register(load_catalogue(), Path(path))
    for _ in range(5):
        measures = reg.measures().set_index("control_measure_id")
        version = int(measures.loc[measure, "version"])
        new_text = f"{measures.loc[measure, 'text_nl'].split(' #')[0]} #{version}"
        reg.update_measure(measure, {"text_nl": new_text}, version=version, actor=actor)
    return actor


def test_writers_in_separate_processes_all_land(register: Register) -> None:
    jobs = [(str(register.path), m, f"proces-{i}") for i, m in enumerate(["G1-CM01", "G2-CM01"])]
    with ProcessPoolExecutor(2) as pool:
        assert sorted(pool.map(_edit_in_another_process, jobs)) == ["proces-0", "proces-1"]
    log = register.audit()
    assert (log["actor"] == "proces-0").sum() == 5 and (log["actor"] == "proces-1").sum() == 5
    assert version_of(register, "G1-CM01") == 6


def test_register_edits_survive_rebuilds_and_reach_the_scores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogue: Catalogue
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    warehouse = tmp_path / "warehouse.duckdb"
    build(path=warehouse, inputs=[])
    reg = Register(catalogue)
    reg.update_risk("G3", {"impact": 5, "inherent_likelihood": 5}, version=1, actor="Anna")
    reg.update_measure(
        "G3-CM01",
        {"status": "vervallen", "retired_reason": "Afgeschaft"},
        version=version_of(reg, "G3-CM01"),
        actor="Anna",
    )
    for _ in range(2):  # a second build must not reset the register to the catalogue
        build(path=warehouse, inputs=[])
        with reading(str(warehouse)) as con:
            risk = con.execute(
                "select impact, inherent_likelihood, inherent_score from dim_risks "
                "where risk_id = 'G3'"
            ).fetchone()
            in_force = con.execute(
                "select is_in_force from report_risk_controls where control_measure_id = 'G3-CM01'"
            ).fetchone()
        assert risk == (5, 5, 25)
        assert in_force == (False,)


def test_every_register_message_the_code_uses_exists_in_dutch_and_english() -> None:
    import re

    from pipelines.core.texts import register_messages
    from pipelines.register import rules, store

    source = "".join(Path(m.__file__).read_text("utf-8") for m in (store, rules))
    used = set(re.findall(r'problem\(\s*"(\w+)"', source)) | {"version_conflict"}
    assert used and used <= set(register_messages())
    for code, entry in register_messages().items():
        assert set(entry) == {"nl", "en"} and all(entry.values()), code


# --- the audit log: values in every record, the key, migration (attacks: test_audit_tamper)


def test_every_seeded_record_carries_all_the_values_it_set(register: Register) -> None:
    log = register.audit().set_index("entity_id")
    for _, risk in register.risks().iterrows():
        state = json.loads(log.loc[risk["risk_id"], "new_value"])
        assert state == {
            "impact": risk["impact"],
            "inherent_likelihood": risk["inherent_likelihood"],
            "appetite": risk["appetite"],
            "updated_at": risk["updated_at"],
            "updated_by": SEED_ACTOR,
        }
    for _, measure in register.measures().iterrows():
        state = json.loads(log.loc[measure["control_measure_id"], "new_value"])
        columns = ("risk_id", *MEASURE_FIELDS, "updated_at")
        assert state == {c: None if pd.isna(measure[c]) else measure[c] for c in columns} | {
            "updated_by": SEED_ACTOR
        }


def test_the_log_alone_rebuilds_the_register(register: Register) -> None:
    register.update_risk("G1", {"impact": 2, "appetite": "hoog"}, version=1, actor="Anna")
    register.update_measure(
        "G1-CM03",
        {"last_test_result": "effectief", "last_tested_on": dt.date(2026, 3, 31)},
        version=version_of(register, "G1-CM03"),
        actor="Bert",
        today=TODAY,
    )
    new_id = register.add_measure("G3", NEW_MEASURE, actor="Anna", today=TODAY)
    register.update_measure(
        new_id,
        {"status": "vervallen", "retired_reason": "Dubbel"},
        version=1,
        actor="Anna",
        today=TODAY,
    )
    state, notes = audit_verify.replay(register.audit().iloc[::-1].to_dict("records"), TRACKED)
    assert notes == []
    measures = register.measures().set_index("control_measure_id")
    columns = SPECS["control_measure"].columns
    for measure_id, row in measures.iterrows():
        logged = state["control_measure"][measure_id]
        assert {c: logged[c] for c in columns} == {
            c: None if pd.isna(row[c]) else str(row[c]) for c in columns
        }, measure_id
    assert state["risk"]["G1"]["impact"] == "2" and state["risk"]["G1"]["updated_by"] == "Anna"
    assert state["control_measure"][new_id]["status"] == "vervallen"
    assert verify_audit(register.path).findings == []


def test_an_untouched_audit_log_verifies(register: Register) -> None:
    register.update_risk("G1", {"impact": 2}, version=1, actor="A")
    report = verify_audit(register.path)
    assert report.checked == len(register.audit()) and report.findings == []
    assert report.head == Head(report.checked, register.audit()["mac"].iloc[0])


def test_the_key_is_made_once_outside_radar_home_readable_by_its_owner_only(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "config" / "audit.key"
    monkeypatch.setenv("RADAR_AUDIT_KEY_FILE", str(key))
    first = Register(catalogue, tmp_path / "home" / "register.sqlite")
    assert key.exists() and key.stat().st_mode & 0o777 == 0o600
    made = key.read_bytes()
    Register(catalogue, tmp_path / "other" / "register.sqlite")
    assert key.read_bytes() == made  # used again, never replaced
    assert verify_audit(first.path).findings == []


def _new_register(path: str) -> str:
    from pipelines.core.catalogue import load_catalogue

    Register(load_catalogue(), Path(path))
    return path


def test_registers_started_at_once_share_one_new_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    paths = [str(tmp_path / f"home{i}" / "register.sqlite") for i in range(2)]
    with ProcessPoolExecutor(2) as pool:
        made = list(pool.map(_new_register, paths))
    assert [p.name for p in (tmp_path / "keys").iterdir()] == ["audit.key"]  # no temp left
    for path in made:
        assert verify_audit(Path(path)).findings == [], path


def test_by_default_the_key_lives_in_the_users_config_folder(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RADAR_AUDIT_KEY_FILE")
    monkeypatch.delenv("RADAR_KEY_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    Register(catalogue, tmp_path / "home" / "register.sqlite")
    assert (tmp_path / "xdg" / "integriteitsradar" / "audit.key").exists()
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert audit_log.key_file() == tmp_path / "user" / ".config" / "integriteitsradar" / "audit.key"
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))  # the radar's key folder
    assert audit_log.key_file() == tmp_path / "keys" / "audit.key"


def test_a_key_readable_by_others_is_refused(register: Register) -> None:
    key = audit_log.key_file()
    key.chmod(0o644)
    try:
        with pytest.raises(AuditKeyError, match=f"chmod 600 {key}"):
            Register(register.catalogue, register.path).update_risk(
                "G1", {"impact": 2}, version=1, actor="A"
            )
    finally:
        key.chmod(0o600)
    assert len(register.audit().query("actor == 'A'")) == 0


def test_a_key_inside_the_register_folder_is_refused(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_AUDIT_KEY_FILE", str(tmp_path / "audit.key"))
    with pytest.raises(AuditKeyError, match="staat in de map van het register"):
        Register(catalogue, tmp_path / "register.sqlite")
    assert not (tmp_path / "audit.key").exists()


def test_the_key_can_come_from_the_environment(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    monkeypatch.setenv("RADAR_AUDIT_KEY", "te kort")
    with pytest.raises(AuditKeyError, match="te kort .* minstens 32"):
        Register(catalogue, tmp_path / "home" / "register.sqlite")
    monkeypatch.setenv("RADAR_AUDIT_KEY", "k" * 40)
    register = Register(catalogue, tmp_path / "home" / "register.sqlite")
    assert verify_audit(register.path).findings == []
    assert not (tmp_path / "keys").exists()  # no key file made
    monkeypatch.setenv("RADAR_AUDIT_KEY", "x" * 40)  # another key: nothing verifies
    findings = verify_audit(register.path).findings
    assert findings[-1].where == "sleutel" and "RADAR_AUDIT_KEY" in findings[-1].problem


def test_a_missing_key_for_an_existing_chain_is_an_error_never_a_new_key(
    register: Register,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    elsewhere = tmp_path_factory.mktemp("lost") / "audit.key"
    monkeypatch.setenv("RADAR_AUDIT_KEY_FILE", str(elsewhere))
    reopened = Register(register.catalogue, register.path)  # reading needs no key
    with pytest.raises(AuditKeyError) as missing:
        reopened.update_risk("G1", {"impact": 2}, version=1, actor="A")
    message = str(missing.value)
    assert str(elsewhere) in message and "RADAR_AUDIT_KEY" in message
    assert "zet de sleutel terug in de sleutelmap" in message
    assert "uit de back-up" not in message  # the keys are never in a backup
    assert not elsewhere.exists()
    with pytest.raises(AuditKeyError):
        verify_audit(register.path)
    monkeypatch.setenv("RADAR_HOME", str(register.path.parent))
    assert main(["audit", "verify"]) == 2
    assert str(elsewhere) in capsys.readouterr().err
    assert not elsewhere.exists()


def test_a_throwaway_seed_register_makes_no_key_file(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_AUDIT_KEY_FILE", str(tmp_path / "audit.key"))
    frames = seed_frames(catalogue)
    assert len(frames["raw_register__risk_assessments"]) == len(catalogue.risks)
    assert not (tmp_path / "audit.key").exists()


def test_a_dropped_trigger_is_put_back_on_opening_and_the_log_says_so(
    register: Register, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    con = sqlite3.connect(register.path)
    con.execute("drop trigger audit_log_is_append_only_delete")
    con.close()
    Register(register.catalogue, register.path)
    newest = register.audit().iloc[0]
    assert (newest["entity_id"], newest["field"]) == (
        "audit_log_is_append_only_delete",
        "trigger_hersteld",
    )
    report = verify_audit(register.path)
    assert report.findings == []
    assert [n.problem for n in report.notes] == [
        f"trigger audit_log_is_append_only_delete ontbreekt en is op {newest['changed_at']} "
        "hersteld"
    ]
    monkeypatch.setenv("RADAR_HOME", str(register.path.parent))
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert f"Opmerking: regel {newest['audit_id']}: trigger audit_log_is_append_only_delete" in out


# --- migrating a register from before the MAC

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "register_sha256_chain.sql"


def _old_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sql: str | None = None) -> Path:
    """A register as the code before the MAC left it (captured from it: a SHA-256 chain of
    76 records, the seeding and two edits), in RADAR_HOME; no audit key exists yet."""
    home = tmp_path / "home"
    home.mkdir()
    con = sqlite3.connect(home / "register.sqlite")
    con.executescript(sql or FIXTURE.read_text("utf-8"))
    con.close()
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.setenv("RADAR_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    return home / "register.sqlite"


def _dump(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def test_a_register_with_the_old_chain_is_refused_until_it_is_migrated(
    tmp_path: Path,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _old_register(tmp_path, monkeypatch)
    before = _dump(path)
    with pytest.raises(AuditFormatError, match="radar audit migrate"):
        Register(catalogue, path)
    assert _dump(path) == before
    assert main(["audit", "verify"]) == 1
    assert "oude vorm (SHA-256-keten zonder sleutel)" in capsys.readouterr().out
    assert main(["register", "export", str(tmp_path / "r.xlsx")]) == 2
    assert "radar audit migrate" in capsys.readouterr().err

    con = sqlite3.connect(path)
    (old_last,) = con.execute(
        "select max(record_hash) from audit_log where audit_id = 76"
    ).fetchone()
    con.close()
    assert main(["audit", "migrate", "--by", "Anna"]) == 0
    out = capsys.readouterr().out
    assert f"was: een SHA-256-keten zonder sleutel, 76 regels, laatste hash {old_last}" in out
    assert "migratieregel 77" in out and "nieuw gemaakt" in out
    assert (tmp_path / "keys" / "audit.key").stat().st_mode & 0o777 == 0o600

    register = Register(catalogue, path)
    log = register.audit().set_index("audit_id").sort_index()
    migration = log.loc[77]
    assert (migration["actor"], migration["field"]) == ("Anna", "migratie")
    assert json.loads(migration["old_value"]) == {
        "vorm": "sha256",
        "regels": 76,
        "laatste_sha256": old_last,
    }
    baseline = log.loc[78:]
    assert set(baseline["actor"]) == {audit_log.BASELINE_ACTOR}
    assert set(baseline["field"]) == {"*"}
    assert len(baseline) == len(register.risks()) + len(register.measures())
    assert log.loc[75, "actor"] == "Anna (risicomanager)"  # the old records as they were
    assert verify_audit(path).findings == []

    register.update_risk("G2", {"impact": 1}, version=1, actor="Bert")
    assert verify_audit(path).findings == []
    assert main(["audit", "migrate"]) == 0
    assert "heeft al de MAC-keten" in capsys.readouterr().out


def test_a_broken_old_chain_is_not_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _old_register(tmp_path, monkeypatch)
    con = sqlite3.connect(path)
    con.execute("drop trigger audit_log_is_append_only_update")
    con.execute("update audit_log set actor = 'Bert' where audit_id = 75")
    con.commit()
    con.close()
    before = _dump(path)
    assert main(["audit", "migrate", "--by", "Anna"]) == 1
    err = capsys.readouterr().err
    assert "het oude auditlog (SHA-256-keten zonder sleutel) klopt niet" in err
    assert "regel 75: inhoud gewijzigd: de hash klopt niet" in err
    assert _dump(path) == before
    assert not (tmp_path / "keys" / "audit.key").exists()


def test_a_register_from_before_any_chain_migrates_explicitly(
    tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _old_register(
        tmp_path,
        monkeypatch,
        "create table audit_log (audit_id integer primary key autoincrement, changed_at text "
        "not null, actor text not null, entity text not null, entity_id text not null, "
        "risk_id text not null, field text not null, old_value text, new_value text);"
        "insert into audit_log (changed_at, actor, entity, entity_id, risk_id, field, "
        "old_value, new_value) values ('2026-01-01T00:00:00+01:00', 'A', 'risk', 'G1', 'G1', "
        "'impact', '3', '2');",
    )
    with pytest.raises(AuditFormatError, match=r"oude vorm \(zonder keten\)"):
        Register(catalogue, path)
    done = migrate_audit(path, actor="Anna")
    assert (done.old_format, done.old_count, done.old_last_hash) == ("unhashed", 1, None)
    assert done.baseline == {
        "risk_assessments": 0,
        "control_measures": 0,
        "audits": 0,
        "audit_findings": 0,
    }
    register = Register(catalogue, path)  # now it seeds the catalogue, MAC-chained
    log = register.audit().sort_values("audit_id")
    assert log["actor"].tolist()[:2] == ["A", "Anna"]
    assert len(register.risks()) == len(catalogue.risks)
    assert verify_audit(path).findings == []


def test_an_old_log_while_the_key_exists_needs_confirmation(
    tmp_path: Path,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _old_register(tmp_path, monkeypatch)
    Register(catalogue, tmp_path / "another" / "register.sqlite")  # makes the key
    assert main(["audit", "migrate", "--by", "Anna"]) == 1
    err = capsys.readouterr().err
    assert "de sleutel bestaat al" in err and "--confirm-old-log" in err
    assert "mac text" not in _dump(path)
    assert main(["audit", "migrate", "--by", "Anna", "--confirm-old-log"]) == 0
    migration = Register(catalogue, path).audit().query("field == 'migratie'").iloc[0]
    assert json.loads(migration["new_value"])["bestaande_sleutel_bevestigd"] is True
    assert verify_audit(path).findings == []


NEW_MEASURE = {"text_nl": "Nieuwe controle", "control_type": "detective", "owner_role": "inkoop"}


def test_a_batch_is_applied_all_or_nothing_and_names_every_refused_edit(
    register: Register,
) -> None:
    before_log = len(register.audit())
    edits = [
        Edit("risk", "G1", {"impact": 2}, version=1, ref="Risico's!C3"),
        Edit("measure", "G1-CM03", {"status": "klaar"}, version=1, ref="rij 7"),
        Edit("new_measure", "G2", NEW_MEASURE, ref="rij 9"),
        Edit("measure", "G1-CM04", {"owner_role": "hr"}, version=99, ref="rij 8"),
    ]
    with pytest.raises(BatchRefused) as refused:
        register.apply_batch(edits, actor="Anna", today=TODAY)
    assert [ref for ref, _ in refused.value.refused] == ["rij 7", "rij 8"]
    assert "status" in refused.value.refused[0][1].errors
    assert isinstance(refused.value.refused[1][1], VersionConflict)
    assert len(register.audit()) == before_log
    assert register.risks().set_index("risk_id").loc["G1", "version"] == 1
    assert "G2-CM03" not in set(register.measures()["control_measure_id"])


def test_a_clean_batch_lands_with_its_audit_rows_and_a_dry_run_changes_nothing(
    register: Register,
) -> None:
    edits = [
        Edit("risk", "G1", {"impact": 2}, version=1, ref="a"),
        Edit("new_measure", "G2", NEW_MEASURE, ref="b"),
    ]
    before_log = len(register.audit())
    register.apply_batch(edits, actor="Anna", today=TODAY, dry_run=True)
    assert len(register.audit()) == before_log
    results = register.apply_batch(edits, actor="Anna", today=TODAY)
    assert [c.field for c in results[0]] == ["impact"]
    assert isinstance(results[1], str) and results[1].startswith("G2-CM")
    assert set(register.audit().query("actor == 'Anna'")["entity_id"]) == {"G1", results[1]}
    assert verify_audit(register.path).findings == []
