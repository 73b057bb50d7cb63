"""Uitzonderingen: person-level breaches of the integrity code, for the integrity officer.

One row per breach of a hard rule of risks/code_rules.yaml (report_code_exceptions: a
gift over the maximum value, money or vouchers from tenants, a gift delivered at home, a
side job started before approval or for a tenant or relation, a year in which a company
car's private kilometres reached the limit), newest first, with the employee's pseudonym
only; a car row is dated the first day of its year (the mart's stable date) and shows its
kilometres and the limit. The menu offers this page to the integriteitsfunctionaris
only and dashboard/data.py refuses the mart to other roles; DT and RvC see counts. The
page computes nothing: it filters and words what the mart holds. Below the table the
follow-up of one exception (dashboard/followup_ui.py): assign, note the conversation,
close with an outcome. Below that, orders with a procurement signal
(dashboard/procurement_exceptions_ui.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.charts_flags import styled
from dashboard.data import NoWarehouse, catalogue, mart
from dashboard.filters import department_ui, within
from dashboard.followup_ui import follow_ups, section_ui, statuses
from dashboard.i18n import t
from dashboard.procurement_exceptions_ui import procurement_ui
from pipelines.core import formats

lang = st.session_state.get("lang", "nl")
# The date picker's pattern: as pipelines.core.formats writes a date (dd-mm-jjjj, dd/mm/yyyy).
PICKER_FORMATS = {"nl": "DD-MM-YYYY", "en": "DD/MM/YYYY"}
st.title(t("exc_title", lang))
st.caption(t("exc_intro", lang))


def missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def yes(value: Any) -> bool:
    return not missing(value) and bool(value)


def day(value: Any, none_key: str) -> str:
    """A date as the reader writes it, or the words for its absence."""
    return t(none_key, lang) if missing(value) else formats.date(value, lang)


def word(group: str, value: Any) -> str:
    """A register value in the reader's language (the value itself if it has no text)."""
    return t("exc_unknown", lang) if missing(value) else t(str(value), lang, group=group)


def gift_details(row: pd.Series) -> str:
    parts = [
        t("exc_gift_detail", lang).format(
            gift_type=word("exc_gift_type", row["gift_type"]),
            giver_type=word("exc_giver_type", row["giver_type"]),
            decision=word("exc_decision", row["decision"]),
        )
    ]
    if not missing(row["value_over_max_eur"]):
        parts.append(
            t("exc_gift_over_max", lang).format(
                over=formats.money(row["value_over_max_eur"], lang),
                max=formats.money(row["max_value_eur"], lang),
            )
        )
    if yes(row["is_delivered_at_home"]):
        parts.append(t("exc_gift_at_home", lang))
    return "; ".join(parts)


def side_job_details(row: pd.Series) -> str:
    parts = [
        t("exc_side_job_detail", lang).format(
            sector=t("exc_unknown", lang) if missing(row["sector"]) else row["sector"],
            registered=day(row["registered_on"], "exc_unknown"),
            started=day(row["started_on"], "exc_not_started"),
            approved=day(row["approved_on"], "exc_not_approved"),
        )
    ]
    if not missing(row["days_started_before_approval"]):
        parts.append(
            t("exc_side_job_days_early", lang).format(
                days=formats.whole(row["days_started_before_approval"], lang)
            )
        )
    if yes(row["is_for_tenant_or_relation"]):
        parts.append(t("exc_side_job_tenant", lang))
    return "; ".join(parts)


def km(value: Any) -> str:
    """Kilometres as the reader writes them: ``1.234,5 km`` (whole ones without decimals)."""
    return formats.number(value, lang, decimals=None, unit="km")


def car_details(row: pd.Series) -> str:
    return t("exc_car_detail", lang).format(
        year=row["occurred_on"].year,
        km=t("exc_unknown", lang) if missing(row["private_km"]) else km(row["private_km"]),
        max=t("exc_unknown", lang) if missing(row["max_private_km"]) else km(row["max_private_km"]),
    )


DETAILS = {"gifts": gift_details, "side_jobs": side_job_details, "vehicle_use": car_details}


def details(row: pd.Series) -> str:
    """What makes the exception actionable, in one line: the gift, side job or car year."""
    return DETAILS.get(row["dataset"], side_job_details)(row)


def rule_ids_in_order(present: pd.Series) -> list[str]:
    """The rules that occur, in the catalogue's order (unknown ids last, sorted)."""
    order = [rule.id for rule in catalogue().code_rules]
    seen = set(present.dropna())
    return [r for r in order if r in seen] + sorted(seen - set(order))


