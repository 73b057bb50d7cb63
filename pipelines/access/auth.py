"""Who may use the radar, and as what: roles as data, users, passwords, lock-out, OIDC roles.

- ``risks/roles.yaml`` says per role which pages it sees and which actions it may take,
  plus the session settings (time-out, lock-out, throttles); ``load_roles`` refuses a
  broken file with its line and field, like the rest of the catalogue.
- The embedded default keeps users in ``RADAR_HOME/users.yaml`` (mode 0600, written
  atomically): user name, role, an argon2id hash of the password, when it was created and
  a random ``version`` that changes with every change to the account (a session ends when
  it no longer matches). A password is never logged or stored; only its hash is.
- ``authenticate`` checks a password. Before any check, under one inter-process lock
  (``fcntl.flock`` on ``RADAR_HOME/.auth.lock``), it reads the lock-out state, refuses a
  locked name without checking, applies the throttles and counts the attempt as a failure;
  only a right password takes the count back. The argon2 check itself runs outside that
  lock, in one of ``session.parallel_checks`` check slots (lock files shared by every
  process and thread); with every slot busy the attempt is refused without a check.
- The state (``RADAR_HOME/auth_state.json``, 0600, replaced atomically) keeps user names
  and clients only as an HMAC-SHA256 under a key outside RADAR_HOME
  (``RADAR_AUTH_STATE_KEY``, else the file ``RADAR_AUTH_KEY_FILE``), so the file never
  holds, or lets anyone test a guess for, what someone typed as user name.
- With OpenID Connect (``RADAR_AUTH=oidc``) the identity provider checks the password;
  ``oidc_role`` takes the role from a claim of the ID token or from the mapping file
  ``RADAR_HOME/oidc_roles.yaml``.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import yaml
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import Field, ValidationError, ValidationInfo, field_validator

from pipelines.access.page_list import PAGE_FILES
from pipelines.core.catalogue import (
    CatalogueError,
    Strict,
    Text,
    _compose,
    _locate,
    _read_yaml,
    catalogue_dir,
)
from pipelines.core.keys import MIN_PASSWORD_LENGTH, key_path, write_new, write_private
from pipelines.core.warehouse import radar_home

log = logging.getLogger("radar.auth")

ROLES_FILE = "roles.yaml"
AUTH_MODES = ("password", "oidc")
Action = Literal[
    "edit_register", "rescore", "take_snapshot", "upload_data", "see_person_level", "manage_users"
]
ACTIONS: tuple[str, ...] = get_args(Action)
USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
USERS_HEADER = (
    "# Integriteitsradar users, written by `radar users`: user name -> role, argon2id hash of\n"
    "# the password, creation time, version (changes with every change: sessions end).\n"
    "# Never holds a password. Keep this file private (0600).\n"
)
STATE_KEY_ENV, STATE_KEY_FILE_ENV = "RADAR_AUTH_STATE_KEY", "RADAR_AUTH_KEY_FILE"
MIN_KEY_CHARS = 32
SLOT_WAIT_SECONDS = 5.0  # how long an attempt waits for a free check slot before "busy"


# --- roles (risks/roles.yaml) -----------------------------------------------------------


class RolesError(CatalogueError):
    """risks/roles.yaml or the OIDC role mapping cannot be used; the message says where."""


class SessionSettings(Strict):
    """``session:`` of risks/roles.yaml; the README's table says what each one does."""

    timeout_minutes: Annotated[int, Field(ge=1, le=24 * 60)]
    lockout_failures: Annotated[int, Field(ge=1, le=100)]
    lockout_minutes: Annotated[int, Field(ge=1, le=24 * 60)]
    lockout_max_minutes: Annotated[int, Field(ge=1, le=7 * 24 * 60)] = 60
    lockout_grace_minutes: Annotated[int, Field(ge=1, le=24 * 60)] = 5
    parallel_checks: Annotated[int, Field(ge=1, le=64)] = 4
    client_failures_per_minute: Annotated[int, Field(ge=1, le=10_000)] = 10
    failures_per_minute: Annotated[int, Field(ge=1, le=100_000)] = 60

    @field_validator("lockout_max_minutes")
    @classmethod
    def _max_not_below_first(cls, value: int, info: ValidationInfo) -> int:
        first = info.data.get("lockout_minutes")
        if first is not None and value < first:
            raise ValueError(f"must be at least lockout_minutes ({first})")
        return value


