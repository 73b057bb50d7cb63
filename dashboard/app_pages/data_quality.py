"""Datakwaliteit: what was ingested, what was quarantined and why, and data freshness;
and where the risk manager uploads new exports and has them ingested, within the upload
limits of risks/settings.yaml (``uploads``).

Everything here that came in with a file (file and column names, quarantined values,
notes, mapping names) is shown in tables, whose cells are text; a message that quotes a
file goes through dashboard.safe.plain. Codes (datasets, the columns of their contracts,
checks, reasons, statuses) are shown by their labels (pipelines.core.labels), numbers and
dates the Dutch way (pipelines.core.formats); every cell is text, so no table shows "None" or
a decimal point.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.auth_ui import can, current_user
from dashboard.data import NoWarehouse, built_at, catalogue, mart
from dashboard.filters import running_ui
from dashboard.i18n import DEFAULT_LANGUAGE, t
from dashboard.safe import plain
from pipelines.core import formats
from pipelines.core.labels import label, label_codes_in
from pipelines.ingest.uploads import (
    DATA_SUFFIXES,
    LOADED,
    REFUSED,
    SKIPPED,
    UNUSABLE,
    RefusedUpload,
    UploadRefused,
    delete_refused,
    ingest_status,
    refused_uploads,
    retry_refused,
    save_upload,
)
from pipelines.ingest.withdraw import RELEASED, WITHDRAWN

lang = st.session_state.get("lang", "nl")
st.title(t("dq_title", lang))
st.caption(t("dq_intro", lang))


REFUSED_STYLE = "background-color: #f8d7da; color: #842029"
NOTICE = "up_notice"  # (kind, text) shown once next to the refused files


# --- how cells are written ---------------------------------------------------------------


def as_text(value: Any) -> str:
    return formats.MISSING if formats.is_missing(value) or value == "" else str(value)


def count(value: Any) -> str:
    return formats.whole(value, lang)


def day(value: Any) -> str:
    return formats.date(value, lang)


def month(value: Any) -> str:
    return formats.month(value, lang)


def moment(value: Any) -> str:
    return formats.date_time(value, lang)


def file_name(value: Any) -> str:
    """A file by its name, not its full path on the server."""
    return formats.MISSING if formats.is_missing(value) or not value else Path(value).name


def labelled(group: str) -> Callable[[Any], str]:
    return lambda code: label(group, code, lang)


def message(value: Any) -> str:
    """A message the ingest wrote, with the datasets and the contract's columns it names
    by their labels (datasets first: org_units is a dataset, org_unit a column). File
    names stay as they are."""
    if as_text(value) == formats.MISSING:
        return formats.MISSING
    return label_codes_in(label_codes_in(value, "dataset", lang), "field", lang)


# A column of a table: (mart column, title key, how its cells are written).
Column = tuple[str, str, Callable[[Any], str]]


# Mart columns the ingest writes as Dutch prose (pipelines/ingest/loader.py and
# pipelines/ingest/quality/): shown on the Dutch page only.
DUTCH_ONLY = frozenset({"reason", "notes", "decimal_style", "date_formats"})


def table_ui(
    frame: pd.DataFrame, columns: list[Column], key: str, red: pd.Series | None = None
) -> None:
    """The chosen columns of a mart, written as text under their UI titles; counts
    right-aligned; the rows where ``red`` is True in red. The ingest writes its
    explanations and notes in Dutch: in another language those columns are left out
    (a caption says where to read them), so no Dutch sentence stands in an English page."""
    if lang != DEFAULT_LANGUAGE:
        dropped = [c for c in columns if c[0] in DUTCH_ONLY]
        columns = [c for c in columns if c[0] not in DUTCH_ONLY]
        if dropped:
            names = ", ".join(t(title, lang) for _, title, _ in dropped)
            st.caption(t("dq_dutch_only", lang).format(columns=names))
    shown = pd.DataFrame(
        {t(title, lang): frame[column].map(write).to_numpy() for column, title, write in columns}
    )
    config = {
        t(title, lang): st.column_config.TextColumn(alignment="right")
        for _, title, write in columns
        if write is count
    }
    data: Any = shown
    if red is not None and red.any():
        flags = red.to_numpy()
        data = shown.style.apply(
            lambda row: [REFUSED_STYLE if flags[row.name] else ""] * len(row), axis=1
        )
    st.dataframe(data, hide_index=True, width="stretch", key=key, column_config=config)


def refused_files(files: pd.DataFrame) -> pd.Series:
    """True for a file refused as a whole at ingest (status geweigerd; a mart without the
    status column: the note ingest writes first for such a file)."""
    if "status" in files.columns:
        return files["status"].eq(REFUSED).fillna(False).astype(bool)
    notes = files["notes"] if "notes" in files.columns else pd.Series("", index=files.index)
    return notes.fillna("").astype(str).str.startswith("bestand geweigerd").astype(bool)


# --- uploading ---------------------------------------------------------------------------


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
    """Run the build (every new file under raw/, then the scores), show per file what
    became of it, and set the refused uploads aside (shown below, never read again
    unless the risk manager asks)."""
    from pipelines.build.builder import build  # imports ingest and Great Expectations: slow
    from pipelines.build.models import ModelError
    from pipelines.core.catalogue import CatalogueError
    from pipelines.core.warehouse import WarehouseBusy
    from pipelines.ingest.pseudonym import PseudonymKeyError
    from pipelines.ingest.readers import UnusableFile

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
    bar.empty()  # refused uploads were set aside by the build (pipelines.build.builder)
    statuses = [ingest_status(f) for f in result.files]
    numbers = {
        "loaded": statuses.count(LOADED),
        "refused": statuses.count(REFUSED) + statuses.count(UNUSABLE),
        "skipped": statuses.count(SKIPPED),
    }
    if numbers["refused"]:
        st.error(t("up_done_refused", lang).format(**numbers))
    else:
        st.success(t("up_done", lang).format(**numbers))
    new = [(f, s) for f, s in zip(result.files, statuses, strict=True) if s != SKIPPED]
    if new:
        st.dataframe(
            pd.DataFrame(
                {
                    t("col_file", lang): [f.path.name for f, _ in new],
                    t("col_status", lang): [label("status", s, lang) for _, s in new],
                    t("col_dataset", lang): [label("dataset", f.dataset, lang) for f, _ in new],
                    t("col_rows_in", lang): [count(f.rows_in) for f, _ in new],
                    t("col_rows_loaded", lang): [count(f.rows_loaded) for f, _ in new],
                    t("col_rows_quarantined", lang): [count(f.rows_quarantined) for f, _ in new],
                    t("col_notes", lang): [message(outcome_note(f)) for f, _ in new],
                }
            ),
            hide_index=True,
            width="stretch",
            key="up_ingest_table",
        )


def outcome_note(result: Any) -> str:
    """What the ingest said about a file: why it could not be used, or its notes."""
    if result.error:
        return result.error.removeprefix(f"{result.path}: ")
    return "; ".join(map(str, result.notes))  # the Dutch the ingest log keeps


def refusal_reason(entry: RefusedUpload) -> str:
    """Why an upload was refused, in the page's language where the reason is ours."""
    if entry.status != REFUSED:
        return message(entry.message)
    share = catalogue().settings.ingest.max_quarantined_share
    return t("up_refused_quarantine", lang).format(
        quarantined=count(entry.rows_quarantined),
        rows=count(entry.rows_in),
        share=formats.percent(entry.rows_quarantined / max(entry.rows_in, 1), lang),
        max=formats.percent(share, lang),
        dataset=label("dataset", entry.dataset, lang),
    )


