"""What the DT and the RvC see of the integrity officer's work and of the policy's own
cycle: the date the integrity policy was last evaluated (a warning once overdue, a quiet
line otherwise; pipelines/core/policy_cycle.py compares the dates), and the counts open
and closed per risk of the follow-up of code exceptions (the mart
report_exception_followup: organisation-wide totals, never a person or a unit)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import streamlit as st

from dashboard.data import NoWarehouse, catalogue, mart
from dashboard.i18n import t
from pipelines.core import formats
from pipelines.core.policy_cycle import evaluation_status

# the policy-date warning's icon: tests tell it from the page's other warnings by it
POLICY_ICON = ":material/alarm:"


def policy_cycle_ui(lang: str, today: dt.date | None = None) -> None:
    status = evaluation_status(catalogue().settings, today)
    if status is None:
        st.warning(t("policy_eval_missing", lang), icon=POLICY_ICON)
        return
    values = {
        "last": formats.date(status.last_evaluated_on, lang),
        "due": formats.date(status.due_on, lang),
        "months": formats.whole(status.interval_months, lang),
        "days": formats.whole(status.days_overdue, lang),
    }
    if status.overdue:
        st.warning(t("policy_eval_overdue", lang).format(**values), icon=POLICY_ICON)
    else:
        st.caption(t("policy_eval_ok", lang).format(**values))


def followup_counts_ui(lang: str) -> None:
    """Per risk the code exceptions still open and those closed, organisation-wide."""
    try:
        counts = mart("report_exception_followup")
        risks = mart("dim_risks")
    except (NoWarehouse, duckdb.CatalogException):  # no warehouse, or built before it
        return
    st.subheader(t("fu_counts_header", lang))
    st.caption(t("fu_counts_caption", lang))
    if counts.empty or not (counts["open_count"].sum() + counts["closed_count"].sum()):
        st.caption(t("fu_counts_none", lang))
        return
    names = risks.set_index("risk_id")[f"risk_name_{lang}"]
    table = pd.DataFrame(
        {
            t("fu_col_risk", lang): [f"{r} {names.get(r, '')}".strip() for r in counts["risk_id"]],
            t("fu_col_open", lang): [formats.whole(n, lang) for n in counts["open_count"]],
            t("fu_col_closed", lang): [formats.whole(n, lang) for n in counts["closed_count"]],
        }
    )
    st.dataframe(table, hide_index=True, key="fu_counts")
