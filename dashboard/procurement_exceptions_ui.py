"""The Uitzonderingen page's procurement section: orders with a G2 signal
(report_procurement_exceptions: requester approved, related supplier, large payment
after a bank-account change), newest first, with requester and approver as pseudonyms
only. A sole trader (eenmanszaak) is a person: its name is shown only to a role with
see_person_level, every other reader gets the supplier number (``supplier_shown``). The
mart itself is refused to roles without see_person_level (dashboard/data.py), so on this
page that is a second lock. A warehouse from before the mart existed shows nothing here.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.auth_ui import can
from dashboard.charts_flags import styled
from dashboard.data import mart
from dashboard.i18n import t
from pipelines.core import formats


def supplier_shown(name: Any, supplier_id: Any, is_sole_trader: Any, may_see_person: bool) -> str:
    """The supplier as a reader may see it: a sole trader's name only with see_person_level
    (else its number); another supplier's name when there is one."""
    has_name = isinstance(name, str) and name.strip()
    if not has_name or (bool(is_sole_trader) and not may_see_person):
        return str(supplier_id)
    return name


def _details(signal: Any, days: Any, changed_on: Any, lang: str) -> str:
    if signal != "bank_change_before_large_payment" or pd.isna(days):
        return ""
    return t("exc_pr_bank_change", lang).format(
        days=formats.whole(days, lang), date=formats.date(changed_on, lang)
    )


def procurement_ui(lang: str) -> None:
    """The section: header, what it shows and why, and the table (or why it is empty)."""
    try:
        rows = mart("report_procurement_exceptions")
    except PermissionError:  # dashboard/data.py: only see_person_level
        return
    except duckdb.CatalogException:  # a warehouse built before procurement signals
        return
    st.subheader(t("exc_pr_header", lang))
    st.caption(t("exc_pr_intro", lang))
    if rows.empty:
        st.info(t("exc_pr_none", lang))
        return
    may_see = can("see_person_level")
    rows = rows.sort_values(["ordered_on", "signal", "order_id"], ascending=[False, True, True])
    shown = pd.DataFrame(
        {
            t("exc_col_date", lang): pd.to_datetime(rows["ordered_on"]).dt.date,
            t("exc_pr_col_signal", lang): [
                t(s, lang, group="exc_pr_signal") for s in rows["signal"]
            ],
            t("exc_pr_col_order", lang): rows["order_id"],
            t("exc_col_team", lang): rows["org_unit_name"].fillna(rows["org_unit_id"]),
            t("exc_col_department", lang): rows["department_name"],
            t("exc_pr_col_requester", lang): rows["requester_id"],
            t("exc_pr_col_approver", lang): rows["approver_id"].fillna(
                t("exc_pr_no_approver", lang)
            ),
            # column by column, not row by row (iterrows: a Series per row, thousands)
            t("exc_pr_col_supplier", lang): [
                supplier_shown(name, number, sole, may_see)
                for name, number, sole in zip(
                    rows["supplier_name"], rows["supplier_id"], rows["is_sole_trader"], strict=True
                )
            ],
            t("exc_pr_col_amount", lang): rows["amount_eur"],
            t("exc_col_details", lang): [
                _details(signal, days, changed_on, lang)
                for signal, days, changed_on in zip(
                    rows["signal"],
                    rows["days_after_bank_change"],
                    rows["bank_account_changed_on"],
                    strict=True,
                )
            ],
        }
    )
    st.caption(t("exc_pr_count", lang).format(n=formats.whole(len(rows), lang)))
    st.dataframe(
        styled(
            shown,
            {
                t("exc_col_date", lang): lambda v: formats.date(v, lang),
                t("exc_pr_col_amount", lang): lambda v: formats.money(v, lang),
            },
        ),
        hide_index=True,
        width="stretch",
        key="procurement_exceptions",
    )
