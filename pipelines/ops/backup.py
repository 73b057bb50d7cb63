"""`radar backup DIR` and `radar restore DIR`: the registers, the snapshots and the accounts.

Longer than 600 lines because backup and restore are one round trip over one format (the
manifest, its checks and the copy helpers serve both) and read best side by side.

What is backed up (from RADAR_HOME): ``register.sqlite`` (the register with its audit
log), ``meldingen.sqlite`` (the register of integrity reports with its own audit log),
``snapshots/`` (the RvC's frozen quarterly overviews), ``users.yaml`` and, if present,
``oidc_roles.yaml``. Not the warehouse (rebuilt from the exports by `radar build`), and
never a key: the keys live outside RADAR_HOME (pipelines/core/keys.py) and are backed up
separately (a password manager or secret store). The manifest says so.

Backing up is safe while the dashboard and builds run: both registers are copied with
SQLite's online backup API (one read transaction: committed changes, also those still in
the WAL, and nothing of a transaction in progress); snapshots are copied before the
register, so no snapshot names an audit-log head the copied log does not have. Everything
is written into a private temporary folder and renamed into place, so a backup appears
whole or not at all. ``manifest.json`` holds the SHA-256 of every file. The folder is
0700, its files 0600. The time of the backup is recorded in RADAR_HOME/backups.json (for
`radar doctor`).

Restoring checks every file against the manifest first (a changed or missing file:
refused, nothing changed), then copies into a private folder inside RADAR_HOME, checks
the copy there (SQLite integrity, the audit log with its key against the register and the
restored snapshots, the meldingen audit log with its own key, every snapshot's checksum),
and only then renames the files into place. A RADAR_HOME that already holds any of these
files is refused unless ``force``; then the current files are kept beside them as
``*.before-restore``.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.core.keys import ensure_dir, write_private
from pipelines.core.texts import Joined, Message, MessageError
from pipelines.core.warehouse import radar_home
from pipelines.ingest.pseudonym import KEY_NAME as PSEUDONYM_KEY
from pipelines.meldingen.audit import KEY_FILE as MELDINGEN_AUDIT_KEY
from pipelines.register.audit_log import KEY_FILE as REGISTER_AUDIT_KEY

FORMAT = "integriteitsradar-backup/1"
MANIFEST = "manifest.json"
STAMPS = "backups.json"
REGISTER = "register.sqlite"
MELDINGEN = "meldingen.sqlite"
DATABASES = (REGISTER, MELDINGEN)
SNAPSHOTS = "snapshots"
USER_FILES = ("users.yaml", "oidc_roles.yaml")
SIDECARS = ("-wal", "-shm")  # SQLite's files beside register.sqlite and meldingen.sqlite
KEEP_STAMPS = 50
ASIDE = ".before-restore"
HEX64 = re.compile(r"[0-9a-f]{64}")
# Every key a restore (and the radar after it) needs, none of them in a backup: the one
# list the manifest's note, `radar backup`'s closing line and `radar doctor` name.
KEY_FILES = (
    (PSEUDONYM_KEY, "de pseudonimiseringssleutel"),
    (REGISTER_AUDIT_KEY, "de sleutel van het auditlog"),
    (MELDINGEN_AUDIT_KEY, "de sleutel van het auditlog van de meldingen"),
)
KEY_NAMES = tuple(name for name, _ in KEY_FILES)
KEYS_NOTE = (
    "De sleutels zitten NIET in deze back-up: "
    + ", ".join(f"{what} ({name})" for name, what in KEY_FILES[:-1])
    + f" en {KEY_FILES[-1][1]} ({KEY_FILES[-1][0]}) staan buiten RADAR_HOME, in de sleutelmap "
    "(RADAR_KEY_DIR, standaard ~/.config/integriteitsradar). Bewaar ze apart, bijvoorbeeld "
    "in een wachtwoordkluis of secret store. Zonder de pseudonimiseringssleutel krijgen "
    "nieuwe gegevens andere pseudoniemen; zonder een auditsleutel is dat auditlog niet te "
    "controleren (en kan dat register niet meer worden gewijzigd)."
)


class BackupError(MessageError, RuntimeError):
    """A backup or restore that cannot be done; the message says why (str(): Dutch)."""


@dataclass(frozen=True)
class Entry:
    """One file of a backup: its path inside the backup (and RADAR_HOME), hash and size."""

    path: str
    sha256: str
    size: int


@dataclass
class BackupResult:
    directory: Path
    entries: list[Entry]
    manifest_sha256: str
    audit_head: dict[str, Any] | None
    stamp_error: str | None = None


@dataclass
class RestoreResult:
    home: Path
    restored: list[str]
    set_aside: list[Path] = field(default_factory=list)
    audit_checked: int | None = None
    audit_findings: list[Any] = field(default_factory=list)  # each says itself: text(lang)
    snapshots_ok: list[str] = field(default_factory=list)
    snapshots_bad: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.audit_findings and not self.snapshots_bad


# ---------------------------------------------------------------- small helpers


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "onbekend"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700)
    os.chmod(path, 0o700)  # whatever the umask
    return path


def _copy(source: Path, target: Path, mode: int = 0o600) -> str:
    """Copy ``source`` to the new file ``target`` (made private, fsynced); its SHA-256."""
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
        os.fchmod(out.fileno(), 0o600)
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            out.write(block)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(target, mode)
    return digest.hexdigest()


def _snapshot_files(directory: Path) -> list[Path]:
    """The files of a snapshots folder (not its lock or temporary files)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith("."))


