"""Datakwaliteit: what was ingested, what was quarantined and why, and data freshness."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.data import NoWarehouse, mart
from dashboard.i18n import t

lang = st.session_state.get("lang", "nl")
st.title(t("dq_title", lang))
st.caption(t("dq_intro", lang))


def table_ui(frame: pd.DataFrame, columns: dict[str, str], key: str) -> None:
    """The chosen columns of a mart under their UI labels; files by name, not full path."""
    if "source_file" in frame.columns:
        frame = frame.assign(source_file=frame["source_file"].map(lambda p: Path(p).name))
    shown = frame[list(columns)].rename(columns={c: t(k, lang) for c, k in columns.items()})
    st.dataframe(shown, hide_index=True, width="stretch", key=key)


try:
    files = mart("report_ingest_log")
    expectations = mart("report_expectations")
    quarantine = mart("report_quarantine")
    freshness = mart("report_data_freshness")
except NoWarehouse:
    st.info(t("no_warehouse", lang))
    st.stop()

st.header(t("dq_freshness", lang))
fresh = freshness.assign(
    newest_date=pd.to_datetime(freshness["newest_date"]).dt.strftime("%Y-%m-%d"),
    is_stale=freshness["is_stale"].map({True: t("dq_stale", lang), False: ""}),
)
table_ui(
    fresh,
    {
        "dataset": "col_dataset",
        "row_count": "col_row_count",
        "newest_date": "col_newest",
        "age_days": "col_age_days",
        "is_stale": "dq_stale",
    },
    key="freshness",
)

st.header(t("dq_files", lang))
if files.empty:
    st.info(t("dq_no_files", lang))
    st.stop()
table_ui(
    files,
    {
        "source_file": "col_file",
        "dataset": "col_dataset",
        "ingested_at": "col_ingested_at",
        "rows_in": "col_rows_in",
        "rows_loaded": "col_rows_loaded",
        "rows_quarantined": "col_rows_quarantined",
        "failed_expectations": "col_failed",
        "file_format": "col_format",
        "encoding": "col_encoding",
        "delimiter": "col_delimiter",
        "decimal_style": "col_decimal",
        "date_formats": "col_dates",
        "mapping_file": "col_mapping",
        "notes": "col_notes",
    },
    key="files",
)

st.subheader(t("dq_failed", lang))
failed = expectations[~expectations["is_success"]]
if failed.empty:
    st.success(t("dq_no_failures", lang))
else:
    table_ui(
        failed,
        {
            "source_file": "col_file",
            "dataset": "col_dataset",
            "expectation": "col_expectation",
            "column_name": "col_column",
            "reason_code": "col_reason",
            "unexpected_count": "col_unexpected",
        },
        key="failed",
    )

st.header(t("dq_quarantine", lang))
if quarantine.empty:
    st.success(t("dq_no_quarantine", lang))
else:
    left, right = st.columns(2)
    datasets = sorted(quarantine["dataset"].unique())
    chosen = left.multiselect(t("dq_filter_dataset", lang), datasets, key="q_dataset")
    reasons = sorted(quarantine["reason_code"].unique())
    chosen_reasons = right.multiselect(t("dq_filter_reason", lang), reasons, key="q_reason")
    rows = quarantine
    if chosen:
        rows = rows[rows["dataset"].isin(chosen)]
    if chosen_reasons:
        rows = rows[rows["reason_code"].isin(chosen_reasons)]
    st.caption(
        t("dq_quarantine_count", lang).format(
            n=int(files["rows_quarantined"].sum()), total=int(files["rows_in"].sum())
        )
    )
    table_ui(
        rows,
        {
            "dataset": "col_dataset",
            "source_file": "col_file",
            "line": "col_line",
            "column_name": "col_column",
            "value": "col_value",
            "reason": "col_reason",
        },
        key="quarantine",
    )
