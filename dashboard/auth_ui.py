"""Log-in for the dashboard: the form, the session and its time-out, the account in the sidebar.

The app calls ``signed_in`` right after the language switch: it returns the user name and
role, or shows only the log-in form and stops the run, so a visitor who is not logged in
sees no page and no data. Pages ask ``can(action)`` before they offer an action (and the
action's callback asks again); dashboard/data.py asks it before a person-level mart.

Two modes (``RADAR_AUTH``): ``password`` (default) checks the users file through
pipelines.access.login, with lock-out and throttles (per client: the IP address Streamlit reports,
else this browser session); ``oidc`` leaves the log-in to an identity provider through
Streamlit's ``st.login`` and takes the role from the ID token or the mapping file.

A password session keeps the account's version from the users file; any change to the
account (password, role, removal, also a removal followed by an add) changes it, and the
next click then logs out.

The session lives in ``st.session_state`` under the keys below, set only by this module
(tests/apphelpers.py logs in through the form, like a user).
"""

from __future__ import annotations

import logging
import time
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAuthError
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.i18n import t, texts
from dashboard.safe import plain
from pipelines.access.login import authenticate
from pipelines.access.oidc import (
    AuthModeError,
    RoleRefused,
    auth_mode,
    load_oidc_mapping,
    oidc_identity,
    oidc_role,
)
from pipelines.access.roles import Roles, RolesError, load_roles
from pipelines.access.users import UserError, account_of, load_users

log = logging.getLogger("radar.auth")

USER, ROLE, MODE, LAST_ACTIVE, MESSAGE, VERSION = (
    "auth_user",
    "auth_role",
    "auth_mode",
    "auth_last_active",
    "auth_message",
    "auth_version",
)
KEEP_AFTER_LOGOUT = ("lang",)

# Texts of the refusals that check no password. They belong in pipelines/core/locales/ui/auth.yaml;
# until they are there, these are used (a key in the YAML files wins).
REFUSAL_TEXTS = {
    "auth_busy": {
        "nl": "Het is op dit moment te druk om in te loggen. Probeer het zo opnieuw.",
        "en": "Too many log-ins at this moment. Please try again shortly.",
    },
    "auth_throttled": {
        "nl": (
            "Te veel mislukte pogingen vanaf deze verbinding. Probeer het over {seconds} "
            "seconden opnieuw."
        ),
        "en": "Too many failed attempts from this connection. Try again in {seconds} seconds.",
    },
    "auth_unavailable": {
        "nl": (
            "Inloggen is op dit moment niet mogelijk door een fout op de server. Vraag de "
            "beheerder."
        ),
        "en": (
            "Logging in is not possible now because of an error on the server. Ask the "
            "administrator."
        ),
    },
}


def _text(key: str, lang: str) -> str:
    if key in texts() or key not in REFUSAL_TEXTS:
        return t(key, lang)
    entry = REFUSAL_TEXTS[key]
    return entry.get(lang) or entry["nl"]


@st.cache_resource(show_spinner=False)
def roles() -> Roles:
    """risks/roles.yaml, read once per server (like the catalogue)."""
    return load_roles()


def current_user() -> str | None:
    return st.session_state.get(USER)


def current_role() -> str | None:
    return st.session_state.get(ROLE)


def role_name(role: str | None, lang: str) -> str:
    spec = roles().roles.get(role or "")
    return getattr(spec.name, lang) if spec else str(role)


def _timed_out() -> bool:
    last = st.session_state.get(LAST_ACTIVE)
    return last is None or time.time() - last > roles().session.timeout_minutes * 60


def _revoked() -> bool:
    """A password user removed, or whose account changed (role, password, removed and added
    again) since logging in: the users file no longer has the version the session has."""
    if st.session_state.get(MODE) != "password":
        return False
    try:
        user = account_of(current_user())
    except UserError:
        return True
    if user is None:
        return True
    return (user.role, user.version) != (current_role(), st.session_state.get(VERSION))