def _delete(entry_id: str) -> None:
    try:
        name = delete_refused(entry_id, current_user() or "")
    except KeyError:
        st.session_state[NOTICE] = ("warning", t("up_gone", lang))
    else:
        st.session_state[NOTICE] = ("success", t("up_deleted", lang).format(name=plain(name)))


def _retry(entry_id: str) -> None:
    try:
        path = retry_refused(entry_id, current_user() or "")
    except KeyError:
        st.session_state[NOTICE] = ("warning", t("up_gone", lang))
    except UploadRefused as exc:
        st.session_state[NOTICE] = ("error", plain(exc.message(lang)))
    else:
        st.session_state[NOTICE] = ("success", t("up_retried", lang).format(name=plain(path.name)))


def refused_uploads_ui() -> None:
    """The uploads the ingest refused, each in red with why, to delete or read again."""
    kind, text = st.session_state.pop(NOTICE, (None, None))
    if kind:
        getattr(st, kind)(text)
    entries = refused_uploads()
    if not entries:
        return
    st.markdown(f"**{t('up_refused_title', lang)}**")
    st.caption(t("up_refused_intro", lang))
    for entry in entries:
        text, retry, delete = st.columns([6, 1, 1], vertical_alignment="center")
        text.error(
            t("up_refused_file", lang).format(
                name=plain(entry.name),
                when=moment(entry.refused_at),
                reason=plain(refusal_reason(entry)),
            )
        )
        retry.button(
            t("up_retry", lang),
            key=f"up_retry_{entry.id}",
            help=t("up_retry_help", lang),
            on_click=_retry,
            args=(entry.id,),
        )
        delete.button(
            t("up_delete", lang),
            key=f"up_delete_{entry.id}",
            help=t("up_delete_help", lang),
            on_click=_delete,
            args=(entry.id,),
        )


