"""Log-in without the dashboard: roles as data, the users file and `radar users`, passwords,
lock-out, and the OIDC role mapping (pipelines/access/, pipelines/cli/users.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from argon2 import PasswordHasher

from dashboard.pages import PAGE_FILES
from pipelines.access import auth_state, login, oidc
from pipelines.access import users as accounts
from pipelines.access.login import authenticate
from pipelines.access.oidc import RoleRefused, load_oidc_mapping, oidc_role
from pipelines.access.roles import RolesError, SessionSettings, load_roles
from pipelines.access.users import UserError, add_user, load_users
from pipelines.cli.main import main
from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR

# the product's own argon2 parameters, not the suite's cheap ones (tests/fastpaths.py)
pytestmark = pytest.mark.real_password_hash

PASSWORD = "correct-horse-battery"
SETTINGS = SessionSettings(timeout_minutes=30, lockout_failures=3, lockout_minutes=10)
T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def home(empty_home: Path) -> Path:
    return empty_home


@pytest.fixture(autouse=True)
def auth_state_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """The lock-out state's key in a folder of its own (outside RADAR_HOME, never ~/.config)."""
    path = tmp_path_factory.mktemp("auth-key") / "auth_state.key"
    monkeypatch.delenv(auth_state.STATE_KEY_ENV, raising=False)
    monkeypatch.setenv(auth_state.STATE_KEY_FILE_ENV, str(path))
    return path


@pytest.fixture
def fast_hash(monkeypatch: pytest.MonkeyPatch):
    """A cheap argon2 setting, for tests about accounts rather than about the hash."""
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", lambda: cheap)
    monkeypatch.setattr(login, "_hasher", lambda: cheap)
    login._dummy_hash.cache_clear()
    yield
    login._dummy_hash.cache_clear()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def line_with(text: str, word: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if word in line)


# --- roles.yaml ---------------------------------------------------------------------------


def test_the_roles_are_those_of_the_domain_with_their_pages_and_actions() -> None:
    roles = load_roles()
    assert list(roles.roles) == [
        "dt",
        "risicomanager",
        "rvc",
        "integriteitsfunctionaris",
        "beheerder",
        "vertrouwenspersoon",
    ]
    pages = {r: set(spec.pages) for r, spec in roles.roles.items()}
    assert pages["vertrouwenspersoon"] == {"meldingen.py"}
    assert {r for r, p in pages.items() if "meldingen.py" in p} == {
        "integriteitsfunctionaris",
        "vertrouwenspersoon",
    }
    assert roles.roles_that_can("keep_meldingen") == ["integriteitsfunctionaris"]
    assert roles.roles_that_can("register_melding") == ["vertrouwenspersoon"]
    assert pages["rvc"] == {"rvc.py"}  # never below department level
    assert {r for r, p in pages.items() if "data_quality.py" in p} == {"risicomanager", "beheerder"}
    assert {r for r, p in pages.items() if "exceptions.py" in p} == {"integriteitsfunctionaris"}
    assert roles.roles_that_can("edit_register") == ["risicomanager", "beheerder"]
    assert roles.roles_that_can("see_person_level") == ["integriteitsfunctionaris"]
    assert roles.roles_that_can("manage_users") == ["beheerder"]
    assert set().union(*pages.values()) == set(PAGE_FILES)  # every page is someone's


def test_only_a_role_with_see_person_level_has_the_exceptions_page() -> None:
    roles = load_roles()
    for role, spec in roles.roles.items():
        assert ("exceptions.py" in spec.pages) == roles.can(role, "see_person_level"), role


def test_nobody_and_an_unknown_role_may_do_nothing() -> None:
    roles = load_roles()
    assert not roles.can(None, "edit_register")
    assert not roles.can("admin", "edit_register")


