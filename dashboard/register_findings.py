"""The register page's section "Audits en bevindingen" (app_pages/register.py): the
findings as a table for every role that sees the page, and for a role with
``edit_register`` the forms to record an audit, record a finding and update or close one.

Writes go through pipelines/register/findings.py (the register's rules, versions and audit
log, under the logged-in user name); a callback asks the right to edit again, as the
register's other forms do, and leaves what the save did below its button (``flash``).
Severities and statuses are shown by their names from risks/settings.yaml, dates through
pipelines.core.formats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.auth_ui import can
from dashboard.data import catalogue
from dashboard.i18n import t
from dashboard.register_forms import actor, flash, register, show_flash
from dashboard.register_tables import label
from dashboard.safe import plain
from pipelines.core import formats
from pipelines.core.clock import today_here
from pipelines.register.excel_layout import conflict, reasons
from pipelines.register.findings import Findings
from pipelines.register.rules import OWNER_ROLES, RegisterError, VersionConflict


def findings_store() -> Findings:
    return Findings(register())


def _name(group: dict[str, Any], lang: str) -> Callable[[str], str]:
    return lambda code: getattr(group[code], lang) if code in group else str(code)


def _save(where: str, work: Callable[[], Any], done: Callable[[Any], str], lang: str) -> None:
    if not can("edit_register"):
        flash(where, "error", t("reg_not_allowed", lang))
        return
    try:
        result = work()
    except VersionConflict as exc:
        flash(where, "error", plain(conflict(exc, lang)))
    except RegisterError as exc:
        lines = [f"- **{label(f, lang)}**: {plain(m)}" for f, m in reasons(exc, lang).items()]
        flash(where, "error", t("reg_refused", lang) + "\n" + "\n".join(lines))
    else:
        if result:
            flash(where, "success", done(result))
        else:
            flash(where, "info", t("reg_nothing_changed", lang))


def _values(prefix: str, fields: list[str]) -> dict[str, Any]:
    return {f: st.session_state.get(f"{prefix}_{f}") for f in fields}


def save_audit(lang: str) -> None:
    v = _values("fnd_audit", ["name", "held_on"])
    _save(
        "fnd_audit",
        lambda: findings_store().add_audit(v["name"], v["held_on"], actor=actor()),
        lambda i: t("fnd_audit_added", lang).format(id=i),
        lang,
    )


NEW_FIELDS = ["audit_id", "found_on", "risk_id", "control_measure_id", "severity"]
NEW_FIELDS += ["owner_role", "due_on"]


def save_finding(lang: str) -> None:
    v = _values("fnd_new", NEW_FIELDS)
    _save(
        "fnd_new",
        lambda: findings_store().add_finding(v, actor=actor()),
        lambda i: t("fnd_finding_added", lang).format(id=i),
        lang,
    )


def update_finding(finding_id: str, version: int, lang: str) -> None:
    v = _values(f"fnd_edit_{finding_id}_{version}", ["severity", "due_on", "status", "closed_on"])
    _save(
        "fnd_edit",
        lambda: findings_store().update_finding(finding_id, v, version=version, actor=actor()),
        lambda changes: t("reg_saved", lang).format(
            id=finding_id, fields=", ".join(label(c.field, lang) for c in changes)
        ),
        lang,
    )


def findings_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    rules = catalogue().settings.audit_findings
    severity, status = _name(rules.severities, lang), _name(rules.statuses, lang)
    return pd.DataFrame(
        {
            label("finding_id", lang): frame["finding_id"],
            t("fnd_col_audit", lang): frame["audit_name"],
            label("found_on", lang): [formats.date(d, lang) for d in frame["found_on"]],
            label("risk_id", lang): frame["risk_id"],
            label("control_measure_id", lang): frame["control_measure_id"].fillna(""),
            label("severity", lang): [severity(s) for s in frame["severity"]],
            label("owner_role", lang): [
                t(r, lang, group="owner_role") for r in frame["owner_role"]
            ],
            label("due_on", lang): [formats.date(d, lang) for d in frame["due_on"]],
            label("status", lang): [status(s) for s in frame["status"]],
            label("closed_on", lang): [
                "" if formats.is_missing(d) else formats.date(d, lang) for d in frame["closed_on"]
            ],
            t("fnd_col_overdue", lang): [
                t("fnd_yes", lang) if o else "" for o in frame["is_overdue"]
            ],
        }
    )


def findings_ui(lang: str, *, editable: bool, editors: str) -> None:
    st.header(t("fnd_title", lang))
    st.caption(t("fnd_intro", lang))
    store = findings_store()
    frame = store.findings()
    if frame.empty:
        st.caption(t("fnd_none", lang))
    else:
        overdue = int(frame["is_overdue"].sum())
        if overdue:
            st.warning(t("fnd_overdue_count", lang).format(count=overdue))
        st.dataframe(findings_table(frame, lang), hide_index=True, key="fnd_table")
    if not editable:
        st.caption(t("fnd_read_only", lang).format(editors=editors))
        return
    _audit_form(lang)
    _new_finding_form(store, lang)
    if not frame.empty:
        _edit_form(frame, lang)


def _audit_form(lang: str) -> None:
    with st.form("fnd_audit_form"):
        st.markdown(f"**{t('fnd_new_audit', lang)}**")
        st.text_input(label("name", lang), key="fnd_audit_name", max_chars=500)
        st.date_input(
            label("held_on", lang),
            key="fnd_audit_held_on",
            value=today_here(),
            format="DD-MM-YYYY",
        )
        st.form_submit_button(t("fnd_save", lang), on_click=save_audit, args=(lang,))
    show_flash("fnd_audit")


def _new_finding_form(store: Findings, lang: str) -> None:
    audits = store.audits()
    st.markdown(f"**{t('fnd_new_finding', lang)}**")
    if audits.empty:
        st.caption(t("fnd_no_audits", lang))
        return
    cat = catalogue()
    rules = cat.settings.audit_findings
    names = dict(zip(audits["audit_id"], audits["name"], strict=True))
    measures = register().measures().query("not is_retired")
    risk_names = {r.id: f"{r.id} · {getattr(r.name, lang)}" for r in cat.risks_in_order()}
    # the measure list follows the chosen risk, so it stands outside the form
    risk = st.selectbox(
        label("risk_id", lang), list(risk_names), format_func=risk_names.get, key="fnd_new_risk_id"
    )
    options = [None, *measures.loc[measures["risk_id"] == risk, "control_measure_id"]]
    texts = dict(zip(measures["control_measure_id"], measures[f"text_{lang}"], strict=True))
    with st.form("fnd_new_form"):
        st.selectbox(
            label("audit_id", lang), list(names), format_func=names.get, key="fnd_new_audit_id"
        )
        st.selectbox(
            label("control_measure_id", lang),
            options,
            format_func=lambda m: t("fnd_no_measure", lang) if m is None else f"{m} · {texts[m]}",
            key="fnd_new_control_measure_id",
        )
        st.selectbox(
            label("severity", lang),
            list(rules.severities),
            format_func=_name(rules.severities, lang),
            key="fnd_new_severity",
        )
        st.selectbox(
            label("owner_role", lang),
            list(OWNER_ROLES),
            format_func=lambda r: t(r, lang, group="owner_role"),
            key="fnd_new_owner_role",
        )
        st.date_input(
            label("found_on", lang),
            key="fnd_new_found_on",
            value=today_here(),
            format="DD-MM-YYYY",
        )
        st.date_input(
            label("due_on", lang),
            key="fnd_new_due_on",
            value=today_here(),
            format="DD-MM-YYYY",
        )
        st.form_submit_button(t("fnd_save", lang), on_click=save_finding, args=(lang,))
    show_flash("fnd_new")


def _edit_form(frame: pd.DataFrame, lang: str) -> None:
    rules = catalogue().settings.audit_findings
    st.markdown(f"**{t('fnd_edit_finding', lang)}**")
    ids = list(frame["finding_id"])
    finding_id = st.selectbox(label("finding_id", lang), ids, key="fnd_edit_pick")
    row = frame.set_index("finding_id").loc[finding_id]
    version = int(row["version"])
    prefix = f"fnd_edit_{finding_id}_{version}"
    with st.form(f"{prefix}_form"):
        st.selectbox(
            label("severity", lang),
            list(rules.severities),
            index=list(rules.severities).index(row["severity"]),
            format_func=_name(rules.severities, lang),
            key=f"{prefix}_severity",
        )
        st.date_input(
            label("due_on", lang),
            value=dt.date.fromisoformat(row["due_on"]),
            format="DD-MM-YYYY",
            key=f"{prefix}_due_on",
        )
        st.selectbox(
            label("status", lang),
            list(rules.statuses),
            index=list(rules.statuses).index(row["status"]),
            format_func=_name(rules.statuses, lang),
            key=f"{prefix}_status",
        )
        closed = row["closed_on"]
        st.date_input(
            label("closed_on", lang),
            value=None if formats.is_missing(closed) else dt.date.fromisoformat(closed),
            format="DD-MM-YYYY",
            key=f"{prefix}_closed_on",
        )
        st.form_submit_button(
            t("fnd_save", lang), on_click=update_finding, args=(finding_id, version, lang)
        )
    show_flash("fnd_edit")
