"""Log-in: checking a password, counting attempts, lock-out and throttles.

``authenticate`` checks a password. Before any check, under one inter-process lock
(``auth_state._locked``), it reads the lock-out state, refuses a locked name without
checking, applies the throttles and counts the attempt as a failure; only a right password
takes the count back. The argon2 check itself runs outside that lock, in one of
``session.parallel_checks`` check slots (lock files shared by every process and thread);
with every slot busy the attempt is refused without a check.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import secrets
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from argon2.exceptions import InvalidHashError, VerificationError

from pipelines.access.auth_state import (
    AuthStateError,
    _load_state,
    _locked,
    _mac,
    _private_open,
    _save_state,
    _state_mac_key,
    state_path,
)
from pipelines.access.roles import SessionSettings, load_roles
from pipelines.access.users import User, _hasher, _rehash, load_users, normalise, users_path

log = logging.getLogger("radar.auth")

SLOT_WAIT_SECONDS = 5.0  # how long an attempt waits for a free check slot before "busy"


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