def test_a_broken_roles_file_names_the_line_and_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "risks"
    shutil.copytree(DEFAULT_CATALOGUE_DIR, broken)
    text = (broken / "roles.yaml").read_text("utf-8")
    text = text.replace("actions: [see_person_level,", "actions: [see_everything,")
    text = text.replace("pages: [rvc.py]", "pages: [rvc.py, board.py]")
    (broken / "roles.yaml").write_text(text, "utf-8")
    with pytest.raises(RolesError) as exc:
        load_roles(broken)
    path = broken / "roles.yaml"
    # Dutch as str() (the default), English by text("en") (radar --lang en)
    lines = str(exc.value).splitlines()
    assert lines[0].startswith(f"{path}:{line_with(text, 'board.py')}, veld roles.rvc.pages:")
    assert "onbekende pagina('s) ['board.py']" in lines[0]
    assert lines[1].startswith(
        f"{path}:{line_with(text, 'see_everything')}, "
        "veld roles.integriteitsfunctionaris.actions.0:"
    )
    lines = exc.value.text("en").splitlines()
    assert lines[0].startswith(f"{path}:{line_with(text, 'board.py')}, field roles.rvc.pages:")
    assert "unknown page(s) ['board.py']" in lines[0]
    assert lines[1].startswith(
        f"{path}:{line_with(text, 'see_everything')}, "
        "field roles.integriteitsfunctionaris.actions.0:"
    )
    monkeypatch.setenv("RADAR_CATALOGUE_DIR", str(broken))
    assert main(["users", "demo"]) == 2
    assert "board.py" in capsys.readouterr().err


# --- the users file and `radar users` ------------------------------------------------------


def test_a_user_is_stored_with_an_argon2_hash_never_the_password(home: Path) -> None:
    add_user("Anna", "risicomanager", PASSWORD)
    path = home / "users.yaml"
    text = path.read_text("utf-8")
    assert PASSWORD not in text
    entry = yaml.safe_load(text)["users"]["anna"]
    assert entry["role"] == "risicomanager"
    assert entry["password_hash"].startswith("$argon2id$")
    assert PasswordHasher().verify(entry["password_hash"], PASSWORD)
    assert dt.datetime.fromisoformat(entry["created_at"])
    assert mode(path) == 0o600
    assert [p.name for p in home.iterdir() if p.name.endswith(".tmp")] == []


def test_users_are_managed_with_the_cli(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "add", "anna", "--role", "risicomanager"]) == 0
    out = capsys.readouterr().out
    password = out.split("Wachtwoord (wordt maar één keer getoond): ")[1].strip()
    assert len(password) >= accounts.MIN_PASSWORD_LENGTH
    assert authenticate("anna", password, settings=SETTINGS).ok
    assert mode(home / "users.yaml") == 0o600

    assert main(["users", "set-password", "anna"]) == 0
    out = capsys.readouterr().out
    new_password = out.split("Wachtwoord (wordt maar één keer getoond): ")[1].strip()
    assert "open sessies zijn beëindigd" in out
    assert not authenticate("anna", password, settings=SETTINGS).ok
    assert authenticate("anna", new_password, settings=SETTINGS).ok
    password = new_password

    assert main(["users", "set-role", "anna", "dt"]) == 0
    assert load_users()["anna"].role == "dt"
    assert main(["users", "list"]) == 0
    listed = capsys.readouterr().out
    assert "anna" in listed and "dt" in listed
    assert "argon2" not in listed and password not in listed

    assert main(["users", "remove", "anna"]) == 0
    assert load_users() == {}
    assert mode(home / "users.yaml") == 0o600


def test_a_password_can_come_from_stdin_and_is_then_not_printed(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "bert", "--role", "rvc", "--password-stdin"]) == 0
    assert PASSWORD not in capsys.readouterr().out
    assert authenticate("bert", PASSWORD, settings=SETTINGS).user.role == "rvc"


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["add", "anna", "--role", "risicomanager"], "", "gebruiker anna bestaat al"),
        (["add", "carla", "--role", "admin"], "", "onbekende rol 'admin'"),
        (["add", "carla", "--role", "dt", "--password-stdin"], "kort\n", "wachtwoord te kort"),
        (["add", "carla de wit", "--role", "dt"], "", "ongeldige gebruikersnaam"),
        (["remove", "nobody"], "", "gebruiker nobody bestaat niet"),
        (["set-role", "nobody", "dt"], "", "gebruiker nobody bestaat niet"),
        (["set-role", "anna", "admin"], "", "onbekende rol 'admin'"),
    ],
)
def test_a_users_command_that_cannot_be_done_exits_1_with_the_reason(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: str,
    message: str,
) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    before = (home / "users.yaml").read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(["users", *argv]) == 1
    assert message in capsys.readouterr().err
    assert (home / "users.yaml").read_bytes() == before


