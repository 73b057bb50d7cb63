"""Overzicht: every risk on one impact-by-likelihood map, register against data, for the DT.

With the risks whose assurance gap is largest (any score opened down to its indicators
and control measures), what moved since last quarter and how current the data is; for
one quarter and the organisation or one department. Unit names come from an uploaded
export: in Markdown through dashboard.safe.plain, and measure texts only in tables.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.auth_ui import current_role
from dashboard.charts import risk_heatmap
from dashboard.charts_flags import insufficient_label, is_insufficient, level_name
from dashboard.data import catalogue, mart
from dashboard.explain import explanation_ui, risk_ui
from dashboard.filters import department_ui, organisation_id, quarter_ui, require_warehouse
from dashboard.i18n import t
from dashboard.pages import pages_for
from dashboard.safe import plain

TOP_GAPS = 5  # how many risks the assurance-gap table lists
STALE_ROW = "background-color: #fdecc8"

lang = st.session_state.get("lang", "nl")
st.title(t("ov_title", lang))
st.caption(t("ov_intro", lang))


def band_caption() -> str:
    """Which appetite each colour band of the map fits, from the settings."""
    limits = sorted(catalogue().settings.appetite_max_residual.items(), key=lambda kv: kv[1])
    bands = "; ".join(
        t("ov_band_item", lang).format(limit=limit, appetite=t(name, lang, group="appetite"))
        for name, limit in limits
    )
    return t("ov_bands", lang).format(bands=bands)


def map_rows(risks: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Every risk in register order with its observed score for the unit (null if none)."""
    rows = risks.merge(scores.drop(columns="inherent_score"), on="risk_id", how="left")
    return rows.assign(
        name=rows[f"risk_name_{lang}"],
        level_name=[level_name(level, lang) for level in rows["level"]],
    )


def by_gap(rows: pd.DataFrame) -> pd.DataFrame:
    """The risks largest assurance gap first (ties in register order, no gap last)."""
    return rows.sort_values(
        ["assurance_gap", "category_order", "risk_id"],
        ascending=[False, True, True],
        na_position="last",
        kind="stable",
    )


def heatmap_ui(rows: pd.DataFrame) -> None:
    st.subheader(t("ov_heatmap", lang))
    limits = sorted(catalogue().settings.appetite_max_residual.values())
    st.plotly_chart(
        risk_heatmap(rows, limits, lang),
        key="ov_heatmap",
        width="stretch",
        config={"displayModeBar": False},
    )
    st.caption(t("ov_heatmap_help", lang))
    st.caption(band_caption())
    unseen = rows[rows["observed_likelihood"].isna()]
    if not unseen.empty:
        # suppressed: the unit has scores, but for too few people to show them;
        # insufficient: too little of the risk's indicator weight observed for a number
        suppressed = unseen["suppressed"].eq(True)
        insufficient = pd.Series(
            [is_insufficient(r) for r in unseen.to_dict("records")], index=unseen.index
        )
        groups = [
            f"{label}: {', '.join(group['risk_id'])}"
            for label, group in (
                (t("ov_suppressed", lang), unseen[suppressed]),
                (insufficient_label(lang).capitalize(), unseen[insufficient]),
                (t("ov_missing", lang), unseen[~suppressed & ~insufficient]),
            )
            if not group.empty
        ]
        st.markdown(t("ov_no_data", lang).format(risks="; ".join(groups)))


def gap_ui(rows: pd.DataFrame) -> None:
    st.subheader(t("ov_gap_title", lang))
    st.caption(t("ov_gap_help", lang))
    top = by_gap(rows[rows["assurance_gap"] > 0])
    if rows["assurance_gap"].isna().all():
        st.info(t("ov_no_unit_scores", lang))
        return
    if top.empty:
        st.success(t("ov_no_gap", lang))
        return
    table = pd.DataFrame(
        {
            t("col_id", lang): top["risk_id"],
            t("col_risk", lang): top["name"],
            t("ov_col_observed_score", lang): top["observed_score"],
            t("ov_col_expected_residual", lang): top["expected_residual"],
            t("ov_col_gap", lang): top["assurance_gap"],
            t("ov_col_level", lang): top["level_name"],
            t("ov_col_exceeds_appetite", lang): top["exceeds_appetite"].astype(bool),
            t("col_coverage", lang): top["coverage"],
        }
    ).head(TOP_GAPS)
    one_decimal = st.column_config.NumberColumn(format="%.1f")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="ov_gaps",
        column_config={
            t("col_risk", lang): st.column_config.TextColumn(width="medium"),
            t("ov_col_expected_residual", lang): one_decimal,
            t("ov_col_gap", lang): one_decimal,
            t("col_coverage", lang): st.column_config.NumberColumn(format="percent"),
        },
    )


def explain_ui(rows: pd.DataFrame, quarter: str, unit: str, unit_name: str) -> None:
    """Any risk's score for the unit and quarter shown, opened down to its indicators and
    control measures; the risk with the largest assurance gap first."""
    st.subheader(t("ov_explain", lang))
    st.caption(t("ov_explain_caption", lang).format(unit=plain(unit_name), quarter=quarter))
    ranked = by_gap(rows)
    risk_id = risk_ui(
        rows.sort_values(["category_order", "risk_id"]),
        lang,
        key="ov_explain_risk",
        default=ranked["risk_id"].iloc[0] if ranked["assurance_gap"].notna().any() else None,
    )
    st.caption(rows.set_index("risk_id").loc[risk_id, f"description_{lang}"])
    explanation_ui(
        risk_id,
        quarter,
        unit,
        lang,
        key="ov_explain",
        heading=lambda text: st.markdown(f"**{text}**"),
    )