def copy_register(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database through the online backup API, in one
    step (one read transaction): committed changes in the WAL are in it, a write
    transaction in progress is not. The copy is a single file (rollback journal), 0600,
    and passes SQLite's integrity check."""
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    src = sqlite3.connect(f"file:{source}?mode=rw", uri=True, timeout=30)
    try:
        src.execute("pragma busy_timeout=30000")
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # pages=-1: everything in one step
            dst.execute("pragma journal_mode=delete")
            check = dst.execute("pragma integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if check != "ok":
        raise BackupError(f"de kopie van {source} is niet in orde (SQLite: {check})")
    os.chmod(target, 0o600)
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())


def _read_head(path: Path) -> dict[str, Any] | None:
    from pipelines.register.audit_log import AuditError, read_head

    try:
        head = read_head(path)
    except AuditError:
        return None
    return None if head is None else {"count": head.count, "mac": head.mac}


# ---------------------------------------------------------------- backup


def backup(target: Path, home: Path | None = None, *, actor: str | None = None) -> BackupResult:
    """Back up RADAR_HOME's register, snapshots and users files into the new folder
    ``target`` (which must not exist, or be empty). BackupError when there is nothing to
    back up or ``target`` holds something already (a backup is never overwritten)."""
    home = Path(home or radar_home())
    target = Path(target).expanduser().absolute()
    register = home / REGISTER
    snapshots = _snapshot_files(home / SNAPSHOTS)
    users = [home / name for name in USER_FILES if (home / name).is_file()]
    meldingen = home / MELDINGEN
    if not register.exists() and not meldingen.exists() and not snapshots and not users:
        raise BackupError(Message("backup.nothing", home=home))
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(Message("backup.target_exists", target=target))
    if target.is_relative_to(home.absolute()):
        raise BackupError(Message("backup.target_in_home", target=target, home=home))
    target.parent.mkdir(parents=True, exist_ok=True)
    work = _private_dir(target.parent / f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        entries: list[Entry] = []
        # Snapshots before the register: every head a copied snapshot names is then in
        # the copied log (the log only grows).
        if snapshots:
            _private_dir(work / SNAPSHOTS)
            for path in snapshots:
                name = f"{SNAPSHOTS}/{path.name}"
                digest = _copy(path, work / name)
                entries.append(Entry(name, digest, (work / name).stat().st_size))
        for path in users:
            digest = _copy(path, work / path.name)
            entries.append(Entry(path.name, digest, (work / path.name).stat().st_size))
        head = None
        if register.exists():
            copy_register(register, work / REGISTER)
            entries.append(
                Entry(REGISTER, sha256_file(work / REGISTER), (work / REGISTER).stat().st_size)
            )
            head = _read_head(work / REGISTER)
        if meldingen.exists():
            copy_register(meldingen, work / MELDINGEN)
            size = (work / MELDINGEN).stat().st_size
            entries.append(Entry(MELDINGEN, sha256_file(work / MELDINGEN), size))
        created = _now()
        manifest = {
            "format": FORMAT,
            "created_at": created.isoformat(timespec="seconds"),
            "created_by": actor or _user(),
            "radar_home": str(home.absolute()),
            "audit_head": head,
            "keys": KEYS_NOTE,
            "files": [e.__dict__ for e in sorted(entries, key=lambda e: e.path)],
        }
        data = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        write_private(work / MANIFEST, data)
        for directory in (work / SNAPSHOTS, work):
            if directory.is_dir():
                _fsync_dir(directory)
        os.replace(work, target)  # onto a missing or empty folder: all at once
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    os.chmod(target, 0o700)
    _fsync_dir(target.parent)
    digest = hashlib.sha256(data).hexdigest()
    result = BackupResult(target, entries, digest, head)
    try:
        _stamp(home, created, target, digest, len(entries))
    except OSError as exc:  # the backup itself is whole; only doctor will not know of it
        result.stamp_error = f"{home / STAMPS} niet bijgewerkt: {exc}"
    return result


def _stamp(home: Path, when: dt.datetime, target: Path, digest: str, files: int) -> None:
    """Record the backup in RADAR_HOME/backups.json (newest last), for `radar doctor`."""
    path = home / STAMPS
    try:
        stamps = json.loads(path.read_text(encoding="utf-8")).get("backups", [])
    except (OSError, ValueError, AttributeError):
        stamps = []
    if not isinstance(stamps, list):
        stamps = []
    stamps.append(
        {
            "at": when.isoformat(timespec="seconds"),
            "directory": str(target),
            "manifest_sha256": digest,
            "files": files,
        }
    )
    doc = {"backups": stamps[-KEEP_STAMPS:]}
    write_private(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def last_backup(home: Path | None = None) -> dt.datetime | None:
    """When the newest backup recorded in RADAR_HOME/backups.json was made; None when none
    is. ValueError when the file cannot be read."""
    path = Path(home or radar_home()) / STAMPS
    if not path.exists():
        return None
    doc = json.loads(path.read_text(encoding="utf-8"))
    times = [dt.datetime.fromisoformat(s["at"]) for s in doc.get("backups", [])]
    return max(times) if times else None


# ---------------------------------------------------------------- checking a backup


def _allowed(name: str) -> bool:
    """Only the files a backup holds, and never a path leaving the folder."""
    if name in (*DATABASES, *USER_FILES):
        return True
    parts = name.split("/")
    return (
        len(parts) == 2
        and parts[0] == SNAPSHOTS
        and bool(parts[1])
        and not parts[1].startswith(".")
        and "\\" not in parts[1]
        and "\x00" not in parts[1]
    )


def read_manifest(directory: Path) -> tuple[dict[str, Any], list[Entry]]:
    """The manifest and its entries; BackupError when it is missing or not a manifest."""
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            Message("backup.no_manifest", directory=directory, manifest=MANIFEST)
        ) from None
    except (OSError, ValueError) as exc:
        raise BackupError(Message("backup.unreadable", path=path, error=exc)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(Message("backup.unknown_format", path=path, format=FORMAT))
    entries = []
    files = manifest.get("files")
    if not isinstance(files, list) or not files:
        raise BackupError(Message("backup.no_files", path=path))
    for item in files:
        try:
            entry = Entry(str(item["path"]), str(item["sha256"]), int(item["size"]))
        except (KeyError, TypeError, ValueError):
            raise BackupError(Message("backup.bad_line", path=path, item=repr(item))) from None
        if not _allowed(entry.path) or not HEX64.fullmatch(entry.sha256):
            raise BackupError(Message("backup.bad_file", path=path, name=repr(entry.path)))
        entries.append(entry)
    if len({e.path for e in entries}) != len(entries):
        raise BackupError(Message("backup.twice", path=path))
    return manifest, entries


def check_backup(directory: Path) -> tuple[dict[str, Any], list[Entry]]:
    """The manifest and its entries when every file is there and matches its SHA-256;
    BackupError naming every file that does not."""
    directory = Path(directory)
    manifest, entries = read_manifest(directory)
    problems = []
    for entry in entries:
        path = directory / entry.path
        if not path.is_file():
            problems.append(Message("backup.file_missing", name=entry.path))
        elif sha256_file(path) != entry.sha256:
            problems.append(Message("backup.file_changed", name=entry.path))
    if problems:
        lines = Joined(problems, prefix="  ")
        raise BackupError(Message("backup.damaged", directory=directory, problems=lines))
    return manifest, entries


# ---------------------------------------------------------------- restore


def _audit(path: Path, heads: Sequence[Any] = ()) -> tuple[int | None, list[Any]]:
    """The audit log's verification of the register in ``path``, also against ``heads``
    held outside (records checked, findings: each "where: problem" in any language)."""
    from pipelines.register.store import verify_audit

    report = verify_audit(path, heads=heads)
    return report.checked, list(report.findings)


def _audit_text(key: str, **values: Any) -> Message:
    return Message(key, locale_file="audit", **values)


def _snapshot_checks(directory: Path) -> tuple[list[str], list[str]]:
    """(verified, failed) snapshot file names in ``directory``."""
    from pipelines.core.sealed import verify_snapshot

    ok, bad = [], []
    for path in _snapshot_files(directory):
        if path.suffix != ".json":
            continue
        (ok if verify_snapshot(path) else bad).append(path.name)
    return ok, bad


def _aside(path: Path) -> Path:
    """``path``.before-restore, or .before-restore.2 (and so on) when that is taken."""
    candidate, n = path.with_name(path.name + ASIDE), 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.name}{ASIDE}.{n}")
    return candidate


def _existing(home: Path, entries: Sequence[Entry]) -> list[Path]:
    """The files and folders in ``home`` a restore of ``entries`` would replace."""
    names = {e.path.split("/")[0] for e in entries}
    found = []
    for name in sorted(names):
        path = home / name
        if name == SNAPSHOTS:
            if _snapshot_files(path):
                found.append(path)
        elif name in DATABASES:
            # -wal/-shm without their database still belong to one: never next to another
            found += [p for p in _with_sidecars(path) if p.exists()]
        elif path.exists():
            found.append(path)
    return found


def _with_sidecars(register: Path) -> list[Path]:
    return [register, *(register.with_name(register.name + s) for s in SIDECARS)]


def _checkpoint(register: Path) -> None:
    """Everything in the current register's (or meldingen register's) WAL into the file
    itself, so setting the file aside takes all of it; refused while another connection
    keeps the WAL busy."""
    con = sqlite3.connect(register, timeout=30)
    try:
        con.execute("pragma busy_timeout=30000")
        busy, _, _ = con.execute("pragma wal_checkpoint(truncate)").fetchone()
    finally:
        con.close()
    if busy:
        raise BackupError(Message("backup.register_busy", register=register))


def _set_aside_file(path: Path) -> Path:
    """Keep ``path`` as ``path``.before-restore: a hard link, so ``path`` itself never goes
    missing until it is replaced."""
    aside = _aside(path)
    os.link(path, aside)
    return aside


def _install(staging: Path, home: Path, entries: Sequence[Entry]) -> list[Path]:
    """Rename the checked files from ``staging`` into ``home``; the current ones are set
    aside first. Snapshots as one folder, the register last."""
    aside: list[Path] = []
    names = {e.path.split("/")[0] for e in entries}
    for name in DATABASES:
        if name in names and (home / name).exists():
            _checkpoint(home / name)  # before anything moves: refused while one is busy
    if SNAPSHOTS in names:
        current = home / SNAPSHOTS
        if current.exists():
            moved = _aside(current)
            os.replace(current, moved)
            aside.append(moved)
        os.replace(staging / SNAPSHOTS, current)
    for name in USER_FILES:
        if name in names:
            if (home / name).exists():
                aside.append(_set_aside_file(home / name))
            os.replace(staging / name, home / name)
    for name in (MELDINGEN, REGISTER):  # the register last
        if name in names:
            aside += _install_database(staging / name, home / name)
    _fsync_dir(home)
    return aside


def _install_database(staged: Path, current: Path) -> list[Path]:
    """The current database, its -wal and -shm go aside together (kept as a set SQLite can
    open): a WAL left beside the restored file would be replayed into it."""
    aside = []
    kept = _aside(current)
    if current.exists():
        os.link(current, kept)
        aside.append(kept)
    for suffix in SIDECARS:
        side = current.with_name(current.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
            aside.append(kept.with_name(kept.name + suffix))
    os.replace(staged, current)
    return aside


def restore(
    source: Path,
    home: Path | None = None,
    *,
    force: bool = False,
    manifest_sha256: str | None = None,
    heads: Sequence[Any] = (),
) -> RestoreResult:
    """Restore the backup in ``source`` into RADAR_HOME (see the module's text).

    BackupError (nothing changed) for a backup that does not match its manifest, a
    manifest that is not the one ``manifest_sha256`` (kept apart when the backup was made)
    names, a copy whose audit log or snapshots do not verify (also against ``heads`` held
    outside: a log cut or rewritten before the backup), and a RADAR_HOME that already holds
    these files (unless ``force``). The result holds the verification after the restore."""
    source = Path(source).expanduser()
    home = Path(home or radar_home())
    if manifest_sha256 is not None:
        try:
            actual = hashlib.sha256((source / MANIFEST).read_bytes()).hexdigest()
        except OSError as exc:
            raise BackupError(
                Message("backup.unreadable", path=source / MANIFEST, error=exc)
            ) from None
        if actual != manifest_sha256.strip().lower():
            raise BackupError(
                Message(
                    "backup.manifest_sha",
                    path=source / MANIFEST,
                    actual=actual,
                    given=manifest_sha256,
                )
            )
    manifest, entries = check_backup(source)
    existing = _existing(home, entries)
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise BackupError(Message("backup.home_not_empty", home=home, names=names, aside=ASIDE))
    ensure_dir(home)
    staging = _private_dir(home / f".restore-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        if any(e.path.startswith(SNAPSHOTS + "/") for e in entries):
            _private_dir(staging / SNAPSHOTS)
        changed = []
        for entry in entries:
            mode = 0o400 if entry.path.startswith(SNAPSHOTS + "/") else 0o600
            if _copy(source / entry.path, staging / entry.path, mode) != entry.sha256:
                changed.append(entry.path)
        if changed:
            raise BackupError(
                Message("backup.changed_during", source=source, names=", ".join(changed))
            )
        _verify_staged(staging, manifest, entries, heads)
        aside = _install(staging, home, entries)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = RestoreResult(home, [e.path for e in entries], aside)
    if any(e.path == REGISTER for e in entries):
        from pipelines.register.audit_log import AuditError

        try:
            result.audit_checked, result.audit_findings = _audit(home / REGISTER, heads)
        except (AuditError, OSError) as exc:
            result.audit_findings = [exc]
    if any(e.path == MELDINGEN for e in entries):
        try:
            result.audit_findings += [
                _audit_text("finding", where=MELDINGEN, problem=p)
                for p in _meldingen_audit(home / MELDINGEN)
            ]
        except (OSError, ValueError, RuntimeError, sqlite3.DatabaseError) as exc:
            result.audit_findings.append(_audit_text("finding", where=MELDINGEN, problem=exc))
    result.snapshots_ok, result.snapshots_bad = _snapshot_checks(home / SNAPSHOTS)
    return result


def _sqlite_check(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("pragma integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        con.close()


def _meldingen_audit(path: Path) -> list[Message]:
    """The problems of the meldingen audit log's MAC chain, checked with its own key
    (meldingen_audit.key in the key folder; KeyFileError when it is missing)."""
    from pipelines.meldingen import audit

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        if not audit.has_records(con):
            return []
        return audit.chain_problems(con, audit.load_key(create=False, data_dir=path.parent))
    finally:
        con.close()


def _verify_staged(
    staging: Path, manifest: dict[str, Any], entries: Sequence[Entry], heads: Sequence[Any] = ()
) -> None:
    """Before anything in RADAR_HOME changes: the copied register is sound and its audit
    log verifies (against the copied snapshots too), and every snapshot's checksum holds."""
    from pipelines.register.audit_log import AuditError

    problems: list[Message] = []
    _, bad = _snapshot_checks(staging / SNAPSHOTS)
    problems += [_audit_text("restore.snapshot_bad", name=f"{SNAPSHOTS}/{name}") for name in bad]
    if any(e.path == MELDINGEN for e in entries):
        problems += _staged_meldingen(staging / MELDINGEN)
    if any(e.path == REGISTER for e in entries):
        register = staging / REGISTER
        check = _sqlite_check(register)
        if check != "ok":
            problems.append(_audit_text("restore.not_sqlite", name=REGISTER, check=check))
        else:
            try:
                _, findings = _audit(register, heads)
            except AuditError as exc:
                put_back = _audit_text("restore.put_back", name=REGISTER_AUDIT_KEY)
                raise BackupError(
                    _audit_text("restore.register_unchecked", error=exc, put_back=put_back)
                ) from None
            problems += [
                _audit_text("restore.audit_finding", name=REGISTER, finding=f) for f in findings
            ]
            head = manifest.get("audit_head")
            if head and _read_head(register) != head:
                problems.append(_audit_text("restore.head_mismatch", name=REGISTER))
    if problems:
        lines = Joined(problems, prefix="  ")
        raise BackupError(Message("backup.does_not_check", problems=lines))


def _staged_meldingen(path: Path) -> list[Message]:
    """The copied meldingen register is a sound database and its audit log verifies with
    its key; BackupError (nothing restored) when the key is missing."""
    from pipelines.core.keys import KeyFileError

    check = _sqlite_check(path)
    if check != "ok":
        return [_audit_text("restore.not_sqlite", name=MELDINGEN, check=check)]
    try:
        return [
            _audit_text("restore.audit_finding", name=MELDINGEN, finding=p)
            for p in _meldingen_audit(path)
        ]
    except (KeyFileError, sqlite3.DatabaseError) as exc:
        put_back = _audit_text("restore.put_back", name=MELDINGEN_AUDIT_KEY)
        raise BackupError(
            _audit_text("restore.meldingen_unchecked", error=exc, put_back=put_back)
        ) from None
