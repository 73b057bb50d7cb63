"""Attacks on the log-in (issue 12, item 1), reproduced and refused: wrong passwords from
many processes at once, a flood of expensive password checks, the failed-name store read
with a dictionary, a password reset that left the old session in, and an attacker who tries
to keep the owner out of their account for good.

Password checks here use a cheap argon2 setting (``fast_hash``); what is measured is
which checks run, not how long one takes. Clocks are injected (``now=``), never slept on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import multiprocessing
import os
import shutil
import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from pipelines.access import auth_state, login
from pipelines.access import users as accounts
from pipelines.access.login import authenticate
from pipelines.access.roles import SessionSettings
from pipelines.access.users import add_user, normalise
from tests.apphelpers import TEST_PASSWORD, log_in, run_app

PASSWORD = "correct-horse-battery"
T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
SETTINGS = SessionSettings(
    timeout_minutes=30,
    lockout_failures=5,
    lockout_minutes=15,
    lockout_max_minutes=60,
    lockout_grace_minutes=5,
    parallel_checks=4,
    client_failures_per_minute=10,
    failures_per_minute=60,
)
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def state_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The lock-out state's key in a folder of its own (outside RADAR_HOME, never ~/.config)."""
    path = tmp_path_factory.mktemp("auth-key") / "auth_state.key"
    monkeypatch.delenv(auth_state.STATE_KEY_ENV, raising=False)
    monkeypatch.setenv(auth_state.STATE_KEY_FILE_ENV, str(path))
    return path


