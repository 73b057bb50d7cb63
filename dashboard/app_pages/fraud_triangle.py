"""Fraudedriehoek: gelegenheid, druk and rationalisatie side by side for one quarter, the
departments where opportunity controls are in place while pressure or rationalisation
signals are red (computed in the report_fraud_triangle mart), and any of the twelve
risks' scores opened down to its indicators and control measures. Department names come
from an uploaded export: in Markdown through dashboard.safe.plain."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts_flags as charts
from dashboard.data import mart
from dashboard.explain import explanation_ui, risk_ui
from dashboard.filters import department_ui, organisation_id, quarter_ui, require_warehouse
from dashboard.i18n import t
from dashboard.safe import plain
from pipelines.core import formats

lang = st.session_state.get("lang", "nl")
st.title(t("ft_title", lang))
st.caption(t("ft_intro", lang))
require_warehouse(lang)


def likelihood(value: object) -> str:
    """A likelihood (1-5) as the mart has it: whole, or with its decimal comma."""
    return formats.number(value, lang, decimals=None)


def factor_ui(factor: pd.Series | None, risks: pd.DataFrame, scores: pd.DataFrame) -> None:
    """One side of the triangle for one unit: the factor's summary, then its risks."""
    st.subheader(risks[f"category_name_{lang}"].iloc[0])
    if factor is None or charts.is_true(factor["is_suppressed"]):
        st.caption(t("ft_factor_suppressed", lang))
    else:
        left, right = st.columns(2)
        highest = factor["max_observed_likelihood"]
        if pd.isna(highest):  # no risk of the factor has a score: say why, never "None"
            factor_scores = scores[scores["risk_id"].isin(risks["risk_id"])]
            insufficient = any(charts.is_insufficient(r) for _, r in factor_scores.iterrows())
            highest = charts.insufficient_label(lang) if insufficient else formats.MISSING
        else:
            highest = likelihood(highest)
        left.metric(t("ft_max_likelihood", lang), highest)
        right.metric(t("ft_controls", lang), charts.percent(factor["control_effectiveness"], lang))
        if charts.is_true(factor["is_signal_red"]):
            st.markdown(
                ":red-badge[:material/warning: "
                + t("ft_red_signal", lang).format(risks=factor["red_risk_ids"])
                + "]"
            )
        else:
            st.success(t("ft_no_red_signal", lang))
    st.dataframe(
        charts.factor_risks_table(scores, risks, lang),
        hide_index=True,
        key=f"ft_factor_{risks['category'].iloc[0]}",
        column_config={
            # the risk's whole name (the table scrolls sideways in its third of the page
            # rather than cut it), "onvoldoende gegevens" whole in the level column
            t("col_risk", lang): st.column_config.TextColumn(width="large"),
            t("rf_col_likelihood", lang): st.column_config.NumberColumn(width=48),
            t("ft_col_gap_level", lang): st.column_config.TextColumn(width=150),
            t("ft_col_control_effectiveness", lang): st.column_config.NumberColumn(width=82),
        },
    )