def test_demo_accounts_are_made_once_one_per_role(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["users", "demo"]) == 0
    out = capsys.readouterr().out
    roles = list(load_roles().roles)
    passwords = {
        line.split()[0]: line.split()[1] for line in out.splitlines() if line.startswith("  ")
    }
    assert list(passwords) == roles and "vertrouwenspersoon" in passwords
    for name, password in passwords.items():
        result = authenticate(name, password, settings=SETTINGS)
        assert result.ok and result.user.role == name
    before = (home / "users.yaml").read_bytes()
    assert main(["users", "demo"]) == 0
    again = capsys.readouterr().out
    assert "bestaat al" in again and not any(p in again for p in passwords.values())
    assert (home / "users.yaml").read_bytes() == before


# --- log-in and lock-out -------------------------------------------------------------------


def test_the_right_password_logs_in_case_insensitively_by_name(home: Path) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    result = authenticate(" Anna ", PASSWORD, settings=SETTINGS)
    assert result.ok and result.user.username == "anna" and result.user.role == "risicomanager"
    assert not authenticate("anna", PASSWORD.upper(), settings=SETTINGS).ok
    assert not authenticate("anna", "", settings=SETTINGS).ok


def test_an_unknown_name_gets_the_same_answer_as_a_wrong_password(home: Path) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    wrong = authenticate("anna", "not-the-password", settings=SETTINGS)
    unknown = authenticate("nobody", PASSWORD, settings=SETTINGS)
    assert wrong == unknown == login.LoginResult()


@pytest.mark.parametrize("name", ["anna", "nobody"])
def test_a_name_is_locked_after_too_many_failures_and_released_after_the_time(
    home: Path, name: str
) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    for attempt in range(SETTINGS.lockout_failures - 1):
        result = authenticate(name, "wrong-password", now=T0, settings=SETTINGS)
        assert result == login.LoginResult(), attempt
    locked = authenticate(name, "wrong-password", now=T0, settings=SETTINGS)
    until = T0 + dt.timedelta(minutes=SETTINGS.lockout_minutes)
    assert locked == login.LoginResult(locked_until=until)
    # While locked even the right password is refused, with the same answer for any name.
    later = T0 + dt.timedelta(minutes=SETTINGS.lockout_minutes - 1)
    assert authenticate(name, PASSWORD, now=later, settings=SETTINGS).locked_until == until
    other = authenticate("anna", PASSWORD, now=later, settings=SETTINGS)
    assert other.ok is (name != "anna")  # locking one name leaves the others alone
    released = until + dt.timedelta(seconds=1)
    assert authenticate("anna", PASSWORD, now=released, settings=SETTINGS).ok


def test_failures_far_apart_do_not_lock_and_a_success_resets_the_count(home: Path) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    gap = dt.timedelta(minutes=SETTINGS.lockout_minutes + 1)
    for i in range(SETTINGS.lockout_failures + 1):
        assert authenticate("anna", "wrong-password", now=T0 + i * gap, settings=SETTINGS) == (
            login.LoginResult()
        )
    later = T0 + (SETTINGS.lockout_failures + 2) * gap
    for _ in range(SETTINGS.lockout_failures - 1):
        authenticate("anna", "wrong-password", now=later, settings=SETTINGS)
    assert authenticate("anna", PASSWORD, now=later, settings=SETTINGS).ok
    assert not authenticate("anna", "wrong-password", now=later, settings=SETTINGS).locked_until


def test_the_lockout_state_holds_no_names_and_is_private(home: Path, auth_state_key: Path) -> None:
    authenticate("someone-typed-a-secret-here", "x", now=T0, settings=SETTINGS)
    path = home / "auth_state.json"
    assert "someone-typed-a-secret-here" not in path.read_text("utf-8")
    assert len(json.loads(path.read_text("utf-8"))["names"]) == 1
    assert mode(path) == 0o600
    # The key is made on first use, private, outside RADAR_HOME.
    assert auth_state_key.exists() and mode(auth_state_key) == 0o600
    assert home not in auth_state_key.parents


def test_removing_a_user_forgets_its_failures(home: Path) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    authenticate("anna", "wrong-password", now=T0, settings=SETTINGS)
    accounts.remove_user("anna")
    assert json.loads((home / "auth_state.json").read_text("utf-8"))["names"] == {}


def test_the_administrator_unlocks_a_name_with_the_cli(
    home: Path, fast_hash: None, capsys: pytest.CaptureFixture[str]
) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    for _ in range(SETTINGS.lockout_failures):
        authenticate("anna", "wrong-password", settings=SETTINGS)
    assert authenticate("anna", PASSWORD, settings=SETTINGS).locked_until
    assert main(["users", "unlock", "Anna"]) == 0
    assert "anna is ontgrendeld" in capsys.readouterr().out
    assert authenticate("anna", PASSWORD, settings=SETTINGS).ok
    assert main(["users", "unlock", "anna"]) == 0
    assert "was niet vergrendeld" in capsys.readouterr().out


