"""The rules for audits and their findings: what each may hold, and the tables and audit-log
specs the register keeps them in (pipelines/register/findings.py writes them).

An audit has a name (unique) and the day it was held. A finding belongs to one audit and
one risk, optionally to one of that risk's control measures, and has a severity and a
status from risks/settings.yaml (``audit_findings``), an owner role, the day it was found,
the day it must be resolved and, once closed, the day it was closed. Refusals are the
register's own RegisterError, with per field a message from
pipelines/core/locales/register_messages.yaml (Dutch, or English when asked).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from typing import Any

import pandas as pd

from pipelines.core.catalogue import Settings
from pipelines.register.audit_log import Tracked
from pipelines.register.rules import (
    MAX_TEXT,
    OWNER_ROLES,
    Problem,
    RegisterError,
    problem,
)

AUDIT_FIELDS = ("name", "held_on")
FINDING_FIELDS = (
    "audit_id",
    "found_on",
    "risk_id",
    "control_measure_id",
    "severity",
    "owner_role",
    "due_on",
    "status",
    "closed_on",
)
DATE_FIELDS = ("held_on", "found_on", "due_on", "closed_on")

SCHEMA = """
create table if not exists audits (
    audit_id text primary key,
    name text not null unique,
    held_on text not null,
    version integer not null default 1,
    updated_at text not null,
    updated_by text not null
);
create table if not exists audit_findings (
    finding_id text primary key,
    audit_id text not null references audits (audit_id),
    found_on text not null,
    risk_id text not null,
    control_measure_id text,
    severity text not null,
    owner_role text not null,
    due_on text not null,
    status text not null,
    closed_on text,
    version integer not null default 1,
    updated_at text not null,
    updated_by text not null
);
"""
TRACKED = (
    Tracked("audit", "audits", "audit_id", (*AUDIT_FIELDS, "updated_at", "updated_by")),
    Tracked(
        "finding", "audit_findings", "finding_id", (*FINDING_FIELDS, "updated_at", "updated_by")
    ),
)


def _date_problem(values: Mapping[str, Any], field: str, today: dt.date) -> Problem | None:
    value = values.get(field)
    if value is None:
        return problem("date_required")
    if not isinstance(value, dt.date):
        return problem("not_a_date", value=repr(value))
    if value > today:
        return problem("date_in_future", date=value)
    return None


def check_audit(values: Mapping[str, Any], *, today: dt.date) -> None:
    """An audit as it would be saved: a name, the day it was held (not in the future)."""
    errors: dict[str, Problem] = {}
    name = (values.get("name") or "").strip()
    if not name:
        errors["name"] = problem("audit_name_required")
    elif len(name) > MAX_TEXT:
        errors["name"] = problem("text_too_long", max=MAX_TEXT, length=len(name))
    held = _date_problem(values, "held_on", today)
    if held:
        errors["held_on"] = held
    if errors:
        raise RegisterError(errors)


def check_finding(
    values: Mapping[str, Any],
    settings: Settings,
    *,
    risks: set[str],
    measures: Mapping[str, str],
    held_on: dt.date | None,
    today: dt.date,
) -> None:
    """A finding as it would be saved; every refused field at once.

    ``risks``: the register's risk ids; ``measures``: measure id -> its risk id;
    ``held_on``: the day its audit was held (None: unknown audit, refused by the caller).
    """
    errors: dict[str, Problem] = {}
    rules = settings.audit_findings

    def one_of(field: str, allowed: Any) -> None:
        if values.get(field) not in allowed:
            errors[field] = problem(
                "one_of", allowed=", ".join(allowed), value=repr(values.get(field))
            )

    risk = values.get("risk_id")
    if risk not in risks:
        errors["risk_id"] = problem("unknown_risk", value=repr(risk))
    measure = values.get("control_measure_id")
    if measure is not None:
        if measure not in measures:
            errors["control_measure_id"] = problem("unknown_measure", value=repr(measure))
        elif "risk_id" not in errors and measures[measure] != risk:
            errors["control_measure_id"] = problem(
                "measure_not_of_risk", measure=measure, measure_risk=measures[measure], risk=risk
            )
    one_of("severity", rules.severities)
    one_of("owner_role", OWNER_ROLES)
    one_of("status", rules.statuses)
    found = _date_problem(values, "found_on", today)
    if found:
        errors["found_on"] = found
    elif held_on is not None and values["found_on"] < held_on:
        errors["found_on"] = problem("found_before_audit", date=values["found_on"], held=held_on)
    due = values.get("due_on")
    if due is None:
        errors["due_on"] = problem("date_required")
    elif not isinstance(due, dt.date):
        errors["due_on"] = problem("not_a_date", value=repr(due))
    elif "found_on" not in errors and due < values["found_on"]:
        errors["due_on"] = problem("due_before_found", date=due, found=values["found_on"])
    closed = values.get("closed_on")
    is_closed = values.get("status") == rules.closed_status
    if closed is not None and not isinstance(closed, dt.date):
        errors["closed_on"] = problem("not_a_date", value=repr(closed))
    elif is_closed and closed is None:
        errors["closed_on"] = problem("closing_needs_date")
    elif closed is not None and not is_closed and "status" not in errors:
        errors["closed_on"] = problem("closed_date_needs_closed", closed=rules.closed_status)
    elif closed is not None and closed > today:
        errors["closed_on"] = problem("date_in_future", date=closed)
    elif closed is not None and "found_on" not in errors and closed < values["found_on"]:
        errors["closed_on"] = problem("closed_before_found", date=closed, found=values["found_on"])
    if errors:
        raise RegisterError(errors)


def frames(con: sqlite3.Connection, today: dt.date) -> dict[str, pd.DataFrame]:
    """Audits and findings as the warehouse's raw_register__* tables, and the day the
    register was read (raw_register__as_of: what "overdue" is measured against)."""
    audits = pd.read_sql_query(
        "select audit_id, name, held_on from audits order by audit_id", con
    ).astype("string")
    findings = pd.read_sql_query(
        f"select finding_id, {', '.join(FINDING_FIELDS)} from audit_findings order by finding_id",
        con,
    ).astype("string")
    as_of = pd.DataFrame({"as_of": [today.isoformat()]}).astype("string")
    return {
        "raw_register__audits": audits,
        "raw_register__audit_findings": findings,
        "raw_register__as_of": as_of,
    }