@pytest.fixture(autouse=True)
def fast_hash(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(accounts, "_hasher", lambda: CHEAP)
    monkeypatch.setattr(login, "_hasher", lambda: CHEAP)
    login._dummy_hash.cache_clear()
    yield
    login._dummy_hash.cache_clear()


@pytest.fixture
def home(empty_home: Path) -> Path:
    return empty_home


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password check (argon2 verify) made in this process, in order."""
    made: list[str] = []
    real = login._verify

    def counting(password_hash: str, password: str) -> bool:
        made.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(login, "_verify", counting)
    return made


def state(home: Path) -> dict:
    return json.loads((home / "auth_state.json").read_text("utf-8"))


def entry_of(home: Path, name: str) -> dict | None:
    return state(home)["names"].get(auth_state._mac("name", normalise(name)))


# --- (a) many processes at once ---------------------------------------------------------------


def _attempt_at_once(barrier, results, counter: str, i: int) -> None:
    """One browser session's log-in, in a process of its own: the form's own call."""
    real = login._verify

    def slow_counted(password_hash: str, password: str) -> bool:
        with open(counter, "a") as fh:  # O_APPEND: one line per check, from any process
            fh.write(f"{i}\n")
        threading.Event().wait(0.05)  # a check takes a while: the window the race needs
        return real(password_hash, password)

    login._verify = slow_counted
    barrier.wait(timeout=30)
    result = authenticate("anna", f"wrong-{i}", settings=SETTINGS, client=f"ip:10.0.0.{i}")
    results.put((i, result.ok, result.locked_until is not None, result.refused))


def test_twenty_wrong_passwords_at_once_from_twenty_processes_lock_the_name(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    monkeypatch.setattr(login, "SLOT_WAIT_SECONDS", 30.0)  # no attempt may give up as "busy"
    counter = tmp_path / "checks.txt"
    ctx = multiprocessing.get_context("fork")  # the children share this test's patches
    barrier, results = ctx.Barrier(20), ctx.Queue()
    procs = [
        ctx.Process(target=_attempt_at_once, args=(barrier, results, str(counter), i))
        for i in range(20)
    ]
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for proc in procs:
        proc.join(timeout=30)
        assert proc.exitcode == 0
    assert not any(ok for _, ok, _, _ in outcomes)
    assert [refused for *_, refused in outcomes] == [None] * 20  # none was too busy
    # Exactly lockout_failures passwords were checked; the lock stopped the other 15.
    assert len(counter.read_text().split()) == SETTINGS.lockout_failures
    assert sum(locked for _, _, locked, _ in outcomes) >= 20 - SETTINGS.lockout_failures + 1
    # The right password is refused now, and the state file still holds the lock.
    after = authenticate("anna", PASSWORD, settings=SETTINGS)
    assert not after.ok and after.locked_until is not None
    until = dt.datetime.fromisoformat(entry_of(home, "anna")["locked_until"])
    assert until == after.locked_until > dt.datetime.now(dt.UTC)


def test_no_write_loses_a_lock(home: Path, checks: list[str]) -> None:
    """Whatever else is written after a lock (failures and successes of other names, a
    user removed, a hash renewed), the lock stays, and a locked name is never checked."""
    add_user("anna", "risicomanager", PASSWORD)
    add_user("carl", "dt", PASSWORD)
    add_user("dave", "dt", PASSWORD)
    for _ in range(SETTINGS.lockout_failures):
        authenticate("anna", "wrong-password", now=T0, settings=SETTINGS)
    until = dt.datetime.fromisoformat(entry_of(home, "anna")["locked_until"])
    authenticate("bert", "wrong-password", now=T0, settings=SETTINGS)
    assert authenticate("carl", PASSWORD, now=T0, settings=SETTINGS).ok
    accounts.remove_user("dave")
    accounts.set_role("carl", "rvc")
    made = len(checks)
    for minute in range(0, 15):
        later = T0 + dt.timedelta(minutes=minute)
        result = authenticate("anna", PASSWORD, now=later, settings=SETTINGS, client="ip:x")
        assert result == login.LoginResult(locked_until=until)  # its end does not move
    assert len(checks) == made  # not one password checked while locked
    assert dt.datetime.fromisoformat(entry_of(home, "anna")["locked_until"]) == until


# --- (b) a cap on password checks at once -------------------------------------------------------


def test_a_check_beyond_the_cap_is_refused_without_running_argon2(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = SETTINGS.model_copy(update={"parallel_checks": 2})
    monkeypatch.setattr(login, "SLOT_WAIT_SECONDS", 0.2)
    add_user("anna", "risicomanager", PASSWORD)
    add_user("bert", "dt", PASSWORD)
    running, release, calls = threading.Semaphore(0), threading.Event(), []
    real = login._verify

    def blocking(password_hash: str, password: str) -> bool:
        calls.append(password)
        running.release()
        release.wait(30)
        return real(password_hash, password)

    monkeypatch.setattr(login, "_verify", blocking)
    results: list[login.LoginResult] = []
    threads = [
        threading.Thread(
            target=lambda i=i: results.append(
                authenticate("anna", f"wrong-{i}", settings=settings, client=f"ip:10.1.0.{i}")
            )
        )
        for i in range(2)
    ]
    for thread in threads:
        thread.start()
    try:
        assert running.acquire(timeout=30) and running.acquire(timeout=30)
        third = authenticate("bert", PASSWORD, settings=settings, client="ip:10.1.0.9")
        assert not third.ok and third.refused == "busy" and third.locked_until is None
        assert len(calls) == 2  # the third never reached argon2
        assert entry_of(home, "bert") is None  # and is not counted as a failure
    finally:
        release.set()
        for thread in threads:
            thread.join(timeout=30)
    assert [r.ok for r in results] == [False, False]
    assert authenticate("bert", PASSWORD, settings=settings).ok  # a slot is free again
    assert len(calls) == 3


def _hold_every_slot(directory: str, slots: int, held, done) -> None:
    with login.check_slot(Path(directory), slots, wait=0) as first:
        with login.check_slot(Path(directory), slots, wait=0) as second:
            assert first and second
            held.set()
            done.wait(30)


def test_the_cap_holds_across_processes(home: Path, checks: list[str]) -> None:
    settings = SETTINGS.model_copy(update={"parallel_checks": 2})
    add_user("anna", "risicomanager", PASSWORD)
    ctx = multiprocessing.get_context("fork")
    held, done = ctx.Event(), ctx.Event()
    other = ctx.Process(target=_hold_every_slot, args=(str(home), 2, held, done))
    other.start()
    try:
        assert held.wait(30)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(login, "SLOT_WAIT_SECONDS", 0.1)
            result = authenticate("anna", PASSWORD, settings=settings)
        assert result.refused == "busy" and checks == []
    finally:
        done.set()
        other.join(timeout=30)
    assert authenticate("anna", PASSWORD, settings=settings).ok


# --- throttles per client and overall -----------------------------------------------------------


def test_failures_are_throttled_per_client_and_overall(home: Path, checks: list[str]) -> None:
    settings = SETTINGS.model_copy(
        update={"client_failures_per_minute": 3, "failures_per_minute": 5}
    )
    add_user("anna", "risicomanager", PASSWORD)
    # One client, other names each time (so no lock plays a part): three failures a minute.
    for i in range(3):
        assert authenticate(f"name-{i}", "x", now=T0, settings=settings, client="ip:a") == (
            login.LoginResult()
        )
    made = len(checks)
    too_fast = authenticate("anna", PASSWORD, now=T0, settings=settings, client="ip:a")
    assert too_fast == login.LoginResult(refused="throttled", retry_after=20)
    assert len(checks) == made and entry_of(home, "anna") is None
    # Another client is not throttled by that one, up to the overall rate (5 a minute) ...
    assert authenticate("name-3", "x", now=T0, settings=settings, client="ip:b").refused is None
    assert authenticate("name-4", "x", now=T0, settings=settings, client="ip:c").refused is None
    busy = authenticate("anna", PASSWORD, now=T0, settings=settings, client="ip:d")
    assert busy.refused == "busy" and len(checks) == made + 2
    # ... and both fill up again with time.
    later = T0 + dt.timedelta(seconds=20)
    assert authenticate("anna", PASSWORD, now=later, settings=settings, client="ip:a").ok


def test_a_right_password_does_not_use_up_the_throttle(home: Path) -> None:
    settings = SETTINGS.model_copy(
        update={"client_failures_per_minute": 2, "failures_per_minute": 2}
    )
    add_user("anna", "risicomanager", PASSWORD)
    for _ in range(10):
        assert authenticate("anna", PASSWORD, now=T0, settings=settings, client="ip:a").ok


# --- (c) the failed-name store ------------------------------------------------------------------


def test_a_typed_name_is_kept_only_under_a_keyed_mac(home: Path, state_key: Path) -> None:
    typed = "Zomer2026!MijnWachtwoord"  # a password typed into the name field
    name = normalise(typed)
    authenticate(typed, "x", now=T0, settings=SETTINGS, client="ip:192.0.2.7")
    text = (home / "auth_state.json").read_text("utf-8")
    for value in {typed, name}:
        assert value not in text
        digest = hashlib.sha256(value.encode()).hexdigest()
        assert digest[:32] not in text  # no unkeyed hash to test a dictionary against
    assert "192.0.2.7" not in text
    assert hashlib.sha256(b"ip:192.0.2.7").hexdigest()[:32] not in text

    key = state_key.read_text("utf-8").strip().encode()
    expected = hmac.new(key, b"name\0" + name.encode(), hashlib.sha256).hexdigest()[:32]
    assert list(state(home)["names"]) == [expected]
    other_key = b"another-key-of-at-least-32-characters!!"
    other = hmac.new(other_key, b"name\0" + name.encode(), hashlib.sha256).hexdigest()[:32]
    assert other != expected and other not in text
    # The key lives outside RADAR_HOME, private; the state file holds no key.
    assert home not in state_key.parents and state_key.stat().st_mode & 0o077 == 0
    assert key.decode() not in text


def test_an_old_state_with_unkeyed_hashes_is_dropped(home: Path) -> None:
    old_key = hashlib.sha256(b"anna").hexdigest()[:32]
    (home / "auth_state.json").write_text(json.dumps({old_key: {"failures": 3}}), "utf-8")
    authenticate("anna", "x", now=T0, settings=SETTINGS)
    assert old_key not in (home / "auth_state.json").read_text("utf-8")


def test_without_a_usable_key_nobody_logs_in_and_nothing_is_checked(
    home: Path, monkeypatch: pytest.MonkeyPatch, checks: list[str]
) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    monkeypatch.setenv(auth_state.STATE_KEY_ENV, "too-short")
    assert authenticate("anna", PASSWORD, settings=SETTINGS) == (
        login.LoginResult(refused="unavailable")
    )
    monkeypatch.delenv(auth_state.STATE_KEY_ENV)
    monkeypatch.setenv(auth_state.STATE_KEY_FILE_ENV, str(home / "auth_state.key"))  # in RADAR_HOME
    assert authenticate("anna", PASSWORD, settings=SETTINGS).refused == "unavailable"
    assert checks == [] and not (home / "auth_state.key").exists()


def test_the_key_file_is_in_the_key_folder_else_in_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(auth_state.STATE_KEY_FILE_ENV)
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    assert auth_state.state_key_file() == tmp_path / "keys" / "auth_state.key"
    monkeypatch.delenv("RADAR_KEY_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert auth_state.state_key_file() == tmp_path / "xdg" / "integriteitsradar" / "auth_state.key"


# --- (d) a password reset ends the old session --------------------------------------------------


def test_remove_and_add_with_the_same_role_ends_the_old_session_at_the_next_click(
    tmp_path: Path, built_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(built_home / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    monkeypatch.delenv("RADAR_AUTH", raising=False)
    at = run_app(role="risicomanager")
    name = "test-risicomanager"
    at.run()
    assert at.session_state["auth_user"] == name  # a click without a change: still in
    accounts.remove_user(name)
    add_user(name, "risicomanager", TEST_PASSWORD)  # the same name, role, even password
    at.run()
    assert [x.value for x in at.title] == ["Inloggen"]
    assert at.warning[0].value.startswith("Uw account is gewijzigd of verwijderd")
    assert "auth_user" not in at.session_state
    log_in(at, name, TEST_PASSWORD)
    assert at.session_state["auth_role"] == "risicomanager"
    accounts.set_password(name, "a-new-password-for-anna")  # `radar users set-password`
    at.run()
    assert [x.value for x in at.title] == ["Inloggen"]
    assert at.warning[0].value.startswith("Uw account is gewijzigd of verwijderd")


def test_refusals_without_a_check_say_so_in_dutch(
    tmp_path: Path, built_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(built_home / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    monkeypatch.delenv("RADAR_AUTH", raising=False)
    at = run_app(role=None)
    refusals = {
        "busy": "Het is op dit moment te druk om in te loggen. Probeer het zo opnieuw.",
        "throttled": (
            "Te veel mislukte pogingen vanaf deze verbinding. Probeer het over 7 seconden opnieuw."
        ),
        "unavailable": "Inloggen is op dit moment niet mogelijk door een fout op de server.",
    }
    for refused, message in refusals.items():
        result = login.LoginResult(refused=refused, retry_after=7)
        monkeypatch.setattr("dashboard.auth_ui.authenticate", lambda *a, r=result, **k: r)
        log_in(at, "anna", PASSWORD)
        assert at.error[0].value.startswith(message), refused
        assert "auth_user" not in at.session_state


# --- (e) nobody can keep the owner out for good -------------------------------------------------

POLICY = SETTINGS.model_copy(
    update={
        "lockout_failures": 3,
        "lockout_minutes": 10,
        "lockout_max_minutes": 40,
        "lockout_grace_minutes": 5,
        "client_failures_per_minute": 6,
    }
)


def test_an_attacker_at_the_throttle_rate_cannot_keep_the_owner_out_for_good(home: Path) -> None:
    """An attacker fails as fast as the throttle lets one client (every 10 s) for hours.
    Locks double up to lockout_max_minutes and no further; a lock's end never moves; after
    every lock the name cannot be locked again for lockout_grace_minutes; and the owner's
    right password works the moment the longest lock ends, attacker or not."""
    add_user("anna", "risicomanager", PASSWORD)
    step = dt.timedelta(seconds=60 / POLICY.client_failures_per_minute)
    locks: list[tuple[dt.datetime, dt.datetime]] = []  # (first refused, end)
    now = T0
    while len(locks) < 5:
        result = authenticate("anna", "guess", now=now, settings=POLICY, client="ip:203.0.113.6")
        assert result.refused is None, now  # the attacker stays within the throttle
        if result.locked_until:
            if locks and locks[-1][1] > now:
                assert result.locked_until == locks[-1][1]  # the end never moves
            else:
                locks.append((now, result.locked_until))
            # The owner, meanwhile, is refused without a check, until that same end.
            owner = authenticate("anna", PASSWORD, now=now, settings=POLICY, client="ip:owner")
            assert owner.locked_until == result.locked_until
        now += step
    minutes = [round((end - start).total_seconds() / 60) for start, end in locks]
    assert minutes == [10, 20, 40, 40, 40]  # doubling, capped at lockout_max_minutes
    for (_, end), (next_start, _) in zip(locks, locks[1:], strict=False):
        assert next_start - end >= dt.timedelta(minutes=POLICY.lockout_grace_minutes)

    # The last (longest) lock ends; the attacker fails at that very moment and right after,
    # and the owner's right password works all the same.
    end = locks[-1][1]
    attacker = authenticate("anna", "guess", now=end, settings=POLICY, client="ip:203.0.113.6")
    assert not attacker.ok and attacker.locked_until is None
    owner = authenticate("anna", PASSWORD, now=end + step, settings=POLICY, client="ip:owner")
    assert owner.ok


def test_a_changed_account_is_seen_even_when_the_file_keeps_its_time_and_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A password reset written within one tick of a coarse clock, to a file of the same
    size: the next read still sees the new version (the read is keyed by the content)."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    accounts.add_user("anna", "rvc", "een-oud-wachtwoord-12")
    path = accounts.users_path()
    before = accounts.load_users()["anna"].version
    stat = path.stat()
    accounts.set_password("anna", "een-nieuw-wachtwrd-12")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert accounts.load_users()["anna"].version != before
