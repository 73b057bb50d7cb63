"""`radar backup` and `radar restore`: a consistent copy while the register is in use, a
manifest that refuses a changed backup, a restore that never silently replaces a home and
verifies the audit log and the snapshots afterwards."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from pipelines.cli import ops as ops_cli
from pipelines.core.catalogue import Catalogue
from pipelines.ops.backup import BackupError, backup, restore
from pipelines.register.store import Register
from pipelines.reports.snapshot import content_hash

TABLES = {
    "risk_assessments": "risk_id",
    "control_measures": "control_measure_id",
    "audit_log": "audit_id",
}
NEW_MEASURE = {
    "text_nl": "Rittenregistratie steekproefsgewijs controleren",
    "control_type": "detective",
    "owner_role": "controller",
}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of the register's tables, in key order."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            table: con.execute(f"select * from {table} order by {key}").fetchall()
            for table, key in TABLES.items()
        }
    finally:
        con.close()


def write_snapshot(home: Path, quarter: str, register: Register) -> Path:
    """A snapshot as `radar snapshot` writes one (checksum, the audit head, mode 0444),
    without a warehouse."""
    with sqlite3.connect(register.path) as con:
        count, mac = con.execute(
            "select count(*), (select mac from audit_log order by audit_id desc limit 1) "
            "from audit_log"
        ).fetchone()
    content = {
        "format": "integriteitsradar-snapshot/2",
        "quarter": quarter,
        "created_at": "2026-10-14T09:00:00+02:00",
        "created_by": "anna",
        "audit_head": {"count": count, "mac": mac},
        "risk_scores": [{"risk_id": "G1", "level": "rood"}],
    }
    content["sha256"] = content_hash(content)
    path = home / "snapshots" / f"{quarter}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(content, indent=1) + "\n", encoding="utf-8")
    path.chmod(0o444)
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("RADAR_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    return home


@pytest.fixture
def register(home: Path, catalogue: Catalogue) -> Register:
    """A register with edits, two snapshots (one before, one after an edit) and users."""
    register = Register(catalogue, home / "register.sqlite")
    register.update_risk("G1", {"impact": 2}, version=1, actor="anna")
    write_snapshot(home, "2026-Q2", register)
    register.add_measure("G3", NEW_MEASURE, actor="anna")
    write_snapshot(home, "2026-Q3", register)
    (home / "users.yaml").write_text("users:\n  anna: {role: risicomanager, password_hash: x}\n")
    (home / "oidc_roles.yaml").write_text("anna@example.nl: risicomanager\n")
    return register


def test_a_restore_into_an_empty_home_gives_the_same_register_snapshots_and_users(
    register: Register, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = backup(tmp_path / "backup")
    target = made.directory
    assert mode(target) == 0o700
    assert all(mode(p) == 0o600 for p in target.rglob("*") if p.is_file())
    manifest = json.loads((target / "manifest.json").read_text())
    assert {f["path"] for f in manifest["files"]} == {
        "register.sqlite",
        "users.yaml",
        "oidc_roles.yaml",
        "snapshots/2026-Q2.json",
        "snapshots/2026-Q3.json",
    }
    assert "NIET in deze back-up" in manifest["keys"]
    assert not list(target.rglob("*.key"))
    assert json.loads((home / "backups.json").read_text())["backups"][-1]["directory"] == str(
        target
    )

    fresh = tmp_path / "fresh"
    monkeypatch.setenv("RADAR_HOME", str(fresh))
    result = restore(target)
    assert result.ok, result
    assert result.audit_checked == len(rows(register.path)["audit_log"]) > 0
    assert result.snapshots_ok == ["2026-Q2.json", "2026-Q3.json"]
    assert rows(fresh / "register.sqlite") == rows(register.path)
    for name in (
        "users.yaml",
        "oidc_roles.yaml",
        "snapshots/2026-Q2.json",
        "snapshots/2026-Q3.json",
    ):
        assert (fresh / name).read_bytes() == (home / name).read_bytes()
    assert mode(fresh / "register.sqlite") == 0o600
    assert mode(fresh / "users.yaml") == 0o600
    assert mode(fresh / "snapshots" / "2026-Q3.json") == 0o400
    assert not [p for p in fresh.iterdir() if p.name.startswith(".restore")]
    # The restored register works: the next edit lands and the log still verifies.
    again = Register(register.catalogue, fresh / "register.sqlite")
    again.update_risk("G2", {"impact": 1}, version=1, actor="bert")


def test_a_backup_during_an_open_write_transaction_is_consistent(
    register: Register, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A reader keeps the database open, so committed changes stay in the WAL (nobody
    # checkpoints at close): a copy of register.sqlite alone would miss them.
    holder = sqlite3.connect(register.path, isolation_level=None)
    writer = sqlite3.connect(register.path, isolation_level=None)
    try:
        holder.execute("select count(*) from risk_assessments").fetchone()
        register.update_risk("G2", {"impact": 1}, version=1, actor="bert")
        wal = Path(f"{register.path}-wal")
        assert wal.stat().st_size > 0
        naive = tmp_path / "naive.sqlite"
        shutil.copyfile(register.path, naive)
        with sqlite3.connect(naive) as con:
            assert (
                con.execute("select impact from risk_assessments where risk_id='G2'").fetchone()[0]
                != 1
            ), "this test needs the committed edit to be in the WAL only"
        committed = rows(register.path)

        writer.execute("begin immediate")
        writer.execute("update risk_assessments set impact = 5 where risk_id = 'G4'")
        writer.execute(
            "insert into control_measures select 'G4-HALF', risk_id, 99, text_nl, text_en, "
            "control_type, owner_role, review_frequency, status, last_test_result, "
            "last_tested_on, evidence_url, next_review_on, retired_on, retired_reason, "
            "version, updated_at, updated_by from control_measures limit 1"
        )
        made = backup(tmp_path / "backup")  # while the write transaction is open
        writer.execute("rollback")
    finally:
        writer.close()
        holder.close()
    copy = made.directory / "register.sqlite"
    assert rows(copy) == committed
    with sqlite3.connect(copy) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma journal_mode").fetchone()[0] == "delete"
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "fresh"))
    assert restore(made.directory).ok


@pytest.mark.parametrize(
    "victim", ["register.sqlite", "users.yaml", "snapshots/2026-Q2.json", "manifest-only"]
)
def test_a_changed_backup_is_refused_and_nothing_is_restored(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, victim: str
) -> None:
    target = backup(tmp_path / "backup").directory
    if victim == "manifest-only":
        manifest = json.loads((target / "manifest.json").read_text())
        manifest["files"][0]["sha256"] = "0" * 64
        (target / "manifest.json").write_text(json.dumps(manifest))
        victim = manifest["files"][0]["path"]
    else:
        path = target / victim
        path.chmod(0o600)
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("RADAR_HOME", str(fresh))
    with pytest.raises(BackupError, match="gewijzigd of beschadigd") as refused:
        restore(target)
    assert f"{victim}: de SHA-256 klopt niet" in str(refused.value)
    assert not fresh.exists()


def test_a_missing_file_is_refused(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = backup(tmp_path / "backup").directory
    (target / "users.yaml").unlink()
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "fresh"))
    with pytest.raises(BackupError, match="users.yaml: ontbreekt"):
        restore(target)
    assert not (tmp_path / "fresh").exists()


def test_a_register_changed_behind_the_log_is_refused_even_with_a_matching_manifest(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = backup(tmp_path / "backup").directory
    copy = target / "register.sqlite"
    with sqlite3.connect(copy) as con:
        con.execute("update risk_assessments set impact = 1 where risk_id = 'RF1'")
    manifest = json.loads((target / "manifest.json").read_text())
    for entry in manifest["files"]:
        if entry["path"] == "register.sqlite":
            entry["sha256"] = hashlib.sha256(copy.read_bytes()).hexdigest()
            entry["size"] = copy.stat().st_size
    (target / "manifest.json").write_text(json.dumps(manifest))
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("RADAR_HOME", str(fresh))
    with pytest.raises(BackupError, match="er is niets teruggezet") as refused:
        restore(target)
    assert "risk_assessments RF1, veld impact" in str(refused.value)
    assert not (fresh / "register.sqlite").exists()


def test_a_restore_into_a_home_with_a_register_needs_force_and_keeps_the_old_files(
    register: Register,
    home: Path,
    tmp_path: Path,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = backup(tmp_path / "backup").directory
    other = tmp_path / "other"
    monkeypatch.setenv("RADAR_HOME", str(other))
    theirs = Register(catalogue, other / "register.sqlite")
    theirs.update_risk("D1", {"impact": 1}, version=1, actor="carla")
    (other / "users.yaml").write_text("users: {}\n")
    before = rows(theirs.path)
    with pytest.raises(BackupError, match="--force") as refused:
        restore(target)
    assert str(other / "register.sqlite") in str(refused.value)
    assert rows(theirs.path) == before
    assert (other / "users.yaml").read_text() == "users: {}\n"

    result = restore(target, force=True)
    assert result.ok, result
    assert rows(other / "register.sqlite") == rows(register.path)
    assert rows(other / "register.sqlite.before-restore") == before
    assert (other / "users.yaml.before-restore").read_text() == "users: {}\n"
    assert (other / "users.yaml").read_bytes() == (home / "users.yaml").read_bytes()
    assert set(result.set_aside) >= {
        other / "register.sqlite.before-restore",
        other / "users.yaml.before-restore",
    }


def test_a_backup_is_never_written_over_another(register: Register, tmp_path: Path) -> None:
    target = backup(tmp_path / "backup").directory
    first = (target / "manifest.json").read_bytes()
    with pytest.raises(BackupError, match="nooit overschreven"):
        backup(target)
    assert (target / "manifest.json").read_bytes() == first
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".backup")]


def test_the_commands_back_up_and_restore(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    parser = argparse.ArgumentParser(prog="radar")
    ops_cli.add_commands(parser.add_subparsers(dest="command", required=True))

    def radar(*argv: str) -> int:
        args = parser.parse_args(argv)
        return args.func(args)

    assert radar("backup", str(tmp_path / "backup")) == 0
    out = capsys.readouterr().out
    assert "Back-up gemaakt in" in out and "sleutels zitten NIET" in out
    # Every key a restore needs is named, the meldingen audit log's too.
    keys_line = next(line for line in out.splitlines() if "sleutels zitten NIET" in line)
    for name in ("pseudonym.key", "audit.key", "meldingen_audit.key"):
        assert name in keys_line
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "fresh"))
    assert radar("restore", str(tmp_path / "backup")) == 0
    out = capsys.readouterr().out
    assert "Auditlog intact" in out and "2 in orde" in out
    assert radar("restore", str(tmp_path / "backup")) == 1
    assert "--force" in capsys.readouterr().err
    assert radar("restore", str(tmp_path / "backup"), "--force") == 0
    assert os.path.exists(tmp_path / "fresh" / "register.sqlite.before-restore")


def test_a_left_over_wal_never_gets_replayed_into_the_restored_register(
    register: Register, tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = backup(tmp_path / "backup").directory
    other = tmp_path / "other"
    monkeypatch.setenv("RADAR_HOME", str(other))
    theirs = Register(catalogue, other / "register.sqlite")
    holder = sqlite3.connect(theirs.path)
    try:
        holder.execute("select 1 from risk_assessments").fetchone()
        theirs.update_risk("D1", {"impact": 1}, version=1, actor="carla")
        wal = Path(f"{theirs.path}-wal")
        stray = wal.read_bytes()
    finally:
        holder.close()
    for path in other.iterdir():
        path.unlink()
    wal.write_bytes(stray)  # a WAL without its database, as a crash might leave it
    assert len(stray) > 0
    with pytest.raises(BackupError, match="register.sqlite-wal"):
        restore(target)
    result = restore(target, force=True)
    assert result.ok, result
    assert rows(other / "register.sqlite") == rows(register.path)
    assert (other / "register.sqlite.before-restore-wal").read_bytes() == stray


def test_a_rewritten_manifest_is_refused_against_the_sha256_kept_apart(
    register: Register, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A forged snapshot with its keyless checksum redone and the manifest rewritten to
    match passes every check inside the backup; the manifest's SHA-256 that `radar backup`
    printed (kept apart) does not."""
    made = backup(tmp_path / "backup")
    kept = made.manifest_sha256
    snapshot = made.directory / "snapshots" / "2026-Q3.json"
    doc = json.loads(snapshot.read_text())
    doc["created_by"] = "iemand anders"
    doc["sha256"] = content_hash({k: v for k, v in doc.items() if k != "sha256"})
    snapshot.write_text(json.dumps(doc, indent=1) + "\n")
    manifest_path = made.directory / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for entry in manifest["files"]:
        if entry["path"] == "snapshots/2026-Q3.json":
            entry["sha256"] = hashlib.sha256(snapshot.read_bytes()).hexdigest()
            entry["size"] = snapshot.stat().st_size
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("RADAR_HOME", str(fresh))
    with pytest.raises(BackupError, match="niet .* zoals opgegeven"):
        restore(made.directory, manifest_sha256=kept)
    assert not fresh.exists() or not any(fresh.iterdir())
    assert restore(made.directory).ok  # without the SHA-256 kept apart it cannot tell


