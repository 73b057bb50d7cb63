"""Rode vlaggen: one strategic red flag per view: its trend per quarter, every department
side by side, and any unit's score opened down to its indicators and control measures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts_flags as charts
from dashboard.data import mart
from dashboard.filters import department_ui, organisation_id, quarter_ui, require_warehouse
from dashboard.i18n import t

lang = st.session_state.get("lang", "nl")
st.title(t("rf_title", lang))
st.caption(t("rf_intro", lang))
require_warehouse(lang)

NUMBER = st.column_config.NumberColumn(format="%.2f", width="small")
SCORE = st.column_config.NumberColumn(format="%.1f")
SMALL = st.column_config.NumberColumn(width="small")
SHARE = st.column_config.NumberColumn(format="percent", width="small")


def flag_ui(flags: pd.DataFrame) -> pd.Series:
    """The red-flag picker; returns the chosen risk's dim_risks row."""
    names = dict(zip(flags["risk_id"], flags[f"risk_name_{lang}"], strict=True))
    risk_id = st.selectbox(
        t("rf_pick_flag", lang),
        list(names),
        format_func=lambda r: f"{r} · {names[r]}",
        key="rf_risk",
    )
    return flags.set_index("risk_id").loc[risk_id]


def drill_units(units: pd.DataFrame, department: str | None, aggregate_only: bool) -> pd.DataFrame:
    """The units whose score can be opened, in display order: the organisation (or the
    chosen department) then each department followed by its teams. A red flag shown only
    in aggregate never goes below department level."""
    org = units[units["org_level"] == "organisatie"]
    depts = units[units["org_level"] == "afdeling"].sort_values("org_unit_name")
    if department:
        org, depts = org.iloc[0:0], depts[depts["org_unit_id"] == department]
    parts = [org]
    for dept in depts["org_unit_id"]:
        parts.append(depts[depts["org_unit_id"] == dept])
        if not aggregate_only:
            teams = units[(units["org_level"] == "team") & (units["department_id"] == dept)]
            parts.append(teams.sort_values("org_unit_name"))
    return pd.concat(parts, ignore_index=True)


def headline_ui(score: pd.Series | None, change: pd.Series | None, unit_name: str) -> None:
    """The chosen unit's score this quarter as four numbers and its level."""
    if score is None or charts.is_true(score["suppressed"]):
        st.info(t("rf_suppressed_score", lang) if score is not None else t("rf_no_score", lang))
        return
    likelihood_change = None if change is None else change["likelihood_change"]
    gap_change = None if change is None else change["assurance_gap_change"]
    left, mid, right, last = st.columns(4)
    left.metric(
        t("rf_observed_likelihood", lang),
        score["observed_likelihood"] if pd.notna(score["observed_likelihood"]) else "–",
        delta=None if pd.isna(likelihood_change) else int(likelihood_change),
        delta_color="inverse",
    )
    mid.metric(
        t("rf_observed_score", lang),
        score["observed_score"] if pd.notna(score["observed_score"]) else "–",
    )
    right.metric(t("rf_expected_residual", lang), f"{score['expected_residual']:.1f}")
    last.metric(
        t("rf_assurance_gap", lang),
        "–" if pd.isna(score["assurance_gap"]) else f"{score['assurance_gap']:+.1f}",
        delta=None if pd.isna(gap_change) else round(float(gap_change), 1),
        delta_color="inverse",
    )
    level = score["level"]
    if isinstance(level, str):
        st.badge(
            f"{unit_name}: {charts.level_label(level, lang)}",
            color=charts.BADGE_COLOURS.get(level, "gray"),
        )


def explanation_ui(risk: pd.Series, score: pd.Series | None, unit: str, quarter: str) -> None:
    """How the score of one unit is built: the formula with its numbers, then the indicator
    rows (report_risk_explanations) behind it."""
    if score is not None and charts.is_true(score["suppressed"]):
        st.warning(t("rf_suppressed_score", lang))
    elif score is None or pd.isna(score["observed_score"]):
        st.info(t("rf_no_score", lang))
    else:
        st.markdown(
            t("rf_formula", lang).format(
                likelihood=score["observed_likelihood"],
                used=score["indicators_used"],
                impact=risk["impact"],
                score=score["observed_score"],
                inherent=score["inherent_score"],
                effectiveness=charts.percent(score["control_effectiveness"]),
                residual=f"{score['expected_residual']:.1f}",
                gap=f"{score['assurance_gap']:+.1f}",
            )
        )
    explanations = mart(
        "report_risk_explanations",
        risk_id=risk.name,
        period_type="quarter",
        period=quarter,
        org_unit_id=unit,
    )
    table = charts.indicator_table(explanations, lang)
    st.dataframe(
        table,
        hide_index=True,
        key="rf_indicators",
        placeholder="",
        column_config={
            t("rf_col_indicator", lang): st.column_config.TextColumn(width="medium"),
            t("rf_col_level", lang): st.column_config.TextColumn(width="small"),
            t("rf_col_flagged", lang): st.column_config.TextColumn(width="small"),
            t("rf_col_weight", lang): SMALL,
            t("rf_col_n", lang): SMALL,
            t("rf_col_likelihood", lang): SMALL,
            **{
                t(c, lang): NUMBER
                for c in ("col_value", "rf_col_org_value", "rf_col_amber", "rf_col_red")
            },
        },
    )


