"""RvC-kwartaaloverzicht: the supervisory board's frozen quarterly snapshots.

Page one leads with the assurance gap (zekerheidskloof): a bar chart of the organisation's
gap per risk coloured by its level, and three generated sentences (pipelines/core/headline.py:
what is red, what changed, what the board may ask). Gestegen, gedaald and nieuw rood are
counted there, at the organisation level only, as on Overzicht and in the PDF; the
departments' movements have their own table, which says so. Then the details: the gap per
department, the overdue measures, the integrity reports' aggregates
(dashboard.meldingen_summary; "not in this snapshot" for one taken before format 3), all
figures.

The page shows what pipelines/reports/snapshot.py froze (organisation and departments only, never
a team) and computes no score; its one action is taking the snapshot of the newest
scored quarter that has ended when there is none yet (a running quarter is never frozen),
offered only to a role with ``take_snapshot`` (risks/roles.yaml) and recorded under the
logged-in user name. Before the first snapshot it shows the headline of that quarter from
the live marts, saying it is not frozen. Every role that sees the page may download the
shown snapshot as the board's PDF (pipelines/reports/pdf/), in the page's language: drawn
only when the button is clicked (a deferred download: the page never waits for it) and
kept per quarter, checksum and language. A snapshot that fails verification gets no PDF.

The snapshot holds what users typed (measure texts, department names, who took it): the
static tables (``st.table`` renders every cell as Markdown) pass through
dashboard.safe.plain_table, every other text through plain, and chart labels through
plotly_text, so it is shown as typed.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.auth_ui import can, current_user, role_name, roles
from dashboard.data import NoWarehouse, built_at, mart
from dashboard.filters import quarters
from dashboard.i18n import t
from dashboard.meldingen_summary import summary_ui
from dashboard.operating_ui import snapshot_operating_ui
from dashboard.policy_ui import policy_cycle_ui
from dashboard.safe import plain, plain_table, plotly_text
from pipelines.core import formats, headline
from pipelines.core.catalogue import Text, load_catalogue
from pipelines.reports.pdf import LEVEL_BAR, LEVEL_FILL, ReportError, render_report, verify
from pipelines.reports.snapshot import (
    SnapshotError,
    list_snapshots,
    load_snapshot,
    quarter_end,
    quarter_has_ended,
    scoring_method,
    snapshot_path,
    take_snapshot,
    uses_older_method,
)

ORGANISATION = headline.ORGANISATION
INSUFFICIENT = "onvoldoende_gegevens"  # score_rule without a number (method 2 and later)

lang = st.session_state.get("lang", "nl")
st.title(t("rvc_title", lang))
st.caption(t("rvc_intro", lang))
policy_cycle_ui(lang)


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
        return formats.MISSING
    name = level_names().get(level)
    return getattr(name, lang) if name else level


def number(value: Any, **kwargs: Any) -> str:
    return formats.number(value, lang, decimals=kwargs.pop("decimals", None), **kwargs)


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
        end = formats.date(quarter_end(running[0]), lang)
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
    """A frozen score with too little evidence for a number; a snapshot of method 1 has
    no score_rule, so none of its scores is."""
    get = row.get if isinstance(row, dict) else partial(getattr, row)
    return not get("suppressed", False) and get("score_rule", None) == INSUFFICIENT


def insufficient_text() -> str:
    return t(INSUFFICIENT, lang, group="score_rule")


# ---------------------------------------------------------------- the headline


def gap_chart(scores: list[dict[str, Any]]) -> go.Figure:
    """The organisation's assurance gap per risk, largest first, coloured by its level."""
    rows = headline.ranked(headline.organisation_rows(scores))
    labels = [plotly_text(f"{r[f'risk_name_{lang}']} ({r['risk_id']})") for r in rows]
    gaps = [float(r["assurance_gap"]) for r in rows]
    figure = go.Figure(
        go.Bar(
            x=gaps,
            y=labels,
            orientation="h",
            marker_color=[LEVEL_BAR[r["level"]] for r in rows],
            text=[number(g, decimals=1, signed=True) for g in gaps],
            textposition="outside",
            cliponaxis=False,
            customdata=[level_name(r["level"]) for r in rows],
            hovertemplate="%{y}: " + t("rvc_chart_hover", lang) + "<extra></extra>",
        )
    )
    figure.update_layout(
        height=90 + 22 * len(rows),
        margin={"l": 10, "r": 40, "t": 10, "b": 40},
        separators=",." if lang == "nl" else ".,",  # decimal mark, then thousands
        xaxis_title=t("rvc_chart_axis", lang),
        yaxis={"autorange": "reversed"},  # the largest gap on top
        plot_bgcolor="white",
        showlegend=False,
    )
    figure.update_xaxes(zeroline=True, zerolinecolor="#1f2f46", gridcolor="#e6e9ee")
    return figure


