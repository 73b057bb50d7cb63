"""Entry point of the dashboard: page config, language switch, navigation."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, t  # noqa: E402
from dashboard.pages import KEEP_ACROSS_PAGES, PAGES  # noqa: E402

st.set_page_config(page_title="Integriteitsradar", page_icon="🧭", layout="wide")

if "lang" not in st.session_state:
    st.session_state["lang"] = DEFAULT_LANGUAGE
lang = st.sidebar.selectbox(
    t("language", st.session_state["lang"]),
    options=list(LANGUAGES),
    format_func=LANGUAGES.get,
    key="lang",
)

# Widgets belong to the page that drew them: Streamlit forgets their value when the user
# opens another page. Choices that should follow the user (quarter, department, the name
# the register's audit log records) are kept by writing them back on every run.
for key in KEEP_ACROSS_PAGES:
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]

pages_dir = Path(__file__).resolve().parent / "app_pages"
navigation = st.navigation(
    [
        st.Page(pages_dir / file, title=t(key, lang), icon=icon, url_path=url, default=i == 0)
        for i, (file, key, icon, url) in enumerate(PAGES)
    ]
)
navigation.run()
