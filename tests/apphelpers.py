"""Running the dashboard under Streamlit's AppTest: shared by the page tests."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py")


def frame_with(at: AppTest, column: str):
    """The first st.dataframe on the page that has this column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def run_app(page: str | None = None, *, lang: str = "nl") -> AppTest:
    """The app after its first run, switched to ``page`` (a file in app_pages/) if given."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}").run()
    return at


def frames_with(at: AppTest, column: str) -> list:
    """Every st.dataframe on the page that has this column, in page order."""
    return [d.value for d in at.dataframe if column in d.value.columns]
