"""Risicoregister: the risk manager keeps the register true.

Reads and writes the register store (pipelines.register.store), not the marts: the register is
the source the scores are computed from, not a result. Every form carries the version it
showed, so a save over someone else's newer change is refused with a clear message.

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
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.auth_ui import can, current_role, current_user, role_name, roles
from dashboard.data import built_at, catalogue
from dashboard.i18n import t
from dashboard.safe import plain, web_link
from pipelines.core import formats
from pipelines.core.catalogue import CATEGORY_ORDER
from pipelines.core.warehouse import WarehouseBusy
from pipelines.register.audit_log import CREATED, AuditError
from pipelines.register.excel_export import export_register
from pipelines.register.excel_import import CellError, ImportRefused, ImportResult, import_register
from pipelines.register.excel_layout import (
    CHOICE_GROUPS,
    DATE_FIELDS,
    choice_label,
    conflict,
    reasons,
)
from pipelines.register.rules import (
    CONTROL_TYPES,
    MEASURE_FIELDS,
    OWNER_ROLES,
    RETIRED_STATUS,
    RISK_FIELDS,
    RegisterError,
    VersionConflict,
)
from pipelines.register.store import Register, register_path

lang = st.session_state.get("lang", "nl")


@st.cache_resource(show_spinner=False)
def _register(path: str) -> Register:
    return Register(catalogue(), path=Path(path))


def register() -> Register:
    return _register(str(register_path()))


def label(field: str) -> str:
    return t(field, lang, group="reg_field")


def option_ui(group: str):
    return lambda value: t(value, lang, group=group)


# What a save did is shown right below the button that saved it, not at the top of the
# page: the callback leaves (where, kind, message) and the form named ``where`` shows it.
# ``where`` is stable across the save (the form's key changes with the version it shows):
# "risk:RF1", "measure:RF1-CM01", "new:RF1", "xlsx".
FLASH = "reg_flash"
# Where the last change was made: the offer to recompute the scores stands there.
RESCORE_AT = "reg_rescore_at"


def flash(where: str, kind: str, message: str) -> None:
    st.session_state[FLASH] = (where, kind, message)


def show_flash(where: str) -> None:
    flashed = st.session_state.get(FLASH)
    if flashed and flashed[0] == where:
        del st.session_state[FLASH]
        getattr(st, flashed[1])(flashed[2])


def _refused(exc: RegisterError) -> str:
    # A message can quote what was typed ("niet 'klaar'"): shown as text.
    lines = [f"- **{label(field)}**: {plain(msg)}" for field, msg in reasons(exc, lang).items()]
    return t("reg_refused", lang) + "\n" + "\n".join(lines)


def _save(where: str, subject: str, work) -> None:
    """Run a register write from a form callback and leave a message for the next run,
    to be shown at the form ``where``.

    Callbacks run before the app checks the session, so the right to edit is asked here
    again: a form left open past the time-out saves nothing."""
    if not can("edit_register"):
        flash(where, "error", t("reg_not_allowed", lang))
        return
    try:
        changes = work()
    except VersionConflict as exc:
        flash(where, "error", plain(conflict(exc, lang)))  # names the other user
    except RegisterError as exc:
        flash(where, "error", _refused(exc))
    else:
        if isinstance(changes, str):
            flash(where, "success", t("reg_added", lang).format(id=changes))
        elif changes:
            fields = ", ".join(label(c.field) for c in changes)
            flash(where, "success", t("reg_saved", lang).format(id=subject, fields=fields))
        else:
            flash(where, "info", t("reg_nothing_changed", lang))
            return
        st.session_state[RESCORE_AT] = where  # the register changed: offer it here


def _form_values(prefix: str, fields: list[str]) -> dict[str, Any]:
    return {f: st.session_state.get(f"{prefix}_{f}") for f in fields}


def save_risk(risk_id: str, version: int, prefix: str) -> None:
    values = _form_values(prefix, ["impact", "inherent_likelihood", "appetite"])
    _save(
        f"risk:{risk_id}",
        risk_id,
        lambda: register().update_risk(risk_id, values, version=version, actor=actor()),
    )


# A new measure is entered with its description, type, owner and review frequency; the
# rest of the register's fields start at their defaults.
NEW_MEASURE_FIELDS = MEASURE_FIELDS[:5]


def save_measure(measure_id: str, version: int, prefix: str) -> None:
    values = _form_values(prefix, list(MEASURE_FIELDS))
    _save(
        f"measure:{measure_id}",
        measure_id,
        lambda: register().update_measure(measure_id, values, version=version, actor=actor()),
    )


def add_measure(risk_id: str, prefix: str) -> None:
    values = _form_values(prefix, list(NEW_MEASURE_FIELDS))
    _save(f"new:{risk_id}", risk_id, lambda: register().add_measure(risk_id, values, actor=actor()))


def actor() -> str:
    """Who the audit log records: the logged-in user."""
    return current_user() or ""


# --- Excel: the register as a workbook, and an edited one back -------------------------------

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_xlsx() -> bytes:
    """The register as it is now, as the workbook `radar register export` writes."""
    with tempfile.TemporaryDirectory(prefix="radar-register-") as folder:
        path = Path(folder) / "register.xlsx"
        return export_register(register(), path, lang=lang).read_bytes()


def _upload_key() -> str:
    # A new key after each import empties the uploader: the same file is not offered again.
    return f"reg_xlsx_upload_{st.session_state.get('reg_xlsx_imports', 0)}"


def _imported(result: ImportResult) -> tuple[str, str]:
    rows = [*result.changed, *result.added]
    if not rows:
        return "info", t("reg_xlsx_nothing_changed", lang).format(unchanged=result.unchanged)
    lines = [
        t("reg_xlsx_applied", lang).format(
            rows=len(result.changed),
            fields=sum(len(r.changes) for r in result.changed),
            added=len(result.added),
            unchanged=result.unchanged,
        )
    ]
    for row in result.changed:
        fields = ", ".join(label(c.field) for c in row.changes)
        lines.append(f"- **{plain(row.entity_id)}**: {fields}")
    for row in result.added:
        lines.append(f"- **{plain(row.entity_id)}**: {t('reg_xlsx_added', lang)}")
    return "success", "\n".join(lines)


def _refused_cells(errors: list[CellError], workbook: Path, name: str) -> str:
    lines = [t("reg_xlsx_refused", lang)]
    for error in errors:
        sheet = name if error.sheet == str(workbook) else error.sheet
        where = f"{sheet}!{error.cell}" if sheet and error.cell else sheet
        # Sheet names, the file name and the quoted cells are the uploader's: as text.
        text = plain(error.message)
        lines.append(f"- **{plain(where)}**: {text}" if where else f"- {text}")
    return "\n".join(lines)


def import_xlsx() -> None:
    """The apply button's callback: read the uploaded workbook into the register, all or
    nothing, and leave the outcome for the run that follows. Before the run, so the whole
    page shows the register as the import left it; the right to edit is asked again."""
    upload = st.session_state.get(_upload_key())
    if upload is None:
        return
    if not can("edit_register"):
        st.session_state["reg_xlsx_result"] = ("error", t("reg_not_allowed", lang))
        return
    with tempfile.TemporaryDirectory(prefix="radar-import-") as folder:
        workbook = Path(folder) / "upload.xlsx"
        workbook.write_bytes(upload.getvalue())
        try:
            # Within the limits of the settings: size, unpacked size, cells.
            result = import_register(register(), workbook, actor=actor(), lang=lang)
        except ImportRefused as refused:
            message = _refused_cells(refused.errors, workbook, upload.name)
            st.session_state["reg_xlsx_result"] = ("error", message)
            return
    st.session_state["reg_xlsx_result"] = _imported(result)
    if result.changed or result.added:
        st.session_state["reg_xlsx_imports"] = st.session_state.get("reg_xlsx_imports", 0) + 1
        st.session_state[RESCORE_AT] = "xlsx"


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
    there are no scores yet. Asked afresh each time: a recompute in this run counts."""
    built = built_at()
    if built is None:
        return None
    changed = pd.to_datetime(pd.concat([risks["updated_at"], measures["updated_at"]]), utc=True)
    return bool(changed.max() > pd.Timestamp(built, unit="s", tz="UTC"))


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


