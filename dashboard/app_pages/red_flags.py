"""Rode vlaggen: one strategic red flag per view: its trend per quarter, every department
side by side, and any unit's score opened down to its indicators and control measures.
Unit names come from an uploaded export: in Markdown through dashboard.safe.plain."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts_flags as charts
from dashboard.data import catalogue, mart
from dashboard.explain import drill_units, explanation_ui, risk_ui, unit_ui
from dashboard.filters import department_ui, organisation_id, quarter_ui, require_warehouse
from dashboard.i18n import t
from dashboard.safe import plain, plain_badge
from pipelines.core import formats

lang = st.session_state.get("lang", "nl")
st.title(t("rf_title", lang))
st.caption(t("rf_intro", lang))
require_warehouse(lang)


def change_ui(where, label: str, value: str, change: object, *, decimals: int) -> None:
    """A metric with its change against the previous quarter, written in the reader's
    language; no arrow for no change (a rise is bad: red)."""
    if pd.isna(change):
        where.metric(label, value)
        return
    delta = formats.number(change, lang, decimals=decimals, signed=True)
    still = round(float(change), decimals) == 0
    where.metric(
        label,
        value,
        delta=delta,
        delta_color="off" if still else "inverse",
        delta_arrow="off" if still else "auto",
    )


def headline_ui(score: pd.Series | None, change: pd.Series | None, unit_name: str) -> None:
    """The chosen unit's score this quarter as four numbers, its level and the evidence
    (coverage, rule); without enough evidence the words onvoldoende gegevens instead."""
    if score is None or charts.is_true(score["suppressed"]):
        st.info(t("ex_suppressed_score", lang) if score is not None else t("ex_no_score", lang))
        return
    if charts.is_insufficient(score):
        st.info(
            t("rf_insufficient", lang).format(
                unit=plain(unit_name),
                label=charts.insufficient_label(lang),
                coverage=charts.percent(score["coverage"], lang),
                minimum=charts.percent(catalogue().settings.scoring.min_coverage, lang),
            )
        )
        return
    likelihood_change = None if change is None else change["likelihood_change"]
    gap_change = None if change is None else change["assurance_gap_change"]
    left, mid, right, last = st.columns(4)
    change_ui(
        left,
        t("rf_observed_likelihood", lang),
        formats.whole(score["observed_likelihood"], lang),
        likelihood_change,
        decimals=0,
    )
    mid.metric(t("rf_observed_score", lang), formats.whole(score["observed_score"], lang))
    right.metric(t("rf_expected_residual", lang), formats.number(score["expected_residual"], lang))
    change_ui(
        last,
        t("rf_assurance_gap", lang),
        formats.number(score["assurance_gap"], lang, signed=True),
        gap_change,
        decimals=1,
    )
    level = score["level"]
    if isinstance(level, str):
        st.badge(
            f"{plain_badge(unit_name)}: {charts.level_label(level, lang)}",
            color=charts.BADGE_COLOURS.get(level, "gray"),
        )
    if isinstance(score["score_rule"], str):
        st.caption(
            t("rf_evidence", lang).format(
                coverage=charts.percent(score["coverage"], lang),
                rule=t(score["score_rule"], lang, group="score_rule"),
            )
        )


quarter = quarter_ui(lang)
department = department_ui(lang)
org_id = organisation_id()
if quarter is None or org_id is None:
    st.info(t("rf_no_scores", lang))
    st.stop()

flags = mart("dim_risks", category="red_flag")
risk = flags.set_index("risk_id").loc[
    risk_ui(flags, lang, key="rf_risk", label=t("rf_pick_flag", lang))
]
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

st.subheader(t("rf_trend", lang).format(unit=plain(names[focus])))
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
    column_config={
        # team names come under their department's: wide enough for both
        t("rf_col_unit", lang): st.column_config.TextColumn(width="large"),
        t("rf_col_level", lang): st.column_config.TextColumn(width="medium"),
    },
)
unit, label = unit_ui(
    risk.name,
    quarter,
    department,
    lang,
    key="rf_unit",
    label=t("rf_pick_unit", lang),
    default=focus,
)

st.subheader(t("rf_explanation", lang).format(unit=plain(label)))
explanation_ui(risk.name, quarter, unit, lang, key="rf")
