"""`radar doctor`: files at rest readable by others, keys inside RADAR_HOME, a key folder
open to others, and a missing or old backup; clean once fixed."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from pipelines.cli import ops as ops_cli
from pipelines.core.catalogue import Catalogue
from pipelines.core.keys import private_umask
from pipelines.ingest.pseudonym import load_key
from pipelines.meldingen.store import Meldingen, Viewer
from pipelines.ops import doctor
from pipelines.ops.backup import backup
from pipelines.register.store import Register

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogue: Catalogue) -> Path:
    """A home as the CLI makes it (private umask): a register, users, a snapshot, an
    upload, the keys in the key folder, and a backup made today."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("RADAR_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.key"))
    monkeypatch.delenv("RADAR_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("RADAR_KEY_FILE", raising=False)
    previous = private_umask()
    try:
        Register(catalogue, home / "register.sqlite").update_risk(
            "G1", {"impact": 2}, version=1, actor="anna"
        )
        Meldingen(home / "meldingen.sqlite", risk_ids={"G1"}).register(
            {"received_on": dt.date(2026, 3, 2), "route": "bestuurder"},
            viewer=Viewer("integriteitsfunctionaris", "ifa"),
            today=dt.date(2026, 11, 1),
        )
        (home / "users.yaml").write_text("users: {}\n")
        (home / "snapshots").mkdir()
        (home / "snapshots" / "2026-Q3.json").write_text("{}\n")
        (home / "raw" / "uploads").mkdir(parents=True)
        (home / "raw" / "uploads" / "employees.csv").write_text("employee_key\n100234\n")
        load_key()
        backup(tmp_path / "backup")
    finally:
        os.umask(previous)
    return home


def findings(**kwargs: object) -> list[str]:
    return [str(f) for f in doctor.diagnose(**kwargs)]


def radar(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="radar")
    ops_cli.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_a_private_home_with_a_recent_backup_is_clean(home: Path, capsys) -> None:
    assert findings() == []
    assert radar("doctor") == 0
    assert "In orde" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "wrong", "right"),
    [
        ("register.sqlite", 0o644, 0o600),
        ("meldingen.sqlite", 0o640, 0o600),
        ("users.yaml", 0o640, 0o600),
        ("snapshots/2026-Q3.json", 0o444, 0o400),
        ("raw/uploads/employees.csv", 0o604, 0o600),
        ("backups.json", 0o660, 0o600),
    ],
    ids=[
        "register-0644",
        "meldingen-0640",
        "users-0640",
        "snapshot-0444",
        "upload-0604",
        "stamps-0660",
    ],
)
def test_a_file_readable_by_others_is_found_and_fixed(
    home: Path, name: str, wrong: int, right: int, capsys
) -> None:
    path = home / name
    path.chmod(wrong)
    found = findings()
    assert found == [
        f"{path}: leesbaar of schrijfbaar voor groep of anderen (rechten {wrong:04o}). "
        f"Oplossing: chmod {right:o} {path}"
    ]
    assert radar("doctor") == 1
    assert f"chmod {right:o} {path}" in capsys.readouterr().out
    assert radar("doctor", "--fix") == 0
    assert mode(path) == right
    assert findings() == []


def test_a_key_inside_RADAR_HOME_is_found(home: Path, tmp_path: Path) -> None:
    stray = home / "audit.key"
    stray.write_text("k" * 64)
    stray.chmod(0o600)
    other = home / "raw" / "old" / "backup.key"
    other.parent.mkdir(mode=0o700)
    other.write_text("k" * 64)
    other.chmod(0o600)
    found = findings()
    assert len(found) == 2
    assert found[0].startswith(f"{stray}: sleutelbestand in RADAR_HOME")
    assert f"mv {stray} {tmp_path / 'keys' / 'audit.key'}" in found[0]
    assert found[1].startswith(f"{other}: sleutelbestand in RADAR_HOME")
    doctor.fix(doctor.diagnose())  # not moved automatically: a person decides
    assert stray.exists()
    stray.unlink()
    other.unlink()
    assert findings() == []