def _date(value: Any) -> str:
    return formats.date(value, lang)


def _when(iso: Any) -> str:
    return formats.date_time(iso, lang)


def _text(value: Any) -> str:
    return formats.MISSING if formats.is_missing(value) or value == "" else str(value)


def shown_value(field: str, value: Any) -> str:
    """A register value as the page shows it: a label for a code, dd-mm-jjjj for a date,
    a dash for nothing (never "None" or "nan")."""
    if formats.is_missing(value) or value == "":
        return formats.MISSING
    if field in CHOICE_GROUPS:
        return choice_label(field, str(value), lang)
    if field in (*DATE_FIELDS, "retired_on"):
        return formats.date(value, lang)
    return str(value)


def _shown(field: str):
    return lambda value: shown_value(field, value)


def _next_review(frame: pd.DataFrame) -> pd.Series:
    # An overdue review is marked in its own cell: one column less to scroll to.
    days = frame["next_review_on"].map(_date)
    return days.where(~frame["is_overdue"].astype(bool), "⚠️ " + days)


def measures_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col_id", lang): frame["control_measure_id"],
            t("col_measure", lang): frame[f"text_{lang}"].map(_text),
            label("status"): frame["status"].map(_shown("status")),
            label("owner_role"): frame["owner_role"].map(_shown("owner_role")),
            t("reg_col_result", lang): frame["last_test_result"].map(_shown("last_test_result")),
            t("reg_col_tested", lang): frame["last_tested_on"].map(_date),
            label("next_review_on"): _next_review(frame),
            # A link only from a URL that is one (https://, a host, no spaces); no link is
            # None, shown as the table's placeholder (a dash).
            label("evidence_url"): frame["evidence_url"].map(web_link),
        }
    )