def can(action: str) -> bool:
    """Whether this session may take ``action`` now: logged in, not timed out, not revoked,
    and the role has the action in risks/roles.yaml. Asked again inside callbacks, which
    Streamlit runs before the time-out check of the run."""
    if current_user() is None or _timed_out() or _revoked():
        return False
    return roles().can(current_role(), action)


def _start_session(username: str, role: str, mode: str, version: str | None = None) -> None:
    st.session_state[USER] = username
    st.session_state[ROLE] = role
    st.session_state[MODE] = mode
    st.session_state[VERSION] = version
    st.session_state[LAST_ACTIVE] = time.time()


def _end_session(kind: str | None = None, key: str | None = None, **values: Any) -> None:
    """Forget everything of this session but the language, and leave a message."""
    if current_user() is not None:
        log.info("session of %s ended (%s)", current_user(), key or "log-out")
    for name in list(st.session_state.keys()):
        if name not in KEEP_AFTER_LOGOUT:
            del st.session_state[name]
    if kind and key:
        st.session_state[MESSAGE] = (kind, key, values)


def _show_message(lang: str) -> None:
    kind, key, values = st.session_state.pop(MESSAGE, (None, None, {}))
    if kind:
        getattr(st, kind)(_text(key, lang).format(**values))


def _local_time(moment) -> str:
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


# --- password mode ------------------------------------------------------------------------


def _client() -> str | None:
    """Who is trying, for the per-client throttle: the IP address Streamlit reports (the
    connection's peer; None for localhost), else this browser session."""
    try:
        ip = st.context.ip_address
    except Exception:  # no server context (bare mode): fall back to the session
        ip = None
    if isinstance(ip, str) and ip:
        return f"ip:{ip}"
    ctx = get_script_run_ctx()
    return f"session:{ctx.session_id}" if ctx else None


def _log_in() -> None:
    """The form's callback: check the password, then forget it."""
    username = str(st.session_state.get("auth_username") or "")
    password = str(st.session_state.get("auth_password") or "")
    st.session_state["auth_password"] = ""
    result = authenticate(username, password, settings=roles().session, client=_client())
    del password
    if result.ok:
        if result.user.role not in roles().roles:
            st.session_state[MESSAGE] = ("error", "auth_role_unknown", {"role": result.user.role})
            return
        _start_session(result.user.username, result.user.role, "password", result.user.version)
    elif result.refused:
        key = f"auth_{result.refused}"
        st.session_state[MESSAGE] = ("error", key, {"seconds": result.retry_after or 1})
    elif result.locked_until:
        st.session_state[MESSAGE] = (
            "error",
            "auth_locked",
            {"until": _local_time(result.locked_until)},
        )
    else:
        st.session_state[MESSAGE] = ("error", "auth_wrong", {})


def _login_form_ui(lang: str) -> None:
    st.title(t("auth_title", lang))
    st.caption(t("auth_intro", lang))
    _show_message(lang)
    try:
        no_users = not load_users()
    except UserError:
        no_users = False  # a damaged users file: the log-in itself will refuse
    if no_users:
        st.info(t("auth_no_users", lang))
    with st.form(key="auth_form", enter_to_submit=True):
        st.text_input(t("auth_username", lang), key="auth_username", autocomplete="username")
        st.text_input(
            t("auth_password", lang),
            type="password",
            key="auth_password",
            autocomplete="current-password",
        )
        st.form_submit_button(
            t("auth_submit", lang), on_click=_log_in, key="auth_submit", type="primary"
        )


def _password_session(lang: str) -> tuple[str, str]:
    if current_user() is not None:
        if _timed_out():
            _end_session("info", "auth_timed_out", minutes=roles().session.timeout_minutes)
        elif _revoked():
            _end_session("warning", "auth_account_changed")
        else:
            st.session_state[LAST_ACTIVE] = time.time()
            return current_user(), current_role()
    _login_form_ui(lang)
    _preload_ui()
    st.stop()