def upload_ui() -> None:
    """Upload exports into RADAR_HOME/raw/uploads and ingest them: only for a role with
    the action ``upload_data`` (risks/roles.yaml)."""
    if not can("upload_data"):
        return
    open_ = built_at() is None or bool(refused_uploads()) or NOTICE in st.session_state
    with st.expander(t("up_title", lang), expanded=open_):
        limit = catalogue().settings.uploads.max_file_mb
        st.markdown(t("up_intro", lang))
        suffixes = [s.lstrip(".") for s in DATA_SUFFIXES] + ["yaml"]
        uploaded = st.file_uploader(
            t("up_files", lang),
            type=suffixes,
            accept_multiple_files=True,
            key="up_files",
            max_upload_size=limit,
        )
        # Streamlit's own texts in the box above stay English (README, "Streamlit-teksten
        # die Engels blijven"): this line says the same in the page's language.
        st.caption(
            t("up_widget_hint", lang).format(
                max=formats.whole(limit, lang), types=", ".join(s.upper() for s in suffixes)
            )
        )
        saved_uploads_ui(uploaded or [])
        if st.button(
            t("up_ingest", lang), key="up_ingest", help=t("up_ingest_help", lang), type="primary"
        ):
            ingest_ui()
        refused_uploads_ui()


upload_ui()

# --- what is in the warehouse ------------------------------------------------------------

try:
    files = mart("report_ingest_log")
    expectations = mart("report_expectations")
    quarantine = mart("report_quarantine")
    freshness = mart("report_data_freshness")
    unlinked = mart("report_unlinked_rows")
except NoWarehouse:
    st.info(t("dq_no_data", lang))
    st.stop()


def stale(value: Any) -> str:
    if formats.is_missing(value):
        return formats.MISSING
    return t("dq_stale", lang) if value else t("dq_fresh", lang)


st.header(t("dq_freshness", lang))
running_ui(freshness, lang)
table_ui(
    freshness,
    [
        ("dataset", "col_dataset", labelled("dataset")),
        ("row_count", "col_row_count", count),
        ("newest_date", "col_newest", day),
        ("age_days", "col_age_days", count),
        ("is_stale", "col_freshness", stale),
        ("read_on", "col_read_on", day),
        ("running_quarter", "col_running_quarter", as_text),
    ],
    key="freshness",
)

st.header(t("dq_files", lang))
if files.empty:
    st.info(t("dq_no_files", lang))
    st.stop()
refused = refused_files(files).reset_index(drop=True)
status = refused.map({True: REFUSED, False: LOADED})
if "status" in files.columns:  # a withdrawn (or released) export shows as one
    logged = files["status"].reset_index(drop=True)
    status = status.where(~logged.isin([WITHDRAWN, RELEASED]), logged)
files = files.reset_index(drop=True).assign(status=status)
if refused.any():
    share = catalogue().settings.ingest.max_quarantined_share
    st.error(t("dq_refused", lang).format(n=int(refused.sum()), share=formats.percent(share, lang)))