def finding_ui(
    triangle: pd.DataFrame, factor_names: dict[str, str], names: dict, quarter: str
) -> list[str]:
    """The departments the mart flags as "controls in place, but pressure or
    rationalisation red", one row per red factor; returns their ids."""
    settings = triangle.iloc[0]
    st.caption(
        t("ft_finding_caption", lang).format(
            controls_min=charts.percent(settings["controls_in_place_min"], lang),
            red_min=likelihood(settings["signal_red_min_likelihood"]),
        )
    )
    flagged = triangle[triangle["is_pressure_despite_controls"].map(charts.is_true)]
    organisation = flagged[flagged["org_level"] == "organisatie"]
    if not organisation.empty:
        st.warning(
            t("ft_organisation_flagged", lang).format(
                factors=", ".join(factor_names[f].lower() for f in organisation["factor"]),
                risks=", ".join(organisation["red_risk_ids"]),
            )
        )
    rows = flagged[flagged["org_level"] == "afdeling"].assign(
        name=lambda f: f["org_unit_id"].map(names)
    )
    if rows.empty:
        st.success(t("ft_finding_none", lang))
        return []
    rows = rows.sort_values(["name", "factor_order"])
    count = formats.whole(rows["org_unit_id"].nunique(), lang)
    st.caption(t("ft_finding_count", lang).format(n=count, quarter=quarter))
    st.dataframe(
        charts.styled(
            pd.DataFrame(
                {
                    t("ft_col_department", lang): rows["name"].tolist(),
                    t("ft_col_factors", lang): rows["factor"].map(factor_names).tolist(),
                    t("ft_col_red_risks", lang): rows["red_risk_ids"].tolist(),
                    t("ft_col_max_likelihood", lang): rows["max_observed_likelihood"].tolist(),
                    t("ft_col_opportunity_controls", lang): rows[
                        "opportunity_control_effectiveness"
                    ].tolist(),
                }
            ),
            {
                t("ft_col_max_likelihood", lang): likelihood,
                t("ft_col_opportunity_controls", lang): lambda v: charts.percent(v, lang),
            },
        ),
        hide_index=True,
        key="ft_finding",
        column_config={
            t("ft_col_department", lang): st.column_config.TextColumn(width="medium"),
            t("ft_col_red_risks", lang): st.column_config.TextColumn(width="medium"),
        },
    )
    return rows["org_unit_id"].unique().tolist()


quarter = quarter_ui(lang)
department = department_ui(lang)
org_id = organisation_id()
if quarter is None or org_id is None:
    st.info(t("ft_no_scores", lang))
    st.stop()

units = mart("dim_org_units", org_level=["organisatie", "afdeling"])
names = dict(zip(units["org_unit_id"], units["org_unit_name"], strict=True))
focus = department or org_id
departments = units[units["org_level"] == "afdeling"].sort_values("org_unit_name")

triangle = mart("report_fraud_triangle", period=quarter, org_level=["organisatie", "afdeling"])
if triangle.empty:
    st.info(t("ft_no_scores", lang))
    st.stop()
factors = triangle.drop_duplicates("factor").sort_values("factor_order")["factor"].tolist()
risks = mart("dim_risks", category=factors).sort_values(["category_order", "risk_id"])
factor_names = dict(zip(risks["category"], risks[f"category_name_{lang}"], strict=False))
scores = mart(
    "report_risk_scores",
    period_type="quarter",
    period=quarter,
    risk_id=risks["risk_id"].tolist(),
    org_level=["organisatie", "afdeling"],
)

st.header(t("ft_factors", lang).format(unit=plain(names[focus]), quarter=quarter))
unit_factors = triangle[triangle["org_unit_id"] == focus].set_index("factor")
unit_scores = scores[scores["org_unit_id"] == focus]
for column, factor in zip(st.columns(len(factors)), factors, strict=True):
    with column:
        factor_ui(
            unit_factors.loc[factor] if factor in unit_factors.index else None,
            risks[risks["category"] == factor],
            unit_scores,
        )

st.header(t("ft_finding", lang))
flagged = finding_ui(triangle, factor_names, names, quarter)

st.header(t("ft_heatmap", lang).format(quarter=quarter))
st.caption(t("ft_heatmap_caption", lang))
st.plotly_chart(
    charts.triangle_heatmap(
        scores[scores["org_level"] == "afdeling"], risks, departments, lang, marked=flagged
    ),
    key="ft_heatmap",
)

st.header(t("ft_explain", lang).format(unit=plain(names[focus]), quarter=quarter))
st.caption(t("ft_explain_caption", lang))
risk_id = risk_ui(risks, lang, key="ft_explain_risk")
st.caption(risks.set_index("risk_id").loc[risk_id, f"description_{lang}"])
explanation_ui(risk_id, quarter, focus, lang, key="ft_explain")
