"""The Meldingen page's parts (app_pages/meldingen.py): the store for this session's
viewer, the labels, the tables and the forms with their callbacks.

Everything goes through pipelines/meldingen/store.py with a Viewer (the logged-in role
and user name): the store itself refuses every role but the integriteitsfunctionaris
(every report) and the vertrouwenspersoon (its own); the page asks ``can`` first and
again inside each callback, which Streamlit runs before the session's time-out check.
A save leaves what it did (or why it was refused) for the next run, shown right below
the form that saved it, with the route flag and the free-text warnings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.auth_ui import can, current_role, current_user
from dashboard.data import NoWarehouse, catalogue
from dashboard.filters import departments
from dashboard.i18n import t
from dashboard.safe import plain
from pipelines.core import formats
from pipelines.core.clock import today_here
from pipelines.meldingen.rules import DATE_FIELDS, MeldingError
from pipelines.meldingen.store import (
    FIELDS,
    MeldingAccessError,
    Meldingen,
    Saved,
    VersionConflict,
    Viewer,
    meldingen_path,
)

KEEP = "keep_meldingen"  # every report, edit, close, audit log
REGISTER = "register_melding"  # register, see its own
PICKER = {"nl": "DD-MM-YYYY", "en": "DD/MM/YYYY"}
FLASH = "mld_flash"
CHOICES = {
    "route": "routes",
    "about_role": "about_roles",
    "status": "statuses",
    "outcome": "outcomes",
}


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Meldingen:
    return Meldingen(Path(path), risk_ids=[r.id for r in catalogue().risks])


def store() -> Meldingen:
    return _store(str(meldingen_path()))


def viewer() -> Viewer:
    return Viewer(current_role() or "", current_user() or "")


def may_keep() -> bool:
    return can(KEEP)


def may_register() -> bool:
    return can(KEEP) or can(REGISTER)


# --- words ------------------------------------------------------------------------------


def col(name: str, lang: str) -> str:
    return t(name, lang, group="mld_col")


def code_label(field: str, code: Any, lang: str) -> str:
    """A code of risks/meldingen.yaml as its label; a dash for none."""
    if formats.is_missing(code) or code == "":
        return formats.MISSING
    entries = getattr(store().catalogue, CHOICES[field])
    entry = next((e for e in entries if e.code == code), None)
    return getattr(entry.label, lang) if entry else str(code)


def risk_label(risk_id: str, lang: str) -> str:
    risk = next((r for r in catalogue().risks if r.id == risk_id), None)
    return f"{risk_id} {getattr(risk.name, lang)}" if risk else risk_id


def shown(field: str, value: Any, lang: str) -> str:
    """A stored value as the page shows it: label, dd-mm-jjjj, a dash for nothing."""
    if field in CHOICES:
        return code_label(field, value, lang)
    if field in (*DATE_FIELDS, "acknowledge_by", "feedback_by", "due_on"):
        return formats.date(value, lang)
    if field == "risk_ids":
        return ", ".join(value) if isinstance(value, list) and value else formats.MISSING
    if field == "route_flag":
        return t("mld_yes" if value else "mld_no", lang)
    return formats.MISSING if formats.is_missing(value) or value == "" else str(value)


def reports_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    columns = [
        "melding_id",
        "received_on",
        "route",
        "about_role",
        "status",
        "acknowledge_by",
        "acknowledged_on",
        "feedback_by",
        "feedback_on",
        "outcome",
        "closed_on",
        "route_flag",
    ]
    out = pd.DataFrame({c: [shown(c, v, lang) for v in frame[c]] for c in columns})
    return out.rename(columns={c: col(c, lang) for c in columns})


def deadlines_table(frame: pd.DataFrame, lang: str, *, late: bool) -> pd.DataFrame:
    days = [(-d if late else d) for d in frame["days_left"]]
    out = pd.DataFrame(
        {
            col("melding_id", lang): list(frame["melding_id"]),
            col("deadline", lang): [t(f"mld_deadline_{k}", lang) for k in frame["deadline"]],
            col("due_on", lang): [formats.date(d, lang) for d in frame["due_on"]],
            t("mld_days_late" if late else "mld_days_left", lang): [
                formats.whole(d, lang) for d in days
            ],
        }
    )
    return out


def audit_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            col("changed_at", lang): [formats.date_time(v, lang) for v in frame["changed_at"]],
            col("actor", lang): list(frame["actor"]),
            col("melding_id", lang): list(frame["melding_id"]),
            col("field", lang): [col(f, lang) for f in frame["field"]],
            col("old_value", lang): [shown("", v, lang) for v in frame["old_value"]],
            col("new_value", lang): [shown("", v, lang) for v in frame["new_value"]],
        }
    )
    return out


# --- saving -----------------------------------------------------------------------------


def flash(where: str, kind: str, message: str, extra: list[tuple[str, str]] = ()) -> None:
    st.session_state[FLASH] = (where, kind, message, list(extra))


def show_flash(where: str) -> None:
    flashed = st.session_state.get(FLASH)
    if flashed and flashed[0] == where:
        del st.session_state[FLASH]
        getattr(st, flashed[1])(flashed[2])
        for kind, message in flashed[3]:
            getattr(st, kind)(message)


def _refused(exc: MeldingError, lang: str) -> str:
    lines = [f"- **{col(f, lang)}**: {plain(m)}" for f, m in exc.messages(lang).items()]
    return t("mld_refused", lang) + "\n" + "\n".join(lines)


def _notes(saved: Saved, lang: str) -> list[tuple[str, str]]:
    """The route flag (the policy's rule quoted) and the free-text warnings of a save."""
    notes = []
    if saved.flag is not None:
        notes.append(("warning", plain(saved.flag.message(store().catalogue, lang))))
    if saved.warnings:
        lines = [f"- **{col(w.field, lang)}**: {plain(w.message(lang))}" for w in saved.warnings]
        notes.append(("warning", t("mld_warnings_title", lang) + "\n" + "\n".join(lines)))
    return notes


def _save(where: str, work, success, lang: str, *, keep: bool) -> None:
    """Run a store write from a callback; ask the right again first."""
    if not (may_keep() if keep else may_register()):
        flash(where, "error", t("mld_not_allowed", lang))
        return
    try:
        saved = work()
    except VersionConflict as exc:
        flash(where, "error", plain(exc.message(lang)))
    except MeldingAccessError as exc:
        flash(where, "error", plain(exc.message(lang)))
    except MeldingError as exc:
        flash(where, "error", _refused(exc, lang))
    else:
        if not saved.changed:
            flash(where, "info", t("mld_nothing_changed", lang), _notes(saved, lang))
        else:
            flash(where, "success", success(saved), _notes(saved, lang))


def _values(prefix: str, fields: tuple[str, ...] | list[str]) -> dict[str, Any]:
    return {f: st.session_state.get(f"{prefix}_{f}") for f in fields}


def register_new(lang: str) -> None:
    values = _values("mld_new", FIELDS)
    _save(
        "new",
        lambda: store().register(values, viewer=viewer()),
        lambda s: t("mld_registered", lang).format(id=s.melding_id),
        lang,
        keep=False,
    )
    if st.session_state.get(FLASH, ("", "error"))[1] == "success":
        for f in FIELDS:  # an empty form for the next report
            st.session_state.pop(f"mld_new_{f}", None)


def save_edit(melding_id: str, version: int, prefix: str, lang: str) -> None:
    values = _values(prefix, FIELDS)

    def success(saved: Saved) -> str:
        fields = ", ".join(col(f, lang) for f in saved.changed)
        return t("mld_saved", lang).format(id=melding_id, fields=fields)

    _save(
        "edit",
        lambda: store().update(melding_id, values, version=version, viewer=viewer()),
        success,
        lang,
        keep=True,
    )


def close(melding_id: str, version: int, prefix: str, lang: str) -> None:
    changes = {
        "status": next(iter(sorted(store().catalogue.closed_statuses))),
        "closed_on": st.session_state.get(f"{prefix}_closed_on"),
        "outcome": st.session_state.get(f"{prefix}_outcome"),
    }
    _save(
        "close",
        lambda: store().update(melding_id, changes, version=version, viewer=viewer()),
        lambda s: t("mld_closed", lang).format(id=melding_id),
        lang,
        keep=True,
    )


# --- the forms --------------------------------------------------------------------------


def _choice(field: str, prefix: str, current: Any, lang: str, where, *, optional: bool) -> None:
    codes = [e.code for e in getattr(store().catalogue, CHOICES[field])]
    options = [None, *codes] if optional else codes
    index = options.index(current) if current in options else 0
    where.selectbox(
        col(field, lang),
        options,
        index=index,
        format_func=lambda c: code_label(field, c, lang),
        key=f"{prefix}_{field}",
        help=t(field, lang, group="mld_help") if field == "about_role" else None,
    )


def _date(field: str, prefix: str, current: Any, lang: str, where) -> None:
    where.date_input(
        col(field, lang),
        value=current,
        max_value=today_here(),
        format=PICKER[lang],
        key=f"{prefix}_{field}",
    )


def org_units() -> dict[str, str] | None:
    """The departments of the published mart dim_org_units (code: name, by name); None
    while no warehouse is built yet."""
    try:
        depts = departments()
    except NoWarehouse:
        return None
    return {
        str(c): str(n) for c, n in zip(depts["org_unit_id"], depts["org_unit_name"], strict=True)
    }


def _org_unit(prefix: str, current: Any, lang: str, where) -> None:
    """The department as a choice from dim_org_units ("name (code)", or none), so no name
    or phone number can be typed; a text field only until the first build (the store
    refuses what looks like a person there)."""
    units = org_units()
    if units is None:
        where.text_input(
            col("org_unit", lang),
            value=current or "",
            max_chars=40,
            key=f"{prefix}_org_unit",
            help=t("org_unit_free", lang, group="mld_help"),
        )
        return
    options = [None, *units]
    if current and current not in units:  # a code no longer in the org tree stays shown
        options.append(current)
    where.selectbox(
        col("org_unit", lang),
        options,
        index=options.index(current) if current in options else 0,
        format_func=lambda c: (
            formats.MISSING if c is None else f"{units[c]} ({c})" if c in units else str(c)
        ),
        key=f"{prefix}_org_unit",
        help=t("org_unit", lang, group="mld_help"),
    )


def fields_ui(prefix: str, current: dict[str, Any], lang: str) -> None:
    """Every field of the store (none for the reporter), prefilled with ``current``."""
    cols = st.columns(3)
    received = current.get("received_on", today_here())
    _date("received_on", prefix, received, lang, cols[0])
    _choice("route", prefix, current.get("route"), lang, cols[1], optional=False)
    _choice("about_role", prefix, current.get("about_role"), lang, cols[2], optional=True)
    cols = st.columns(3)
    cols[0].multiselect(
        col("risk_ids", lang),
        [r.id for r in catalogue().risks],
        default=current.get("risk_ids") or [],
        format_func=lambda r: risk_label(r, lang),
        placeholder=t("mld_choose_risks", lang),
        key=f"{prefix}_risk_ids",
    )
    _org_unit(prefix, current.get("org_unit"), lang, cols[1])
    _choice("status", prefix, current.get("status"), lang, cols[2], optional=False)
    cols = st.columns(3)
    for i, field in enumerate(("acknowledged_on", "feedback_on", "closed_on")):
        _date(field, prefix, current.get(field), lang, cols[i])
    cols = st.columns(3)
    _choice("outcome", prefix, current.get("outcome"), lang, cols[0], optional=True)
    _date("rvc_informed_on", prefix, current.get("rvc_informed_on"), lang, cols[1])
    _date("aw_informed_on", prefix, current.get("aw_informed_on"), lang, cols[2])
    max_text = store().catalogue.max_text
    for field in ("measures", "note"):
        st.text_area(
            col(field, lang),
            value=current.get(field) or "",
            max_chars=max_text,
            key=f"{prefix}_{field}",
            help=t("note", lang, group="mld_help"),
        )


def new_form_ui(lang: str) -> None:
    st.subheader(t("mld_new", lang))
    st.info(t("mld_no_reporter", lang))
    with st.form("mld_new_form", border=True):
        fields_ui("mld_new", {}, lang)
        st.form_submit_button(
            t("mld_register", lang), on_click=register_new, args=(lang,), key="mld_new_submit"
        )
    show_flash("new")


def edit_ui(frame: pd.DataFrame, lang: str) -> None:
    """Edit or close one report (integriteitsfunctionaris): the form carries the version
    it was opened at, so a save over someone else's change is refused."""
    st.subheader(t("mld_edit", lang))
    ids = list(frame["melding_id"])
    picked = st.selectbox(t("mld_pick", lang), ids, key="mld_pick")
    if picked is None:
        return
    current = store().get(picked, viewer=viewer())
    version = int(current["version"])
    prefix = f"mld_e_{picked}_{version}"
    with st.form(f"{prefix}_form", border=True):
        fields_ui(prefix, current, lang)
        st.form_submit_button(
            t("mld_save", lang),
            on_click=save_edit,
            args=(picked, version, prefix, lang),
            key="mld_edit_submit",
        )
    show_flash("edit")
    if current["status"] in store().catalogue.closed_statuses:
        show_flash("close")  # the report it just closed
        return
    st.markdown(f"**{t('mld_close', lang)}**")
    st.caption(t("mld_close_help", lang))
    close_prefix = f"mld_c_{picked}_{version}"
    with st.form(f"{close_prefix}_form", border=True):
        cols = st.columns(2)
        _choice("outcome", close_prefix, current.get("outcome"), lang, cols[0], optional=True)
        _date("closed_on", close_prefix, today_here(), lang, cols[1])
        st.form_submit_button(
            t("mld_close_button", lang),
            on_click=close,
            args=(picked, version, close_prefix, lang),
            key="mld_close_submit",
        )
    show_flash("close")