# Column widths in pixels that add up to the page's width on a 1440 px screen with the
# menu open (some 970 px), so no table scrolls sideways: the short columns as narrow as
# their texts, the rest to the name or text (a table cell does not wrap).


def measures_columns() -> dict[str, Any]:
    text = st.column_config.TextColumn
    return {
        t("col_id", lang): text(width=75),
        t("col_measure", lang): text(width=305),
        label("status"): text(width=110),
        label("owner_role"): text(width=125),
        t("reg_col_result", lang): text(width=110),
        t("reg_col_tested", lang): text(width=85),
        label("next_review_on"): text(width=105),
        label("evidence_url"): st.column_config.LinkColumn(
            width=55, display_text=t("reg_evidence_open", lang)
        ),
    }


def overdue_ui() -> None:
    overdue = measures[measures["is_overdue"]]
    if overdue.empty:
        st.success(t("reg_none_overdue", lang))
        return
    st.warning(t("reg_overdue_count", lang).format(n=len(overdue)))
    st.dataframe(
        measures_table(overdue),
        hide_index=True,
        width="stretch",
        key="reg_overdue_table",
        column_config=measures_columns(),
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
                    shown_value("appetite", a) for a in risks.loc[ids, "appetite"]
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


def assessment_ui(risk_id: str) -> None:
    row = risks.loc[risk_id]
    version = int(row["version"])
    prefix = f"ra_{risk_id}_{version}"
    st.markdown(f"**{t('reg_assessment', lang)}**")
    if editable:
        assessment_form_ui(risk_id, row, version, prefix)
        feedback_ui(f"risk:{risk_id}")
    else:
        st.markdown(
            f"{label('impact')}: {int(row['impact'])} · "
            f"{label('inherent_likelihood')}: {int(row['inherent_likelihood'])} · "
            f"{label('appetite')}: {shown_value('appetite', row['appetite'])}"
        )
    by, at = plain(row["updated_by"]), _when(row["updated_at"])
    st.caption(t("reg_last_changed", lang).format(by=by, at=at))


def assessment_form_ui(risk_id: str, row: pd.Series, version: int, prefix: str) -> None:
    with st.form(key=f"{prefix}_form"):
        cols = st.columns(3)
        cols[0].selectbox(
            label("impact"), [1, 2, 3, 4, 5], index=int(row["impact"]) - 1, key=f"{prefix}_impact"
        )
        cols[1].selectbox(
            label("inherent_likelihood"),
            [1, 2, 3, 4, 5],
            index=int(row["inherent_likelihood"]) - 1,
            key=f"{prefix}_inherent_likelihood",
        )
        appetites = list(settings.appetite_max_residual)
        cols[2].selectbox(
            label("appetite"),
            appetites,
            index=appetites.index(row["appetite"]),
            format_func=option_ui("appetite"),
            key=f"{prefix}_appetite",
        )
        st.form_submit_button(
            t("reg_save", lang),
            on_click=save_risk,
            args=(risk_id, version, prefix),
            key=f"{prefix}_submit",
        )


def _as_date(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else dt.date.fromisoformat(str(value))


def measure_fields_ui(prefix: str, current: dict[str, Any], *, new: bool) -> None:
    """The inputs of a control measure, prefilled with ``current``."""

    def choice(field: str, options: list[str], group: str, where=st) -> None:
        value = current.get(field)
        where.selectbox(
            label(field),
            options,
            index=options.index(value) if value in options else 0,
            format_func=option_ui(group),
            key=f"{prefix}_{field}",
        )

    st.text_area(label("text_nl"), value=current.get("text_nl") or "", key=f"{prefix}_text_nl")
    st.text_area(label("text_en"), value=current.get("text_en") or "", key=f"{prefix}_text_en")
    cols = st.columns(3)
    choice("control_type", list(CONTROL_TYPES), "control_type", cols[0])
    choice("owner_role", list(OWNER_ROLES), "owner_role", cols[1])
    choice("review_frequency", list(settings.review_frequency_months), "review_frequency", cols[2])
    if new:
        return
    cols = st.columns(3)
    choice("status", list(settings.control_statuses), "control_status", cols[0])
    choice("last_test_result", list(settings.control_test_results), "test_result", cols[1])
    cols[2].date_input(
        label("last_tested_on"),
        value=_as_date(current.get("last_tested_on")),
        format="DD-MM-YYYY",
        key=f"{prefix}_last_tested_on",
    )
    cols = st.columns(3)
    cols[0].date_input(
        label("next_review_on"),
        value=_as_date(current.get("next_review_on")),
        format="DD-MM-YYYY",
        key=f"{prefix}_next_review_on",
        help=t("reg_next_review_help", lang),
    )
    cols[1].text_input(
        label("evidence_url"), value=current.get("evidence_url") or "", key=f"{prefix}_evidence_url"
    )
    cols[2].text_input(
        label("retired_reason"),
        value=current.get("retired_reason") or "",
        key=f"{prefix}_retired_reason",
        help=t("reg_retired_help", lang),
    )


def measures_ui(risk_id: str) -> None:
    own = measures[measures["risk_id"] == risk_id]
    st.markdown(f"**{t('reg_measures', lang)}**")
    st.dataframe(
        measures_table(own),
        hide_index=True,
        width="stretch",
        key=f"reg_measures_{risk_id}",
        column_config=measures_columns(),
        placeholder=formats.MISSING,
    )
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
            st.caption(t("reg_retired_on", lang).format(on=_date(row["retired_on"])))
        with st.form(key=f"{prefix}_form"):
            measure_fields_ui(prefix, row, new=False)
            st.form_submit_button(
                t("reg_save", lang),
                on_click=save_measure,
                args=(chosen, version, prefix),
                key=f"{prefix}_submit",
            )
        feedback_ui(f"measure:{chosen}")
        by, at = plain(row["updated_by"]), _when(row["updated_at"])
        st.caption(t("reg_last_changed", lang).format(by=by, at=at))
    where = f"new:{risk_id}"
    just_added = where in (st.session_state.get(FLASH, ("",))[0], st.session_state.get(RESCORE_AT))
    with st.expander(t("reg_new_measure", lang), expanded=just_added):
        count = int((measures["risk_id"] == risk_id).sum())
        prefix = f"new_{risk_id}_{count}"
        with st.form(key=f"{prefix}_form"):
            measure_fields_ui(prefix, {"control_type": "preventive"}, new=True)
            st.form_submit_button(
                t("reg_add", lang),
                on_click=add_measure,
                args=(risk_id, prefix),
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
            data=register_xlsx,
            file_name=f"risicoregister-{dt.date.today().isoformat()}.xlsx",
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
            key=_upload_key(),
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
            help=t("reg_xlsx_apply_help", lang).format(user=plain(actor())),
        )
        if kind:  # the import's outcome, right below its button
            getattr(st, kind)(message)
        if rescore_offer_ui("xlsx"):
            st.session_state["reg_rescored"] = True


def _created(value: Any) -> str:
    """A record that added a risk or measure holds all its fields (JSON): shown as
    "label: value" pairs, codes as labels."""
    try:
        values = json.loads(value)
    except (TypeError, ValueError):
        return _text(value)
    # The short choices first, the long descriptions last: what a narrow cell shows.
    texts = ("text_nl", "text_en")
    order = [f for f in (*RISK_FIELDS, *MEASURE_FIELDS) if f not in texts] + list(texts)
    fields = [f for f in order if f in values]
    shown = [(label(f), shown_value(f, values[f])) for f in fields]
    return "; ".join(f"{name}: {text}" for name, text in shown if text != formats.MISSING)


def audit_table(log: pd.DataFrame) -> pd.DataFrame:
    """The audit log as people read it: local times, field labels, value labels."""
    created = log["field"] == CREATED
    old = [shown_value(f, v) for f, v in zip(log["field"], log["old_value"], strict=True)]
    new = [
        _created(v) if c else shown_value(f, v)
        for f, v, c in zip(log["field"], log["new_value"], created, strict=True)
    ]
    return pd.DataFrame(
        {
            t("reg_audit_when", lang): log["changed_at"].map(_when),
            t("reg_audit_who", lang): log["actor"].map(_text),
            t("reg_audit_what", lang): log["entity_id"].map(_text),
            t("reg_audit_field", lang): [
                t("reg_audit_created", lang) if c else label(f)
                for f, c in zip(log["field"], created, strict=True)
            ],
            t("reg_audit_old", lang): old,
            t("reg_audit_new", lang): new,
        }
    )


def audit_ui(risk_id: str) -> None:
    st.markdown(f"**{t('reg_audit', lang)}**")
    st.caption(t("reg_audit_help", lang))
    text = st.column_config.TextColumn
    st.dataframe(
        audit_table(reg.audit(risk_id)),
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

with scores_box:
    scores_state_ui(rescored or st.session_state.pop("reg_rescored", False))
st.session_state.pop(FLASH, None)  # a message whose form is not on the page is not kept
