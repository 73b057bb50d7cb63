"""Log-in and roles in the running app (AppTest): a visitor sees only the log-in form; each
role sees exactly its pages and may take exactly its actions (DOMAIN.md sections 1 and 5);
wrong passwords, lock-out, time-out, log-out and OIDC behave as the README says."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.i18n import t
from dashboard.pages import PAGE_FILES, PAGES
from pipelines.access.roles import load_roles
from pipelines.access.users import remove_user, set_role
from tests.apphelpers import APP, TEST_PASSWORD, account_for, log_in, run_app
from tests.texthelpers import shown

# What each role sees and may do, written out here (not read from risks/roles.yaml), so a
# change to the roles file that breaks the domain's rules fails this test.
EXPECTED_PAGES = {
    "dt": ["overview.py", "red_flags.py", "fraud_triangle.py", "register.py", "rvc.py"],
    "risicomanager": [
        "overview.py",
        "red_flags.py",
        "fraud_triangle.py",
        "register.py",
        "data_quality.py",
        "rvc.py",
    ],
    "rvc": ["rvc.py"],
    "integriteitsfunctionaris": [
        "overview.py",
        "red_flags.py",
        "fraud_triangle.py",
        "register.py",
        "exceptions.py",
        "meldingen.py",
    ],
    "beheerder": [
        "overview.py",
        "red_flags.py",
        "fraud_triangle.py",
        "register.py",
        "data_quality.py",
        "rvc.py",
    ],
    "vertrouwenspersoon": ["meldingen.py"],
}
EDITORS = {"risicomanager", "beheerder"}  # edit_register, rescore, take_snapshot
PERSON_LEVEL = {"integriteitsfunctionaris"}  # see_person_level
KEEPS_MELDINGEN = {"integriteitsfunctionaris"}  # keep_meldingen: every report, audit log
REGISTERS_MELDINGEN = {"vertrouwenspersoon"}  # register_melding: only its own
ROLES = list(EXPECTED_PAGES)
REFUSED = "Deze pagina hoort niet bij uw rol. Kies een pagina in het menu."
TITLES = {p.file: t(p.title_key, "nl") for p in PAGES}


@pytest.fixture(scope="module")
def module_home(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built demo with a person-level mart in it, shared by this module
    (nothing here changes the register or takes a snapshot)."""
    home = tmp_path_factory.mktemp("roles") / "home"
    shutil.copytree(demo_home, home)
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute(
            "create table if not exists report_code_exceptions as "
            "select 'a1b2c3' as employee_pseudonym, 'gift_max_value' as rule_id"
        )
    return home


