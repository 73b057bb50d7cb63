"""The risk register as the register page (app_pages/register.py) shows it.

Field names and codes as their labels (pipelines/core/locales/ui/common.yaml), dates and
times through pipelines.core.formats, nothing as a dash; the control measures' table with
its column widths, and the audit log's table. Plain functions of the reader's language:
no widgets but the tables' column settings.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from dashboard.safe import web_link
from pipelines.core import formats
from pipelines.register.audit_log import CREATED
from pipelines.register.excel_layout import CHOICE_GROUPS, DATE_FIELDS, choice_label
from pipelines.register.rules import MEASURE_FIELDS, RISK_FIELDS


def label(field: str, lang: str) -> str:
    return t(field, lang, group="reg_field")


def option_ui(group: str, lang: str):
    return lambda value: t(value, lang, group=group)


def shown_date(value: Any, lang: str) -> str:
    return formats.date(value, lang)


def shown_when(iso: Any, lang: str) -> str:
    return formats.date_time(iso, lang)


def shown_text(value: Any) -> str:
    return formats.MISSING if formats.is_missing(value) or value == "" else str(value)


def shown_value(field: str, value: Any, lang: str) -> str:
    """A register value as the page shows it: a label for a code, dd-mm-jjjj for a date,
    a dash for nothing (never "None" or "nan")."""
    if formats.is_missing(value) or value == "":
        return formats.MISSING
    if field in CHOICE_GROUPS:
        return choice_label(field, str(value), lang)
    if field in (*DATE_FIELDS, "retired_on"):
        return formats.date(value, lang)
    return str(value)


def _shown(field: str, lang: str):
    return lambda value: shown_value(field, value, lang)


def _next_review(frame: pd.DataFrame, lang: str) -> pd.Series:
    # An overdue review is marked in its own cell: one column less to scroll to.
    days = frame["next_review_on"].map(lambda value: shown_date(value, lang))
    return days.where(~frame["is_overdue"].astype(bool), "⚠️ " + days)


def measures_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col_id", lang): frame["control_measure_id"],
            t("col_measure", lang): frame[f"text_{lang}"].map(shown_text),
            label("status", lang): frame["status"].map(_shown("status", lang)),
            label("owner_role", lang): frame["owner_role"].map(_shown("owner_role", lang)),
            t("reg_col_result", lang): frame["last_test_result"].map(
                _shown("last_test_result", lang)
            ),
            t("reg_col_tested", lang): frame["last_tested_on"].map(
                lambda value: shown_date(value, lang)
            ),
            label("next_review_on", lang): _next_review(frame, lang),
            # A link only from a URL that is one (https://, a host, no spaces); no link is
            # None, shown as the table's placeholder (a dash).
            label("evidence_url", lang): frame["evidence_url"].map(web_link),
        }
    )


# Column widths in pixels that add up to the page's width on a 1440 px screen with the
# menu open (some 970 px), so no table scrolls sideways: the short columns as narrow as
# their texts, the rest to the name or text (a table cell does not wrap).


def measures_columns(lang: str) -> dict[str, Any]:
    text = st.column_config.TextColumn
    return {
        t("col_id", lang): text(width=75),
        t("col_measure", lang): text(width=305),
        label("status", lang): text(width=110),
        label("owner_role", lang): text(width=125),
        t("reg_col_result", lang): text(width=110),
        t("reg_col_tested", lang): text(width=85),
        label("next_review_on", lang): text(width=105),
        label("evidence_url", lang): st.column_config.LinkColumn(
            width=55, display_text=t("reg_evidence_open", lang)
        ),
    }


def _created(value: Any, lang: str) -> str:
    """A record that added a risk or measure holds all its fields (JSON): shown as
    "label: value" pairs, codes as labels."""
    try:
        values = json.loads(value)
    except (TypeError, ValueError):
        return shown_text(value)
    # The short choices first, the long descriptions last: what a narrow cell shows.
    texts = ("text_nl", "text_en")
    order = [f for f in (*RISK_FIELDS, *MEASURE_FIELDS) if f not in texts] + list(texts)
    fields = [f for f in order if f in values]
    shown = [(label(f, lang), shown_value(f, values[f], lang)) for f in fields]
    return "; ".join(f"{name}: {text}" for name, text in shown if text != formats.MISSING)


def audit_table(log: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The audit log as people read it: local times, field labels, value labels."""
    created = log["field"] == CREATED
    old = [shown_value(f, v, lang) for f, v in zip(log["field"], log["old_value"], strict=True)]
    new = [
        _created(v, lang) if c else shown_value(f, v, lang)
        for f, v, c in zip(log["field"], log["new_value"], created, strict=True)
    ]
    return pd.DataFrame(
        {
            t("reg_audit_when", lang): log["changed_at"].map(lambda iso: shown_when(iso, lang)),
            t("reg_audit_who", lang): log["actor"].map(shown_text),
            t("reg_audit_what", lang): log["entity_id"].map(shown_text),
            t("reg_audit_field", lang): [
                t("reg_audit_created", lang) if c else label(f, lang)
                for f, c in zip(log["field"], created, strict=True)
            ],
            t("reg_audit_old", lang): old,
            t("reg_audit_new", lang): new,
        }
    )
