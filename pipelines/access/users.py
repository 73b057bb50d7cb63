"""The accounts of the embedded log-in: ``RADAR_HOME/users.yaml`` (mode 0600, written atomically).

Per user name: the role, an argon2id hash of the password, when it was created and a random
``version`` that changes with every change to the account (a session ends when it no longer
matches). A password is never logged or stored; only its hash is. Adding, removing,
resetting and unlocking accounts (``radar users``) happen here, each under the one lock of
``auth_state._locked``; removing an account or giving it a new password also clears its
lock-out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from argon2 import PasswordHasher

from pipelines.access.auth_state import _forget_name, _locked
from pipelines.access.roles import Roles, load_roles
from pipelines.core.keys import MIN_PASSWORD_LENGTH, write_private
from pipelines.core.texts import Message, MessageError
from pipelines.core.warehouse import radar_home

log = logging.getLogger("radar.auth")

USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
USERS_HEADER = (
    "# Integriteitsradar users, written by `radar users`: user name -> role, argon2id hash of\n"
    "# the password, creation time, version (changes with every change: sessions end).\n"
    "# Never holds a password. Keep this file private (0600).\n"
)


class UserError(MessageError, ValueError):
    """A users command that cannot be done; the message says why (str(): Dutch; text(lang))."""


@dataclass(frozen=True)
class User:
    username: str
    role: str
    created_at: str
    password_hash: str = field(repr=False)
    version: str = ""  # changes with every change to the account; a session keeps its own


def users_path() -> Path:
    return radar_home() / "users.yaml"


def normalise(username: str) -> str:
    """User names are compared without surrounding spaces and case-insensitively."""
    return (username or "").strip().lower()


def check_username(username: str) -> str:
    name = normalise(username)
    if not USERNAME.fullmatch(name):
        raise UserError(Message("users.bad_name", name=repr(username)))
    return name


def check_role(role: str, roles: Roles) -> str:
    if role not in roles.roles:
        raise UserError(
            Message("users.unknown_role", role=repr(role), roles=", ".join(roles.roles))
        )
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(Message("users.short_password", length=MIN_PASSWORD_LENGTH))
    return password


def generate_password() -> str:
    """A random password of 16 URL-safe characters (96 bits)."""
    return secrets.token_urlsafe(12)


def new_version() -> str:
    """A fresh account version: random, so a removed and re-added account never repeats one."""
    return secrets.token_hex(8)


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the RFC 9106 low-memory parameters


def load_users(path: Path | None = None) -> dict[str, User]:
    """The users by name; none when there is no users file yet."""
    path = path or users_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    # keyed by the content, not the file's time or size: a change written within one tick
    # of a coarse clock, or to a file of the same size, is never missed
    return dict(_read_users(str(path), data))


def _legacy_version(entry: Mapping[str, Any]) -> str:
    """The version of an entry written before versions existed: it changes with the hash,
    the role or the creation time, like a real one."""
    seed = "\0".join(str(entry.get(k, "")) for k in ("role", "password_hash", "created_at"))
    return "h" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:15]


@lru_cache(maxsize=8)
def _read_users(path: str, content: bytes) -> tuple[tuple[str, User], ...]:
    """Parsed once per content of the file: the dashboard checks it on every run."""
    try:
        data = yaml.safe_load(content.decode("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise UserError(Message("users.bad_yaml", path=path, error=exc)) from None
    entries = data.get("users") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise UserError(Message("users.no_users_key", path=path))
    users = []
    for name, entry in entries.items():
        if not isinstance(entry, dict) or not {"role", "password_hash"} <= set(entry):
            raise UserError(Message("users.bad_entry", path=path, name=name))
        users.append(
            (
                str(name),
                User(
                    username=str(name),
                    role=str(entry["role"]),
                    created_at=str(entry.get("created_at", "")),
                    password_hash=str(entry["password_hash"]),
                    version=str(entry.get("version") or _legacy_version(entry)),
                ),
            )
        )
    return tuple(users)


def _save_users(users: Mapping[str, User], path: Path) -> None:
    data = {
        "users": {
            u.username: {
                "role": u.role,
                "password_hash": u.password_hash,
                "created_at": u.created_at,
                "version": u.version or new_version(),
            }
            for u in sorted(users.values(), key=lambda u: u.username)
        }
    }
    write_private(
        path,
        (USERS_HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)).encode("utf-8"),
    )


def _now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def add_user(
    username: str,
    role: str,
    password: str | None = None,
    *,
    roles: Roles | None = None,
    path: Path | None = None,
) -> str:
    """Add a user; return the password (generated when none is given) to show once."""
    path = path or users_path()
    name, role = check_username(username), check_role(role, roles or load_roles())
    password = check_password(password if password is not None else generate_password())
    hashed = _hasher().hash(password)
    with _locked(path.parent):
        users = load_users(path)
        if name in users:
            raise UserError(Message("users.exists", name=name))
        users[name] = User(name, role, _now_iso(), hashed, new_version())
        _save_users(users, path)
    log.info("user %s added with role %s", name, role)
    return password


def remove_user(username: str, *, path: Path | None = None) -> None:
    path = path or users_path()
    name = normalise(username)
    with _locked(path.parent):
        users = load_users(path)
        if name not in users:
            raise UserError(Message("users.unknown", name=name))
        del users[name]
        _save_users(users, path)
        _forget_name(name, path.parent)
    log.info("user %s removed", name)


def set_role(
    username: str, role: str, *, roles: Roles | None = None, path: Path | None = None
) -> None:
    path = path or users_path()
    name, role = normalise(username), check_role(role, roles or load_roles())
    with _locked(path.parent):
        users = load_users(path)
        if name not in users:
            raise UserError(Message("users.unknown", name=name))
        old = users[name]
        users[name] = User(name, role, old.created_at, old.password_hash, new_version())
        _save_users(users, path)
    log.info("user %s now has role %s", name, role)


def set_password(username: str, password: str | None = None, *, path: Path | None = None) -> str:
    """Give a user a new password (generated when none is given; returned to show once).
    Ends the user's sessions and lifts a lock on the name."""
    path = path or users_path()
    name = normalise(username)
    password = check_password(password if password is not None else generate_password())
    hashed = _hasher().hash(password)
    with _locked(path.parent):
        users = load_users(path)
        if name not in users:
            raise UserError(Message("users.unknown", name=name))
        old = users[name]
        users[name] = User(name, old.role, old.created_at, hashed, new_version())
        _save_users(users, path)
        _forget_name(name, path.parent)
    log.info("user %s has a new password", name)
    return password