def headline_ui(
    *,
    quarter: str,
    scores: list[dict[str, Any]],
    changes: list[dict[str, Any]],
    overdue: int,
    total: int,
) -> None:
    """The lead: the three sentences, the gap chart and the organisation's counts."""
    found = headline.finding(headline.organisation_rows(scores), total=total)
    moved = headline.movements(changes)
    st.header(t("rvc_lead", lang).format(quarter=quarter))
    for sentence in headline.board_sentences(found, moved, overdue, lang):
        st.markdown(plain(sentence))  # risk names are the register's, typed by a user
    if headline.ranked(headline.organisation_rows(scores)):
        st.plotly_chart(
            gap_chart(scores),
            key="rvc_gap_chart",
            width="stretch",
            config={"displayModeBar": False},
        )
        st.caption(t("rvc_chart_caption", lang))
    counts = moved.counts
    # Without a previous quarter nothing can have moved: no count of change at all.
    shown = {
        k: formats.whole(v, lang) if moved.has_previous else formats.MISSING
        for k, v in counts.items()
    }
    for column, (key, value) in zip(
        st.columns(4),
        [
            ("rvc_metric_up", shown["up"]),
            ("rvc_metric_down", shown["down"]),
            ("rvc_metric_new_red", shown["new_red"]),
            ("rvc_metric_overdue", formats.whole(overdue, lang)),
        ],
        strict=True,
    ):
        column.metric(t(key, lang), value)
    if moved.has_previous:  # nothing to explain about a comparison that cannot be made
        st.caption(t("rvc_metrics_scope", lang).format(previous=moved.previous))


# ---------------------------------------------------------------- the first run


def live_rows(quarter: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int, int]:
    """The organisation's scores and changes of ``quarter`` from the published marts, as
    a snapshot would hold them (with the risk names); the overdue measures; the risks."""
    # in register order, as the snapshot's rows are: equal gaps keep that order
    risks = mart("dim_risks").sort_values(["category_order", "risk_id"])
    risks = risks[["risk_id", "risk_name_nl", "risk_name_en"]]
    # the organisation's rows only: the board never sees below department level
    organisation = {"period": quarter, "org_level": ORGANISATION}
    scores = mart("report_risk_scores", period_type="quarter", **organisation)
    changes = mart("report_risk_changes", **organisation)
    overdue = mart("report_risk_controls", is_overdue=True)

    def named(frame: pd.DataFrame) -> list[dict[str, Any]]:
        frame = risks.merge(frame, on="risk_id")
        return frame.astype(object).where(frame.notna(), None).to_dict("records")

    return named(scores), named(changes), len(overdue), len(risks)


def first_run_ui(quarter: str) -> None:
    """No snapshot yet, but scores: the headline of ``quarter`` from the live marts,
    saying it is not frozen, and the button for a role that may freeze it."""
    scores, changes, overdue, total = live_rows(quarter)
    built = formats.date_time(dt.datetime.fromtimestamp(built_at()).astimezone(), lang)
    st.warning(
        t("rvc_live", lang).format(quarter=quarter, built=built), icon=":material/lock_open:"
    )
    headline_ui(quarter=quarter, scores=scores, changes=changes, overdue=overdue, total=total)


def empty_ui() -> None:
    """Neither a snapshot nor a warehouse: what the page will show and what to do."""
    st.info(t("rvc_empty", lang))
    st.caption(t("rvc_howto", lang))


# ---------------------------------------------------------------- a snapshot


