"""The meldingen register: RADAR_HOME/meldingen.sqlite (mode 0600), kept apart from the
risk register and the warehouse, with its own audit log (pipelines/meldingen/audit.py).

Fields as the data contract says (section "meldingen and audit findings"): received_on,
route, about_role (a position, never a person), risk_ids, acknowledged_on, feedback_on,
closed_on, status, outcome; plus org_unit (optional: the code of the department where the
matter arose, never a person; a plain code here, refused when it looks like a name, an
e-mail address or a phone number or is only digits, so the audit log only ever holds a
code; checked against org_units by the build, used only for the reporting rate per unit),
measures, rvc_informed_on, aw_informed_on, a free-text note, and created_by (the user who
registered it: a vertrouwenspersoon sees only its own, and may not change it). There is
no field for the reporter. Every change is checked first (pipelines/meldingen/rules.py:
refusals per field in Dutch and English), carries the version the editor started from
(VersionConflict otherwise), and is logged field by field in the same transaction; free
text is logged as "changed, n characters", never as text. SQLite's secure_delete and a
WAL checkpoint after each write make an overwritten note gone from the file, not just
hidden.

A route that contradicts the policy is stored and flagged (Saved.flag, the route_flag
column), never refused; free text that looks like a name, e-mail or phone number comes
back as warnings (Saved.warnings) for the form to show.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Collection, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from pipelines.core.clock import today_here
from pipelines.core.texts import Message
from pipelines.core.warehouse import radar_home
from pipelines.meldingen import audit, db
from pipelines.meldingen.catalogue import MeldingenCatalogue, default_catalogue
from pipelines.meldingen.deadlines import (
    acknowledge_by,
    due_within,
    feedback_by,
    is_overdue,
    open_deadlines,
)
from pipelines.meldingen.rules import (
    DATE_FIELDS,
    FREE_TEXT_FIELDS,
    MeldingError,
    RouteFlag,
    TextWarning,
    check,
    check_route,
    free_text_warnings,
    message,
)

FIELDS = (
    "received_on",
    "route",
    "about_role",
    "risk_ids",
    "org_unit",
    "acknowledged_on",
    "feedback_on",
    "closed_on",
    "status",
    "outcome",
    "measures",
    "rvc_informed_on",
    "aw_informed_on",
    "note",
)
NEW_STATUS = "ontvangen"
# The only columns the build may read and aggregate (read_for_build): never the note, the
# measures or who registered a report.
AGGREGATE_COLUMNS = (
    "received_on",
    "route",
    "about_role",
    "risk_ids",
    "org_unit",
    "acknowledged_on",
    "feedback_on",
    "closed_on",
    "status",
    "outcome",
)
SCHEMA = """
create table if not exists meldingen (
    melding_id text primary key,
    received_on text not null,
    route text not null,
    about_role text,
    risk_ids text not null default '',
    org_unit text,
    acknowledged_on text,
    feedback_on text,
    closed_on text,
    status text not null,
    outcome text,
    measures text,
    rvc_informed_on text,
    aw_informed_on text,
    note text,
    created_by text not null,
    created_at text not null,
    version integer not null default 1,
    updated_at text not null,
    updated_by text not null
);
"""


def meldingen_path() -> Path:
    return radar_home() / "meldingen.sqlite"


@dataclass(frozen=True)
class Viewer:
    """Who is asking: the role (risks/meldingen.yaml readers) and the user name."""

    role: str
    user: str


class MeldingAccessError(PermissionError):
    """This role may not see or change this (or any) report."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(self.message("nl"))

    def message(self, lang: str) -> str:
        return message(self.code, lang, **self.params)


class VersionConflict(RuntimeError):
    """Someone else saved this report after the editor opened it."""

    def __init__(self, melding_id: str, updated_by: str, updated_at: str) -> None:
        self.melding_id, self.updated_by, self.updated_at = melding_id, updated_by, updated_at
        super().__init__(self.message("nl"))

    def message(self, lang: str) -> str:
        return message(
            "version_conflict", lang, id=self.melding_id, by=self.updated_by, at=self.updated_at
        )


@dataclass(frozen=True)
class Saved:
    """What a registration or change did: the report's id, the fields that changed (old,
    new), the route flag if its route contradicts the policy, the free-text warnings."""

    melding_id: str
    changed: dict[str, tuple[Any, Any]]
    flag: RouteFlag | None = None
    warnings: list[TextWarning] = field(default_factory=list)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


T = TypeVar("T")


def _to_db(name: str, value: Any) -> Any:
    if name == "risk_ids":
        return ",".join(sorted(value or ()))
    return value.isoformat() if isinstance(value, dt.date) else value


