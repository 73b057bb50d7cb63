"""The dashboard's pages in menu order and who may open them.

The list itself is data in pipelines/access/page_list.py, so that pipelines/access/roles.py can
check risks/roles.yaml against it without importing the dashboard (dependencies point one way).
"""

from __future__ import annotations

from pipelines.access.page_list import PAGE_FILES, PAGES, PageSpec
from pipelines.access.roles import Roles, load_roles

__all__ = ["KEEP_ACROSS_PAGES", "PAGE_FILES", "PAGES", "PageSpec", "pages_for"]

# Widget keys whose choice follows the user from page to page (see streamlit_app.py).
KEEP_ACROSS_PAGES = ("f_quarter", "f_department")


def pages_for(role: str, roles: Roles | None = None) -> list[PageSpec]:
    """The pages ``role`` may open (risks/roles.yaml), in menu order; none for an unknown role."""
    if roles is None:
        roles = load_roles()
    spec = roles.roles.get(role)
    return [p for p in PAGES if spec and p.file in spec.pages]
