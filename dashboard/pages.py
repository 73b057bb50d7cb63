"""The dashboard's pages in menu order: one list for the app, the tests and the bench."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pipelines.auth import Roles


class PageSpec(NamedTuple):
    file: str  # in dashboard/app_pages/
    title_key: str  # UI text key of its menu title
    icon: str
    url_path: str


PAGES = [
    PageSpec("overview.py", "nav_overview", ":material/grid_view:", "overzicht"),
    PageSpec("red_flags.py", "nav_red_flags", ":material/flag:", "rode-vlaggen"),
    PageSpec(
        "fraud_triangle.py", "nav_fraud_triangle", ":material/change_history:", "fraudedriehoek"
    ),
    PageSpec("register.py", "nav_register", ":material/list_alt:", "register"),
    PageSpec("data_quality.py", "nav_data_quality", ":material/fact_check:", "datakwaliteit"),
    PageSpec("rvc.py", "nav_rvc", ":material/summarize:", "rvc"),
    PageSpec("exceptions.py", "nav_exceptions", ":material/person_alert:", "uitzonderingen"),
]
PAGE_FILES = [p.file for p in PAGES]
# Widget keys whose choice follows the user from page to page (see streamlit_app.py).
KEEP_ACROSS_PAGES = ("f_quarter", "f_department")


def pages_for(role: str, roles: Roles | None = None) -> list[PageSpec]:
    """The pages ``role`` may open (risks/roles.yaml), in menu order; none for an unknown role."""
    if roles is None:
        from pipelines.auth import load_roles  # lazily: pipelines.auth checks pages against us

        roles = load_roles()
    spec = roles.roles.get(role)
    return [p for p in PAGES if spec and p.file in spec.pages]
