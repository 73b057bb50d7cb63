"""Where the radar's secret keys live, and how key files are read, made and moved.

Keys do not belong beside the data they protect: whoever copies RADAR_HOME (a backup, a
misplaced share) must not get the pseudonym key with it (employee numbers are a small
space: with the key every pseudonym is reversed in a fraction of a second). So all key
files live in one key directory outside RADAR_HOME:

- ``RADAR_KEY_DIR`` when set, else ``$XDG_CONFIG_HOME/integriteitsradar``, else
  ``~/.config/integriteitsradar``; created with mode 0700.
- A key file there is private (0600) and written whole (temporary name, fsync, link);
  one that group or others can read is refused with a message that says how to fix it.
- ``move_key`` moves a key file from an old place (RADAR_HOME/pseudonym.key) into the key
  directory without ever leaving zero keys or two different ones.

``private_umask`` makes every file the process creates after it private (0600; folders
0700): the CLI and the dashboard call it at start, so the warehouse, the register, the
snapshots and the uploads are never readable by group or others.
"""

from __future__ import annotations

import fcntl
import logging
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines.core.texts import Message, MessageError

# The shortest password an account may have (pipelines/access/users.py, radar users); here, in a
# module that imports nothing heavy, so that the command line's help can say it quickly.
MIN_PASSWORD_LENGTH = 12

log = logging.getLogger("radar.keys")

KEY_DIR_ENV = "RADAR_KEY_DIR"
# The variables that may name a key file elsewhere than the key directory (the pseudonym
# key, the audit log's, the log-in state's: pseudonym.py, audit_log.py, auth_state.py)
KEY_FILE_ENVS = ("RADAR_KEY_FILE", "RADAR_AUDIT_KEY_FILE", "RADAR_AUTH_KEY_FILE")
APP_DIR = "integriteitsradar"
LEGACY_PSEUDONYM_KEY = "pseudonym.key"  # in RADAR_HOME, before the key directory
PRIVATE_UMASK = 0o077


def _said(key: str, **values: object) -> Message:
    return Message(f"keyfile.{key}", locale_file="errors", **values)


class KeyFileError(MessageError, RuntimeError):
    """A key file cannot be used: readable by others, unreadable, or two that differ."""


def key_dir() -> Path:
    """The key directory: RADAR_KEY_DIR, else $XDG_CONFIG_HOME/integriteitsradar, else
    ~/.config/integriteitsradar. Not created here (see ensure_dir)."""
    configured = os.environ.get(KEY_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base).expanduser() / APP_DIR


def key_path(name: str) -> Path:
    """A key file of this name in the key directory (e.g. ``pseudonym.key``)."""
    return key_dir() / name


def is_key_file(path: Path) -> bool:
    """Whether ``path``, or the file its links lead to, is in the key directory or is a
    key file that one of KEY_FILE_ENVS names: never read as an export (helper-269 F11: a
    link named key.csv in an ingest folder had the audit key's text quoted as the columns
    of an unknown dataset)."""
    try:
        target = path.resolve()
        folder = key_dir().resolve()
        named = [
            Path(os.environ[n]).expanduser().resolve() for n in KEY_FILE_ENVS if os.environ.get(n)
        ]
        # and the pseudonym key where earlier versions kept it, RADAR_HOME/pseudonym.key,
        # left there where RADAR_PSEUDONYM_KEY is set (helper-271 F1-3)
        from pipelines.core.warehouse import radar_home

        named.append((radar_home() / LEGACY_PSEUDONYM_KEY).resolve())
    except (OSError, RuntimeError):  # a link in a loop: read, and said as such, elsewhere
        return False
    if target == folder or folder in target.parents or target in named:
        return True
    # the same file under another name: a hard link, a bind mount (helper-271 F1-2)
    try:
        seen = os.stat(target)
        keys = [*named, *(folder.iterdir() if folder.is_dir() else ())]
    except OSError:
        return False
    return any(_same_file(seen, key) for key in keys)


def _same_file(seen: os.stat_result, key: Path) -> bool:
    try:
        other = os.stat(key)
    except OSError:
        return False
    return (seen.st_dev, seen.st_ino) == (other.st_dev, other.st_ino)


def private_umask() -> int:
    """From now on new files are 0600 and new folders 0700; returns the previous umask."""
    return os.umask(PRIVATE_UMASK)


