"""The dashboard's pages in menu order, as plain data: one list for the app, the roles and tests.

It lives below both users of it: pipelines/access/roles.py checks risks/roles.yaml against these
file names, and dashboard/pages.py builds the menu from it. Keeping it here (and importing nothing)
lets the dependencies point one way, dashboard -> pipelines, never back.
"""

from __future__ import annotations

from typing import NamedTuple


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
    PageSpec("meldingen.py", "nav_meldingen", ":material/campaign:", "meldingen"),
]
PAGE_FILES = [p.file for p in PAGES]