class OidcSettings(Strict):
    role_claim: Annotated[str, Field(min_length=1)] = "roles"
    provider: str | None = None


class Role(Strict):
    name: Text
    pages: Annotated[list[str], Field(min_length=1)]
    actions: list[Action] = []

    @field_validator("pages")
    @classmethod
    def _known_pages(cls, pages: list[str]) -> list[str]:
        unknown = [p for p in pages if p not in PAGE_FILES]
        if unknown:
            raise ValueError(f"unknown page(s) {unknown}; pages are {PAGE_FILES}")
        if len(set(pages)) != len(pages):
            raise ValueError("a page is listed twice")
        return pages


class Roles(Strict):
    session: SessionSettings
    oidc: OidcSettings = OidcSettings()
    roles: Annotated[
        dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], Role], Field(min_length=1)
    ]

    def can(self, role: str | None, action: str) -> bool:
        """Whether ``role`` may take ``action``; no role or an unknown one may do nothing."""
        return role in self.roles and action in self.roles[role].actions

    def roles_that_can(self, action: str) -> list[str]:
        return [r for r, spec in self.roles.items() if action in spec.actions]


def roles_path(directory: Path | None = None) -> Path:
    return Path(directory or catalogue_dir()) / ROLES_FILE


def load_roles(directory: Path | None = None) -> Roles:
    """Read and check risks/roles.yaml; raise RolesError naming the line and field."""
    path = roles_path(directory)
    try:
        data, text = _read_yaml(path)
    except CatalogueError as exc:
        raise RolesError(str(exc)) from None
    if data is None:
        raise RolesError(f"{path}: file is empty")
    try:
        return Roles.model_validate(data)
    except ValidationError as exc:
        root = _compose(text)
        lines = [f"{_locate(path, root, data, tuple(e['loc']))}: {e['msg']}" for e in exc.errors()]
        raise RolesError("\n".join(lines)) from None


# --- users (RADAR_HOME/users.yaml) ------------------------------------------------------


class UserError(ValueError):
    """A users command that cannot be done; the message says why (in Dutch, for the CLI)."""


@dataclass(frozen=True)
class User:
    username: str
    role: str
    created_at: str
    password_hash: str = field(repr=False)
    version: str = ""  # changes with every change to the account; a session keeps its own


def users_path() -> Path:
    return radar_home() / "users.yaml"


def state_path() -> Path:
    return radar_home() / "auth_state.json"


def oidc_roles_path() -> Path:
    return radar_home() / "oidc_roles.yaml"


def normalise(username: str) -> str:
    """User names are compared without surrounding spaces and case-insensitively."""
    return (username or "").strip().lower()


def check_username(username: str) -> str:
    name = normalise(username)
    if not USERNAME.fullmatch(name):
        raise UserError(
            f"ongeldige gebruikersnaam {username!r}: 1 tot 64 tekens, letters, cijfers en . _ @ -"
        )
    return name


def check_role(role: str, roles: Roles) -> str:
    if role not in roles.roles:
        raise UserError(f"onbekende rol {role!r}; rollen zijn: {', '.join(roles.roles)}")
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"wachtwoord te kort: minstens {MIN_PASSWORD_LENGTH} tekens")
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


@cache
def _dummy_hash() -> str:
    """A hash no password matches: an unknown user name costs as much time as a known one."""
    return _hasher().hash(secrets.token_urlsafe(32))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except VerificationError:
        return False
    except InvalidHashError:
        log.error("the users file holds a damaged password hash; reset that user")
        return False


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
        raise UserError(f"{path}: geen geldige YAML ({exc})") from None
    entries = data.get("users") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise UserError(f"{path}: verwacht een sleutel 'users:' met per naam rol en hash")
    users = []
    for name, entry in entries.items():
        if not isinstance(entry, dict) or not {"role", "password_hash"} <= set(entry):
            raise UserError(f"{path}: gebruiker {name}: 'role' en 'password_hash' verwacht")
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
            raise UserError(f"gebruiker {name} bestaat al")
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
            raise UserError(f"gebruiker {name} bestaat niet")
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
            raise UserError(f"gebruiker {name} bestaat niet")
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
            raise UserError(f"gebruiker {name} bestaat niet")
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


