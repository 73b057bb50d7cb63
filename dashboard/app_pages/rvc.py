"""RvC-kwartaaloverzicht: the supervisory board's frozen quarterly snapshots.

The page shows what pipelines/snapshot.py froze (organisation and departments only, never
a team) and computes nothing itself; its one action is taking the snapshot of the newest
scored quarter that has ended when there is none yet (a running quarter is never frozen),
offered only to a role with ``take_snapshot`` (risks/roles.yaml) and recorded under the
logged-in user name. Every role that sees the page may download the shown snapshot as the
board's PDF (pipelines/report_pdf.py), in the page's language: drawn only when the button
is clicked (a deferred download: the page never waits for it) and kept per quarter,
checksum and language. A snapshot that fails verification gets no PDF.

The snapshot holds what users typed (measure texts, department names, who took it): the
static tables (``st.table`` renders every cell as Markdown) pass through
dashboard.safe.plain_table, and every other text through plain, so it is shown as typed.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.auth_ui import can, current_user, role_name, roles
from dashboard.data import NoWarehouse
from dashboard.filters import quarters
from dashboard.i18n import t
from dashboard.safe import plain, plain_table
from pipelines.catalogue import Text, load_catalogue
from pipelines.report_pdf import ReportError, render_report, verify
from pipelines.snapshot import (
    SnapshotError,
    list_snapshots,
    load_snapshot,
    quarter_end,
    quarter_has_ended,
    snapshot_path,
    take_snapshot,
    uses_older_method,
)

LEVEL_COLOURS = {"groen": "#d5efd9", "oranje": "#fde3bd", "rood": "#f6c9c4"}
ARROWS = {"omhoog": " ↑", "omlaag": " ↓"}
INSUFFICIENT = "onvoldoende_gegevens"  # score_rule without a number (method 2 snapshots)

lang = st.session_state.get("lang", "nl")
st.title(t("rvc_title", lang))
st.caption(t("rvc_intro", lang))


@st.cache_data(show_spinner=False, max_entries=32)
def _snapshot(path: str, mtime: float, quarter: str) -> dict[str, Any]:
    return load_snapshot(quarter, Path(path).parent.parent)


def snapshot(quarter: str) -> dict[str, Any]:
    """A snapshot as frozen, cached until its file changes (which it should never do)."""
    path = snapshot_path(quarter)
    return _snapshot(str(path), path.stat().st_mtime, quarter)


@st.cache_resource(show_spinner=False)
def level_names() -> dict[str, Text]:
    """The names of the levels (groen/oranje/rood) from the catalogue's settings."""
    return load_catalogue().settings.levels


def level_name(level: Any) -> str:
    if not isinstance(level, str):
        return "–"
    name = level_names().get(level)
    return getattr(name, lang) if name else level


def when(iso: str | None, key: str = "rvc_datetime_format") -> str:
    return dt.datetime.fromisoformat(iso).strftime(t(key, lang)) if iso else ""


def number(value: Any, suffix: str = "") -> str:
    """Whole numbers without decimals, others with one; a dash when there is none."""
    if value is None or pd.isna(value):
        return "–"
    value = float(value)
    text = f"{value:.0f}" if value.is_integer() else f"{value:.1f}"
    return (text.replace(".", ",") if lang == "nl" else text) + suffix


def scored_quarters() -> list[str]:
    """Quarters with scores, newest first; none without a warehouse."""
    try:
        return quarters()
    except NoWarehouse:
        return []


def running_ui(scored: list[str]) -> None:
    """Say so when the newest scored quarter is still running: it cannot be frozen yet."""
    running = [q for q in scored if not quarter_has_ended(q)]
    if running:
        end = when(quarter_end(running[0]).isoformat(), "rvc_date_format")
        st.info(t("rvc_quarter_running", lang).format(quarter=running[0], end=end))


def take_ui(quarter: str) -> None:
    """The button that freezes ``quarter`` (for a role that may), then reruns to show it."""
    st.info(t("rvc_no_snapshot_for", lang).format(quarter=quarter))
    if not can("take_snapshot"):
        takers = " / ".join(role_name(r, lang) for r in roles().roles_that_can("take_snapshot"))
        st.caption(t("rvc_take_by", lang).format(roles=takers))
        return
    if st.button(
        t("rvc_take", lang).format(quarter=quarter),
        key="rvc_take",
        type="primary",
        help=t("rvc_take_help", lang),
    ):
        try:
            take_snapshot(quarter, actor=current_user())
        except SnapshotError as exc:
            st.error(plain(exc))
            return
        st.session_state["rvc_snapshot"] = quarter
        st.toast(t("rvc_taken", lang).format(quarter=quarter))
        st.rerun()