def unlock_user(username: str, *, path: Path | None = None) -> bool:
    """Lift the lock on a user name and forget its failures (any name, known or not: the
    lock-out does not reveal which names exist). True when there was something to forget."""
    path = path or users_path()
    name = normalise(username)
    with _locked(path.parent):
        forgotten = _forget_name(name, path.parent)
    if forgotten:
        log.warning("lock on %s lifted by the administrator", name)
    return forgotten


def list_users(path: Path | None = None) -> list[User]:
    return sorted(load_users(path).values(), key=lambda u: u.username)


def create_demo_users(
    *, roles: Roles | None = None, path: Path | None = None
) -> dict[str, str] | None:
    """One account per role, named after the role, when there is no users file yet.

    Returns user name -> password (to print once), or None when the file already exists
    (nothing is changed then).
    """
    path = path or users_path()
    roles = roles or load_roles()
    with _locked(path.parent):
        if path.exists():
            return None
        passwords = {role: generate_password() for role in roles.roles}
        users = {
            name: User(name, name, _now_iso(), _hasher().hash(pw), new_version())
            for name, pw in passwords.items()
        }
        _save_users(users, path)
    log.info("demo users created: %s", ", ".join(passwords))
    return passwords


def account_of(username: str | None, path: Path | None = None) -> User | None:
    """The account the users file holds for ``username`` now; None when it is not there."""
    return load_users(path).get(normalise(username or ""))


def role_of(username: str | None, path: Path | None = None) -> str | None:
    """The role the users file gives ``username`` now; None when it is not (or no longer) there."""
    user = account_of(username, path)
    return user.role if user else None


def _rehash(user: User, password: str, path: Path) -> None:
    """Store a hash with today's parameters after a successful log-in (best effort). The
    version stays: this is the same password, and the session just started keeps it."""
    hashed = _hasher().hash(password)
    with _locked(path.parent):
        users = load_users(path)
        if user.username in users and users[user.username].password_hash == user.password_hash:
            users[user.username] = User(
                user.username, user.role, user.created_at, hashed, users[user.username].version
            )
            _save_users(users, path)