def moved_ui(changes: pd.DataFrame, names: pd.Series) -> None:
    previous = changes["previous_period"].iloc[0]
    st.subheader(t("ov_moved_title", lang).format(previous=previous))
    if changes["previous_observed_likelihood"].isna().all():
        st.info(t("ov_no_previous", lang).format(previous=previous))
        return
    up = changes["direction"] == "omhoog"
    down = changes["direction"] == "omlaag"
    new_red = changes["is_new_red"].astype(bool)
    left, middle, right = st.columns(3)
    left.metric(t("ov_up", lang), int(up.sum()))
    middle.metric(t("ov_down", lang), int(down.sum()))
    right.metric(t("ov_new_red", lang), int(new_red.sum()))
    moved = changes[up | down | new_red]
    if moved.empty:
        st.success(t("ov_nothing_moved", lang).format(previous=previous))
        return
    moved = moved.assign(
        _order=moved["risk_id"].map({r: i for i, r in enumerate(names.index)})
    ).sort_values(["is_new_red", "likelihood_change", "_order"], ascending=[False, False, True])
    table = pd.DataFrame(
        {
            t("col_id", lang): moved["risk_id"],
            t("col_risk", lang): moved["risk_id"].map(names),
            t("ov_col_direction", lang): [
                t(d, lang, group="ov_direction") if isinstance(d, str) else ""
                for d in moved["direction"]
            ],
            t("ov_col_likelihood_before", lang): moved["previous_observed_likelihood"],
            t("ov_col_likelihood_now", lang): moved["observed_likelihood"],
            t("ov_col_gap_change", lang): moved["assurance_gap_change"],
            t("ov_col_level", lang): [level_name(level, lang) for level in moved["level"]],
            t("ov_new_red", lang): new_red[moved.index],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="ov_moved",
        column_config={t("ov_col_gap_change", lang): st.column_config.NumberColumn(format="%+.1f")},
    )


def freshness_ui(freshness: pd.DataFrame) -> None:
    st.subheader(t("ov_fresh_title", lang))
    stale = freshness[freshness["is_stale"].astype(bool)]
    if stale.empty:
        st.success(t("ov_fresh_ok", lang))
    else:
        items = [
            t("ov_fresh_empty", lang).format(dataset=r.dataset)
            if pd.isna(r.age_days)
            else t("ov_fresh_item", lang).format(dataset=r.dataset, days=int(r.age_days))
            for r in stale.itertuples()
        ]
        st.warning(t("ov_fresh_stale", lang).format(datasets=", ".join(items)))
    newest = pd.to_datetime(freshness["newest_date"]).dt.strftime("%Y-%m-%d")
    table = pd.DataFrame(
        {
            t("col_dataset", lang): freshness["dataset"],
            t("ov_col_status", lang): freshness["is_stale"].map(
                {True: "⚠️ " + t("dq_stale", lang), False: t("ov_fresh_ok_mark", lang)}
            ),
            t("col_newest", lang): newest.fillna("—"),
            t("col_age_days", lang): freshness["age_days"].astype("string").fillna("—"),
        }
    )
    stale_rows = freshness["is_stale"].astype(bool).tolist()
    styled = table.style.apply(
        lambda row: [STALE_ROW if stale_rows[row.name] else ""] * len(row), axis=1
    )
    st.dataframe(styled, hide_index=True, width="stretch", key="ov_freshness")
    data_quality_link_ui()


def data_quality_link_ui() -> None:
    """A link to Datakwaliteit, for the roles that may open it."""
    if any(p.file == "data_quality.py" for p in pages_for(current_role() or "")):
        st.page_link(
            "app_pages/data_quality.py",
            label=t("ov_to_data_quality", lang),
            icon=":material/fact_check:",
        )


require_warehouse(lang)
quarter = quarter_ui(lang)
department = department_ui(lang)
unit = department or organisation_id()
if quarter is None or unit is None:
    st.info(t("ov_no_scores", lang))
    data_quality_link_ui()
    st.stop()

unit_name = mart("dim_org_units", org_unit_id=unit)["org_unit_name"].iloc[0]
st.markdown(t("ov_unit", lang).format(unit=plain(unit_name), quarter=quarter))

risks = mart("dim_risks")
scores = mart("report_risk_scores", period_type="quarter", period=quarter, org_unit_id=unit)
changes = mart("report_risk_changes", period=quarter, org_unit_id=unit)
rows = map_rows(risks, scores)

chart, fresh = st.columns([5, 4], gap="large")
with chart:
    heatmap_ui(rows)
with fresh:
    freshness_ui(mart("report_data_freshness"))

gap_ui(rows)
explain_ui(rows, quarter, unit, unit_name)
if changes.empty:
    st.info(t("ov_no_previous", lang).format(previous="—"))
else:
    moved_ui(changes, rows.set_index("risk_id")["name"])