PRELOAD_KEY = "auth_preload"
# Out of sight and out of the accessibility tree, but rendered: the browser loads the
# chart and table code while it is hidden.
# A constant (no user text, nothing formatted in): tests/test_security.py allows st.html
# only with such a module-level string literal.
PRELOAD_STYLE = (
    "<style>.st-key-auth_preload {position: absolute; left: -10000px; width: 640px; "
    "visibility: hidden;}</style>"
)


def _preload_ui() -> None:
    """An empty Plotly chart and a one-cell table drawn out of sight under the log-in
    form, so the browser loads Streamlit's chart and table code (about 6 MB of
    JavaScript, 1.5 to 2 s to compile on this machine) while the user types, not after:
    the first page after log-in (Overzicht, with its map) then settles in about half the
    time (README, Performance)."""
    import pandas as pd
    import plotly.graph_objects as go

    st.html(PRELOAD_STYLE)
    with st.container(key=PRELOAD_KEY):
        st.plotly_chart(go.Figure(), key="auth_preload_chart", config={"staticPlot": True})
        st.dataframe(pd.DataFrame({" ": [" "]}), key="auth_preload_table", hide_index=True)


# --- OpenID Connect mode ------------------------------------------------------------------


def _oidc_login_ui(lang: str) -> None:
    st.title(t("auth_title", lang))
    st.caption(t("auth_oidc_intro", lang))
    _show_message(lang)
    if st.button(t("auth_oidc_button", lang), key="auth_oidc_login", type="primary"):
        try:
            st.login(roles().oidc.provider)
        except StreamlitAuthError as exc:
            st.error(t("auth_oidc_not_configured", lang).format(reason=plain(exc)))


def _oidc_refused_ui(lang: str, exc: RoleRefused) -> None:
    key = "auth_oidc_several_roles" if exc.reason == "several_roles" else "auth_oidc_no_role"
    st.title(t("auth_title", lang))
    st.error(t(key, lang).format(user=plain(exc.identity), roles=plain(", ".join(exc.found))))
    if st.button(t("auth_logout", lang), key="auth_logout"):
        st.logout()


def _oidc_session(lang: str) -> tuple[str, str]:
    if not st.user.get("is_logged_in"):
        if current_user() is not None:
            _end_session()
        _oidc_login_ui(lang)
        st.stop()
    if current_user() is not None and _timed_out():
        _end_session("info", "auth_timed_out", minutes=roles().session.timeout_minutes)
        st.logout()  # removes the identity cookie too; starts a new session
    claims = st.user.to_dict()
    try:
        role = oidc_role(claims, roles=roles(), mapping=load_oidc_mapping(roles()))
    except RoleRefused as exc:
        log.warning("OIDC log-in of %s refused: %s", exc.identity, exc.reason)
        _oidc_refused_ui(lang, exc)
        st.stop()
    except RolesError as exc:
        st.error(exc.text(lang))
        st.stop()
    identity = oidc_identity(claims)
    if (current_user(), current_role()) != (identity, role):
        log.info("OIDC log-in of %s (role %s)", identity, role)
        _start_session(identity, role, "oidc")
    st.session_state[LAST_ACTIVE] = time.time()
    return identity, role


# --- the app's entry points ---------------------------------------------------------------


def signed_in(lang: str) -> tuple[str, str]:
    """The user name and role of this session, or the log-in form and a stopped run."""
    try:
        mode = auth_mode()
    except AuthModeError as exc:
        st.error(t("auth_mode_unknown", lang).format(reason=exc.text(lang)))
        st.stop()
    if mode == "oidc":
        return _oidc_session(lang)
    return _password_session(lang)


def account_ui(lang: str) -> None:
    """Who is logged in, as what, and the log-out button, in the sidebar."""
    st.sidebar.caption(
        t("auth_signed_in_as", lang).format(
            user=plain(current_user() or ""),
            role=role_name(current_role(), lang),
        )
    )
    if st.session_state.get(MODE) == "oidc":
        if st.sidebar.button(t("auth_logout", lang), key="auth_logout"):
            _end_session()
            st.logout()
    else:
        st.sidebar.button(
            t("auth_logout", lang),
            key="auth_logout",
            on_click=_end_session,
            args=("success", "auth_logged_out"),
        )