def test_every_change_to_an_account_gives_it_a_new_version(home: Path, fast_hash: None) -> None:
    """The version a session keeps: a change to the account makes it differ (and so ends
    the session); another account's change does not."""
    add_user("anna", "risicomanager", PASSWORD)
    versions = [load_users()["anna"].version]
    accounts.set_role("anna", "dt")
    versions.append(load_users()["anna"].version)
    accounts.set_password("anna", "another-password-2026")
    versions.append(load_users()["anna"].version)
    accounts.remove_user("anna")
    add_user("anna", "dt", "another-password-2026")  # the same name, role and password
    versions.append(load_users()["anna"].version)
    assert len(set(versions)) == len(versions) and all(versions)
    add_user("bert", "rvc", PASSWORD)
    assert load_users()["anna"].version == versions[-1]
    assert "version:" in (home / "users.yaml").read_text("utf-8")


def test_an_account_written_before_versions_gets_a_stable_one(home: Path, fast_hash: None) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    path = home / "users.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    del data["users"]["anna"]["version"]
    path.write_text(yaml.safe_dump(data), "utf-8")
    legacy = load_users()["anna"].version
    assert legacy
    add_user("bert", "rvc", PASSWORD)  # writing the file keeps it
    assert load_users()["anna"].version == legacy
    data["users"]["anna"]["role"] = "dt"  # edited by hand: another version
    path.write_text(yaml.safe_dump(data), "utf-8")
    assert load_users()["anna"].version != legacy


def test_the_max_lock_may_not_be_shorter_than_the_first(tmp_path: Path) -> None:
    broken = tmp_path / "risks"
    shutil.copytree(DEFAULT_CATALOGUE_DIR, broken)
    text = (broken / "roles.yaml").read_text("utf-8")
    text = text.replace("lockout_max_minutes: 60", "lockout_max_minutes: 10")
    text = text.replace("parallel_checks: 4", "parallel_checks: 0")
    (broken / "roles.yaml").write_text(text, "utf-8")
    with pytest.raises(RolesError) as exc:
        load_roles(broken)
    path = broken / "roles.yaml"
    lines = str(exc.value).splitlines()
    assert lines[0] == (
        f"{path}:{line_with(text, 'lockout_max_minutes')}, veld session.lockout_max_minutes: "
        "ongeldige waarde: moet minstens lockout_minutes (15) zijn"
    )
    assert lines[1].startswith(
        f"{path}:{line_with(text, 'parallel_checks')}, veld session.parallel_checks:"
    )
    lines = exc.value.text("en").splitlines()
    assert lines[0] == (
        f"{path}:{line_with(text, 'lockout_max_minutes')}, field session.lockout_max_minutes: "
        "Value error, must be at least lockout_minutes (15)"
    )
    assert lines[1].startswith(
        f"{path}:{line_with(text, 'parallel_checks')}, field session.parallel_checks:"
    )


def test_a_hash_with_old_parameters_is_renewed_at_log_in(home: Path) -> None:
    add_user("anna", "risicomanager", PASSWORD)
    users = load_users()
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    users["anna"] = accounts.User("anna", "risicomanager", users["anna"].created_at, weak)
    accounts._save_users(users, home / "users.yaml")
    version = load_users()["anna"].version
    result = authenticate("anna", PASSWORD, settings=SETTINGS)
    assert result.ok and result.user.version == version
    renewed = load_users()["anna"].password_hash
    assert renewed != weak and not PasswordHasher().check_needs_rehash(renewed)
    assert load_users()["anna"].version == version  # the same password: the session stays


