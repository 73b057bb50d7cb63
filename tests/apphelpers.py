"""Running the dashboard under Streamlit's AppTest: shared by the page tests.

Nothing is visible without logging in, so ``run_app`` logs in first, through the real
log-in form, as ``test-<role>``: an account it adds to the users file of the current
RADAR_HOME on first use (with TEST_PASSWORD, which is no secret: test homes only).
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pipelines.access.users import add_user, load_users

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py")
TEST_PASSWORD = "apptest-password-1234"


def frame_with(at: AppTest, column: str):
    """The first st.dataframe on the page that has this column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def account_for(role: str) -> str:
    """The user name of the test account for ``role`` in RADAR_HOME (added when missing)."""
    name = f"test-{role}"
    if name not in load_users():
        add_user(name, role, TEST_PASSWORD)
    return name


def log_in(at: AppTest, username: str, password: str) -> AppTest:
    """Fill in and submit the log-in form, as a user does."""
    at.text_input(key="auth_username").input(username)
    at.text_input(key="auth_password").input(password)
    at.button(key="auth_submit").click().run()
    return at


def run_app(
    page: str | None = None, *, lang: str = "nl", role: str | None = "risicomanager"
) -> AppTest:
    """The app after logging in as ``role`` (not at all when None), switched to ``page``
    (a file in app_pages/) if given."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    if role is None:
        return at
    log_in(at, account_for(role), TEST_PASSWORD)
    assert at.session_state.get("auth_role") == role, [e.value for e in at.error]
    if page:
        at.switch_page(f"app_pages/{page}").run()
    return at


def frames_with(at: AppTest, column: str) -> list:
    """Every st.dataframe on the page that has this column, in page order."""
    return [d.value for d in at.dataframe if column in d.value.columns]