def frozen_ui(snap: dict[str, Any]) -> None:
    if uses_older_method(snap):
        # one text per older method: what it did that today's does not
        method = scoring_method(snap)
        st.warning(t(f"rvc_older_method_{method}", lang), icon=":material/history:")
    st.success(
        t("rvc_frozen", lang).format(
            quarter=snap["quarter"],
            created_at=formats.date_time(snap["created_at"], lang),
            created_by=plain(snap["created_by"]),
            built_at=formats.date_time(snap["warehouse_built_at"], lang),
        ),
        icon=":material/lock:",
    )


def unit_names(snap: dict[str, Any]) -> dict[str, str]:
    return {
        u["org_unit_id"]: t("rvc_organisation", lang)
        if u["org_level"] == ORGANISATION
        else u["org_unit_name"]
        for u in snap["org_units"]
    }


def gap_cell(row: dict[str, Any]) -> str:
    """The signed assurance gap of one risk and unit: ``+7,5``; the words for too little
    evidence, a dash for none (suppressed or no data)."""
    if insufficient(row):
        return insufficient_text()
    if row.get("suppressed") or formats.is_missing(row.get("assurance_gap")):
        return formats.MISSING
    return number(row["assurance_gap"], decimals=1, signed=True)


def departments_ui(snap: dict[str, Any]) -> None:
    """Risks x (organisation, departments): the signed gap, coloured by the level of that
    same gap, so number and colour say one thing in every cell."""
    st.header(t("rvc_departments", lang))
    units = unit_names(snap)
    risks = {r["risk_id"]: r[f"risk_name_{lang}"] for r in snap["risks"]}
    rows = pd.DataFrame(snap["risk_scores"])
    cells = rows.assign(
        cell=[gap_cell(r) for r in snap["risk_scores"]],
        fill=[
            None if gap_cell(r) in (formats.MISSING, insufficient_text()) else r.get("level")
            for r in snap["risk_scores"]
        ],
    )
    shape = {"index": "risk_id", "columns": "org_unit_id"}
    table = cells.pivot(**shape, values="cell").reindex(index=list(risks), columns=list(units))
    levels = cells.pivot(**shape, values="fill").reindex(index=list(risks), columns=list(units))
    table = table.rename(index=risks, columns=units).fillna("")
    table.index.name, table.columns.name = t("rvc_col_risk", lang), None
    colours = levels.map(lambda v: f"background-color: {LEVEL_FILL[v]}" if v in LEVEL_FILL else "")
    # A static table: the board sees every risk and department at once, no scrolling.
    # Department names come from an uploaded export: plain, like every cell. (The colours
    # go by position: the plain labels differ from the raw ones.)
    st.table(plain_table(table).style.apply(lambda _: colours.to_numpy(), axis=None))
    st.caption(t("rvc_departments_legend", lang))
    if "score_rule" in rows.columns:  # snapshots of method 1 have no such scores
        st.caption(t("rvc_insufficient_legend", lang).format(label=insufficient_text()))


def department_changes_ui(snap: dict[str, Any]) -> None:
    """What moved in the departments: their own table, never in the counts on top."""
    if not snap["has_previous_quarter"]:
        return
    previous = snap["previous_quarter"]
    st.header(t("rvc_dept_changes", lang).format(previous=previous))
    moved = [
        r
        for r in snap["changes"]
        if r["org_level"] != ORGANISATION
        and (r.get("direction") in ("omhoog", "omlaag") or r.get("is_new_red") is True)
    ]
    st.caption(t("rvc_dept_changes_caption", lang).format(previous=previous))
    if not moved:
        st.success(t("rvc_dept_changes_none", lang))
        return
    yes_no = {True: t("rvc_yes", lang), False: t("rvc_no", lang)}
    table = pd.DataFrame(
        {
            t("rvc_col_risk", lang): [r[f"risk_name_{lang}"] for r in moved],
            t("rvc_col_department", lang): [r["org_unit_name"] for r in moved],
            t("rvc_col_movement", lang): [
                t(r.get("direction") or "gelijk", lang, group="rvc_direction") for r in moved
            ],
            t("rvc_col_was", lang): [number(r["previous_observed_likelihood"]) for r in moved],
            t("rvc_col_now", lang): [number(r["observed_likelihood"]) for r in moved],
            t("rvc_col_new_red", lang): [yes_no[r.get("is_new_red") is True] for r in moved],
        }
    )
    st.table(plain_table(table.set_index(t("rvc_col_risk", lang))))