@st.cache_data(show_spinner=False, max_entries=16)
def _pdf(quarter: str, sha256: str, lang: str, _snap: dict[str, Any]) -> bytes:
    """The board's PDF of a snapshot, kept per quarter, checksum and language (the
    snapshot itself is not hashed: its checksum stands for it)."""
    return render_report(_snap, lang)


def pdf_ui(snap: dict[str, Any]) -> None:
    """The download of the shown snapshot as PDF; none for a snapshot that fails
    verification (frozen_ui says why). Drawn on the click, not on every run."""
    if not snap["verified"]:
        return
    try:
        verify(snap)
    except ReportError as exc:
        st.warning(t("rvc_pdf_refused", lang).format(reason=plain(exc)))
        return
    quarter = snap["quarter"]
    st.download_button(
        t("rvc_pdf_download", lang),
        data=partial(_pdf, quarter, snap["sha256"], lang, snap),
        file_name=f"rvc-kwartaaloverzicht-{quarter}.pdf",
        mime="application/pdf",
        key="rvc_pdf",
        help=t("rvc_pdf_help", lang).format(quarter=quarter),
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )


def insufficient(row: Any) -> bool:
    """A frozen score with too little evidence for a number; a snapshot from the older
    method has no score_rule, so none of its scores is."""
    get = row.get if isinstance(row, dict) else partial(getattr, row)
    return not get("suppressed", False) and get("score_rule", None) == INSUFFICIENT


def insufficient_text() -> str:
    return t(INSUFFICIENT, lang, group="score_rule")


def frozen_ui(snap: dict[str, Any]) -> None:
    if not snap["verified"]:
        st.error(t("rvc_tampered", lang).format(path=plain(snap["path"])))
    if uses_older_method(snap):
        st.warning(t("rvc_older_method", lang), icon=":material/history:")
    st.success(
        t("rvc_frozen", lang).format(
            quarter=snap["quarter"],
            created_at=when(snap["created_at"]),
            created_by=plain(snap["created_by"]),
            built_at=when(snap["warehouse_built_at"]),
        ),
        icon=":material/lock:",
    )


def changes_ui(snap: dict[str, Any]) -> None:
    if snap["has_previous_quarter"]:
        st.header(t("rvc_changes", lang).format(previous=snap["previous_quarter"]))
    else:
        st.header(t("rvc_position", lang).format(quarter=snap["quarter"]))
    counts = snap["summary"]["counts"]
    # Without a previous quarter nothing can have moved: no count of change at all.
    moved = snap["has_previous_quarter"]
    for column, (key, count) in zip(
        st.columns(4),
        [
            ("rvc_metric_up", counts["risks_up"] if moved else "–"),
            ("rvc_metric_down", counts["risks_down"] if moved else "–"),
            ("rvc_metric_new_red", counts["new_red"] if moved else "–"),
            ("rvc_metric_overdue", counts["overdue_controls"]),
        ],
        strict=True,
    ):
        column.metric(t(key, lang), count)
    for paragraph in snap["texts"][lang]:  # they name departments and measures
        st.markdown(plain(paragraph))


