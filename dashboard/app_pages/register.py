"""Risicoregister: every risk of the catalogue with its control measures, in register order."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import NoWarehouse, mart
from dashboard.i18n import t

lang = st.session_state.get("lang", "nl")
st.title(t("register_title", lang))
st.caption(t("register_intro", lang))


def risk_table_ui(risks: pd.DataFrame) -> None:
    table = pd.DataFrame(
        {
            t("col_id", lang): risks["risk_id"],
            t("col_risk", lang): risks[f"risk_name_{lang}"],
            t("col_impact", lang): risks["impact"],
            t("col_likelihood", lang): risks["inherent_likelihood"],
            t("col_inherent_score", lang): risks["inherent_score"],
            t("col_appetite", lang): [t(a, lang, group="appetite") for a in risks["appetite"]],
            t("col_measures", lang): risks["control_measure_count"],
            t("col_indicators", lang): risks["indicator_count"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")


def measures_ui(measures: pd.DataFrame) -> None:
    table = pd.DataFrame(
        {
            t("col_measure", lang): measures[f"text_{lang}"].tolist(),
            t("col_type", lang): [
                t(v, lang, group="control_type") for v in measures["control_type"]
            ],
            t("col_owner", lang): [t(v, lang, group="owner_role") for v in measures["owner_role"]],
            t("col_review", lang): [
                t(v, lang, group="review_frequency") for v in measures["review_frequency"]
            ],
        },
        index=pd.Index(measures["control_measure_id"], name=t("col_id", lang)),
    )
    st.table(table)


try:
    risks = mart("dim_risks")
    measures = mart("dim_control_measures")
except NoWarehouse:
    st.info(t("no_warehouse", lang))
    st.stop()

for _, group in risks.groupby("category_order", sort=True):
    st.header(group[f"category_name_{lang}"].iloc[0])
    risk_table_ui(group)
    for risk in group.itertuples():
        with st.expander(f"{risk.risk_id} · {getattr(risk, f'risk_name_{lang}')}", expanded=True):
            st.markdown(getattr(risk, f"description_{lang}"))
            if risk.is_aggregate_only:
                st.caption(t("only_aggregate", lang))
            measures_ui(measures[measures["risk_id"] == risk.risk_id])