def _from_db(name: str, value: Any) -> Any:
    if name == "risk_ids":
        return [r for r in (value or "").split(",") if r]
    if name in DATE_FIELDS:
        return dt.date.fromisoformat(value) if value else None
    return value


def _clean(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Form values as stored: stripped text, empty text as None, datetimes as dates,
    risk ids as a sorted list without repeats."""
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip() or None
        if isinstance(value, dt.datetime):
            value = value.date()
        if name == "risk_ids":
            value = sorted({str(r).strip() for r in value or () if str(r).strip()})
        cleaned[name] = value
    return cleaned


def _log_values(name: str, old: Any, new: Any) -> tuple[str | None, str | None]:
    if name in FREE_TEXT_FIELDS:
        return audit.free_text_entry(old, new)
    old, new = _to_db(name, old), _to_db(name, new)
    return (None if old in (None, "") else str(old)), (None if new in (None, "") else str(new))


class Meldingen:
    """The register of reports in RADAR_HOME (or ``path``). ``risk_ids``: the catalogue's
    risk ids a report may touch (default: risks/risks.yaml). ``audit_key``: the audit
    log's MAC key (default: meldingen_audit.key in the key folder, made for an empty log)."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        catalogue: MeldingenCatalogue | None = None,
        risk_ids: Collection[str] | None = None,
        audit_key: bytes | None = None,
    ) -> None:
        self.path = Path(path or meldingen_path())
        self.catalogue = catalogue or default_catalogue()
        if risk_ids is None:
            from pipelines.core.catalogue import load_catalogue

            risk_ids = [r.id for r in load_catalogue().risks]
        self.risk_ids = frozenset(risk_ids)
        self._key = audit_key
        self._create()

    # --- the file ----------------------------------------------------------------------

    def _create(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600)
            os.close(fd)
        os.chmod(self.path, 0o600)  # the -wal and -shm files take the same mode
        with self._con() as con:
            con.executescript(SCHEMA + audit.SCHEMA)
            columns = {r[1] for r in con.execute("pragma table_info(meldingen)")}
            if "org_unit" not in columns:  # a register made before org_unit existed
                con.execute("alter table meldingen add column org_unit text")

    def _con(self) -> AbstractContextManager[sqlite3.Connection]:
        return db.connect(self.path)

    def _write(self, apply: Callable[[sqlite3.Connection], T]) -> T:
        return db.write(
            self.path,
            apply,
            lambda detail: MeldingError({"meldingen": ("busy", {"detail": detail})}),
        )

    def _audit_key(self, con: sqlite3.Connection) -> bytes:
        if self._key is None:
            create = not audit.has_records(con)
            self._key = audit.load_key(create=create, data_dir=self.path.parent)
        return self._key

    # --- access ------------------------------------------------------------------------

    def _scope(self, viewer: Viewer) -> str:
        """ "all" or "own"; MeldingAccessError for every other role."""
        scope = self.catalogue.readers.get(viewer.role)
        if scope is None:
            raise MeldingAccessError("no_access", role=viewer.role)
        if not (viewer.user or "").strip():
            raise MeldingError({"actor": ("actor_required", {})})
        return scope

    def _row(self, con: sqlite3.Connection, melding_id: str, viewer: Viewer) -> sqlite3.Row:
        scope = self._scope(viewer)
        row = con.execute("select * from meldingen where melding_id = ?", (melding_id,))
        row = row.fetchone()
        if row is None:
            raise MeldingError({"melding_id": ("unknown_melding", {"value": repr(melding_id)})})
        if scope == "own" and row["created_by"] != viewer.user:
            raise MeldingAccessError("not_own", id=melding_id)
        return row

    # --- writing -----------------------------------------------------------------------

    def register(
        self, fields: Mapping[str, Any], *, viewer: Viewer, today: dt.date | None = None
    ) -> Saved:
        """Register a new report; returns its id (M<year>-<nnn>), its flag and warnings.
        Refused (MeldingError) only for what rules.check refuses, never for its route."""
        today = today or today_here()
        self._scope(viewer)
        unknown = set(fields) - set(FIELDS)
        if unknown:
            raise MeldingError({f: ("not_editable", {}) for f in sorted(unknown)})
        values = dict.fromkeys(FIELDS) | {"status": NEW_STATUS, "risk_ids": []} | _clean(fields)
        check(values, self.catalogue, risk_ids=self.risk_ids, today=today)

        def apply(con: sqlite3.Connection) -> Saved:
            year = values["received_on"].year
            known = {
                r[0]
                for r in con.execute(
                    f"select melding_id from meldingen union select melding_id from {audit.TABLE}"
                )
            }
            numbers = [int(i.split("-")[1]) for i in known if i.startswith(f"M{year}-")]
            melding_id = f"M{year}-{max(numbers, default=0) + 1:03d}"
            now = _now()
            row = {f: _to_db(f, values[f]) for f in FIELDS}
            row |= {"melding_id": melding_id, "created_by": viewer.user, "created_at": now}
            row |= {"version": 1, "updated_at": now, "updated_by": viewer.user}
            con.execute(
                f"insert into meldingen ({', '.join(row)}) values ({', '.join('?' * len(row))})",
                tuple(row.values()),
            )
            changed = {f: (None, values[f]) for f in FIELDS if values[f] not in (None, [])}
            self._log(
                con, now, viewer.user, melding_id, {"geregistreerd": (None, viewer.role)} | changed
            )
            return Saved(melding_id, changed, self._flag(values), free_text_warnings(values))

        return self._write(apply)

    def update(
        self,
        melding_id: str,
        changes: Mapping[str, Any],
        *,
        version: int,
        viewer: Viewer,
        today: dt.date | None = None,
    ) -> Saved:
        """Change a report; closing it (status afgesloten, closed_on) needs feedback_on
        and an outcome. VersionConflict when someone saved it after ``version``. Only the
        catalogue's editors may (MeldingAccessError for the vertrouwenspersoon)."""
        today = today or today_here()
        self._scope(viewer)
        if viewer.role not in self.catalogue.editors:  # the vertrouwenspersoon: no editing
            raise MeldingAccessError("no_edit", role=viewer.role)
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise MeldingError({f: ("not_editable", {}) for f in sorted(unknown)})

        def apply(con: sqlite3.Connection) -> Saved:
            row = self._row(con, melding_id, viewer)
            if row["version"] != version:
                raise VersionConflict(melding_id, row["updated_by"], row["updated_at"])
            old = {f: _from_db(f, row[f]) for f in FIELDS}
            values = old | _clean(changes)
            check(values, self.catalogue, risk_ids=self.risk_ids, today=today)
            changed = {f: (old[f], values[f]) for f in FIELDS if values[f] != old[f]}
            if changed:
                now = _now()
                sets = ", ".join(f"{f} = ?" for f in changed)
                con.execute(
                    f"update meldingen set {sets}, version = version + 1, updated_at = ?, "
                    "updated_by = ? where melding_id = ?",
                    (*(_to_db(f, values[f]) for f in changed), now, viewer.user, melding_id),
                )
                self._log(con, now, viewer.user, melding_id, changed)
            return Saved(melding_id, changed, self._flag(values), free_text_warnings(values))

        return self._write(apply)

    def _flag(self, values: Mapping[str, Any]) -> RouteFlag | None:
        return check_route(values.get("route"), values.get("about_role"), self.catalogue)

    def _log(
        self,
        con: sqlite3.Connection,
        at: str,
        actor: str,
        melding_id: str,
        changed: Mapping[str, tuple[Any, Any]],
    ) -> None:
        records = []
        for name, (old, new) in changed.items():
            old_value, new_value = _log_values(name, old, new)
            records.append(
                {
                    "changed_at": at,
                    "actor": actor,
                    "melding_id": melding_id,
                    "field": name,
                    "old_value": old_value,
                    "new_value": new_value,
                }
            )
        audit.append(con, self._audit_key(con), records)

    # --- reading -----------------------------------------------------------------------

    def get(self, melding_id: str, *, viewer: Viewer) -> dict[str, Any]:
        """One report as the form shows it: its fields (dates as dates, risk_ids a list),
        version, created_by, updated_*."""
        with self._con() as con:
            row = self._row(con, melding_id, viewer)
        return {k: _from_db(k, row[k]) for k in row.keys()}

    def meldingen(self, *, viewer: Viewer, today: dt.date | None = None) -> pd.DataFrame:
        """The reports this viewer may see (all, or only its own), newest first, with
        acknowledge_by, feedback_by, route_flag (bool) and route_rule (the quote)."""
        today = today or today_here()
        scope = self._scope(viewer)
        query, params = "select * from meldingen", ()
        if scope == "own":
            query, params = f"{query} where created_by = ?", (viewer.user,)
        with self._con() as con:
            rows = con.execute(
                f"{query} order by received_on desc, melding_id desc", params
            ).fetchall()
            columns = [r[1] for r in con.execute("pragma table_info(meldingen)")]
        # Row by row, not pandas' reader: an empty date stays None, never NaN.
        frame = pd.DataFrame(
            [{k: _from_db(k, row[k]) for k in columns} for row in rows], columns=columns
        )
        frame["acknowledge_by"] = [acknowledge_by(d, self.catalogue) for d in frame["received_on"]]
        frame["feedback_by"] = [
            feedback_by(r, a, self.catalogue)
            for r, a in zip(frame["received_on"], frame["acknowledged_on"], strict=True)
        ]
        flags = [
            check_route(r, a, self.catalogue)
            for r, a in zip(frame["route"], frame["about_role"], strict=True)
        ]
        frame["route_flag"] = [f is not None for f in flags]
        frame["route_rule"] = [f.quote if f else None for f in flags]
        return frame

    def deadlines(
        self, *, viewer: Viewer, today: dt.date | None = None, within_days: int | None = None
    ) -> pd.DataFrame:
        """One row per deadline not met yet (melding_id, deadline "acknowledge" or
        "feedback", due_on, overdue, days_left); only those due within ``within_days``
        (and not overdue) when given, else all."""
        today = today or today_here()
        rows = []
        for r in self.meldingen(viewer=viewer, today=today).itertuples():
            for kind, due in open_deadlines(
                r.received_on, r.acknowledged_on, r.feedback_on, r.closed_on, self.catalogue
            ):
                late = is_overdue(due, None, today)
                if within_days is not None and not due_within(due, None, today, within_days):
                    continue
                rows.append(
                    {
                        "melding_id": r.melding_id,
                        "deadline": kind,
                        "due_on": due,
                        "overdue": late,
                        "days_left": (due - today).days,
                    }
                )
        columns = ["melding_id", "deadline", "due_on", "overdue", "days_left"]
        return pd.DataFrame(rows, columns=columns).sort_values(["due_on", "melding_id"])

    def overdue(self, *, viewer: Viewer, today: dt.date | None = None) -> pd.DataFrame:
        """The deadlines that have passed without acknowledgement or feedback."""
        frame = self.deadlines(viewer=viewer, today=today)
        return frame[frame["overdue"].astype(bool)].reset_index(drop=True)

    def due_this_week(
        self, *, viewer: Viewer, today: dt.date | None = None, days: int = 7
    ) -> pd.DataFrame:
        """The deadlines falling today or in the next ``days`` days, not met yet."""
        return self.deadlines(viewer=viewer, today=today, within_days=days).reset_index(drop=True)

    def audit(self, *, viewer: Viewer, melding_id: str | None = None) -> pd.DataFrame:
        """The audit log, newest first (only the integriteitsfunctionaris may read it)."""
        if viewer.role not in self.catalogue.audit_readers:
            raise MeldingAccessError("no_audit_access", role=viewer.role)
        query, params = f"select * from {audit.TABLE}", ()
        if melding_id:
            query, params = f"{query} where melding_id = ?", (melding_id,)
        with self._con() as con:
            return pd.read_sql_query(f"{query} order by audit_id desc", con, params=params)

    def verify_audit(self, key: bytes | None = None) -> list[Message]:
        """Every problem in the audit log's MAC chain and triggers (empty: intact)."""
        with self._con() as con:
            return audit.chain_problems(con, key or self._audit_key(con))