def departments_ui(snap: dict[str, Any]) -> None:
    """Risks x (organisation, departments): likelihood, arrow, coloured by level."""
    st.header(t("rvc_departments", lang))
    units = {
        u["org_unit_id"]: t("rvc_organisation", lang)
        if u["org_level"] == "organisatie"
        else u["org_unit_name"]
        for u in snap["org_units"]
    }
    risks = {r["risk_id"]: r[f"risk_name_{lang}"] for r in snap["risks"]}
    rows = pd.DataFrame(snap["changes"])
    cells = rows.assign(
        cell=[
            insufficient_text()
            if insufficient(r)
            else "–"
            if r.suppressed or r.observed_likelihood is None or pd.isna(r.observed_likelihood)
            else f"{int(r.observed_likelihood)}{ARROWS.get(r.direction, '')}"
            for r in rows.itertuples()
        ]
    )
    shape = {"index": "risk_id", "columns": "org_unit_id"}
    table = cells.pivot(**shape, values="cell").reindex(index=list(risks), columns=list(units))
    levels = cells.pivot(**shape, values="level").reindex(index=list(risks), columns=list(units))
    table = table.rename(index=risks, columns=units).fillna("")
    table.index.name, table.columns.name = t("rvc_col_risk", lang), None
    colours = levels.map(
        lambda v: f"background-color: {LEVEL_COLOURS[v]}" if v in LEVEL_COLOURS else ""
    )
    # A static table: the board sees every risk and department at once, no scrolling.
    # Department names come from an uploaded export: plain, like every cell. (The colours
    # go by position: the plain labels differ from the raw ones.)
    st.table(plain_table(table).style.apply(lambda _: colours.to_numpy(), axis=None))
    st.caption(t("rvc_departments_legend", lang))
    if "score_rule" in rows.columns:  # snapshots of the older method have no such scores
        st.caption(t("rvc_insufficient_legend", lang).format(label=insufficient_text()))

    scores = pd.DataFrame(snap["risk_scores"])
    yes_no = {True: t("rvc_yes", lang), False: t("rvc_no", lang)}
    with st.expander(t("rvc_all_figures", lang)):
        likelihood = [
            insufficient_text() if insufficient(r) else number(r["observed_likelihood"])
            for r in scores.to_dict("records")
        ]
        detail = pd.DataFrame(
            {
                t("rvc_col_risk", lang): scores[f"risk_name_{lang}"],
                t("rvc_col_unit", lang): scores["org_unit_id"].map(units),
                t("rvc_col_likelihood", lang): likelihood,
                t("rvc_col_control", lang): (100 * pd.to_numeric(scores["control_effectiveness"]))
                .round()
                .map(lambda v: number(v, " %")),
                t("rvc_col_expected", lang): scores["expected_residual"].map(number),
                t("rvc_col_observed", lang): scores["observed_score"].map(number),
                t("rvc_col_gap", lang): scores["assurance_gap"].map(number),
                t("rvc_col_level", lang): scores["level"].map(level_name),
                t("rvc_col_appetite", lang): scores["exceeds_appetite"].map(yes_no).fillna("–"),
            }
        )
        if "coverage" in scores.columns:  # the evidence behind each score (method 2 on)
            detail[t("col_coverage", lang)] = [
                "–"
                if r["suppressed"] or r["coverage"] is None or pd.isna(r["coverage"])
                else number(round(100 * r["coverage"]), " %")
                for r in scores.to_dict("records")
            ]
        st.dataframe(detail, hide_index=True, width="stretch", key="rvc_all_figures")


def overdue_ui(snap: dict[str, Any]) -> None:
    # Overdue is as of the build date (report_risk_controls.is_overdue), not the quarter's
    # end; snapshots from before overdue_as_of was recorded carry the build time only.
    as_of = when(snap.get("overdue_as_of") or snap["warehouse_built_at"], "rvc_date_format")
    st.header(t("rvc_overdue", lang).format(date=as_of))
    overdue = pd.DataFrame(snap["overdue_controls"])
    if overdue.empty:
        st.success(t("rvc_no_overdue", lang).format(date=as_of))
        return
    table = pd.DataFrame(
        {
            t("rvc_col_risk", lang): overdue[f"risk_name_{lang}"],
            t("rvc_col_measure", lang): overdue[f"text_{lang}"],
            t("rvc_col_owner", lang): [
                t(v, lang, group="owner_role") for v in overdue["owner_role"]
            ],
            t("rvc_col_status", lang): [
                t(v, lang, group="control_status") for v in overdue["status"]
            ],
            t("rvc_col_test", lang): [
                t(v, lang, group="test_result") for v in overdue["last_test_result"]
            ],
            t("rvc_col_tested_on", lang): overdue["last_tested_on"].map(
                lambda v: when(v, "rvc_date_format")
            ),
            t("rvc_col_review_due", lang): overdue["next_review_on"].map(
                lambda v: when(v, "rvc_date_format")
            ),
        }
    )
    st.table(plain_table(table.set_index(t("rvc_col_risk", lang))))


scored = scored_quarters()
# Only a quarter that has ended can be frozen: offer the newest of those.
newest = next((q for q in scored if quarter_has_ended(q)), None)
taken = list_snapshots()
if not taken and not scored:
    st.info(t("no_warehouse", lang))
    st.info(t("rvc_howto", lang))
    st.stop()
running_ui(scored)
if newest is not None and newest not in taken:
    take_ui(newest)
if not taken:
    st.caption(t("rvc_howto", lang))
    st.stop()

if st.session_state.get("rvc_snapshot") not in taken:
    st.session_state["rvc_snapshot"] = taken[0]
chosen = st.selectbox(t("rvc_pick", lang), taken, key="rvc_snapshot")
try:
    snap = snapshot(chosen)
except SnapshotError as exc:
    st.error(plain(exc))
    st.stop()

frozen_ui(snap)
pdf_ui(snap)
changes_ui(snap)
departments_ui(snap)
overdue_ui(snap)
st.caption(t("rvc_checksum", lang).format(sha=snap.get("sha256", "–")))