def controls_ui(risk_id: str) -> None:
    controls = mart("report_risk_controls", risk_id=risk_id)
    measures = mart("dim_control_measures", risk_id=risk_id)
    if controls.empty:
        return
    st.caption(
        t("rf_controls_caption", lang).format(
            effectiveness=charts.percent(controls["control_effectiveness"].iloc[0])
        )
    )
    st.dataframe(
        charts.controls_table(controls, measures, lang),
        hide_index=True,
        key="rf_controls",
        placeholder="–",
        column_config={t("rf_col_effectiveness", lang): SHARE},
    )


quarter = quarter_ui(lang)
department = department_ui(lang)
org_id = organisation_id()
if quarter is None or org_id is None:
    st.info(t("rf_no_scores", lang))
    st.stop()

risk = flag_ui(mart("dim_risks", category="red_flag"))
st.markdown(risk[f"description_{lang}"])
aggregate_only = bool(risk["is_aggregate_only"])
if aggregate_only:
    st.caption(f"{t('only_aggregate', lang)} {t('rf_no_team_level', lang)}")

units = mart("dim_org_units")
levels = ["organisatie", "afdeling"] if aggregate_only else ["organisatie", "afdeling", "team"]
scores = mart("report_risk_scores", risk_id=risk.name, period_type="quarter", org_level=levels)
names = dict(zip(units["org_unit_id"], units["org_unit_name"], strict=True))
focus = department or org_id

this_quarter = scores[scores["period"] == quarter].set_index("org_unit_id")
changes = mart("report_risk_changes", risk_id=risk.name, period=quarter, org_unit_id=focus)
headline_ui(
    this_quarter.loc[focus] if focus in this_quarter.index else None,
    None if changes.empty else changes.iloc[0],
    names[focus],
)

st.subheader(t("rf_trend", lang).format(unit=names[focus]))
st.caption(t("rf_trend_caption", lang))
st.plotly_chart(
    charts.trend_figure(
        scores[scores["org_unit_id"] == focus],
        float(risk["appetite_max_residual"]),
        quarter,
        lang,
    ),
    key="rf_trend_chart",
)

st.subheader(t("rf_per_department", lang))
st.caption(t("rf_per_department_caption", lang))
depts = units[units["org_level"] == "afdeling"]
dept_names = dict(zip(depts["org_unit_id"], depts["org_unit_name"], strict=True))
st.plotly_chart(
    charts.department_trends_figure(scores, dept_names, quarter, lang),
    key="rf_departments_chart",
)

st.subheader(t("rf_scores_by_unit", lang).format(quarter=quarter))
st.caption(t("rf_scores_caption", lang))
drill = drill_units(units, department, aggregate_only)
st.dataframe(
    charts.unit_scores_table(this_quarter.reset_index(), drill, lang),
    hide_index=True,
    key="rf_scores",
    placeholder="",
    column_config={
        t("rf_expected_residual", lang): SCORE,
        t("rf_assurance_gap", lang): SCORE,
    },
)
suppressed = {u for u, s in this_quarter["suppressed"].items() if charts.is_true(s)}
labels = {
    u["org_unit_id"]: charts.unit_label(u, lang, suppressed=u["org_unit_id"] in suppressed)
    for u in drill.to_dict("records")
}
if st.session_state.get("rf_unit") not in labels:
    st.session_state["rf_unit"] = focus
unit = st.selectbox(t("rf_pick_unit", lang), list(labels), format_func=labels.get, key="rf_unit")

st.subheader(t("rf_explanation", lang).format(unit=labels[unit]))
explanation_ui(risk, this_quarter.loc[unit] if unit in this_quarter.index else None, unit, quarter)

st.subheader(t("rf_controls", lang))
controls_ui(risk.name)