# --- the key of the lock-out state (outside RADAR_HOME) ---------------------------------


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


# --- log-in and lock-out ----------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    """A log-in attempt: the user when it succeeded; when the name is locked, until when;
    ``refused`` when no password was checked for another reason (``busy``: every check slot
    or the overall rate is taken; ``throttled``: too many failures from this client;
    ``unavailable``: the state key cannot be used), with ``retry_after`` seconds."""

    user: User | None = None
    locked_until: dt.datetime | None = None
    refused: str | None = None
    retry_after: int | None = None

    @property
    def ok(self) -> bool:
        return self.user is not None


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _locked_until(entry: Mapping[str, Any] | None, now: dt.datetime) -> dt.datetime | None:
    until = _when((entry or {}).get("locked_until"))
    return until if until and until > now else None


def _refill(bucket: Mapping[str, Any] | None, per_minute: int, now: dt.datetime) -> float:
    """The tokens in a bucket of ``per_minute`` tokens (full at first), refilled evenly."""
    if not bucket:
        return float(per_minute)
    at = _when(bucket.get("at"))
    elapsed = max(0.0, (now - at).total_seconds()) if at else 0.0
    return min(
        float(per_minute), float(bucket.get("tokens", per_minute)) + elapsed * per_minute / 60
    )


def _prune(state: dict[str, dict[str, Any]], now: dt.datetime, settings: SessionSettings) -> None:
    """Forget names that are not locked, out of their grace and without a failure for
    ``lockout_max_minutes`` (then the next lock is a first one again), and full buckets."""
    quiet = dt.timedelta(minutes=settings.lockout_max_minutes)
    names = state["names"]
    for key in list(names):
        entry = names[key]
        last = _when(entry.get("last_failure"))
        grace = _when(entry.get("grace_until"))
        if (
            not _locked_until(entry, now)
            and (grace is None or grace <= now)
            and (last is None or now - last > quiet)
        ):
            del names[key]
    clients = state["clients"]
    for key in list(clients):
        if _refill(clients[key], settings.client_failures_per_minute, now) >= (
            settings.client_failures_per_minute
        ):
            del clients[key]


@dataclass(frozen=True)
class _Verdict:
    check: bool  # go on and check the password (counted as a failure until it is right)
    locked_until: dt.datetime | None = None  # the name is (now) locked until then
    refused: str | None = None
    retry_after: int | None = None


def _reserve(
    key: str, client_key: str | None, now: dt.datetime, settings: SessionSettings, path: Path
) -> _Verdict:
    """Under the state lock: refuse a locked name or a throttled client without a check, or
    count this attempt as a failure now (locking the name when it is one too many) and let
    it be checked. Read, change, write under one lock: no failure or lock is ever lost."""
    with _locked(path.parent):
        state = _load_state(path)
        _prune(state, now, settings)
        entry = dict(state["names"].get(key) or {})
        locked = _locked_until(entry, now)
        if locked:
            return _Verdict(False, locked_until=locked)
        client_tokens = None
        if client_key is not None:
            rate = settings.client_failures_per_minute
            client_tokens = _refill(state["clients"].get(client_key), rate, now)
            if client_tokens < 1:
                wait = (1 - client_tokens) * 60 / rate
                return _Verdict(False, refused="throttled", retry_after=max(1, round(wait + 0.5)))
        rate = settings.failures_per_minute
        total_tokens = _refill(state["total"], rate, now)
        if total_tokens < 1:
            wait = (1 - total_tokens) * 60 / rate
            return _Verdict(False, refused="busy", retry_after=max(1, round(wait + 0.5)))
        if client_tokens is not None:
            state["clients"][client_key] = {"tokens": client_tokens - 1, "at": now.isoformat()}
        state["total"] = {"tokens": total_tokens - 1, "at": now.isoformat()}

        window = dt.timedelta(minutes=settings.lockout_minutes)
        last = _when(entry.get("last_failure"))
        failures = entry.get("failures", 0) if last and now - last <= window else 0
        entry["failures"] = failures + 1
        entry["last_failure"] = now.isoformat()
        grace = _when(entry.get("grace_until"))
        locked = None
        if entry["failures"] >= settings.lockout_failures and (grace is None or now >= grace):
            locks = entry.get("locks", 0) + 1
            minutes = min(
                settings.lockout_minutes * 2 ** min(locks - 1, 20), settings.lockout_max_minutes
            )
            locked = now + dt.timedelta(minutes=minutes)
            entry.update(
                failures=0,
                locks=locks,
                locked_until=locked.isoformat(),
                grace_until=(
                    locked + dt.timedelta(minutes=settings.lockout_grace_minutes)
                ).isoformat(),
            )
        state["names"][key] = entry
        _save_state(state, path)
        return _Verdict(True, locked_until=locked)


def _succeeded(
    key: str, client_key: str | None, now: dt.datetime, settings: SessionSettings, path: Path
) -> None:
    """A right password: the name's failures, lock and lock history go, and the attempt is
    given back to the client's and the overall throttle."""
    with _locked(path.parent):
        state = _load_state(path)
        state["names"].pop(key, None)
        buckets = [(state["total"], settings.failures_per_minute)]
        if client_key is not None and client_key in state["clients"]:
            buckets.append((state["clients"][client_key], settings.client_failures_per_minute))
        for bucket, rate in buckets:
            if bucket:
                bucket["tokens"] = min(float(rate), _refill(bucket, rate, now) + 1)
                bucket["at"] = now.isoformat()
        _save_state(state, path)


