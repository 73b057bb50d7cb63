"""`radar doctor`: are the files at rest private, the keys elsewhere, the backups recent?

It reports (one finding per file, in Dutch, with the fix):

- a file in RADAR_HOME that group or others may read or write: the warehouse, the register
  and the meldingen register (and their -wal/-shm), users.yaml, auth_state.json,
  oidc_roles.yaml, backups.json, what a restore set aside, every snapshot, and everything
  under raw/ (the exports as delivered, with the real employee numbers, and the uploads);
- a key file inside RADAR_HOME (pseudonym.key, audit.key, any *.key, or a key file the
  environment points into it): whoever copies the data folder gets the key with it;
- a key directory, or a key file in it, that group or others may use;
- no backup (`radar backup`) within ``backup_days`` days while there is something to back up.

``fix`` makes the modes private (chmod, keeping the owner's bits) and moves an old
RADAR_HOME/pseudonym.key into the key directory (as loading the key would); a key it
cannot move safely and a missing backup are left for a person.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipelines.core import keys
from pipelines.core.texts import Message

DEFAULT_BACKUP_DAYS = 7
SKIP_SUFFIXES = (".lock",)  # empty lock files: nothing to read
# the repository's own note on what data/ is for (tracked, 0644 from git): not data
NOT_DATA = {"README.md"}


@dataclass(frozen=True)
class Finding:
    """What is wrong with ``path``, how to fix it, and the fix `--fix` can apply (if any)."""

    path: Path
    problem: str | Message
    remedy: str | Message
    repair: Callable[[], None] | None = None

    def text(self, lang: str = "nl") -> str:
        """The finding in ``lang``; str() is the Dutch."""
        return Message(
            "doctor.finding", path=self.path, problem=self.problem, remedy=self.remedy
        ).text(lang)

    def __str__(self) -> str:
        return self.text()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _chmod(path: Path, mode: int) -> Callable[[], None]:
    return lambda: os.chmod(path, mode)


def _files(directory: Path, *, recursive: bool) -> Iterable[Path]:
    if not directory.is_dir():
        return []
    found = directory.rglob("*") if recursive else directory.iterdir()
    return sorted(
        p
        for p in found
        if p.is_file()
        and not p.is_symlink()
        and not p.name.startswith(".")
        and not p.name.endswith(SKIP_SUFFIXES)
        and p.name not in NOT_DATA
    )


def data_files(home: Path) -> list[Path]:
    """The files of RADAR_HOME that hold data: its own files, snapshots (and what a restore
    set aside of them) and raw/ (exports and uploads). Temporary and lock files are not."""
    files = list(_files(home, recursive=False))
    if home.is_dir():
        for folder in sorted(home.iterdir()):
            if folder.is_dir() and folder.name.startswith("snapshots"):
                files += _files(folder, recursive=True)
    files += _files(home / "raw", recursive=True)
    return files


def data_folders(home: Path) -> list[Path]:
    """RADAR_HOME itself and the folders below it that hold data (snapshots, raw/)."""
    if not home.is_dir():
        return []
    folders = [home]
    for folder in sorted(home.iterdir()):
        if folder.is_dir() and not folder.is_symlink() and not folder.name.startswith("."):
            if folder.name.startswith("snapshots") or folder.name == "raw":
                folders.append(folder)
                folders += sorted(p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink())
    return folders


def open_modes(home: Path) -> list[Finding]:
    """Every data file and data folder group or others may use, with the chmod that fixes
    it (a folder others may list tells them what data there is, by its file names)."""
    findings = []
    for path in data_files(home):
        mode = _mode(path)
        if mode & 0o077:
            private = mode & 0o700
            findings.append(
                Finding(
                    path,
                    Message("doctor.open_file", mode=f"{mode:04o}"),
                    f"chmod {private:o} {path}",
                    _chmod(path, private),
                )
            )
    for path in data_folders(home):
        mode = _mode(path)
        if mode & 0o077:
            findings.append(
                Finding(
                    path,
                    Message("doctor.open_folder", mode=f"{mode:04o}"),
                    f"chmod 700 {path}",
                    _chmod(path, 0o700),
                )
            )
    return findings


def _inside(path: Path, home: Path) -> bool:
    try:
        return path.resolve().is_relative_to(home.resolve())
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _configured_keys() -> list[tuple[Path, Message]]:
    """The key files the environment uses now (when a key comes from a file)."""
    from pipelines.ingest import pseudonym
    from pipelines.register import audit_log

    found = []
    if os.environ.get("RADAR_PSEUDONYM_KEY") is None:
        found.append((pseudonym.key_file(), Message("doctor.key.pseudonym")))
    if os.environ.get(audit_log.KEY_ENV) is None:
        found.append((audit_log.key_file(), Message("doctor.key.audit")))
    from pipelines.meldingen import audit as meldingen_audit

    found.append((keys.key_path(meldingen_audit.KEY_FILE), Message("doctor.key.meldingen_audit")))
    from pipelines.access import auth_state

    state_key_file = getattr(auth_state, "state_key_file", None)  # the lock-out state's key
    if state_key_file is not None:
        found.append((state_key_file(), Message("doctor.key.auth_state")))
    return found


def _legacy_pseudonym_key(path: Path) -> Finding:
    """The old RADAR_HOME/pseudonym.key: movable unless the key directory holds another."""
    from pipelines.ingest import pseudonym

    new = keys.key_path(pseudonym.KEY_NAME)

    def problem(why: str = "", **values: object) -> Message:
        reason = Message("doctor.legacy_key." + why, **values) if why else ""
        return Message("doctor.legacy_key", why=reason)

    if _same_file(new, path):
        return Finding(
            path,
            problem("dir_in_home"),
            Message("doctor.fix.choose_key_dir", name=path.name),
        )
    if os.environ.get("RADAR_KEY_FILE") and _same_file(pseudonym.key_file(), path):
        return Finding(
            path, problem("pointed_at"), Message("doctor.fix.move_pointed", path=path, new=new)
        )
    if os.environ.get("RADAR_KEY_FILE"):
        return Finding(path, problem(), Message("doctor.fix.old_copy", path=path))
    if new.exists() and new.read_bytes().strip() != path.read_bytes().strip():
        return Finding(
            path,
            problem("other_key", new=new),
            Message("doctor.fix.which_key", new=new, path=path),
        )
    remedy = (
        Message("doctor.fix.move", new=new)
        if not new.exists()
        else Message("doctor.fix.same_key", new=new, path=path)
    )
    return Finding(path, problem(), remedy, lambda: keys.move_key(path, new, pseudonym.WHAT))


def keys_in_home(home: Path) -> list[Finding]:
    """Every key file inside RADAR_HOME: *.key anywhere, and a configured key file there."""
    from pipelines.ingest import pseudonym

    if not home.is_dir():
        return []
    if _inside(keys.key_dir(), home):
        # moving a key "to the key folder" would not take it out of RADAR_HOME
        return [
            Finding(
                keys.key_dir(),
                Message("doctor.key_dir_in_home"),
                Message("doctor.fix.key_dir_out"),
            )
        ]
    candidates = {p for p in home.rglob("*.key") if p.is_file()}
    configured = dict(_configured_keys())
    candidates |= {p for p in configured if p.exists() and _inside(p, home)}
    findings = []
    for path in sorted(candidates):
        if path == home / pseudonym.KEY_NAME:
            findings.append(_legacy_pseudonym_key(path))
            continue
        what = configured.get(path, Message("doctor.key.file"))
        target = keys.key_dir() / path.name
        findings.append(
            Finding(
                path,
                Message("doctor.key_in_home", what=what),
                Message("doctor.fix.move_key", path=path, target=target),
            )
        )
    return findings


def key_permissions() -> list[Finding]:
    """The key directory and the key files in it (and the configured ones) private?"""
    findings = []
    directory = keys.key_dir()
    if directory.is_dir():
        mode = _mode(directory)
        if mode & 0o077:
            findings.append(
                Finding(
                    directory,
                    Message("doctor.open_key_dir", mode=f"{mode:04o}"),
                    f"chmod 700 {directory}",
                    _chmod(directory, 0o700),
                )
            )
    files = set(directory.glob("*.key")) if directory.is_dir() else set()
    files |= {p for p, _ in _configured_keys() if p.is_file()}
    for path in sorted(files):
        mode = _mode(path)
        if mode & 0o077:
            findings.append(
                Finding(
                    path,
                    Message("doctor.open_key_file", mode=f"{mode:04o}"),
                    f"chmod 600 {path}",
                    _chmod(path, 0o600),
                )
            )
    return findings


def backup_age(
    home: Path, days: int = DEFAULT_BACKUP_DAYS, now: dt.datetime | None = None
) -> list[Finding]:
    """No backup in the last ``days`` days, while there is a register, users or snapshots."""
    from pipelines.ops.backup import DATABASES, SNAPSHOTS, STAMPS, USER_FILES, last_backup

    worth = [*(home / n for n in DATABASES), *(home / n for n in USER_FILES)]
    if not any(p.exists() for p in worth) and not any((home / SNAPSHOTS).glob("*.json")):
        return []
    stamps = home / STAMPS
    try:
        last = last_backup(home)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return [
            Finding(
                stamps,
                Message("doctor.stamps_unreadable", error=exc),
                Message("doctor.fix.make_backup"),
            )
        ]
    if last is None:
        return [
            Finding(
                home,
                Message("doctor.never_backed_up"),
                Message("doctor.fix.first_backup"),
            )
        ]
    now = now or dt.datetime.now().astimezone()
    if last.tzinfo is None:
        last = last.astimezone()
    age = now - last
    if age > dt.timedelta(days=days):
        return [
            Finding(
                stamps,
                Message(
                    "doctor.old_backup", when=f"{last:%d-%m-%Y %H:%M}", age=age.days, days=days
                ),
                Message("doctor.fix.new_backup"),
            )
        ]
    return []


def diagnose(
    home: Path | None = None,
    *,
    backup_days: int = DEFAULT_BACKUP_DAYS,
    now: dt.datetime | None = None,
) -> list[Finding]:
    """Everything `radar doctor` reports, in a fixed order."""
    from pipelines.core.warehouse import radar_home  # DuckDB: not for radar doctor --help

    home = Path(home or radar_home())
    return [
        *keys_in_home(home),
        *key_permissions(),
        *open_modes(home),
        *backup_age(home, backup_days, now),
    ]


def fix(findings: Iterable[Finding]) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Apply every fix there is: (fixed, failed with the reason)."""
    fixed, failed = [], []
    for finding in findings:
        if finding.repair is None:
            continue
        try:
            finding.repair()
        except (OSError, keys.KeyFileError) as exc:
            failed.append((finding, str(exc)))
        else:
            fixed.append(finding)
    return fixed, failed
