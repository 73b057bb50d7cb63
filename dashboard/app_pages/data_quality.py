"""Datakwaliteit: what was ingested, what was quarantined and why, and data freshness;
and where the risk manager uploads new exports and has them ingested, within the upload
limits of risks/settings.yaml (``uploads``).

Everything here that came in with a file (file and column names, quarantined values,
notes, mapping names) is shown in tables, whose cells are text; a message that quotes a
file goes through dashboard.safe.plain."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.auth_ui import can
from dashboard.data import NoWarehouse, built_at, catalogue, mart
from dashboard.i18n import t
from dashboard.safe import plain
from pipelines.uploads import DATA_SUFFIXES, UploadRefused, save_upload

lang = st.session_state.get("lang", "nl")
st.title(t("dq_title", lang))
st.caption(t("dq_intro", lang))


REFUSED_STYLE = "background-color: #f8d7da; color: #842029"


def table_ui(
    frame: pd.DataFrame, columns: dict[str, str], key: str, red: pd.Series | None = None
) -> None:
    """The chosen columns of a mart under their UI labels; files by name, not full path;
    the rows where ``red`` is True in red."""
    if "source_file" in frame.columns:
        frame = frame.assign(source_file=frame["source_file"].map(lambda p: Path(p).name))
    shown = frame[list(columns)].rename(columns={c: t(k, lang) for c, k in columns.items()})
    if red is not None and red.any():
        flags = red.to_numpy()
        shown = shown.reset_index(drop=True).style.apply(
            lambda row: [REFUSED_STYLE if flags[row.name] else ""] * len(row), axis=1
        )
    st.dataframe(shown, hide_index=True, width="stretch", key=key)


def refused_files(files: pd.DataFrame) -> pd.Series:
    """True for a file refused as a whole at ingest (status geweigerd; a mart without the
    status column: the note ingest writes first for such a file)."""
    if "status" in files.columns:
        return files["status"].eq("geweigerd").fillna(False).astype(bool)
    notes = files["notes"] if "notes" in files.columns else pd.Series("", index=files.index)
    return notes.fillna("").astype(str).str.startswith("bestand geweigerd").astype(bool)


def saved_uploads_ui(uploaded: list) -> None:
    """Save each newly chosen file once (Streamlit reruns the page on every click) and show
    per file what happened. Names are shown in a table, never as Markdown or HTML."""
    handled: dict[str, tuple[str, str, bool]] = st.session_state.setdefault("up_handled", {})
    for file in uploaded:
        if file.file_id not in handled:
            try:
                save_upload(file.name, file.getvalue(), catalogue().settings.uploads)
            except UploadRefused as exc:
                handled[file.file_id] = (file.name, exc.reason(lang), False)
            else:
                handled[file.file_id] = (file.name, t("up_saved_short", lang), True)
    shown = [handled[f.file_id] for f in uploaded]
    if not shown:
        return
    refused = sum(not ok for _, _, ok in shown)
    if refused:
        st.error(t("up_some_refused", lang).format(n=refused, total=len(shown)))
    else:
        st.success(t("up_all_saved", lang).format(n=len(shown)))
    st.dataframe(
        pd.DataFrame(
            {
                t("col_file", lang): [name for name, _, _ in shown],
                t("up_col_result", lang): [text for _, text, _ in shown],
            }
        ),
        hide_index=True,
        width="stretch",
        key="up_saved_table",
    )


def ingest_ui() -> None:
    """Run the build (every new file under raw/, then the scores) and show per file."""
    from pipelines.build import build  # imports ingest and Great Expectations: slow
    from pipelines.catalogue import CatalogueError
    from pipelines.models import ModelError
    from pipelines.pseudonym import PseudonymKeyError
    from pipelines.readers import UnusableFile
    from pipelines.warehouse import WarehouseBusy

    bar = st.progress(0.0)

    def progress(name: str, number: int, total: int) -> None:
        text = t("up_ingesting", lang).format(name=plain(name), number=number, total=total)
        bar.progress((number - 1) / max(total, 1), text=text)

    try:
        with st.spinner(t("up_scoring", lang)):
            result = build(catalogue=catalogue(), progress=progress, wait=False)
    except WarehouseBusy:
        bar.empty()
        st.warning(t("up_busy", lang))
        return
    except (CatalogueError, ModelError, UnusableFile, PseudonymKeyError) as exc:
        bar.empty()
        st.error(t("up_failed", lang).format(error=plain(exc)))
        return
    bar.empty()
    new = [f for f in result.files if not f.skipped]
    failed = [f for f in new if f.error or f.failed]
    st.success(
        t("up_done", lang).format(
            loaded=len(new) - len(failed),
            failed=len(failed),
            skipped=len(result.files) - len(new),
        )
    )
    if new:
        st.dataframe(
            pd.DataFrame(
                {
                    t("col_file", lang): [f.path.name for f in new],
                    t("col_dataset", lang): [f.dataset or "" for f in new],
                    t("col_rows_in", lang): [f.rows_in for f in new],
                    t("col_rows_loaded", lang): [f.rows_loaded for f in new],
                    t("col_rows_quarantined", lang): [f.rows_quarantined for f in new],
                    t("up_col_result", lang): [
                        f.error.removeprefix(f"{f.path}: ")
                        if f.error
                        else (f.notes[0] if f.failed else t("up_result_loaded", lang))
                        for f in new
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            key="up_ingest_table",
        )


def upload_ui() -> None:
    """Upload exports into RADAR_HOME/raw/uploads and ingest them: only for a role with
    the action ``upload_data`` (risks/roles.yaml)."""
    if not can("upload_data"):
        return
    with st.expander(t("up_title", lang), expanded=built_at() is None):
        limit = catalogue().settings.uploads.max_file_mb
        st.markdown(t("up_intro", lang).format(max=limit))
        uploaded = st.file_uploader(
            t("up_files", lang),
            type=[s.lstrip(".") for s in DATA_SUFFIXES] + ["yaml"],
            accept_multiple_files=True,
            key="up_files",
            max_upload_size=limit,
        )
        saved_uploads_ui(uploaded or [])
        if st.button(
            t("up_ingest", lang), key="up_ingest", help=t("up_ingest_help", lang), type="primary"
        ):
            ingest_ui()


upload_ui()

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
refused = refused_files(files).reset_index(drop=True)
files = files.reset_index(drop=True).assign(
    status=refused.map({True: t("dq_status_refused", lang), False: t("dq_status_loaded", lang)})
)
if refused.any():
    share = catalogue().settings.ingest.max_quarantined_share
    st.error(t("dq_refused", lang).format(n=int(refused.sum()), share=f"{share:.0%}"))
table_ui(
    files,
    {
        "source_file": "col_file",
        "status": "col_status",
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
    red=refused,
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