def all_figures_ui(snap: dict[str, Any]) -> None:
    units = unit_names(snap)
    scores = pd.DataFrame(snap["risk_scores"])
    records = snap["risk_scores"]
    yes_no = {True: t("rvc_yes", lang), False: t("rvc_no", lang)}
    with st.expander(t("rvc_all_figures", lang)):
        detail = pd.DataFrame(
            {
                t("rvc_col_risk", lang): scores[f"risk_name_{lang}"],
                t("rvc_col_unit", lang): scores["org_unit_id"].map(units),
                t("rvc_col_likelihood", lang): [
                    insufficient_text() if insufficient(r) else number(r["observed_likelihood"])
                    for r in records
                ],
                t("rvc_col_control", lang): [
                    formats.percent(r["control_effectiveness"], lang) for r in records
                ],
                t("rvc_col_expected", lang): [number(r["expected_residual"]) for r in records],
                t("rvc_col_observed", lang): [number(r["observed_score"]) for r in records],
                t("rvc_col_gap", lang): [gap_cell(r) for r in records],
                t("rvc_col_level", lang): [level_name(r["level"]) for r in records],
                t("rvc_col_appetite", lang): [
                    yes_no.get(r["exceeds_appetite"], formats.MISSING) for r in records
                ],
            }
        )
        if "coverage" in scores.columns:  # the evidence behind each score (method 2 on)
            detail[t("col_coverage", lang)] = [
                formats.MISSING if r["suppressed"] else formats.percent(r["coverage"], lang)
                for r in records
            ]
        st.dataframe(detail, hide_index=True, width="stretch", key="rvc_all_figures")


def overdue_ui(snap: dict[str, Any]) -> None:
    # Overdue is as of the build date (report_risk_controls.is_overdue), not the quarter's
    # end; snapshots from before overdue_as_of was recorded carry the build time only.
    as_of = formats.date(snap.get("overdue_as_of") or snap["warehouse_built_at"], lang)
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
            t("rvc_col_tested_on", lang): [
                formats.date(v, lang) for v in overdue["last_tested_on"]
            ],
            t("rvc_col_review_due", lang): [
                formats.date(v, lang) for v in overdue["next_review_on"]
            ],
        }
    )
    st.table(plain_table(table.set_index(t("rvc_col_risk", lang))))


def snapshot_ui(snap: dict[str, Any]) -> None:
    if not snap["verified"]:
        st.error(t("rvc_tampered", lang).format(path=plain(snap["path"])))
    headline_ui(
        quarter=snap["quarter"],
        scores=snap["risk_scores"],
        changes=snap["changes"],
        overdue=len(snap["overdue_controls"]),
        total=len(snap["risks"]),
    )
    frozen_ui(snap)
    pdf_ui(snap)
    departments_ui(snap)
    department_changes_ui(snap)
    overdue_ui(snap)
    # operating evidence since issue 18; an older snapshot says it holds none
    snapshot_operating_ui(snap, lang)
    # integrity reports since snapshot format 3; an older one says it does not hold them
    summary_ui(snap.get("meldingen"), lang, key="rvc_meldingen")
    all_figures_ui(snap)
    st.caption(t("rvc_checksum", lang).format(sha=snap.get("sha256") or formats.MISSING))


scored = scored_quarters()
# Only a quarter that has ended can be frozen: offer the newest of those.
newest = next((q for q in scored if quarter_has_ended(q)), None)
taken = list_snapshots()
if not taken and not scored:
    empty_ui()
    st.stop()
running_ui(scored)
if newest is not None and newest not in taken:
    take_ui(newest)
if not taken:
    # Nothing frozen yet: the headline of the quarter the button would freeze (or, while
    # the only scored quarter still runs, of that one), live and said to be so.
    first_run_ui(newest or scored[0])
    st.stop()

if st.session_state.get("rvc_snapshot") not in taken:
    st.session_state["rvc_snapshot"] = taken[0]
chosen = st.selectbox(t("rvc_pick", lang), taken, key="rvc_snapshot")
try:
    snap = snapshot(chosen)
except SnapshotError as exc:
    st.error(plain(exc))
    st.stop()
snapshot_ui(snap)