@pytest.fixture
def home(module_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RADAR_HOME", str(module_home))
    monkeypatch.delenv("RADAR_AUTH", raising=False)
    return module_home


@pytest.fixture
def menus(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The titles of the visible menu items of every st.navigation call, run by run."""
    seen: list[list[str]] = []
    real = st.navigation

    def recording(pages, **kwargs):
        seen.append([p.title for p in pages if p.visibility == "visible"])
        return real(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", recording)
    return seen


def shows_data(at: AppTest) -> bool:
    """Any table, metric or chart that holds something. The log-in form's out-of-sight
    preload (an empty chart, a one-cell blank table: dashboard/auth_ui._preload_ui) holds
    nothing, and is checked to hold nothing."""
    frames = [
        d.value
        for d in at.dataframe
        if not (d.value.shape == (1, 1) and not str(d.value.iloc[0, 0]).strip())
    ]
    charts = [c for c in at.get("plotly_chart") if json.loads(c.proto.spec).get("data")]
    return bool(frames or at.table or at.metric or charts)


# --- not logged in ------------------------------------------------------------------------


@pytest.mark.parametrize("page", [None, *PAGE_FILES])
def test_a_visitor_who_is_not_logged_in_sees_only_the_log_in_form(
    home: Path, menus: list, page: str | None
) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    if page:
        at.switch_page(f"app_pages/{page}")  # as if opening the page's URL
    at.run()
    assert not at.exception
    assert [x.value for x in at.title] == ["Inloggen"]
    assert [w.key for w in at.text_input] == ["auth_username", "auth_password"]
    assert [b.key for b in at.button] == ["auth_submit"]
    assert [s.key for s in at.selectbox] == ["lang"]
    assert not shows_data(at) and not at.header and not at.markdown
    assert menus == []  # no navigation at all


def test_the_log_in_form_speaks_english(home: Path) -> None:
    at = run_app(lang="en", role=None)
    assert at.title[0].value == "Log in"
    assert at.text_input(key="auth_password").label == "Password"


def test_a_wrong_password_and_an_unknown_name_get_the_same_message(home: Path) -> None:
    name = account_for("dt")
    for user, password in [(name, "not-the-password"), ("nobody-here", TEST_PASSWORD)]:
        at = run_app(role=None)
        log_in(at, user, password)
        assert [e.value for e in at.error] == ["Gebruikersnaam of wachtwoord onjuist."]
        assert at.title[0].value == "Inloggen" and "auth_user" not in at.session_state
        assert at.text_input(key="auth_password").value == ""  # not kept in the form


@pytest.mark.parametrize("known", [True, False])
def test_too_many_failures_lock_the_name_even_for_the_right_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, known: bool
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    name = account_for("dt") if known else "no-such-user"
    at = run_app(role=None)
    for _ in range(load_roles().session.lockout_failures - 1):
        log_in(at, name, "not-the-password")
        assert at.error[0].value == "Gebruikersnaam of wachtwoord onjuist."
    log_in(at, name, "not-the-password")
    locked = at.error[0].value
    assert locked.startswith("Te veel mislukte pogingen met deze gebruikersnaam.")
    log_in(at, name, TEST_PASSWORD)
    assert at.error[0].value == locked
    assert "auth_user" not in at.session_state
    log_in(at, account_for("rvc"), TEST_PASSWORD)  # another name is not locked
    assert at.session_state["auth_role"] == "rvc"


# --- each role: its pages and its actions ---------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_exactly_its_pages(home: Path, menus: list, role: str) -> None:
    at = run_app(role=role)
    assert not at.exception
    assert menus[-1] == [TITLES[p] for p in EXPECTED_PAGES[role]]
    assert at.title[0].value == TITLES[EXPECTED_PAGES[role][0]]  # its first page opens
    assert f"· {load_roles().roles[role].name.nl}" in at.sidebar.caption[0].value
    for page in sorted(set(PAGE_FILES) - set(EXPECTED_PAGES[role])):
        at.switch_page(f"app_pages/{page}").run()  # as if typing its URL
        assert not at.exception, page
        assert [e.value for e in at.error] == [REFUSED], page
        assert not shows_data(at), page


@pytest.mark.parametrize("role", [r for r in ROLES if "register.py" in EXPECTED_PAGES[r]])
def test_only_editors_get_the_register_forms(home: Path, role: str) -> None:
    at = run_app("register.py", role=role)
    assert not at.exception
    submits = [b.key for b in at.main.button if b.key.endswith("_submit")]
    if role in EDITORS:
        assert "ra_RF1_1_submit" in submits
        assert any(c.value.startswith("Uw wijzigingen komen in het auditlog") for c in at.caption)
    else:
        assert submits == []
        assert any(c.value.startswith("Alleen lezen:") for c in at.caption)


@pytest.mark.parametrize("role", [r for r in ROLES if "rvc.py" in EXPECTED_PAGES[r]])
def test_only_editors_get_the_snapshot_button(home: Path, role: str) -> None:
    at = run_app("rvc.py", role=role)
    assert not at.exception
    assert bool([b for b in at.button if b.key == "rvc_take"]) is (role in EDITORS)


@pytest.mark.parametrize("role", [r for r in ROLES if "meldingen.py" in EXPECTED_PAGES[r]])
def test_meldingen_the_officer_keeps_them_the_adviser_only_registers(home: Path, role: str) -> None:
    assert load_roles().roles_that_can("keep_meldingen") == sorted(KEEPS_MELDINGEN)
    assert load_roles().roles_that_can("register_melding") == sorted(REGISTERS_MELDINGEN)
    at = run_app("meldingen.py", role=role)
    assert not at.exception
    assert "mld_new_submit" in [b.key for b in at.button]
    audit = [s.value for s in at.subheader if s.value == "Auditlog van de meldingen"]
    assert bool(audit) is (role in KEEPS_MELDINGEN)


def _read_person_level_mart() -> None:
    import streamlit as st

    from dashboard.auth_ui import signed_in
    from dashboard.data import mart

    signed_in("nl")
    try:
        st.success(f"{len(mart('report_code_exceptions'))} rows")
    except PermissionError as exc:
        st.error(f"refused: {exc}")


@pytest.mark.parametrize("role", ROLES)
def test_person_level_exceptions_are_read_only_with_see_person_level(home: Path, role: str) -> None:
    at = AppTest.from_function(_read_person_level_mart, default_timeout=60).run()
    assert not at.success and not at.error  # before log-in the mart is not even asked for
    log_in(at, account_for(role), TEST_PASSWORD)
    assert not at.exception
    if role in PERSON_LEVEL:
        assert at.success[0].value.endswith(" rows")
    else:
        assert at.error[0].value.startswith("refused: report_code_exceptions")


# --- the session ----------------------------------------------------------------------------


def test_the_session_times_out_after_the_idle_time(home: Path) -> None:
    minutes = load_roles().session.timeout_minutes
    at = run_app("register.py")
    at.session_state["auth_last_active"] = time.time() - (minutes - 1) * 60
    at.run()
    assert at.title[0].value == "Risicoregister"  # still within the time: and it moves on
    assert time.time() - at.session_state["auth_last_active"] < 60
    at.session_state["auth_last_active"] = time.time() - minutes * 60 - 1
    at.run()
    assert not at.exception
    assert [x.value for x in at.title] == ["Inloggen"]
    assert at.info[0].value == (
        f"U was {minutes} minuten niet actief en bent daarom uitgelogd. Log opnieuw in."
    )
    assert not shows_data(at)
    assert "auth_user" not in at.session_state and "f_quarter" not in at.session_state


def test_log_out_forgets_the_session_but_the_language(home: Path) -> None:
    at = run_app("overview.py", lang="en")
    assert "f_quarter" in at.session_state
    at.sidebar.button(key="auth_logout").click().run()
    assert [x.value for x in at.title] == ["Log in"]
    assert at.success[0].value == "You have been logged out."
    assert "f_quarter" not in at.session_state and at.session_state["lang"] == "en"


def test_a_removed_user_or_a_changed_role_ends_the_session(
    tmp_path: Path, built_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(built_home / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    at = run_app("register.py", role="risicomanager")
    set_role("test-risicomanager", "dt")
    at.run()
    assert at.title[0].value == "Inloggen"
    assert at.warning[0].value.startswith("Uw account is gewijzigd of verwijderd")
    log_in(at, "test-risicomanager", TEST_PASSWORD)
    assert at.session_state["auth_role"] == "dt"
    remove_user("test-risicomanager")
    at.run()
    assert at.title[0].value == "Inloggen"


def test_no_password_stays_in_the_session_or_reaches_any_file(
    tmp_path: Path, built_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(built_home / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    at = run_app("register.py")
    at.selectbox(key="ra_RF1_1_appetite").set_value("hoog")
    at.button(key="ra_RF1_1_submit").click().run()
    assert at.success[0].value == "RF1 opgeslagen: Risicobereidheid."
    assert TEST_PASSWORD not in repr(at.session_state.to_dict())
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {"warehouse.duckdb", "register.sqlite", "users.yaml"} <= {p.name for p in files}
    assert [p.name for p in files if TEST_PASSWORD.encode() in p.read_bytes()] == []


# --- OpenID Connect -------------------------------------------------------------------------


def oidc_app(user: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = user
    return at.run()


def test_with_oidc_a_visitor_gets_only_the_log_in_button(
    home: Path, monkeypatch: pytest.MonkeyPatch, menus: list
) -> None:
    monkeypatch.setenv("RADAR_AUTH", "oidc")
    at = oidc_app({"is_logged_in": False})
    assert not at.exception
    assert [x.value for x in at.title] == ["Inloggen"]
    assert [b.key for b in at.button] == ["auth_oidc_login"]
    assert not at.text_input and not shows_data(at) and menus == []


@pytest.mark.parametrize("role", ["rvc", "integriteitsfunctionaris"])
def test_with_oidc_the_role_comes_from_the_id_token(
    home: Path, monkeypatch: pytest.MonkeyPatch, menus: list, role: str
) -> None:
    monkeypatch.setenv("RADAR_AUTH", "oidc")
    at = oidc_app({"is_logged_in": True, "email": "Anna@Woonpunt.nl", "roles": [role]})
    assert not at.exception
    assert menus[-1] == [TITLES[p] for p in EXPECTED_PAGES[role]]
    assert at.session_state["auth_user"] == "anna@woonpunt.nl"
    # shown as typed: never a mailto link (plain puts a word joiner after the @)
    assert "anna@woonpunt.nl" in shown(at.sidebar.caption[0].value)
    assert "anna@woonpunt.nl" not in at.sidebar.caption[0].value


def test_with_oidc_the_mapping_file_gives_the_role(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, menus: list
) -> None:
    own = tmp_path / "home"
    own.mkdir()
    shutil.copy(home / "warehouse.duckdb", own / "warehouse.duckdb")
    (own / "oidc_roles.yaml").write_text("anna@woonpunt.nl: beheerder\n", "utf-8")
    monkeypatch.setenv("RADAR_HOME", str(own))
    monkeypatch.setenv("RADAR_AUTH", "oidc")
    at = oidc_app({"is_logged_in": True, "email": "anna@woonpunt.nl"})
    assert not at.exception
    assert menus[-1] == [TITLES[p] for p in EXPECTED_PAGES["beheerder"]]


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ([], "geen rol in de Integriteitsradar"),
        (["Radar.Reader"], "geen rol in de Integriteitsradar"),
        (["dt", "rvc"], "meer dan één rol (dt, rvc)"),
    ],
)
def test_with_oidc_a_user_without_exactly_one_role_is_refused(
    home: Path, monkeypatch: pytest.MonkeyPatch, menus: list, roles: list, message: str
) -> None:
    monkeypatch.setenv("RADAR_AUTH", "oidc")
    at = oidc_app({"is_logged_in": True, "email": "anna@woonpunt.nl", "roles": roles})
    assert not at.exception
    assert message in at.error[0].value
    assert menus == [] and not shows_data(at)
    assert [b.key for b in at.button] == ["auth_logout"]


def test_with_oidc_the_time_out_logs_out_at_the_provider_too(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_AUTH", "oidc")
    at = oidc_app({"is_logged_in": True, "email": "anna@woonpunt.nl", "roles": ["dt"]})
    assert at.session_state["auth_role"] == "dt"
    at.session_state["auth_last_active"] = 0.0
    at.run()
    assert [x.value for x in at.title] == ["Inloggen"]
    assert at.user == {"is_logged_in": False}  # st.logout() was called


def test_an_unknown_auth_mode_shows_nothing_but_the_reason(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_AUTH", "ldap")
    at = run_app(role=None)
    assert at.error[0].value == (
        "De instelling RADAR_AUTH is ongeldig: RADAR_AUTH='ldap': verwacht een van password, oidc"
    )
    assert not at.text_input and not shows_data(at)


def test_with_oidc_but_no_provider_configured_the_button_says_what_is_missing(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_AUTH", "oidc")
    at = oidc_app({"is_logged_in": False})
    at.button(key="auth_oidc_login").click().run()
    assert not at.exception
    assert "`.streamlit/secrets.toml`" in at.error[0].value
    assert [x.value for x in at.title] == ["Inloggen"]