def test_a_backup_of_a_log_cut_before_it_was_taken_is_refused_against_a_head_kept_apart(
    register: Register, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.register.audit_log import read_head

    made = backup(tmp_path / "backup")  # the log as it was: one record short of the head
    register.update_risk("G1", {"impact": 3}, version=2, actor="anna")
    head = read_head(register.path)
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "fresh"))
    with pytest.raises(BackupError, match="er is niets teruggezet"):
        restore(made.directory, heads=[head])
    assert not (tmp_path / "fresh" / "register.sqlite").exists()
    parser = argparse.ArgumentParser(prog="radar")
    ops_cli.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["restore", str(made.directory), "--head", "x"])
    assert args.func(args) == 2


def test_the_meldingen_register_is_backed_up_and_restored_with_its_audit_log(
    register: Register, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from pipelines.meldingen.store import Meldingen, Viewer

    officer = Viewer("integriteitsfunctionaris", "ifa")
    meldingen = Meldingen(home / "meldingen.sqlite", risk_ids={"G1"})
    saved = meldingen.register(
        {"received_on": dt.date(2026, 3, 2), "route": "bestuurder", "note": "ZZ-PLANTED"},
        viewer=officer,
        today=dt.date(2026, 11, 1),
    )
    meldingen.update(
        saved.melding_id, {"acknowledged_on": dt.date(2026, 3, 3)}, version=1, viewer=officer
    )
    key = tmp_path / "keys" / "meldingen_audit.key"
    assert key.exists()
    made = backup(tmp_path / "backup")
    assert "meldingen.sqlite" in {e.path for e in made.entries}
    assert mode(made.directory / "meldingen.sqlite") == 0o600
    assert not list(made.directory.rglob("*.key"))
    assert (
        "meldingen_audit.key" in json.loads((made.directory / "manifest.json").read_text())["keys"]
    )

    fresh = tmp_path / "fresh"
    result = restore(made.directory, fresh)
    assert result.ok, result
    assert mode(fresh / "meldingen.sqlite") == 0o600
    again = Meldingen(fresh / "meldingen.sqlite", risk_ids={"G1"})
    assert again.verify_audit() == []
    assert again.get(saved.melding_id, viewer=officer)["note"] == "ZZ-PLANTED"
    assert len(again.audit(viewer=officer)) == len(meldingen.audit(viewer=officer))
    again.update(saved.melding_id, {"status": "bevestigd"}, version=2, viewer=officer)
    # A second restore keeps the current file aside, with force only.
    with pytest.raises(BackupError, match="meldingen.sqlite"):
        restore(made.directory, fresh)
    assert restore(made.directory, fresh, force=True).ok
    assert (fresh / "meldingen.sqlite.before-restore").exists()
    restored = Meldingen(fresh / "meldingen.sqlite", risk_ids={"G1"})
    assert restored.get(saved.melding_id, viewer=officer)["version"] == 2

    # Without its key the meldingen audit log cannot be checked: nothing is restored.
    key.rename(tmp_path / "meldingen_audit.key.kept")
    with pytest.raises(BackupError, match="auditlog van de meldingen") as refused:
        restore(made.directory, tmp_path / "keyless")
    # It says where the key goes (the key folder, from where it was kept), never "from the
    # backup": the keys are never in one.
    said = str(refused.value)
    assert "meldingen_audit.key" in said and "sleutelmap" in said and "RADAR_KEY_DIR" in said
    assert "apart bewaarde" in said and "uit de back-up" not in said.lower()
    assert not (tmp_path / "keyless" / "meldingen.sqlite").exists()
    assert not (tmp_path / "keyless" / "register.sqlite").exists()
    (tmp_path / "meldingen_audit.key.kept").rename(key)


def test_a_meldingen_audit_log_changed_in_the_backup_is_refused(
    register: Register, home: Path, tmp_path: Path
) -> None:
    import datetime as dt

    from pipelines.meldingen.store import Meldingen, Viewer

    Meldingen(home / "meldingen.sqlite", risk_ids={"G1"}).register(
        {"received_on": dt.date(2026, 3, 2), "route": "bestuurder"},
        viewer=Viewer("integriteitsfunctionaris", "ifa"),
        today=dt.date(2026, 11, 1),
    )
    made = backup(tmp_path / "backup")
    copy = made.directory / "meldingen.sqlite"
    copy.chmod(0o600)
    with sqlite3.connect(copy) as con:
        for (name,) in con.execute("select name from sqlite_master where type = 'trigger'"):
            con.execute(f"drop trigger {name}")
        con.execute("update meldingen_audit set new_value = 'rvc' where field = 'route'")
    con.close()
    manifest = json.loads((made.directory / "manifest.json").read_text())
    for entry in manifest["files"]:
        if entry["path"] == "meldingen.sqlite":
            entry["sha256"] = hashlib.sha256(copy.read_bytes()).hexdigest()
            entry["size"] = copy.stat().st_size
    (made.directory / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="meldingen.sqlite, auditlog"):
        restore(made.directory, tmp_path / "fresh")
    assert not (tmp_path / "fresh" / "meldingen.sqlite").exists()


def test_the_keys_a_restore_needs_are_listed_in_one_place() -> None:
    """backup.KEY_FILES names the key file of each keyed module; the manifest's note and
    `radar backup`'s closing line are made from it."""
    from pipelines.ingest import pseudonym
    from pipelines.meldingen import audit as meldingen_audit
    from pipelines.ops import backup as backup_module
    from pipelines.register import audit_log

    names = {pseudonym.KEY_NAME, audit_log.KEY_FILE, meldingen_audit.KEY_FILE}
    assert set(backup_module.KEY_NAMES) == names
    assert all(name in backup_module.KEYS_NOTE for name in names)


def test_radar_backup_help_names_both_registers(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="radar")
    ops_cli.add_commands(parser.add_subparsers(dest="command", required=True))
    with pytest.raises(SystemExit):
        parser.parse_args(["backup", "--help"])
    out = capsys.readouterr().out
    assert "register.sqlite" in out and "meldingen.sqlite" in out
