"""The log-in state and the lock that guards it: ``RADAR_HOME/auth_state.json`` and its key.

- The state (0600, replaced atomically) holds per user name its failures and lock, and per
  client and overall the throttles' buckets. It keeps user names and clients only as an
  HMAC-SHA256 under a key outside RADAR_HOME (``RADAR_AUTH_STATE_KEY``, else the file
  ``RADAR_AUTH_KEY_FILE``, else ``auth_state.key`` in the key folder), so the file never
  holds, or lets anyone test a guess for, what someone typed as user name.
- ``_locked`` is the one inter-process lock (``fcntl.flock`` on ``RADAR_HOME/.auth.lock``)
  for every read-modify-write of the users file and of this state.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipelines.core.keys import key_path, write_new, write_private
from pipelines.core.warehouse import radar_home

log = logging.getLogger("radar.auth")

STATE_KEY_ENV, STATE_KEY_FILE_ENV = "RADAR_AUTH_STATE_KEY", "RADAR_AUTH_KEY_FILE"
MIN_KEY_CHARS = 32


def state_path() -> Path:
    return radar_home() / "auth_state.json"


def _private_open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """One writer at a time for the users file and the lock-out state, across processes and
    threads (flock on a lock file; held only for a read-modify-write, never for a check)."""
    directory.mkdir(parents=True, exist_ok=True)
    fd = _private_open(directory / ".auth.lock")
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


class AuthStateError(RuntimeError):
    """The key of the lock-out state cannot be used; log-in is refused (fail closed)."""


def state_key_file() -> Path:
    """Where the key of the lock-out state is: RADAR_AUTH_KEY_FILE, else auth_state.key in
    the radar's key folder (pipelines/core/keys.py: RADAR_KEY_DIR, else the user's config)."""
    configured = os.environ.get(STATE_KEY_FILE_ENV)
    if configured:
        return Path(configured).expanduser()
    return key_path("auth_state.key")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _read_or_make_key(path: Path) -> str:
    try:
        return path.read_text("utf-8").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # written whole and linked into place: never replaces a key another process made
    if write_new(path, (secrets.token_urlsafe(48) + "\n").encode("ascii")):
        log.info("made the lock-out state key %s", path)
    return path.read_text("utf-8").strip()


def _state_mac_key() -> bytes:
    """The HMAC key: RADAR_AUTH_STATE_KEY, else the key file (made, 0600, on first use)."""
    configured = os.environ.get(STATE_KEY_ENV)
    if configured is not None:
        key, origin = configured.strip(), f"de omgevingsvariabele {STATE_KEY_ENV}"
    else:
        path = state_key_file()
        origin = f"het sleutelbestand {path}"
        if _inside(path, radar_home()):
            raise AuthStateError(
                f"{origin} ligt in RADAR_HOME; de sleutel hoort daarbuiten ({STATE_KEY_FILE_ENV})"
            )
        try:
            key = _read_or_make_key(path)
        except OSError as exc:
            raise AuthStateError(f"{origin} is niet te lezen of te maken: {exc}") from None
    if len(key) < MIN_KEY_CHARS:
        raise AuthStateError(f"{origin} is te kort (minstens {MIN_KEY_CHARS} tekens)")
    return key.encode("utf-8")


def _mac(kind: str, value: str, key: bytes | None = None) -> str:
    """What the state keeps of a user name or a client: an HMAC-SHA256 under the key."""
    message = f"{kind}\0{value}".encode()
    return hmac.new(key or _state_mac_key(), message, hashlib.sha256).hexdigest()[:32]


def _fresh_state() -> dict[str, dict[str, Any]]:
    return {"names": {}, "clients": {}, "total": {}}


def _load_state(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return _fresh_state()
    except (OSError, ValueError):
        log.error("%s is unreadable; lock-out counts start again", path)
        return _fresh_state()
    if not isinstance(data, dict) or not isinstance(data.get("names"), dict):
        return _fresh_state()  # the format before keyed names: dropped, hashes and all
    state = _fresh_state()
    state.update({k: v for k, v in data.items() if k in state and isinstance(v, dict)})
    return state


def _save_state(state: Mapping[str, Any], path: Path) -> None:
    write_private(path, (json.dumps(state, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def _forget_name(name: str, directory: Path) -> bool:
    """Drop a name's failures and lock (the caller holds ``_locked``)."""
    try:
        key = _mac("name", name)
    except AuthStateError as exc:
        log.error("lock-out state of %s not cleared: %s", name, exc)
        return False
    path = directory / state_path().name
    state = _load_state(path)
    if state["names"].pop(key, None) is None:
        return False
    _save_state(state, path)
    return True
