"""Meldingen: the register of integrity reports (pipelines/meldingen/store.py).

For the integriteitsfunctionaris (``keep_meldingen``): every report, the overdue and
this week's deadlines of the Wet bescherming klokkenluiders at the top, the form to
register one, editing and closing (closing without feedback is refused by the store),
and the meldingen audit log. For the vertrouwenspersoon (``register_melding``): the form
and the reports it registered itself, with their deadlines. No other role opens the page
(risks/roles.yaml) and the store refuses every other role as well. The reporter is never
recorded: the form has no field for it and says so.
"""

from __future__ import annotations

import streamlit as st

from dashboard import meldingen_ui as ui
from dashboard.i18n import t
from dashboard.safe import plain
from pipelines.meldingen.store import MeldingAccessError

lang = st.session_state.get("lang", "nl")
st.title(t("mld_title", lang))
keep = ui.may_keep()
if not ui.may_register():
    st.error(t("mld_not_allowed", lang))
    st.stop()
st.caption(t("mld_intro_all" if keep else "mld_intro_own", lang))

try:
    viewer = ui.viewer()
    reports = ui.store().meldingen(viewer=viewer)
    overdue = ui.store().overdue(viewer=viewer)
    this_week = ui.store().due_this_week(viewer=viewer)
except MeldingAccessError as exc:
    st.error(plain(exc.message(lang)))
    st.stop()

cols = st.columns(2)
with cols[0]:
    st.subheader(f"{t('mld_overdue', lang)} ({len(overdue)})")
    if overdue.empty:
        st.caption(t("mld_overdue_none", lang))
    else:
        st.dataframe(
            ui.deadlines_table(overdue, lang, late=True), hide_index=True, key="mld_overdue"
        )
with cols[1]:
    st.subheader(f"{t('mld_due_week', lang)} ({len(this_week)})")
    if this_week.empty:
        st.caption(t("mld_due_week_none", lang))
    else:
        st.dataframe(
            ui.deadlines_table(this_week, lang, late=False), hide_index=True, key="mld_week"
        )

ui.new_form_ui(lang)

st.subheader(t("mld_list" if keep else "mld_list_own", lang))
if reports.empty:
    st.caption(t("mld_none", lang))
else:
    st.dataframe(ui.reports_table(reports, lang), hide_index=True, key="mld_reports")

if keep and not reports.empty:
    ui.edit_ui(reports, lang)

if keep:
    st.subheader(t("mld_audit", lang))
    st.caption(t("mld_audit_note", lang))
    log = ui.store().audit(viewer=viewer)
    problems = ui.store().verify_audit()
    if problems:
        st.error(
            t("mld_audit_broken", lang).format(
                problems=plain("; ".join(p.text(lang) for p in problems))
            )
        )
    if log.empty:
        st.caption(t("mld_audit_none", lang))
    else:
        st.dataframe(ui.audit_table(log, lang), hide_index=True, key="mld_audit")