@contextmanager
def check_slot(directory: Path, slots: int, wait: float | None = None) -> Iterator[bool]:
    """One of ``slots`` places for a password check, shared by every process and thread on
    this RADAR_HOME (a lock file per place, flock'ed without blocking). Yields False when
    none came free within ``wait`` seconds (default SLOT_WAIT_SECONDS): then check nothing.
    """
    directory.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (SLOT_WAIT_SECONDS if wait is None else wait)
    while True:
        for i in range(slots):
            fd = _private_open(directory / f".auth.check.{i}.lock")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                yield True
            finally:
                os.close(fd)
            return
        if time.monotonic() >= deadline:
            yield False
            return
        time.sleep(0.02)


def authenticate(
    username: str,
    password: str,
    *,
    now: dt.datetime | None = None,
    settings: SessionSettings | None = None,
    path: Path | None = None,
    client: str | None = None,
) -> LoginResult:
    """Check a user name and password against the users file, with lock-out and throttles.

    A known and an unknown name take the same path (an unknown name is checked against a
    dummy hash and counted and locked the same way), so the answer never tells whether a
    name exists. While a name is locked, no password is checked at all. ``client`` names
    where the attempt comes from (the dashboard gives the IP address, else the browser
    session); its failures are throttled per minute. ``now`` is for tests (a fixed clock).
    """
    now = now or _utcnow()
    path = path or users_path()
    settings = settings or load_roles().session
    name = normalise(username)
    state_file = path.parent / state_path().name
    try:
        mac_key = _state_mac_key()
    except AuthStateError as exc:
        log.error("log-in refused: %s", exc)
        return LoginResult(refused="unavailable")
    key = _mac("name", name, mac_key)
    client_key = _mac("client", client, mac_key) if client else None
    user = load_users(path).get(name)
    who = name if user else f"unknown name #{key[:8]}"

    # A locked name costs nothing: refused on a read, before waiting for a check slot.
    # (_reserve checks again under the lock: that check is the one that counts.)
    locked = _locked_until(_load_state(state_file)["names"].get(key), now)
    if locked:
        log.warning("log-in refused for %s: locked until %s", who, locked.isoformat())
        return LoginResult(locked_until=locked)
    with check_slot(path.parent, settings.parallel_checks) as slot:
        if not slot:
            log.warning("log-in refused for %s: all %d checks busy", who, settings.parallel_checks)
            return LoginResult(refused="busy", retry_after=int(SLOT_WAIT_SECONDS) or 1)
        verdict = _reserve(key, client_key, now, settings, state_file)
        if not verdict.check:
            if verdict.locked_until:
                log.warning("log-in refused for %s: locked until %s", who, verdict.locked_until)
            else:
                log.warning("log-in refused for %s: %s", who, verdict.refused)
            return LoginResult(
                locked_until=verdict.locked_until,
                refused=verdict.refused,
                retry_after=verdict.retry_after,
            )
        matches = _verify(user.password_hash if user else _dummy_hash(), password or "")
        ok = matches and user is not None
        if ok:
            _succeeded(key, client_key, now, settings, state_file)
            if _hasher().check_needs_rehash(user.password_hash):
                _rehash(user, password, path)
    if not ok:
        # This attempt was counted before the check; it may have locked the name, or an
        # attempt at the same moment may have.
        locked = verdict.locked_until or _locked_until(
            _load_state(state_file)["names"].get(key), now
        )
        if locked:
            log.warning("log-in refused for %s: wrong password, now locked", who)
        else:
            log.warning("log-in refused for %s: wrong password", who)
        return LoginResult(locked_until=locked)
    log.info("log-in of %s (role %s)", user.username, user.role)
    return LoginResult(user=user)


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