def read_for_build(
    path: Path | None = None, catalogue: MeldingenCatalogue | None = None
) -> pd.DataFrame:
    """Every report, only the columns the build may aggregate (AGGREGATE_COLUMNS: dates
    as dates, risk_ids a list, org_unit as typed) plus the computed acknowledge_by and
    feedback_by; never the note, the measures or who registered a report. A trusted
    system path for the build, not a Viewer's: nothing here identifies anyone. Opens the
    file read-only; no file yet means no reports (an empty frame with these columns)."""
    path = Path(path or meldingen_path())
    catalogue = catalogue or default_catalogue()
    columns = [*AGGREGATE_COLUMNS, "acknowledge_by", "feedback_by"]
    if not path.exists():
        return pd.DataFrame(columns=columns)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    con.row_factory = sqlite3.Row
    try:
        present = {r[1] for r in con.execute("pragma table_info(meldingen)")}
        if not present:  # the file holds only the exceptions' follow-up so far
            return pd.DataFrame(columns=columns)
        select = ", ".join(c if c in present else f"null as {c}" for c in AGGREGATE_COLUMNS)
        rows = con.execute(
            f"select {select} from meldingen order by received_on, melding_id"
        ).fetchall()
    finally:
        con.close()
    frame = pd.DataFrame(
        [{k: _from_db(k, row[k]) for k in AGGREGATE_COLUMNS} for row in rows],
        columns=list(AGGREGATE_COLUMNS),
        dtype=object,  # an empty code or date stays None, never NaN
    )
    frame["acknowledge_by"] = [acknowledge_by(d, catalogue) for d in frame["received_on"]]
    frame["feedback_by"] = [
        feedback_by(r, a, catalogue)
        for r, a in zip(frame["received_on"], frame["acknowledged_on"], strict=True)
    ]
    return frame[columns]
