"""Entry point of the dashboard: page config, language switch, log-in, navigation.

Nothing is shown before the log-in but the language switch and the log-in form; after it,
the navigation holds only the pages of the user's role (risks/roles.yaml)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.auth_ui import account_ui, roles, signed_in  # noqa: E402
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, t  # noqa: E402
from dashboard.pages import KEEP_ACROSS_PAGES, PAGES, pages_for  # noqa: E402
from pipelines.core.keys import private_umask  # noqa: E402

st.set_page_config(page_title="Integriteitsradar", page_icon="🧭", layout="wide")
private_umask()  # uploads, the register and snapshots written from here: owner only

if "lang" not in st.session_state:
    st.session_state["lang"] = DEFAULT_LANGUAGE
lang = st.sidebar.selectbox(
    t("language", st.session_state["lang"]),
    options=list(LANGUAGES),
    format_func=LANGUAGES.get,
    key="lang",
)

# Without a valid session this shows the log-in form and stops the run here.
user, role = signed_in(lang)
account_ui(lang)

# Widgets belong to the page that drew them: Streamlit forgets their value when the user
# opens another page. Choices that should follow the user (quarter, department) are kept
# by writing them back on every run.
for key in KEEP_ACROSS_PAGES:
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]

# The menu holds the role's pages only. The other pages are registered hidden, so a link
# to one (the overview links to Datakwaliteit) still renders; opening one, by link or by
# URL, is refused here before the page's script runs.
allowed = pages_for(role, roles())
pages_dir = Path(__file__).resolve().parent / "app_pages"
pages = {
    spec: st.Page(
        pages_dir / spec.file,
        title=t(spec.title_key, lang),
        icon=spec.icon,
        url_path=spec.url_path,
        default=spec == allowed[0],
        visibility="visible" if spec in allowed else "hidden",
    )
    for spec in PAGES
}
navigation = st.navigation(list(pages.values()))
if not any(navigation is pages[spec] for spec in allowed):
    st.title(navigation.title)
    st.error(t("auth_page_not_allowed", lang))
    st.stop()
navigation.run()
