"""The integrity reports' aggregates on a page: on the Overzicht from the live marts, on
the RvC page from the snapshot (pipelines/reports/meldingen_summary.py makes the tables
for both and for the PDF). Only what the marts publish, already suppressed; never by whom
a report concerns, never below the organisation."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.data import mart
from dashboard.i18n import t
from pipelines.reports import meldingen_summary


def live_section(quarter: str) -> dict[str, Any] | None:
    """The section for ``quarter`` from the published marts (None: a warehouse built
    before them)."""
    try:
        counts = mart("report_meldingen_counts")
        deadlines = mart("report_meldingen_deadlines")
    except duckdb.CatalogException:
        return None
    return meldingen_summary.section(
        counts.astype(object).where(counts.notna(), None).to_dict("records"),
        deadlines.astype(object).where(deadlines.notna(), None).to_dict("records"),
        quarter,
    )


def meldingen_ui(part: dict[str, Any] | None, lang: str, *, key: str) -> None:
    """The section: a heading, what it shows, the counts and the deadlines met."""
    st.header(t("ms_title", lang))
    if part is None:
        st.info(t("ms_not_in_snapshot", lang))
        return
    st.caption(meldingen_summary.intro(lang))
    if not part["counts"] and not part["deadlines"]:
        st.info(t("ms_none", lang))
        return
    header, rows = meldingen_summary.count_table(part, lang)
    st.dataframe(
        pd.DataFrame(rows, columns=header), hide_index=True, width="stretch", key=f"{key}_counts"
    )
    st.subheader(t("ms_deadlines_title", lang))
    header, rows = meldingen_summary.deadline_table(part, lang)
    st.dataframe(
        pd.DataFrame(rows, columns=header), hide_index=True, width="stretch", key=f"{key}_due"
    )
    st.caption(t("ms_deadlines_note", lang))