table_ui(
    files,
    [
        ("source_file", "col_file", file_name),
        ("status", "col_status", labelled("status")),
        ("dataset", "col_dataset", labelled("dataset")),
        ("ingested_at", "col_ingested_at", moment),
        ("export_date", "col_export_date", day),
        ("rows_in", "col_rows_in", count),
        ("rows_loaded", "col_rows_loaded", count),
        ("rows_quarantined", "col_rows_quarantined", count),
        ("failed_expectations", "col_failed", count),
        ("file_format", "col_format", labelled("file_format")),
        ("encoding", "col_encoding", as_text),
        ("delimiter", "col_delimiter", labelled("delimiter")),
        ("decimal_style", "col_decimal", as_text),
        ("date_formats", "col_dates", as_text),
        ("mapping_file", "col_mapping", file_name),
        ("notes", "col_notes", message),
    ],
    key="files",
    red=refused,
)

st.subheader(t("dq_failed", lang))
failed = expectations[~expectations["is_success"].astype(bool)]
if failed.empty:
    st.success(t("dq_no_failures", lang))
else:
    table_ui(
        failed,
        [
            ("source_file", "col_file", file_name),
            ("dataset", "col_dataset", labelled("dataset")),
            ("expectation", "col_expectation", labelled("expectation")),
            ("column_name", "col_column", labelled("field")),
            ("reason_code", "col_reason", labelled("reason")),
            ("unexpected_count", "col_unexpected", count),
        ],
        key="failed",
    )

st.header(t("dq_quarantine", lang))
if quarantine.empty:
    st.success(t("dq_no_quarantine", lang))
else:
    left, right = st.columns(2)
    chosen = left.multiselect(
        t("dq_filter_dataset", lang),
        sorted(quarantine["dataset"].dropna().unique(), key=labelled("dataset")),
        format_func=labelled("dataset"),
        placeholder=t("dq_choose", lang),
        key="q_dataset",
    )
    chosen_reasons = right.multiselect(
        t("dq_filter_reason", lang),
        sorted(quarantine["reason_code"].dropna().unique(), key=labelled("reason")),
        format_func=labelled("reason"),
        placeholder=t("dq_choose", lang),
        key="q_reason",
    )
    rows = quarantine
    if chosen:
        rows = rows[rows["dataset"].isin(chosen)]
    if chosen_reasons:
        rows = rows[rows["reason_code"].isin(chosen_reasons)]
    # over the loads that count: a withdrawn export keeps its file's row count in the
    # log, and a released one is read again under a line of its own
    counted = files[~files["status"].isin([WITHDRAWN, RELEASED])]
    st.caption(
        t("dq_quarantine_count", lang).format(
            n=count(counted["rows_quarantined"].sum()), total=count(counted["rows_in"].sum())
        )
    )
    table_ui(
        rows,
        [
            ("dataset", "col_dataset", labelled("dataset")),
            ("source_file", "col_file", file_name),
            ("line", "col_line", count),
            ("column_name", "col_column", labelled("field")),
            ("value", "col_value", as_text),
            ("reason_code", "col_reason", labelled("reason")),
            ("reason", "col_explanation", message),
            # a wide export's line: the answers one bad cell held back
            ("rows_quarantined", "col_rows_quarantined", count),
        ],
        key="quarantine",
    )

st.header(t("dq_unlinked", lang))
st.caption(t("dq_unlinked_intro", lang))
if unlinked.empty:
    st.success(t("dq_no_unlinked", lang))
else:
    st.warning(t("dq_unlinked_count", lang).format(n=count(unlinked["row_count"].sum())))
    table_ui(
        unlinked,
        [
            ("dataset", "col_dataset", labelled("dataset")),
            ("source_file", "col_file", file_name),
            ("column_name", "col_column", labelled("field")),
            ("reason_code", "col_reason", labelled("reason")),
            ("row_count", "col_row_count", count),
            ("first_month", "col_first_month", month),
            ("last_month", "col_last_month", month),
        ],
        key="unlinked",
    )
