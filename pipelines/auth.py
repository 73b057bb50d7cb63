"""Who may use the radar, and as what: roles as data, users, passwords, lock-out, OIDC roles.

- ``risks/roles.yaml`` says per role which pages it sees and which actions it may take,
  plus the session settings (time-out, lock-out); ``load_roles`` refuses a broken file
  with its line and field, like the rest of the catalogue.
- The embedded default keeps users in ``RADAR_HOME/users.yaml`` (mode 0600, written
  atomically): user name, role, an argon2id hash of the password, when it was created.
  A password is never logged or stored; only its hash is.
- ``authenticate`` checks a password, counts failures per user name in
  ``RADAR_HOME/auth_state.json`` (known or unknown names alike, stored as hashes, so the
  file never holds what someone typed) and locks a name after too many failures.
- With OpenID Connect (``RADAR_AUTH=oidc``) the identity provider checks the password;
  ``oidc_role`` takes the role from a claim of the ID token or from the mapping file
  ``RADAR_HOME/oidc_roles.yaml``.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import re
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import yaml
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import Field, ValidationError, field_validator

from pipelines.catalogue import (
    CatalogueError,
    Strict,
    Text,
    _compose,
    _locate,
    _read_yaml,
    catalogue_dir,
)
from pipelines.warehouse import radar_home

log = logging.getLogger("radar.auth")

ROLES_FILE = "roles.yaml"
AUTH_MODES = ("password", "oidc")
Action = Literal[
    "edit_register", "rescore", "take_snapshot", "upload_data", "see_person_level", "manage_users"
]
ACTIONS: tuple[str, ...] = get_args(Action)
USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
MIN_PASSWORD_LENGTH = 12
USERS_HEADER = (
    "# Integriteitsradar users, written by `radar users`: user name -> role, argon2id hash of\n"
    "# the password, creation time. Never holds a password. Keep this file private (0600).\n"
)


# --- roles (risks/roles.yaml) -----------------------------------------------------------


class RolesError(CatalogueError):
    """risks/roles.yaml or the OIDC role mapping cannot be used; the message says where."""


class SessionSettings(Strict):
    timeout_minutes: Annotated[int, Field(ge=1, le=24 * 60)]
    lockout_failures: Annotated[int, Field(ge=1, le=100)]
    lockout_minutes: Annotated[int, Field(ge=1, le=24 * 60)]


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
        from dashboard.pages import PAGE_FILES  # the page list; it imports nothing back

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


def generate_password() -> str:
    """A random password of 16 URL-safe characters (96 bits)."""
    return secrets.token_urlsafe(12)


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


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """One writer at a time for the users file and the lock-out state."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".auth.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` with mode 0600 through a temporary file and one rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def load_users(path: Path | None = None) -> dict[str, User]:
    """The users by name; none when there is no users file yet."""
    path = path or users_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    return dict(_read_users(str(path), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=8)
def _read_users(path: str, mtime_ns: int, size: int) -> tuple[tuple[str, User], ...]:
    """Parsed once per version of the file: the dashboard checks it on every run."""
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
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
            }
            for u in sorted(users.values(), key=lambda u: u.username)
        }
    }
    _write_private(path, USERS_HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


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
    password = password if password is not None else generate_password()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"wachtwoord te kort: minstens {MIN_PASSWORD_LENGTH} tekens")
    hashed = _hasher().hash(password)
    with _locked(path.parent):
        users = load_users(path)
        if name in users:
            raise UserError(f"gebruiker {name} bestaat al")
        users[name] = User(name, role, _now_iso(), hashed)
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
        state = _load_state(path.parent / state_path().name)
        if state.pop(_state_key(name), None) is not None:
            _save_state(state, path.parent / state_path().name)
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
        users[name] = User(name, role, old.created_at, old.password_hash)
        _save_users(users, path)
    log.info("user %s now has role %s", name, role)


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
            name: User(name, name, _now_iso(), _hasher().hash(pw)) for name, pw in passwords.items()
        }
        _save_users(users, path)
    log.info("demo users created: %s", ", ".join(passwords))
    return passwords


def role_of(username: str | None, path: Path | None = None) -> str | None:
    """The role the users file gives ``username`` now; None when it is not (or no longer) there."""
    user = load_users(path).get(normalise(username or ""))
    return user.role if user else None


# --- log-in and lock-out ----------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    """A log-in attempt: the user when it succeeded; when the name is locked, until when."""

    user: User | None = None
    locked_until: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.user is not None


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _state_key(name: str) -> str:
    """Names are kept as hashes: someone who types a password as user name leaves no trace."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:32]


def _load_state(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.error("%s is unreadable; lock-out counts start again", path)
        return {}
    return data if isinstance(data, dict) else {}


def _save_state(state: Mapping[str, Any], path: Path) -> None:
    _write_private(path, json.dumps(state, indent=1, sort_keys=True) + "\n")


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _locked_until(entry: Mapping[str, Any] | None, now: dt.datetime) -> dt.datetime | None:
    until = _when((entry or {}).get("locked_until"))
    return until if until and until > now else None


def _prune(state: dict[str, dict[str, Any]], now: dt.datetime, window: dt.timedelta) -> None:
    """Forget names whose lock has ended and whose last failure is outside the window."""
    for key in list(state):
        entry = state[key]
        last = _when(entry.get("last_failure"))
        if not _locked_until(entry, now) and (last is None or now - last > window):
            del state[key]


def _record(
    ok: bool, name: str, now: dt.datetime, settings: SessionSettings, directory: Path
) -> dt.datetime | None:
    """Count a failure (returning the lock's end when this one locks the name) or clear
    the count after a success."""
    path = directory / state_path().name
    window = dt.timedelta(minutes=settings.lockout_minutes)
    key = _state_key(name)
    with _locked(directory):
        state = _load_state(path)
        if ok:
            if state.pop(key, None) is not None:
                _save_state(state, path)
            return None
        entry = state.get(key) or {}
        last = _when(entry.get("last_failure"))
        failures = entry.get("failures", 0) if last and now - last <= window else 0
        failures += 1
        entry = {"failures": failures, "last_failure": now.isoformat()}
        locked = None
        if failures >= settings.lockout_failures:
            locked = now + window
            entry = {
                "failures": 0,
                "last_failure": now.isoformat(),
                "locked_until": locked.isoformat(),
            }
        state[key] = entry
        _prune(state, now, window)
        _save_state(state, path)
        return locked


def authenticate(
    username: str,
    password: str,
    *,
    now: dt.datetime | None = None,
    settings: SessionSettings | None = None,
    path: Path | None = None,
) -> LoginResult:
    """Check a user name and password against the users file, with lock-out.

    A known and an unknown name take the same path (an unknown name is checked against a
    dummy hash and counted and locked the same way), so the answer never tells whether a
    name exists. While a name is locked, no password is checked at all.
    """
    now = now or _utcnow()
    path = path or users_path()
    settings = settings or load_roles().session
    name = normalise(username)
    state_file = path.parent / state_path().name
    locked = _locked_until(_load_state(state_file).get(_state_key(name)), now)
    user = load_users(path).get(name)
    who = name if user else f"unknown name #{_state_key(name)[:8]}"
    if locked:
        log.warning("log-in refused for %s: locked until %s", who, locked.isoformat())
        return LoginResult(locked_until=locked)
    matches = _verify(user.password_hash if user else _dummy_hash(), password or "")
    ok = matches and user is not None
    locked = _record(ok, name, now, settings, path.parent)
    if not ok:
        if locked:
            log.warning("log-in refused for %s: wrong password, now locked", who)
        else:
            log.warning("log-in refused for %s: wrong password", who)
        return LoginResult(locked_until=locked)
    if _hasher().check_needs_rehash(user.password_hash):
        _rehash(user, password, path)
    log.info("log-in of %s (role %s)", user.username, user.role)
    return LoginResult(user=user)


def _rehash(user: User, password: str, path: Path) -> None:
    """Store a hash with today's parameters after a successful log-in (best effort)."""
    hashed = _hasher().hash(password)
    with _locked(path.parent):
        users = load_users(path)
        if user.username in users and users[user.username].password_hash == user.password_hash:
            users[user.username] = User(user.username, user.role, user.created_at, hashed)
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
