"""The follow-up of person-level exceptions on the Uitzonderingen page: the status per
exception for the table, and the forms to assign one (to a role or a named handler),
note a conversation and close it with an outcome (pipelines/meldingen/followup.py, which
checks every change and refuses a role outside risks/followup.yaml).

Only a role with see_person_level ever gets here (the page stops before), and the store
refuses every role its YAML does not name: two locks, not one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.auth_ui import can, current_role, current_user
from dashboard.i18n import t
from dashboard.safe import plain
from pipelines.core import formats
from pipelines.core.clock import today_here
from pipelines.meldingen.followup import (
    CodeException,
    FollowUpAccessError,
    FollowUpError,
    FollowUps,
    VersionConflict,
    exception_key,
)
from pipelines.meldingen.store import Viewer

PICKER_FORMATS = {"nl": "DD-MM-YYYY", "en": "DD/MM/YYYY"}


def _viewer() -> Viewer:
    return Viewer(current_role() or "", current_user() or "")


def follow_ups() -> pd.DataFrame | None:
    """Every follow-up, by key; None when this role may not see them."""
    if not can("see_person_level"):
        return None
    try:
        frame = FollowUps().follow_ups(viewer=_viewer())
    except FollowUpAccessError:
        return None
    return frame.set_index("exception_key")


def keys_of(rows: pd.DataFrame) -> list[str]:
    return [
        exception_key(r, e, o)
        for r, e, o in zip(rows["rule_id"], rows["employee_id"], rows["occurred_on"], strict=True)
    ]


def statuses(rows: pd.DataFrame, known: pd.DataFrame | None, lang: str) -> list[str]:
    """The follow-up status of each row, in words (open when it has none)."""
    found = {} if known is None else known["status"].to_dict()
    return [t(found.get(k, "open"), lang, group="fu_status") for k in keys_of(rows)]


def _choice(rows: pd.DataFrame, lang: str) -> tuple[CodeException, str] | None:
    """The exception the officer picks, newest first, as date, rule and pseudonym."""
    rows = rows.drop_duplicates(["rule_id", "employee_id", "occurred_on"])
    options = keys_of(rows)
    labels = {
        k: f"{formats.date(o, lang)} · {r} · {e}"
        for k, r, e, o in zip(
            options, rows["rule_id"], rows["employee_id"], rows["occurred_on"], strict=True
        )
    }
    key = st.selectbox(
        t("fu_pick", lang),
        options,
        index=None,
        format_func=labels.get,
        placeholder=t("fu_pick_placeholder", lang),
        key="fu_pick",
    )
    if key is None:
        return None
    rule_id, employee_id, day = key.split("|")
    return CodeException(rule_id, employee_id, dt.date.fromisoformat(day)), key


def _current_ui(current: dict[str, Any], store: FollowUps, lang: str) -> None:
    """What the follow-up holds now, in one line."""
    parts = [t(current.get("status") or "open", lang, group="fu_status")]
    if current.get("assignee_role"):
        who = store.config.label("assignee_roles", current["assignee_role"], lang)
        parts.append(t("fu_assigned_to", lang).format(who=who))
    elif current.get("handler"):
        parts.append(t("fu_assigned_to", lang).format(who=plain(current["handler"])))
    if current.get("conversation_on"):
        day = formats.date(current["conversation_on"], lang)
        parts.append(t("fu_conversation_on", lang).format(day=day))
    if current.get("closed_on"):
        outcome = store.config.label("outcomes", current["outcome"], lang)
        day = formats.date(current["closed_on"], lang)
        parts.append(t("fu_closed_with", lang).format(day=day, outcome=outcome))
    st.markdown(" · ".join(parts))


def _save(
    store: FollowUps, exception: CodeException, changes: dict, version: int, lang: str
) -> None:
    try:
        changed = store.save(exception, changes, version=version, viewer=_viewer())
    except FollowUpError as exc:
        for field, text in exc.messages(lang).items():
            st.error(f"{t('fu_field_' + field, lang)}: {text}")
        return
    except (VersionConflict, FollowUpAccessError) as exc:
        st.error(exc.message(lang))
        return
    st.session_state["fu_saved"] = t("fu_saved" if changed else "fu_unchanged", lang)
    st.rerun()


def section_ui(rows: pd.DataFrame, known: pd.DataFrame | None, lang: str) -> None:
    """The follow-up forms for one exception of the filtered rows."""
    if known is None:
        return
    st.subheader(t("fu_header", lang))
    st.caption(t("fu_intro", lang))
    if saved := st.session_state.pop("fu_saved", None):
        st.success(saved)
    picked = _choice(rows, lang)
    if picked is None:
        return
    exception, key = picked
    store = FollowUps()
    # a field this follow-up lacks but another has is NaN in the frame: leave it out
    current = (
        {k: v for k, v in known.loc[key].items() if not formats.is_missing(v)}
        if key in known.index
        else {}
    )
    version = int(current.get("version") or 0)
    _current_ui(current, store, lang)
    roles = [c.code for c in store.config.assignee_roles]
    outcomes = [c.code for c in store.config.outcomes]
    assign, talk, close = st.columns(3)
    with assign.form("fu_assign_form", border=True):
        st.markdown(f"**{t('fu_assign', lang)}**")
        kinds = ["role", "handler"]
        kind = st.radio(
            t("fu_assign_kind", lang),
            kinds,
            index=1 if current.get("handler") else 0,
            format_func=lambda k: t("fu_kind_" + k, lang),
            horizontal=True,
            key="fu_kind",
        )
        role = st.selectbox(
            t("fu_field_assignee_role", lang),
            roles,
            index=roles.index(current["assignee_role"]) if current.get("assignee_role") else None,
            format_func=lambda c: store.config.label("assignee_roles", c, lang),
            placeholder=t("fu_role_placeholder", lang),
            key="fu_role",
        )
        handler = st.text_input(
            t("fu_field_handler", lang),
            value=current.get("handler") or "",
            max_chars=80,
            help=t("fu_handler_help", lang),
            key="fu_handler",
        )
        if st.form_submit_button(t("fu_assign_button", lang), key="fu_assign_submit"):
            by_role = kind == "role"
            changes = {"assignee_role": role if by_role else None}
            changes["handler"] = None if by_role else handler
            _save(store, exception, changes, version, lang)
    with talk.form("fu_talk_form", border=True):
        st.markdown(f"**{t('fu_talk', lang)}**")
        day = st.date_input(
            t("fu_field_conversation_on", lang),
            value=current.get("conversation_on") or today_here(),
            format=PICKER_FORMATS[lang],
            key="fu_conversation_on",
        )
        if st.form_submit_button(t("fu_talk_button", lang), key="fu_talk_submit"):
            _save(store, exception, {"conversation_on": day}, version, lang)
    with close.form("fu_close_form", border=True):
        st.markdown(f"**{t('fu_close', lang)}**")
        closed_on = st.date_input(
            t("fu_field_closed_on", lang),
            value=current.get("closed_on") or today_here(),
            format=PICKER_FORMATS[lang],
            key="fu_closed_on",
        )
        outcome = st.selectbox(
            t("fu_field_outcome", lang),
            outcomes,
            index=outcomes.index(current["outcome"]) if current.get("outcome") else None,
            format_func=lambda c: store.config.label("outcomes", c, lang),
            placeholder=t("fu_outcome_placeholder", lang),
            key="fu_outcome",
        )
        if st.form_submit_button(t("fu_close_button", lang), key="fu_close_submit"):
            _save(store, exception, {"closed_on": closed_on, "outcome": outcome}, version, lang)