def test_a_key_file_the_environment_points_into_RADAR_HOME_is_found(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = home / "secrets" / "audit-secret.txt"
    inside.parent.mkdir()
    inside.write_text("k" * 64)
    inside.chmod(0o600)
    monkeypatch.setenv("RADAR_AUDIT_KEY_FILE", str(inside))
    assert findings() == [
        f"{inside}: sleutel van het auditlog in RADAR_HOME: wie de datamap kopieert, heeft de "
        f"sleutel erbij. Oplossing: verplaats hem naar de sleutelmap: mv {inside} "
        f"{Path(os.environ['RADAR_KEY_DIR']) / 'audit-secret.txt'} (en wijs hem aan met "
        "RADAR_AUDIT_KEY_FILE of RADAR_KEY_FILE als hij daar niet standaard gezocht wordt)"
    ]


def test_an_old_pseudonym_key_in_RADAR_HOME_is_found_and_moved_by_fix(
    home: Path, tmp_path: Path
) -> None:
    key = tmp_path / "keys" / "pseudonym.key"
    old = home / "pseudonym.key"
    os.replace(key, old)  # as an earlier version left it
    found = findings()
    assert len(found) == 1
    assert found[0].startswith(f"{old}: pseudonimiseringssleutel in RADAR_HOME")
    assert f"verplaatst hem naar {key}" in found[0]
    assert radar("doctor", "--fix") == 0
    assert key.exists() and not old.exists()
    assert findings() == []


def test_two_different_pseudonym_keys_are_found_and_not_fixed(home: Path, tmp_path: Path) -> None:
    old = home / "pseudonym.key"
    old.write_text("another-key-of-its-own-0123456789\n")
    old.chmod(0o600)
    found = findings()
    assert len(found) == 1 and "ANDERE sleutel" in found[0]
    assert radar("doctor", "--fix") == 1
    assert old.exists() and (tmp_path / "keys" / "pseudonym.key").exists()


def test_a_key_folder_or_key_open_to_others_is_found_and_fixed(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    folder.chmod(0o755)
    (folder / "pseudonym.key").chmod(0o644)
    found = findings()
    assert found == [
        f"{folder}: de sleutelmap is toegankelijk voor groep of anderen (rechten 0755). "
        f"Oplossing: chmod 700 {folder}",
        f"{folder / 'pseudonym.key'}: sleutelbestand leesbaar of schrijfbaar voor groep of "
        f"anderen (rechten 0644); het wordt geweigerd. Oplossing: chmod 600 "
        f"{folder / 'pseudonym.key'}",
    ]
    assert radar("doctor", "--fix") == 0
    assert mode(folder) == 0o700 and mode(folder / "pseudonym.key") == 0o600


def test_no_backup_is_found(home: Path) -> None:
    (home / "backups.json").unlink()
    assert findings() == [
        f"{home}: er is nog nooit een back-up gemaakt van het register, de momentopnamen en "
        "de gebruikers. Oplossing: radar backup MAP (een nieuwe map, buiten deze server "
        "bewaren; de sleutels apart)"
    ]


def test_an_old_backup_is_found_unless_the_limit_allows_it(
    home: Path, tmp_path: Path, capsys
) -> None:
    stamps = json.loads((home / "backups.json").read_text())
    stamps["backups"][-1]["at"] = (NOW - dt.timedelta(days=8)).isoformat()
    (home / "backups.json").write_text(json.dumps(stamps))
    (home / "backups.json").chmod(0o600)
    found = findings(now=NOW)
    assert len(found) == 1
    assert "de laatste back-up is van 18-11-2026 12:00 (8 dagen geleden" in found[0]
    assert findings(now=NOW, backup_days=8) == []
    assert findings(now=NOW - dt.timedelta(days=1)) == []
    # after a new backup the doctor is content again
    assert radar("backup", str(tmp_path / "backup2")) == 0
    assert radar("doctor") == 0


def test_an_empty_home_needs_no_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    assert findings(home=tmp_path / "nothing-here") == []


def test_a_key_file_chosen_inside_RADAR_HOME_is_found_but_not_moved(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = home / "pseudonym.key"
    os.replace(tmp_path / "keys" / "pseudonym.key", chosen)
    monkeypatch.setenv("RADAR_KEY_FILE", str(chosen))
    found = findings()
    assert len(found) == 1 and "(RADAR_KEY_FILE wijst hem aan)" in found[0]
    assert f"mv {chosen} {tmp_path / 'keys' / 'pseudonym.key'}" in found[0]
    assert radar("doctor", "--fix") == 1
    assert chosen.exists()  # the configured key stays where the configuration says


@pytest.mark.parametrize("folder", ["", "raw", "raw/uploads", "snapshots"])
def test_a_data_folder_others_may_list_is_found_and_fixed(home: Path, folder: str) -> None:
    path = home / folder if folder else home
    path.chmod(0o755)
    assert findings() == [
        f"{path}: map toegankelijk voor groep of anderen (rechten 0755). "
        f"Oplossing: chmod 700 {path}"
    ]
    doctor.fix(doctor.diagnose())
    assert mode(path) == 0o700
    assert findings() == []


def test_a_key_folder_inside_RADAR_HOME_is_named_as_such(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = home / "kd"
    inside.mkdir(mode=0o700)
    monkeypatch.setenv("RADAR_KEY_DIR", str(inside))
    found = findings()
    assert any(
        f.startswith(f"{inside}: de sleutelmap (RADAR_KEY_DIR) ligt in RADAR_HOME") for f in found
    ), found
    assert not any(" mv " in f for f in found), found


def test_the_repositorys_note_in_data_is_not_data(home: Path) -> None:
    """A fresh clone has data/README.md at 0644 (from git): not a finding; a data file
    of the same mode is."""
    (home / "README.md").write_text("Wat er in deze map komt.\n")
    (home / "README.md").chmod(0o644)
    assert findings() == []
    (home / "users.yaml").chmod(0o644)
    assert len(findings()) == 1


@pytest.mark.parametrize("set_by_hand", [False, True])
def test_make_takes_a_clones_data_folder_private_and_leaves_a_chosen_home(
    tmp_path: Path, set_by_hand: bool
) -> None:
    """git leaves data/ of a fresh clone at 0755, which radar doctor flags: make's targets
    that build or serve take group and others off it (data-private). A RADAR_HOME set by
    hand is left to the doctor."""
    import shutil
    import subprocess

    clone = tmp_path / "clone"
    (clone / "data").mkdir(parents=True)
    (clone / "data").chmod(0o755)
    shutil.copy(Path(__file__).resolve().parent.parent / "Makefile", clone / "Makefile")
    env = {k: v for k, v in os.environ.items() if k != "RADAR_HOME"}
    if set_by_hand:
        env["RADAR_HOME"] = str(clone / "data")
    subprocess.run(["make", "-s", "data-private"], cwd=clone, env=env, check=True)
    assert mode(clone / "data") == (0o755 if set_by_hand else 0o700)
    if not set_by_hand:
        assert [f for f in doctor.open_modes(clone / "data") if f.path == clone / "data"] == []
    makefile = (clone / "Makefile").read_text()
    for target in ("build:", "run:", "$(WAREHOUSE):"):
        line = next(x for x in makefile.splitlines() if x.startswith(target))
        assert "data-private" in line, line