def ensure_dir(directory: Path) -> Path:
    """The folder, made with mode 0700 when it does not exist yet (its parents as usual)."""
    if not directory.is_dir():
        directory.parent.mkdir(parents=True, exist_ok=True)
        try:
            directory.mkdir(mode=0o700)
        except FileExistsError:
            pass
        else:
            os.chmod(directory, 0o700)  # mkdir's mode is filtered by the umask
    return directory


def open_to_others(path: Path) -> int:
    """The group/other permission bits of ``path`` (0 when private)."""
    return path.stat().st_mode & 0o077


def check_private(path: Path, what: str | Message) -> None:
    """KeyFileError when group or others may read or write the key file."""
    bits = open_to_others(path)
    if bits:
        mode = path.stat().st_mode & 0o777
        raise KeyFileError(_said("open", path=path, what=what, mode=f"{mode:04o}"))


@contextmanager
def locked(directory: Path) -> Iterator[None]:
    """One process at a time makes or moves key files in this folder (a lock on the folder
    itself: no lock file lies around)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _private_copy(path: Path, data: bytes) -> Path:
    """``data`` in a new 0600 file beside ``path`` (temporary name), flushed to disk."""
    work = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    fd = os.open(work, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o600)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        work.unlink(missing_ok=True)
        raise
    return work


def write_new(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` only if it does not exist: whole (temporary name, fsync,
    hard link, so it never appears half-written), mode 0600. False when it existed."""
    work = _private_copy(path, data)
    try:
        try:
            os.link(work, path)
        except FileExistsError:
            return False
        _fsync_dir(path.parent)
        return True
    finally:
        work.unlink(missing_ok=True)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (0600), replacing it whole: temporary file, fsync, one
    rename, so a reader sees the old content or the new, never half."""
    work = _private_copy(path, data)
    try:
        os.replace(work, path)
    finally:
        work.unlink(missing_ok=True)


def _same_key(a: Path, b: Path) -> bool:
    return a.read_bytes().strip() == b.read_bytes().strip()


def move_key(old: Path, new: Path, what: str | Message) -> bool:
    """Move the key file ``old`` to ``new`` (new 0600); True when something was moved.

    Never regenerated and never two different keys: the bytes are copied to a temporary
    file, fsynced, linked to ``new`` (fails if it exists), read back and compared, and only
    then is ``old`` removed. A crash before the link leaves ``old`` alone; after it, both
    files hold the same key and the next call removes ``old``. When both exist and differ,
    KeyFileError: nothing is chosen silently.
    """
    if not old.exists() or old.resolve() == new.resolve():
        return False
    ensure_dir(new.parent)
    with locked(new.parent):
        if not old.exists():  # another process moved it while we waited
            return False
        if new.exists():
            if not _same_key(old, new):
                raise KeyFileError(_said("two", what=what, old=old, new=new))
            old.unlink()
            _fsync_dir(old.parent)
            log.warning(
                "%s: %s verwijderd; dezelfde sleutel staat al in %s",
                str(what).capitalize(),
                old,
                new,
            )
            return True
        data = old.read_bytes()
        if not write_new(new, data):
            raise KeyFileError(_said("appeared", new=new, old=old))
        if new.read_bytes() != data:
            new.unlink()
            raise KeyFileError(_said("copy_wrong", new=new, old=old))
        old.unlink()
        _fsync_dir(old.parent)
    log.warning("%s verplaatst van %s naar %s", str(what).capitalize(), old, new)
    return True


def read_or_create(
    path: Path,
    what: str | Message,
    *,
    create: bool = True,
    generate: Callable[[], bytes] = lambda: (secrets.token_hex(32) + "\n").encode("ascii"),
) -> bytes:
    """The contents of the key file ``path``, made (0600, in a 0700 folder) when missing and
    ``create``. A key file group or others may read is refused (KeyFileError), as is a
    missing one when not ``create``."""
    if not path.exists():
        if not create:
            raise KeyFileError(_said("missing", path=path, what=what))
        ensure_dir(path.parent)
        with locked(path.parent):
            if not path.exists():
                write_new(path, generate())
    try:
        check_private(path, what)
        return path.read_bytes()
    except OSError as exc:
        raise KeyFileError(_said("unreadable", path=path, what=what, error=exc)) from None