# --- OpenID Connect ---------------------------------------------------------------------


def auth_mode() -> str:
    """RADAR_AUTH: ``password`` (the users file; the default) or ``oidc`` (st.login)."""
    mode = (os.environ.get("RADAR_AUTH") or "password").strip().lower()
    if mode not in AUTH_MODES:
        raise ValueError(f"RADAR_AUTH={mode!r}: expected one of {', '.join(AUTH_MODES)}")
    return mode


class RoleRefused(ValueError):
    """An OIDC user the radar gives no role: ``reason`` is no_role or several_roles."""

    def __init__(self, reason: str, identity: str, found: list[str] | None = None) -> None:
        super().__init__(f"{identity}: {reason} {found or ''}".strip())
        self.reason, self.identity, self.found = reason, identity, found or []


def load_oidc_mapping(roles: Roles, path: Path | None = None) -> dict[str, str]:
    """RADAR_HOME/oidc_roles.yaml, e-mail address -> role; empty when there is none."""
    path = path or oidc_roles_path()
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise RolesError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RolesError(f"{path}: expected e-mail address: role, one per line")
    mapping = {}
    for email, role in data.items():
        if role not in roles.roles:
            raise RolesError(
                f"{path}, entry {email}: unknown role {role!r}; roles are {', '.join(roles.roles)}"
            )
        mapping[normalise(str(email))] = str(role)
    return mapping


def oidc_identity(claims: Mapping[str, Any]) -> str:
    """Who the ID token says this is: e-mail, else preferred_username (Entra ID), else sub."""
    for claim in ("email", "preferred_username", "upn", "sub"):
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return normalise(value)
    return ""


def oidc_role(claims: Mapping[str, Any], *, roles: Roles, mapping: Mapping[str, str]) -> str:
    """The role of an OIDC user: the mapping file first, else the role claim.

    The claim (``oidc.role_claim``, default ``roles``: Entra ID's app roles) may hold one
    value or a list; exactly one of its values must be a role of roles.yaml. No role, or
    several, is refused: access is given on purpose, never by accident.
    """
    identity = oidc_identity(claims)
    if identity and identity in mapping:
        return mapping[identity]
    value = claims.get(roles.oidc.role_claim)
    values = [value] if isinstance(value, str) else list(value or [])
    found = list(dict.fromkeys(str(v).strip() for v in values if str(v).strip() in roles.roles))
    if len(found) == 1:
        return found[0]
    raise RoleRefused("several_roles" if found else "no_role", identity, found)