def test_no_password_reaches_the_log(
    home: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    add_user("anna", "risicomanager", PASSWORD)
    authenticate("anna", PASSWORD, settings=SETTINGS)
    authenticate("anna", "wrong-" + PASSWORD, settings=SETTINGS)
    authenticate(PASSWORD, PASSWORD, settings=SETTINGS)  # a password typed as the name
    for _ in range(SETTINGS.lockout_failures):
        authenticate("anna", "another-" + PASSWORD, now=T0, settings=SETTINGS)
    assert main(["users", "demo"]) == 0
    demo_passwords = [
        line.split()[1] for line in capsys.readouterr().out.splitlines() if line.startswith("  ")
    ]
    logged = caplog.text
    assert "log-in of anna" in logged and "log-in refused for anna" in logged
    assert "unknown name #" in logged
    for secret in [PASSWORD, *demo_passwords]:
        assert secret not in logged


# --- OpenID Connect ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "role"),
    [
        ({"email": "a@woonpunt.nl", "roles": ["risicomanager"]}, "risicomanager"),
        ({"email": "a@woonpunt.nl", "roles": "rvc"}, "rvc"),
        ({"preferred_username": "a@woonpunt.nl", "roles": ["Other.App", "dt"]}, "dt"),
        ({"email": "mapped@woonpunt.nl", "roles": ["dt"]}, "integriteitsfunctionaris"),
        ({"email": "Mapped@Woonpunt.nl"}, "integriteitsfunctionaris"),
    ],
)
def test_the_oidc_role_comes_from_the_mapping_file_else_the_claim(claims: dict, role: str) -> None:
    mapping = {"mapped@woonpunt.nl": "integriteitsfunctionaris"}
    assert oidc_role(claims, roles=load_roles(), mapping=mapping) == role


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"email": "a@woonpunt.nl"}, "no_role"),
        ({"email": "a@woonpunt.nl", "roles": ["Radar.Admin"]}, "no_role"),
        ({"email": "a@woonpunt.nl", "roles": ["dt", "rvc"]}, "several_roles"),
    ],
)
def test_an_oidc_user_without_exactly_one_role_is_refused(claims: dict, reason: str) -> None:
    with pytest.raises(RoleRefused) as exc:
        oidc_role(claims, roles=load_roles(), mapping={})
    assert exc.value.reason == reason and exc.value.identity == "a@woonpunt.nl"


def test_the_role_claim_is_configurable() -> None:
    roles = load_roles()
    custom = roles.model_copy(
        update={"oidc": roles.oidc.model_copy(update={"role_claim": "groups"})}
    )
    claims = {"email": "a@woonpunt.nl", "roles": ["rvc"], "groups": ["dt"]}
    assert oidc_role(claims, roles=custom, mapping={}) == "dt"


def test_the_oidc_mapping_file_is_read_and_checked(home: Path) -> None:
    roles = load_roles()
    assert load_oidc_mapping(roles) == {}
    (home / "oidc_roles.yaml").write_text("Anna@Woonpunt.nl: risicomanager\n", "utf-8")
    assert load_oidc_mapping(roles) == {"anna@woonpunt.nl": "risicomanager"}
    (home / "oidc_roles.yaml").write_text("anna@woonpunt.nl: admin\n", "utf-8")
    with pytest.raises(RolesError, match="anna@woonpunt.nl: onbekende rol 'admin'") as caught:
        load_oidc_mapping(roles)
    assert "entry anna@woonpunt.nl: unknown role 'admin'" in caught.value.text("en")
    (home / "oidc_roles.yaml").write_text("- anna@woonpunt.nl\n", "utf-8")
    with pytest.raises(RolesError, match="verwacht e-mailadres: rol, één per regel") as caught:
        load_oidc_mapping(roles)
    assert "expected e-mail address: role, one per line" in caught.value.text("en")
    (home / "oidc_roles.yaml").write_text("anna: [\n", "utf-8")
    with pytest.raises(RolesError, match="oidc_roles.yaml: geen geldige YAML") as caught:
        load_oidc_mapping(roles)
    assert "oidc_roles.yaml: not valid YAML" in caught.value.text("en")


def test_radar_auth_must_name_a_known_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RADAR_AUTH", raising=False)
    assert oidc.auth_mode() == "password"
    monkeypatch.setenv("RADAR_AUTH", "OIDC")
    assert oidc.auth_mode() == "oidc"
    monkeypatch.setenv("RADAR_AUTH", "ldap")
    with pytest.raises(
        ValueError, match="RADAR_AUTH='ldap': verwacht een van password, oidc"
    ) as caught:
        oidc.auth_mode()
    assert caught.value.text("en") == "RADAR_AUTH='ldap': expected one of password, oidc"


def test_a_damaged_users_file_is_refused_with_its_path(home: Path) -> None:
    (home / "users.yaml").write_text("users: [anna]\n", "utf-8")
    with pytest.raises(UserError, match="users.yaml"):
        load_users()
