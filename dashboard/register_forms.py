"""The register page's edits (app_pages/register.py): its forms, their callbacks and the
Excel round trip's callbacks.

A form's callback writes to the register store (pipelines.register.store) and leaves what
the save did (or why it was refused) for the next run, to be shown right below that form's
button (``flash``, ``show_flash``); after a change it notes where, so the offer to
recompute the scores stands there (``RESCORE_AT``). The workbook download and upload go
through pipelines/register/excel_export.py and excel_import.py. Callbacks run before the
app checks the session, so each asks the right to edit again; the audit log records the
logged-in user name.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.auth_ui import can, current_user
from dashboard.data import catalogue
from dashboard.i18n import t
from dashboard.register_tables import label, option_ui
from dashboard.safe import plain
from pipelines.core.catalogue import Settings
from pipelines.register.excel_export import export_register
from pipelines.register.excel_import import CellError, ImportRefused, ImportResult, import_register
from pipelines.register.excel_layout import conflict, reasons
from pipelines.register.rules import (
    CONTROL_TYPES,
    MEASURE_FIELDS,
    OWNER_ROLES,
    RegisterError,
    VersionConflict,
)
from pipelines.register.store import Register, register_path


@st.cache_resource(show_spinner=False, max_entries=4)
def _register(path: str, identity: tuple[int, int]) -> Register:
    return Register(catalogue(), path=Path(path))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def register() -> Register:
    """The register, one object per register file; a file deleted since (seeded afresh
    here) or replaced (a restore) is read through a new object, never the old one."""
    path = register_path()
    identity = _identity(path)
    if identity is None:
        Register(catalogue(), path=path)  # seeds the file, so that it has an identity
        identity = _identity(path)
    return _register(str(path), identity)


def actor() -> str:
    """Who the audit log records: the logged-in user."""
    return current_user() or ""


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


def _refused(exc: RegisterError, lang: str) -> str:
    # A message can quote what was typed ("niet 'klaar'"): shown as text.
    lines = [
        f"- **{label(field, lang)}**: {plain(msg)}" for field, msg in reasons(exc, lang).items()
    ]
    return t("reg_refused", lang) + "\n" + "\n".join(lines)


def _save(where: str, subject: str, work, lang: str) -> None:
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
        flash(where, "error", _refused(exc, lang))
    else:
        if isinstance(changes, str):
            flash(where, "success", t("reg_added", lang).format(id=changes))
        elif changes:
            fields = ", ".join(label(c.field, lang) for c in changes)
            flash(where, "success", t("reg_saved", lang).format(id=subject, fields=fields))
        else:
            flash(where, "info", t("reg_nothing_changed", lang))
            return
        st.session_state[RESCORE_AT] = where  # the register changed: offer it here


def _form_values(prefix: str, fields: list[str]) -> dict[str, Any]:
    return {f: st.session_state.get(f"{prefix}_{f}") for f in fields}


def save_risk(risk_id: str, version: int, prefix: str, lang: str) -> None:
    values = _form_values(prefix, ["impact", "inherent_likelihood", "appetite"])
    _save(
        f"risk:{risk_id}",
        risk_id,
        lambda: register().update_risk(risk_id, values, version=version, actor=actor()),
        lang,
    )


# A new measure is entered with its description, type, owner and review frequency; the
# rest of the register's fields start at their defaults.
NEW_MEASURE_FIELDS = MEASURE_FIELDS[:5]


def save_measure(measure_id: str, version: int, prefix: str, lang: str) -> None:
    values = _form_values(prefix, list(MEASURE_FIELDS))
    _save(
        f"measure:{measure_id}",
        measure_id,
        lambda: register().update_measure(measure_id, values, version=version, actor=actor()),
        lang,
    )


def add_measure(risk_id: str, prefix: str, lang: str) -> None:
    values = _form_values(prefix, list(NEW_MEASURE_FIELDS))
    _save(
        f"new:{risk_id}",
        risk_id,
        lambda: register().add_measure(risk_id, values, actor=actor()),
        lang,
    )


# --- the forms' inputs -----------------------------------------------------------------------


def assessment_form_ui(
    risk_id: str, row: pd.Series, version: int, prefix: str, settings: Settings, lang: str
) -> None:
    with st.form(key=f"{prefix}_form"):
        cols = st.columns(3)
        cols[0].selectbox(
            label("impact", lang),
            [1, 2, 3, 4, 5],
            index=int(row["impact"]) - 1,
            key=f"{prefix}_impact",
        )
        cols[1].selectbox(
            label("inherent_likelihood", lang),
            [1, 2, 3, 4, 5],
            index=int(row["inherent_likelihood"]) - 1,
            key=f"{prefix}_inherent_likelihood",
        )
        appetites = list(settings.appetite_max_residual)
        cols[2].selectbox(
            label("appetite", lang),
            appetites,
            index=appetites.index(row["appetite"]),
            format_func=option_ui("appetite", lang),
            key=f"{prefix}_appetite",
        )
        st.form_submit_button(
            t("reg_save", lang),
            on_click=save_risk,
            args=(risk_id, version, prefix, lang),
            key=f"{prefix}_submit",
        )


def _as_date(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else dt.date.fromisoformat(str(value))


def measure_fields_ui(
    prefix: str, current: dict[str, Any], *, new: bool, settings: Settings, lang: str
) -> None:
    """The inputs of a control measure, prefilled with ``current``."""

    def choice(field: str, options: list[str], group: str, where=st) -> None:
        value = current.get(field)
        where.selectbox(
            label(field, lang),
            options,
            index=options.index(value) if value in options else 0,
            format_func=option_ui(group, lang),
            key=f"{prefix}_{field}",
        )

    st.text_area(
        label("text_nl", lang), value=current.get("text_nl") or "", key=f"{prefix}_text_nl"
    )
    st.text_area(
        label("text_en", lang), value=current.get("text_en") or "", key=f"{prefix}_text_en"
    )
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
        label("last_tested_on", lang),
        value=_as_date(current.get("last_tested_on")),
        format="DD-MM-YYYY",
        key=f"{prefix}_last_tested_on",
    )
    cols = st.columns(3)
    cols[0].date_input(
        label("next_review_on", lang),
        value=_as_date(current.get("next_review_on")),
        format="DD-MM-YYYY",
        key=f"{prefix}_next_review_on",
        help=t("reg_next_review_help", lang),
    )
    cols[1].text_input(
        label("evidence_url", lang),
        value=current.get("evidence_url") or "",
        key=f"{prefix}_evidence_url",
    )
    cols[2].text_input(
        label("retired_reason", lang),
        value=current.get("retired_reason") or "",
        key=f"{prefix}_retired_reason",
        help=t("reg_retired_help", lang),
    )


# --- Excel: the register as a workbook, and an edited one back -------------------------------

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_xlsx(lang: str) -> bytes:
    """The register as it is now, as the workbook `radar register export` writes."""
    with tempfile.TemporaryDirectory(prefix="radar-register-") as folder:
        path = Path(folder) / "register.xlsx"
        return export_register(register(), path, lang=lang).read_bytes()


def upload_key() -> str:
    # A new key after each import empties the uploader: the same file is not offered again.
    return f"reg_xlsx_upload_{st.session_state.get('reg_xlsx_imports', 0)}"


def _imported(result: ImportResult, lang: str) -> tuple[str, str]:
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
        fields = ", ".join(label(c.field, lang) for c in row.changes)
        lines.append(f"- **{plain(row.entity_id)}**: {fields}")
    for row in result.added:
        lines.append(f"- **{plain(row.entity_id)}**: {t('reg_xlsx_added', lang)}")
    return "success", "\n".join(lines)


def _refused_cells(errors: list[CellError], workbook: Path, name: str, lang: str) -> str:
    lines = [t("reg_xlsx_refused", lang)]
    for error in errors:
        sheet = name if error.sheet == str(workbook) else error.sheet
        where = f"{sheet}!{error.cell}" if sheet and error.cell else sheet
        # Sheet names, the file name and the quoted cells are the uploader's: as text.
        text = plain(error.message)
        lines.append(f"- **{plain(where)}**: {text}" if where else f"- {text}")
    return "\n".join(lines)


def import_xlsx(lang: str) -> None:
    """The apply button's callback: read the uploaded workbook into the register, all or
    nothing, and leave the outcome for the run that follows. Before the run, so the whole
    page shows the register as the import left it; the right to edit is asked again."""
    upload = st.session_state.get(upload_key())
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
            message = _refused_cells(refused.errors, workbook, upload.name, lang)
            st.session_state["reg_xlsx_result"] = ("error", message)
            return
    st.session_state["reg_xlsx_result"] = _imported(result, lang)
    if result.changed or result.added:
        st.session_state["reg_xlsx_imports"] = st.session_state.get("reg_xlsx_imports", 0) + 1
        st.session_state[RESCORE_AT] = "xlsx"
