"""Audits and their findings, kept in the register (RADAR_HOME/register.sqlite) as the
source of truth beside the risks and control measures.

Written only through this module, with the register's discipline: every change checked
first (pipelines/register/finding_rules.py), a finding edited from the version the editor
started from (VersionConflict otherwise), and every changed field in the register's
MAC-chained audit log in the same transaction (entities "audit" and "finding", replayed and
checked by `radar audit verify` like the rest). The dashboard's "Audits en bevindingen"
and `radar findings import` (pipelines/register/findings_import.py) both write here.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipelines.core.clock import today_here
from pipelines.register.finding_rules import (
    AUDIT_FIELDS,
    DATE_FIELDS,
    FINDING_FIELDS,
    check_audit,
    check_finding,
)
from pipelines.register.rules import (
    BatchRefused,
    RegisterError,
    VersionConflict,
    check_actor,
    check_editable,
    problem,
)
from pipelines.register.store import Change, Register, _clean, _now, _retry, _store


@dataclass(frozen=True)
class NewFinding:
    """One row of an import: the audit (by name, with the day it was held) and, unless
    ``finding`` is None (an audit without findings), the finding's fields."""

    audit_name: str
    held_on: Any
    finding: Mapping[str, Any] | None
    ref: Any = None


def _dates(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Stored ISO dates back to dates; everything else as it is."""
    out = dict(fields)
    for field in DATE_FIELDS:
        if isinstance(out.get(field), str):
            try:
                out[field] = dt.date.fromisoformat(out[field])
            except ValueError:
                pass
    return out


class Findings:
    """Audits and findings in ``register``'s database."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.settings = register.catalogue.settings

    # --- reading -------------------------------------------------------------------------

    def audits(self) -> pd.DataFrame:
        with self.register._con() as con:
            return pd.read_sql_query("select * from audits order by held_on, audit_id", con)

    def findings(self, *, today: dt.date | None = None) -> pd.DataFrame:
        """Every finding with its audit's name, is_open and is_overdue (open, due before
        ``today``)."""
        today = today or today_here()
        with self.register._con() as con:
            frame = pd.read_sql_query(
                "select f.*, a.name as audit_name from audit_findings f "
                "join audits a using (audit_id) order by f.due_on, f.finding_id",
                con,
            )
        due = pd.to_datetime(frame["due_on"]).dt.date
        frame["is_open"] = frame["status"] != self.settings.audit_findings.closed_status
        frame["is_overdue"] = frame["is_open"] & (due < today)
        return frame

    # --- writing -------------------------------------------------------------------------

    def add_audit(
        self, name: str, held_on: dt.date, *, actor: str, today: dt.date | None = None
    ) -> str:
        """A new audit; returns its id (AUD-nnn). A name already used is refused."""
        actor, today = check_actor(actor), today or today_here()
        return self.register._write(
            lambda con: self._insert_audit(con, name, held_on, actor, today)
        )

    def add_finding(
        self, fields: Mapping[str, Any], *, actor: str, today: dt.date | None = None
    ) -> str:
        """A new finding of an existing audit (``audit_id``); returns its id (BEV-nnnn)."""
        actor, today = check_actor(actor), today or today_here()
        return self.register._write(lambda con: self._insert_finding(con, fields, actor, today))

    def update_finding(
        self,
        finding_id: str,
        changes: Mapping[str, Any],
        *,
        version: int,
        actor: str,
        today: dt.date | None = None,
    ) -> list[Change]:
        """Change a finding (closing it: status gesloten with closed_on); what changed."""
        actor, today = check_actor(actor), today or today_here()
        return self.register._write(
            lambda con: self._apply_finding(con, finding_id, changes, version, actor, today)
        )

    def import_rows(
        self,
        rows: Sequence[NewFinding],
        *,
        actor: str,
        today: dt.date | None = None,
    ) -> list[str | None]:
        """Add many audits and findings all or nothing, in one transaction: an audit named
        in a row is used when it exists (its date must match) and made otherwise. Every row
        is tried, so BatchRefused lists each refused one with its ``ref``; then nothing is
        written. Returns per row the new finding's id (None for an audit-only row)."""
        actor, today = check_actor(actor), today or today_here()

        def work() -> list[str | None]:
            with self.register._con() as con:
                con.execute("begin immediate")
                try:
                    results: list[str | None] = []
                    refused: list[tuple[Any, RegisterError | VersionConflict]] = []
                    for row in rows:
                        con.execute("savepoint row")
                        try:
                            results.append(self._import_row(con, row, actor, today))
                            con.execute("release row")
                        except RegisterError as exc:
                            con.execute("rollback to row")
                            con.execute("release row")
                            refused.append((row.ref, exc))
                    if refused:
                        raise BatchRefused(refused)
                except BaseException:
                    con.execute("rollback")
                    raise
                con.execute("commit")
                return results

        return _retry(work)

    # --- inside a transaction --------------------------------------------------------------

    def _import_row(
        self, con: sqlite3.Connection, row: NewFinding, actor: str, today: dt.date
    ) -> str | None:
        name = (row.audit_name or "").strip()
        existing = con.execute("select * from audits where name = ?", (name,)).fetchone()
        errors: dict[str, Any] = {}
        if existing is None:
            try:
                audit_id = self._insert_audit(con, name, row.held_on, actor, today)
            except RegisterError as exc:
                errors |= exc.problems
                audit_id = None
        else:
            audit_id = existing["audit_id"]
            if _clean({"d": row.held_on})["d"] != dt.date.fromisoformat(existing["held_on"]):
                errors["held_on"] = problem(
                    "audit_held_on_differs", held=existing["held_on"], value=repr(row.held_on)
                )
        if row.finding is None:
            if errors:
                raise RegisterError(errors)
            return None
        fields = dict(row.finding) | {"audit_id": audit_id}
        try:
            self._checked(con, fields, today, audit_checked=True)
        except RegisterError as exc:
            errors |= exc.problems
        if errors:
            raise RegisterError(errors)
        return self._insert_finding(con, fields, actor, today)

    def _insert_audit(
        self, con: sqlite3.Connection, name: Any, held_on: Any, actor: str, today: dt.date
    ) -> str:
        values = _clean({"name": name, "held_on": held_on})
        check_audit(values, today=today)
        if con.execute("select 1 from audits where name = ?", (values["name"],)).fetchone():
            raise RegisterError({"name": problem("audit_exists", value=repr(values["name"]))})
        number = con.execute("select count(*) from audits").fetchone()[0] + 1
        audit_id = f"AUD-{number:03d}"
        now = _now()
        con.execute(
            "insert into audits (audit_id, name, held_on, updated_at, updated_by) "
            "values (?, ?, ?, ?, ?)",
            (audit_id, values["name"], _store(values["held_on"]), now, actor),
        )
        changes = [Change(f, None, _store(values[f])) for f in AUDIT_FIELDS]
        self.register._log(con, now, actor, "audit", audit_id, "", changes)
        return audit_id

    def _context(self, con: sqlite3.Connection, audit_id: Any) -> dict[str, Any]:
        risks = {r[0] for r in con.execute("select risk_id from risk_assessments")}
        measures = dict(con.execute("select control_measure_id, risk_id from control_measures"))
        held = con.execute("select held_on from audits where audit_id = ?", (audit_id,))
        held = held.fetchone()
        return {
            "risks": risks,
            "measures": measures,
            "held_on": dt.date.fromisoformat(held[0]) if held else None,
        }

    def _checked(
        self,
        con: sqlite3.Connection,
        fields: Mapping[str, Any],
        today: dt.date,
        *,
        audit_checked: bool = False,
    ) -> dict[str, Any]:
        """A new finding's values, checked (every refused field at once)."""
        check_editable(fields, FINDING_FIELDS)
        values = {f: None for f in FINDING_FIELDS} | {"status": "open"} | _clean(fields)
        context = self._context(con, values["audit_id"])
        errors: dict[str, Any] = {}
        if context["held_on"] is None and not audit_checked:
            errors["audit_id"] = problem("unknown_audit", value=repr(values["audit_id"]))
        try:
            check_finding(values, self.settings, today=today, **context)
        except RegisterError as exc:
            errors |= exc.problems
        if errors:
            raise RegisterError(errors)
        return values

    def _insert_finding(
        self, con: sqlite3.Connection, fields: Mapping[str, Any], actor: str, today: dt.date
    ) -> str:
        values = self._checked(con, fields, today)
        number = con.execute("select count(*) from audit_findings").fetchone()[0] + 1
        finding_id = f"BEV-{number:04d}"
        now = _now()
        columns = ", ".join(FINDING_FIELDS)
        con.execute(
            f"insert into audit_findings (finding_id, {columns}, updated_at, updated_by) "
            f"values (?, {', '.join('?' * len(FINDING_FIELDS))}, ?, ?)",
            (finding_id, *(_store(values[f]) for f in FINDING_FIELDS), now, actor),
        )
        changes = [
            Change(f, None, _store(values[f])) for f in FINDING_FIELDS if values[f] is not None
        ]
        self.register._log(con, now, actor, "finding", finding_id, values["risk_id"], changes)
        return finding_id

    def _apply_finding(
        self,
        con: sqlite3.Connection,
        finding_id: str,
        changes: Mapping[str, Any],
        version: int | None,
        actor: str,
        today: dt.date,
    ) -> list[Change]:
        check_editable(changes, FINDING_FIELDS)
        row = con.execute(
            "select * from audit_findings where finding_id = ?", (finding_id,)
        ).fetchone()
        if row is None:
            raise RegisterError({"finding_id": problem("unknown_finding", value=repr(finding_id))})
        if row["version"] != version:
            raise VersionConflict(finding_id, row["updated_by"], row["updated_at"])
        old = _dates({f: row[f] for f in FINDING_FIELDS})
        values = old | _clean(changes)
        context = self._context(con, values["audit_id"])
        if context["held_on"] is None:
            raise RegisterError(
                {"audit_id": problem("unknown_audit", value=repr(values["audit_id"]))}
            )
        check_finding(values, self.settings, today=today, **context)
        diff = [Change(f, old[f], values[f]) for f in FINDING_FIELDS if values[f] != old[f]]
        if diff:
            now = _now()
            assignments = ", ".join(f"{f} = ?" for f in FINDING_FIELDS)
            con.execute(
                f"update audit_findings set {assignments}, version = version + 1, "
                "updated_at = ?, updated_by = ? where finding_id = ?",
                (*(_store(values[f]) for f in FINDING_FIELDS), now, actor, finding_id),
            )
            logged = [Change(c.field, _store(c.old), _store(c.new)) for c in diff]
            self.register._log(con, now, actor, "finding", finding_id, values["risk_id"], logged)
        return diff