def date_range_ui(dates: pd.Series, where: Any) -> tuple[dt.date, dt.date]:
    """A from-to picker over the exceptions' dates; a half-picked range runs to the end."""
    first, last = dates.min(), dates.max()
    picked = where.date_input(
        t("exc_filter_dates", lang),
        value=(first, last),
        min_value=first,
        max_value=last,
        format=PICKER_FORMATS[lang],
        key="exc_dates",
    )
    if isinstance(picked, dt.date):
        return picked, last
    return (picked[0] if picked else first), (picked[1] if len(picked) > 1 else last)


def filtered_ui(exceptions: pd.DataFrame) -> pd.DataFrame:
    """The exceptions that pass the page's filters: rule, period and department."""
    left, middle, right = st.columns(3)
    rules = left.multiselect(
        t("exc_filter_rule", lang),
        rule_ids_in_order(exceptions["rule_id"]),
        format_func=lambda r: f"{r}: {t(r, lang, group='exc_rule')}",
        placeholder=t("exc_filter_rule_all", lang),
        key="exc_rule",
    )
    start, end = date_range_ui(exceptions["occurred_on"], middle)
    department = department_ui(lang, where=right)
    rows = exceptions[exceptions["occurred_on"].between(start, end)]
    if rules:
        rows = rows[rows["rule_id"].isin(rules)]
    if department:
        rows = rows[rows["department_id"].isin(within(department))]
    return rows


def table_ui(rows: pd.DataFrame, known: pd.DataFrame | None) -> None:
    """The exceptions, newest first, under the page's column names, with their
    follow-up status."""
    rows = rows.sort_values(
        ["occurred_on", "rule_id", "employee_id"], ascending=[False, True, True]
    )
    shown = pd.DataFrame(
        {
            t("exc_col_date", lang): rows["occurred_on"],
            t("exc_col_rule_id", lang): rows["rule_id"],
            t("exc_col_rule", lang): [t(r, lang, group="exc_rule") for r in rows["rule_id"]],
            t("exc_col_pseudonym", lang): rows["employee_id"],
            t("exc_col_team", lang): rows["org_unit_name"].fillna(rows["org_unit_id"]),
            t("exc_col_department", lang): rows["department_name"],
            t("exc_col_value", lang): rows["value_eur"],
            t("exc_col_private_km", lang): rows["private_km"],
            t("exc_col_max_private_km", lang): rows["max_private_km"],
            t("exc_col_details", lang): [details(row) for _, row in rows.iterrows()],
            t("fu_col_status", lang): statuses(rows, known, lang),
        }
    )
    st.dataframe(
        # dates and amounts stay dates and numbers underneath: the columns sort by them
        styled(
            shown,
            {
                t("exc_col_date", lang): lambda v: formats.date(v, lang),
                t("exc_col_value", lang): lambda v: formats.money(v, lang),
                t("exc_col_private_km", lang): km,
                t("exc_col_max_private_km", lang): km,
            },
        ),
        hide_index=True,
        width="stretch",
        key="exceptions",
        column_config={
            t("exc_col_rule", lang): st.column_config.TextColumn(width="medium"),
            t("exc_col_team", lang): st.column_config.TextColumn(width="medium"),
            t("exc_col_department", lang): st.column_config.TextColumn(width="medium"),
            t("exc_col_details", lang): st.column_config.TextColumn(width="large"),
        },
    )


def rules_ui() -> None:
    """The wording of the code's rules behind the exceptions, from the catalogue."""
    with st.expander(t("exc_rules_header", lang)):
        for rule in catalogue().code_rules:
            if getattr(rule, "dataset", None) in ("gifts", "side_jobs", "vehicle_use"):
                st.markdown(f"**{rule.id}** ({t(rule.id, lang, group='exc_rule')})")
                st.markdown(getattr(rule.text, lang))


try:
    exceptions = mart("report_code_exceptions")
except NoWarehouse:
    st.info(t("no_warehouse", lang))
    st.stop()
except PermissionError:  # dashboard/data.py: a role without see_person_level
    st.error(t("exc_not_allowed", lang))
    st.stop()

if exceptions.empty:
    st.info(t("exc_none", lang))
else:
    exceptions = exceptions.assign(occurred_on=pd.to_datetime(exceptions["occurred_on"]).dt.date)
    rows = filtered_ui(exceptions)
    st.caption(
        t("exc_count", lang).format(
            n=formats.whole(len(rows), lang), total=formats.whole(len(exceptions), lang)
        )
    )
    known = follow_ups()
    if rows.empty:
        st.info(t("exc_none_filtered", lang))
    else:
        table_ui(rows, known)
        section_ui(rows, known, lang)
    rules_ui()
# orders with a procurement signal (G2): their own section, requester and approver as
# pseudonyms, a sole trader's name only with see_person_level
procurement_ui(lang)
