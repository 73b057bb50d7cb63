"""Filters the analysis pages share: which quarter, which department.

Each reads its options from the published marts and keeps its choice in session state
under a key shared by all pages, so switching pages keeps the quarter and department.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import NoWarehouse, mart
from dashboard.i18n import t
from pipelines.core.labels import running_quarters

ALL = "__alle__"


def quarters() -> list[str]:
    """Quarters with risk scores, newest first."""
    scores = mart("report_risk_changes")
    return sorted(scores["period"].dropna().unique().tolist(), reverse=True)


def running_ui(freshness: pd.DataFrame, lang: str) -> None:
    """Say which quarters are not shown yet because they were still running when their
    dataset's newest export was read in (report_data_freshness.running_quarter)."""
    running = freshness[freshness["running_quarter"].notna()].sort_values(
        ["running_quarter", "dataset"]
    )
    if not running.empty:
        rows = list(zip(running["running_quarter"], running["dataset"], strict=True))
        st.info(t("fresh_running", lang).format(items=running_quarters(rows, lang)))


def departments() -> pd.DataFrame:
    """Departments (afdelingen) by name: org_unit_id, org_unit_name."""
    units = mart("dim_org_units", org_level="afdeling")
    return units.sort_values("org_unit_name")[["org_unit_id", "org_unit_name"]]


def within(department: str) -> set[str]:
    """The department and every afdeling below it: a department under a department (a
    directie or sector exported as afdeling) holds the exceptions of the ones below it, as
    its scores roll them up (helper-141: picking the upper one left them out)."""
    units = mart("dim_org_units")
    children: dict[str, list[str]] = {}
    for unit, parent in zip(units["org_unit_id"], units["parent_unit_id"], strict=True):
        children.setdefault(parent, []).append(unit)
    found, todo = {department}, [department]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def organisation_id() -> str | None:
    """The root unit's id, None when no org tree was ingested."""
    root = mart("dim_org_units", org_level="organisatie")
    return None if root.empty else str(root["org_unit_id"].iloc[0])


def quarter_ui(lang: str, *, where=st.sidebar) -> str | None:
    """A quarter picker (newest first); None when there are no scored quarters."""
    options = quarters()
    if not options:
        return None
    if st.session_state.get("f_quarter") not in options:
        st.session_state["f_quarter"] = options[0]
    return where.selectbox(t("filter_quarter", lang), options, key="f_quarter")


def department_ui(lang: str, *, where=st.sidebar) -> str | None:
    """A department picker; None means the whole organisation."""
    depts = departments()
    names = dict(zip(depts["org_unit_id"], depts["org_unit_name"], strict=True))
    options = [ALL, *names]
    if st.session_state.get("f_department") not in options:
        st.session_state["f_department"] = ALL
    choice = where.selectbox(
        t("filter_department", lang),
        options,
        format_func=lambda v: t("filter_all_departments", lang) if v == ALL else names[v],
        key="f_department",
    )
    return None if choice == ALL else choice


def require_warehouse(lang: str) -> None:
    """Stop the page with a how-to when there is no warehouse yet."""
    try:
        mart("dim_risks")
    except NoWarehouse:
        st.info(t("no_warehouse", lang))
        st.stop()
