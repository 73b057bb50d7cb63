"""Risicoregister: the risk manager keeps the register true.

Reads and writes the register store (pipelines.register.store), not the marts: the register is
the source the scores are computed from, not a result. The one exception: under a risk's
measures, their operating evidence as the last build rated it (report_risk_controls).
Every form carries the version it showed, so a save over someone else's newer change is
refused with a clear message.

Only a role with ``edit_register`` (risks/roles.yaml) gets the forms, and only one with
``rescore`` the button that recomputes the scores; the others read the register. The
audit log records the logged-in user name.

Feedback stands where the user acts: what a save did (or why it was refused) right below
that form's button, the import's outcome below the import button, and after a change the
offer to recompute the scores there too. The scores' state at the top is written last in
the run, so it always agrees with a recompute the run made. The register's codes are shown
as their labels (pipelines/core/locales/ui/common.yaml), dates and times through
pipelines.core.formats, and nothing as a dash.

The section "Excel" offers every role the register as a workbook
(pipelines/register/excel_export.py; made when the button is clicked, so it holds the
register as it is then), and a role with ``edit_register`` an upload of an edited one
(pipelines/register/excel_import.py): read in only on the button (a rerun never imports
twice), all or nothing, under the logged-in user name, within the upload limits of
risks/settings.yaml (``uploads``).

What users typed (measure texts, reasons, names, file names, the values a refusal
quotes) is shown as text: in tables and form fields, or through dashboard.safe.plain
where Markdown is rendered; an evidence link is a link only when dashboard.safe.web_link
accepts it.

The labels and tables are in dashboard/register_tables.py, the forms, their callbacks and
the Excel callbacks in dashboard/register_forms.py, the section "Audits en bevindingen"
in dashboard/register_findings.py.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from dashboard.auth_ui import can, current_role, role_name, roles
from dashboard.data import built_at, catalogue, mart
from dashboard.i18n import t
from dashboard.register_findings import findings_ui
from dashboard.register_forms import (
    FLASH,
    RESCORE_AT,
    XLSX_MIME,
    actor,
    add_measure,
    assessment_form_ui,
    import_xlsx,
    measure_fields_ui,
    register,
    register_xlsx,
    save_measure,
    show_flash,
    upload_key,
)
from dashboard.register_tables import (
    audit_table,
    label,
    measures_columns,
    measures_table,
    shown_date,
    shown_value,
    shown_when,
)
from dashboard.safe import plain
from pipelines.core import formats
from pipelines.core.catalogue import CATEGORY_ORDER
from pipelines.core.clock import today_here
from pipelines.core.operating_evidence import evidence_text
from pipelines.core.warehouse import WarehouseBusy
from pipelines.register.audit_log import AuditError
from pipelines.register.rules import RETIRED_STATUS

lang = st.session_state.get("lang", "nl")


# --- the page ------------------------------------------------------------------------------

st.title(t("register_title", lang))
st.caption(t("reg_intro", lang))
editable = can("edit_register")
if editable:
    st.caption(t("reg_edits_recorded", lang).format(user=plain(actor())))
else:
    editors = " / ".join(role_name(r, lang) for r in roles().roles_that_can("edit_register"))
    role = role_name(current_role(), lang)
    st.caption(t("reg_read_only", lang).format(role=role, editors=editors))
# Whether the scores reflect the register: filled in at the end of the run, after any
# recompute this run made (here or at a form), so it never contradicts what the run did.
scores_box = st.container()

cat = catalogue()
settings = cat.settings
try:
    reg = register()
    risks = reg.risks().set_index("risk_id")
    measures = reg.measures()
except AuditError as exc:  # an old log (radar audit migrate) or a missing key: say so
    st.error(plain(str(exc)))
    st.stop()


# --- the scores: computed from the register, recomputed on request -------------------------


def scores_stale() -> bool | None:
    """True when the register changed after the scores were last computed; None when
    there are no scores yet. Asked afresh each time: a recompute in this run counts.
    The scores' marts keep the fingerprint of the register they were computed from
    (dim_risks.register_fingerprint: a digest of every risk, measure, audit and finding
    row with its version and time of change); any other fingerprint now is a change.
    Content, not clocks or counters: an edit in the same second as a recompute, an edit
    made while one ran, a changed audit finding and a register recreated and edited back
    to the same version numbers all count. What changes with the date alone (a review or
    a finding's due date passing) is not a change of the register: every build measures
    it again (raw_register__as_of). A warehouse built before the marts kept the
    fingerprint counts as stale (recomputing once too often is harmless; calling stale
    scores current is not)."""
    if built_at() is None:
        return None
    scored = mart("dim_risks")
    if "register_fingerprint" not in scored or scored.empty:
        return True
    return bool(scored["register_fingerprint"].iloc[0] != reg.fingerprint())


def _built() -> str:
    return formats.date_time(dt.datetime.fromtimestamp(built_at(), tz=dt.UTC), lang)


def rescore_now() -> bool:
    """Recompute the scores with the register as it is; say how it went. True if done."""
    from pipelines.build.builder import rescore  # imports ingest and Great Expectations: slow

    try:
        with st.spinner(t("reg_rescoring", lang)):
            rescore(catalogue=cat)
    except WarehouseBusy:
        st.warning(t("reg_rescore_busy", lang))
        return False
    st.success(t("reg_rescored", lang))
    return True


def scores_state_ui(rescored: bool) -> None:
    """The scores' state at the top of the page (and a recompute button while stale)."""
    stale = scores_stale()
    if stale is None:
        st.info(t("reg_no_scores_yet", lang))
    elif stale:
        st.info(t("reg_scores_stale", lang).format(at=_built()))
        if can("rescore"):
            st.button(t("reg_rescore", lang), key="reg_rescore")
    elif not rescored:  # just recomputed: its success message says it already
        st.caption(t("reg_scores_current", lang).format(at=_built()))


def rescore_offer_ui(where: str) -> bool:
    """Below the form that last changed the register: while the scores lag behind it, a
    note and the recompute button; clicked, the recompute runs here, the note gives way
    to its outcome and the button goes. True when the scores were recomputed here."""
    if st.session_state.get(RESCORE_AT) != where:
        return False
    if not scores_stale():
        del st.session_state[RESCORE_AT]  # recomputed meanwhile (or no scores yet)
        return False
    note, button = st.empty(), st.empty()
    clicked = can("rescore") and button.button(
        t("reg_rescore", lang), key="reg_rescore_here", icon=":material/refresh:"
    )
    if not clicked:
        note.info(t("reg_scores_stale_here", lang))
        return False
    button.empty()
    with note.container():
        return rescore_now()


def feedback_ui(where: str) -> None:
    """What the last save of the form ``where`` did, right below its button; after a
    change, the offer to recompute the scores."""
    show_flash(where)
    if rescore_offer_ui(where):
        st.session_state["reg_rescored"] = True


# --- what the page shows -------------------------------------------------------------------


def overdue_ui() -> None:
    overdue = measures[measures["is_overdue"]]
    if overdue.empty:
        st.success(t("reg_none_overdue", lang))
        return
    st.warning(t("reg_overdue_count", lang).format(n=len(overdue)))
    st.dataframe(
        measures_table(overdue, lang),
        hide_index=True,
        width="stretch",
        key="reg_overdue_table",
        column_config=measures_columns(lang),
        placeholder=formats.MISSING,
    )


def risks_overview_ui() -> None:
    counts = measures[~measures["is_retired"]].groupby("risk_id").size()
    late = measures[measures["is_overdue"]].groupby("risk_id").size()
    by_category: dict[str, list] = {c: [] for c in CATEGORY_ORDER}
    for risk in cat.risks_in_order():
        by_category[risk.category].append(risk)
    for category, members in by_category.items():
        if not members:
            continue
        st.subheader(getattr(settings.categories[category], lang))
        ids = [r.id for r in members]
        table = pd.DataFrame(
            {
                t("col_id", lang): ids,
                t("col_risk", lang): [getattr(r.name, lang) for r in members],
                t("col_impact", lang): risks.loc[ids, "impact"].to_numpy(),
                t("col_likelihood", lang): risks.loc[ids, "inherent_likelihood"].to_numpy(),
                t("col_inherent_score", lang): (
                    risks.loc[ids, "impact"] * risks.loc[ids, "inherent_likelihood"]
                ).to_numpy(),
                t("col_appetite", lang): [
                    shown_value("appetite", a, lang) for a in risks.loc[ids, "appetite"]
                ],
                t("col_measures", lang): [int(counts.get(i, 0)) for i in ids],
                t("reg_overdue", lang): [int(late.get(i, 0)) for i in ids],
            }
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key=f"reg_cat_{category}",
            column_config={
                t("col_id", lang): st.column_config.TextColumn(width=50),
                t("col_risk", lang): st.column_config.TextColumn(width=385),
                t("col_impact", lang): st.column_config.NumberColumn(width=60),
                t("col_likelihood", lang): st.column_config.NumberColumn(width=100),
                t("col_inherent_score", lang): st.column_config.NumberColumn(width=95),
                t("col_appetite", lang): st.column_config.TextColumn(width=110),
                t("col_measures", lang): st.column_config.NumberColumn(width=80),
                t("reg_overdue", lang): st.column_config.NumberColumn(width=90),
            },
        )


def operating_ui(risk_id: str) -> None:
    """The operating evidence of the risk's measures as the last build rated it (the one
    thing this page reads from the marts: it comes from data, not from the register)."""
    if built_at() is None:
        return
    rows = mart("report_risk_controls", risk_id=risk_id)
    if "operating_rating" not in rows:
        return
    lines = [
        f"{row['control_measure_id']} · {evidence_text(row, lang, settings.operating_evidence)}"
        for row in rows[rows["operating_rating"].notna()].to_dict("records")
    ]
    if lines:
        st.caption("  \n".join([f"**{t('oe_col_operating', lang)}**", *lines]))


def assessment_ui(risk_id: str) -> None:
    row = risks.loc[risk_id]
    version = int(row["version"])
    prefix = f"ra_{risk_id}_{version}"
    st.markdown(f"**{t('reg_assessment', lang)}**")
    if editable:
        assessment_form_ui(risk_id, row, version, prefix, settings, lang)
        feedback_ui(f"risk:{risk_id}")
    else:
        st.markdown(
            f"{label('impact', lang)}: {int(row['impact'])} · "
            f"{label('inherent_likelihood', lang)}: {int(row['inherent_likelihood'])} · "
            f"{label('appetite', lang)}: {shown_value('appetite', row['appetite'], lang)}"
        )
    by, at = plain(row["updated_by"]), shown_when(row["updated_at"], lang)
    st.caption(t("reg_last_changed", lang).format(by=by, at=at))


def measures_ui(risk_id: str) -> None:
    own = measures[measures["risk_id"] == risk_id]
    st.markdown(f"**{t('reg_measures', lang)}**")
    st.dataframe(
        measures_table(own, lang),
        hide_index=True,
        width="stretch",
        key=f"reg_measures_{risk_id}",
        column_config=measures_columns(lang),
        placeholder=formats.MISSING,
    )
    operating_ui(risk_id)
    if not editable:
        return
    texts = dict(zip(own["control_measure_id"], own[f"text_{lang}"], strict=True))
    chosen = st.selectbox(
        t("reg_edit_measure", lang),
        list(texts),
        format_func=lambda m: f"{m} · {texts[m][:80]}",
        key=f"reg_pick_{risk_id}",
    )
    if chosen:
        row = own[own["control_measure_id"] == chosen].iloc[0].to_dict()
        version = int(row["version"])
        prefix = f"cm_{chosen}_{version}"
        if row["status"] == RETIRED_STATUS:
            st.caption(t("reg_retired_on", lang).format(on=shown_date(row["retired_on"], lang)))
        with st.form(key=f"{prefix}_form"):
            measure_fields_ui(prefix, row, new=False, settings=settings, lang=lang)
            st.form_submit_button(
                t("reg_save", lang),
                on_click=save_measure,
                args=(chosen, version, prefix, lang),
                key=f"{prefix}_submit",
            )
        feedback_ui(f"measure:{chosen}")
        by, at = plain(row["updated_by"]), shown_when(row["updated_at"], lang)
        st.caption(t("reg_last_changed", lang).format(by=by, at=at))
    where = f"new:{risk_id}"
    just_added = where in (st.session_state.get(FLASH, ("",))[0], st.session_state.get(RESCORE_AT))
    with st.expander(t("reg_new_measure", lang), expanded=just_added):
        count = int((measures["risk_id"] == risk_id).sum())
        prefix = f"new_{risk_id}_{count}"
        with st.form(key=f"{prefix}_form"):
            measure_fields_ui(
                prefix, {"control_type": "preventive"}, new=True, settings=settings, lang=lang
            )
            st.form_submit_button(
                t("reg_add", lang),
                on_click=add_measure,
                args=(risk_id, prefix, lang),
                key=f"{prefix}_submit",
            )
        feedback_ui(where)


def excel_ui() -> None:
    """Download the register as .xlsx (every role); upload an edited one (editors)."""
    kind, message = st.session_state.pop("reg_xlsx_result", (None, None))
    # Open while it has something to say: an import's outcome, or the recompute after it.
    open_ = kind is not None or st.session_state.get(RESCORE_AT) == "xlsx"
    with st.expander(t("reg_xlsx_title", lang), expanded=open_):
        st.markdown(t("reg_xlsx_intro", lang))
        st.download_button(
            t("reg_xlsx_download", lang),
            data=partial(register_xlsx, lang),
            file_name=f"risicoregister-{today_here().isoformat()}.xlsx",
            mime=XLSX_MIME,
            key="reg_xlsx_download",
            help=t("reg_xlsx_download_help", lang),
            icon=":material/download:",
            on_click="ignore",
        )
        if not editable:
            return
        # Streamlit writes the drop zone's own texts in English; this says it in Dutch.
        st.caption(
            t("reg_xlsx_upload_hint", lang).format(
                max=formats.whole(settings.uploads.max_file_mb, lang, unit="MB")
            )
        )
        upload = st.file_uploader(
            t("reg_xlsx_upload", lang),
            type=["xlsx"],
            key=upload_key(),
            help=t("reg_xlsx_upload_help", lang),
            max_upload_size=settings.uploads.max_file_mb,
        )
        # Streamlit writes the box's own texts in English only ("Drag and drop file here",
        # "Upload", "50MB per file"): the same in the page's language (README, "Streamlit-
        # teksten die Engels blijven").
        from pipelines.core.formats import whole

        limit = whole(settings.uploads.max_file_mb, lang)
        st.caption(t("up_widget_hint_one", lang).format(max=limit, types="XLSX"))
        st.button(
            t("reg_xlsx_apply", lang),
            key="reg_xlsx_apply",
            type="primary",
            disabled=upload is None,
            on_click=import_xlsx,
            args=(lang,),
            help=t("reg_xlsx_apply_help", lang).format(user=plain(actor())),
        )
        if kind:  # the import's outcome, right below its button
            getattr(st, kind)(message)
        if rescore_offer_ui("xlsx"):
            st.session_state["reg_rescored"] = True


def audit_ui(risk_id: str) -> None:
    st.markdown(f"**{t('reg_audit', lang)}**")
    st.caption(t("reg_audit_help", lang))
    text = st.column_config.TextColumn
    st.dataframe(
        audit_table(reg.audit(risk_id), lang),
        hide_index=True,
        width="stretch",
        key=f"reg_audit_{risk_id}",
        placeholder=formats.MISSING,
        column_config={
            t("reg_audit_when", lang): text(width=115),
            t("reg_audit_who", lang): text(width=150),
            t("reg_audit_what", lang): text(width=75),
            t("reg_audit_field", lang): text(width=165),
            t("reg_audit_old", lang): text(width=130),
            t("reg_audit_new", lang): text(width=330),
        },
    )


# A click on the recompute button at the top is done first, so everything below (and the
# scores' state) shows the scores as they now are.
rescored = can("rescore") and bool(st.session_state.get("reg_rescore")) and scores_stale() is True
if rescored:
    with scores_box:
        rescored = rescore_now()
st.header(t("reg_overdue_title", lang))
overdue_ui()
st.header(t("reg_all_risks", lang))
risks_overview_ui()
excel_ui()

st.header(t("reg_edit_title" if editable else "reg_view_title", lang))
names = {r.id: f"{r.id} · {getattr(r.name, lang)}" for r in cat.risks_in_order()}
risk_id = st.selectbox(t("reg_pick_risk", lang), list(names), format_func=names.get, key="reg_risk")
risk = cat.risk(risk_id)
st.markdown(getattr(risk.description, lang))
if risk.aggregate_only:
    st.caption(t("only_aggregate", lang))
assessment_ui(risk_id)
measures_ui(risk_id)
audit_ui(risk_id)

findings_ui(
    lang,
    editable=editable,
    editors=" / ".join(role_name(r, lang) for r in roles().roles_that_can("edit_register")),
)

with scores_box:
    scores_state_ui(rescored or st.session_state.pop("reg_rescored", False))
st.session_state.pop(FLASH, None)  # a message whose form is not on the page is not kept
