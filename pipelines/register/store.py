"""Longer than 600 lines because the Register class is one unit: its reads, its seeding and
every kind of write share one connection, transaction, version and audit-log discipline.

The risk register the risk manager keeps: per risk its impact, inherent likelihood and
appetite, and its control measures (status, owner, tests, evidence, next review).

The register is not derived data, so it does not live in the warehouse (which every build
replaces): it is a small SQLite database beside it, RADAR_HOME/register.sqlite, seeded
once from risks/risks.yaml and from then on changed only through this module. SQLite
because the dashboard and `radar build` use it at the same time from different processes:
writes are short transactions (WAL mode, a busy timeout and a retry), reads never block.

Every change is validated first by the register's rules (pipelines/register/rules.py: a
clear Dutch message per field), carries the version the editor started from (two people
editing the same measure never silently overwrite each other: the second gets a
VersionConflict), and writes one row per changed field to the append-only audit log in
the same transaction as the change itself. The log (chained with a keyed MAC, replayable,
checked by `radar audit verify`) is pipelines/register/audit_log.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from pipelines.core.catalogue import Catalogue, load_catalogue
from pipelines.core.clock import today_here
from pipelines.core.warehouse import radar_home
from pipelines.register import audit_log, audit_migrate, audit_verify, finding_rules
from pipelines.register.audit_log import Head, Tracked
from pipelines.register.audit_migrate import Migration
from pipelines.register.audit_verify import AuditReport
from pipelines.register.rules import (
    MEASURE_FIELDS,
    NOT_TESTED,
    RETIRED_STATUS,
    RISK_FIELDS,
    BatchRefused,
    RegisterError,
    VersionConflict,
    check_actor,
    check_editable,
    check_measure,
    check_new_measure,
    check_risk,
    problem,
)

SEED_ACTOR = "catalogus (risks/risks.yaml)"

SCHEMA = """
create table if not exists risk_assessments (
    risk_id text primary key,
    impact integer not null check (impact between 1 and 5),
    inherent_likelihood integer not null check (inherent_likelihood between 1 and 5),
    appetite text not null,
    version integer not null default 1,
    updated_at text not null,
    updated_by text not null
);
create table if not exists control_measures (
    control_measure_id text primary key,
    risk_id text not null,
    position integer not null,
    text_nl text not null,
    text_en text not null,
    control_type text not null,
    owner_role text not null,
    review_frequency text not null,
    status text not null,
    last_test_result text not null,
    last_tested_on text,
    evidence_url text,
    next_review_on text,
    retired_on text,
    retired_reason text,
    version integer not null default 1,
    updated_at text not null,
    updated_by text not null
);
"""
# What replay rebuilds from the log and compares with the tables: every editable field,
# the risk a measure belongs to, and who changed it last and when. Not compared: version
# (the edit form's conflict counter), position (order on the page), retired_on.
TRACKED = (
    Tracked("risk", "risk_assessments", "risk_id", (*RISK_FIELDS, "updated_at", "updated_by")),
    Tracked(
        "control_measure",
        "control_measures",
        "control_measure_id",
        ("risk_id", *MEASURE_FIELDS, "updated_at", "updated_by"),
    ),
    *finding_rules.TRACKED,  # audits and their findings (pipelines/register/findings.py)
)
SPECS = {t.entity: t for t in TRACKED}


def verify_audit(
    path: Path | None = None, *, heads: Sequence[Head] = (), key: bytes | None = None
) -> AuditReport:
    """`radar audit verify`: the MAC chain, the triggers, the heads (``heads`` and those in
    the snapshots) and the log replayed against the tables. See audit_verify.verify."""
    return audit_verify.verify(path or register_path(), TRACKED, heads=heads, key=key)


def migrate_audit(
    path: Path | None = None, *, actor: str, confirm_old_log: bool = False
) -> Migration | None:
    """`radar audit migrate`: an old log to the MAC chain, once. See audit_migrate."""
    return audit_migrate.migrate(
        path or register_path(), TRACKED, actor=actor, confirm_old_log=confirm_old_log
    )


@dataclass(frozen=True)
class Change:
    """One field that changed, as the audit log records it."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Edit:
    """One change of a batch (apply_batch): ``kind`` "risk" (key: risk id), "measure"
    (key: measure id) or "new_measure" (key: the risk id it belongs to); ``ref`` is the
    caller's name for where it came from (e.g. a sheet and row), used in refusals."""

    kind: str
    key: str
    changes: Mapping[str, Any]
    version: int | None = None
    ref: Any = None


def register_path() -> Path:
    return radar_home() / "register.sqlite"


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    con.row_factory = sqlite3.Row
    con.execute("pragma journal_mode=wal")
    con.execute("pragma busy_timeout=10000")
    return con


T = TypeVar("T")


def _retry(work: Callable[[], T], attempts: int = 5) -> T:
    """Run a write again when another process held the database for too long."""
    for attempt in range(attempts):
        try:
            return work()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if attempt == attempts - 1:
                raise RegisterError({"register": problem("busy", detail=str(exc))}) from exc
            time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")


@contextmanager
def _transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    con.execute("begin immediate")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _add_months(day: dt.date, months: int) -> dt.date:
    return (pd.Timestamp(day) + pd.DateOffset(months=months)).date()


class Register:
    """The register in RADAR_HOME (or ``path``), seeded from the catalogue on first use.

    The audit log's MAC key is ``audit_key`` or, when the first write needs it, the one
    audit_log.load_key finds (made only for a register without records yet). A log in an
    old form is refused (AuditFormatError): `radar audit migrate` first.
    """

    def __init__(
        self,
        catalogue: Catalogue | None = None,
        path: Path | None = None,
        *,
        audit_key: bytes | None = None,
    ) -> None:
        self.catalogue = catalogue or load_catalogue()
        self.path = path or register_path()
        self._key = audit_key
        self._seed()

    # --- reading -----------------------------------------------------------------------

    @contextmanager
    def _con(self) -> Iterator[sqlite3.Connection]:
        con = _connect(self.path)
        try:
            yield con
        finally:
            con.close()

    def risks(self) -> pd.DataFrame:
        """One row per risk: impact, inherent_likelihood, appetite, version, updated_*."""
        with self._con() as con:
            return pd.read_sql_query("select * from risk_assessments order by risk_id", con)

    def measures(self, *, today: dt.date | None = None) -> pd.DataFrame:
        """Every control measure (retired ones too) with is_overdue and is_retired."""
        today = today or today_here()
        with self._con() as con:
            frame = pd.read_sql_query(
                "select * from control_measures order by risk_id, position", con
            )
        review = pd.to_datetime(frame["next_review_on"]).dt.date
        frame["is_retired"] = frame["status"] == RETIRED_STATUS
        frame["is_overdue"] = review.notna() & (review < today) & ~frame["is_retired"]
        return frame

    def audit(self, risk_id: str | None = None) -> pd.DataFrame:
        """The audit log, newest first; only this risk's rows (and its measures') if given."""
        query = "select * from audit_log"
        params: tuple = ()
        if risk_id:
            query, params = f"{query} where risk_id = ?", (risk_id,)
        with self._con() as con:
            return pd.read_sql_query(f"{query} order by audit_id desc", con, params=params)

    # What the scores read of the register: a change to any of these rows changes them.
    SCORED_TABLES = ("risk_assessments", "control_measures", "audits", "audit_findings")

    def fingerprint(self) -> str:
        """A digest of every row the scores read (risks, measures, audits and findings, each
        with its version and time of change): the Risicoregister page compares it with the
        one the scores were computed from. Read before the frames, so an edit made while
        they are read makes the scores look older, never newer, than they are."""
        digest = hashlib.sha256()
        with self._con() as con:
            for table in self.SCORED_TABLES:
                columns = [row[1] for row in con.execute(f"pragma table_info({table})")]
                rows = sorted(repr(tuple(r)) for r in con.execute(f"select * from {table}"))
                digest.update(repr((table, columns, rows)).encode("utf-8"))
        return digest.hexdigest()

    def frames(self) -> dict[str, pd.DataFrame]:
        """The register as the warehouse's raw_register__* tables (see build), with its
        fingerprint (raw_register__state)."""
        state = pd.DataFrame({"fingerprint": [self.fingerprint()]}).astype("string")
        settings = self.catalogue.settings
        risks = self.risks()
        risks["appetite_max_residual"] = risks["appetite"].map(settings.appetite_max_residual)
        measures = self.measures().drop(columns=["is_overdue", "is_retired"])
        measures["review_months"] = measures["review_frequency"].map(
            settings.review_frequency_months
        )
        # Typed explicitly: a column that is empty everywhere (no evidence links yet)
        # must still load as text, not as DuckDB's NULL type.
        text = {c: "string" for c in measures.columns if measures[c].dtype == object}
        with self._con() as con:
            findings = finding_rules.frames(con, today_here())
        return findings | {
            "raw_register__state": state,
            "raw_register__risk_assessments": risks.astype({"appetite": "string"}),
            "raw_register__control_measures": measures.astype(text),
        }

    # --- seeding -------------------------------------------------------------------------

    def _seed(self) -> None:
        """Create the tables; add every catalogue risk and measure the register lacks, each
        with one log record holding all its fields; put back a dropped trigger (logged)."""

        def work() -> None:
            with self._con() as con:
                audit_log.prepare(con, SCHEMA + finding_rules.SCHEMA, self.path)
            with self._con() as con, _transaction(con):
                now = _now()
                audit_log.restore_triggers(con, lambda: self._audit_key(con), now)
                # Known: in the table or in the log (since its last migration, as replay
                # reads it). A row deleted behind the log's back is not seeded again: that
                # would hide the deletion from `radar audit verify`.
                known_risks = audit_log.known_ids(con, SPECS["risk"], replayed=True)
                known = audit_log.known_ids(con, SPECS["control_measure"], replayed=True)
                months = self.catalogue.settings.review_frequency_months
                seeded = {"version": 1, "updated_at": now, "updated_by": SEED_ACTOR}
                for risk in self.catalogue.risks:
                    if risk.id not in known_risks:
                        row = {"risk_id": risk.id, "impact": risk.impact, "appetite": risk.appetite}
                        row["inherent_likelihood"] = risk.inherent_likelihood
                        self._create(con, "risk", row | seeded)
                    for pos, m in enumerate(risk.control_measures, start=1):
                        if m.id in known:
                            continue
                        next_review = (
                            _add_months(m.last_tested_on, months[m.review_frequency])
                            if m.last_tested_on
                            else None
                        )
                        row = dict.fromkeys(MEASURE_FIELDS) | {
                            "control_measure_id": m.id,
                            "risk_id": risk.id,
                            "position": pos,
                            "text_nl": m.text.nl,
                            "text_en": m.text.en,
                            "control_type": m.type,
                            "owner_role": m.owner_role,
                            "review_frequency": m.review_frequency,
                            "status": m.status,
                            "last_test_result": m.last_test_result,
                            "last_tested_on": _iso(m.last_tested_on),
                            "next_review_on": _iso(next_review),
                        }
                        self._create(con, "control_measure", row | seeded)

        _retry(work)

    def _create(self, con: sqlite3.Connection, entity: str, row: dict[str, Any]) -> None:
        """Insert a seeded row and log it as one record with all its fields (JSON)."""
        spec = SPECS[entity]
        con.execute(
            f"insert into {spec.table} ({', '.join(row)}) values ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
        state = audit_log.entity_state(row, spec)
        change = [Change(audit_log.CREATED, None, state)]
        self._log(con, row["updated_at"], SEED_ACTOR, entity, row[spec.key], row["risk_id"], change)

    # --- writing -------------------------------------------------------------------------

    def _audit_key(self, con: sqlite3.Connection) -> bytes:
        if self._key is None:
            create = not audit_log.has_records(con)
            self._key = audit_log.load_key(create=create, register_dir=self.path.parent)
        return self._key

    def _log(
        self,
        con: sqlite3.Connection,
        at: str,
        actor: str,
        entity: str,
        entity_id: str,
        risk_id: str,
        changes: list[Change],
    ) -> None:
        records = [
            {
                "changed_at": at,
                "actor": actor,
                "entity": entity,
                "entity_id": entity_id,
                "risk_id": risk_id,
                "field": c.field,
                "old_value": None if c.old is None else str(c.old),
                "new_value": None if c.new is None else str(c.new),
            }
            for c in changes
        ]
        audit_log.append(con, self._audit_key(con), records)

    # --- writing, one change or many in one transaction -----------------------------------

    def _write(self, apply: Callable[[sqlite3.Connection], T]) -> T:
        """One short write transaction (retried while another writer holds the file)."""

        def work() -> T:
            with self._con() as con, _transaction(con):
                return apply(con)

        return _retry(work)

    def update_risk(
        self, risk_id: str, changes: Mapping[str, Any], *, version: int, actor: str
    ) -> list[Change]:
        """Change impact, inherent likelihood or appetite; returns what changed."""
        actor = check_actor(actor)
        return self._write(lambda con: self._apply_risk(con, risk_id, changes, version, actor))

    def update_measure(
        self,
        measure_id: str,
        changes: Mapping[str, Any],
        *,
        version: int,
        actor: str,
        today: dt.date | None = None,
    ) -> list[Change]:
        """Change a control measure; retiring is ``status="vervallen"`` with a reason.

        A new test date without a new review date plans the next review one review
        period after the test.
        """
        actor, today = check_actor(actor), today or today_here()
        return self._write(
            lambda con: self._apply_measure(con, measure_id, changes, version, actor, today)
        )

    def add_measure(
        self,
        risk_id: str,
        fields: Mapping[str, Any],
        *,
        actor: str,
        today: dt.date | None = None,
    ) -> str:
        """Add a control measure to a risk; returns its new id (<risk>-CMnn)."""
        actor, today = check_actor(actor), today or today_here()
        return self._write(lambda con: self._insert_measure(con, risk_id, fields, actor, today))

    def apply_batch(
        self,
        edits: Sequence[Edit],
        *,
        actor: str,
        today: dt.date | None = None,
        dry_run: bool = False,
    ) -> list[list[Change] | str]:
        """Apply many edits (an Excel import) all or nothing, in one transaction.

        Every edit is tried, so BatchRefused lists every refused one (with the ``ref`` the
        caller gave it, e.g. a sheet row), not just the first; then nothing is applied.
        ``dry_run`` checks everything and applies nothing. Returns per edit what
        ``update_risk`` / ``update_measure`` / ``add_measure`` would have returned.
        """
        actor, today = check_actor(actor), today or today_here()

        def work() -> list[list[Change] | str]:
            with self._con() as con:
                con.execute("begin immediate")
                try:
                    results: list[list[Change] | str] = []
                    refused: list[tuple[Any, RegisterError | VersionConflict]] = []
                    for edit in edits:
                        con.execute("savepoint edit")
                        try:
                            results.append(self._apply_edit(con, edit, actor, today))
                            con.execute("release edit")
                        except (RegisterError, VersionConflict) as exc:
                            con.execute("rollback to edit")
                            con.execute("release edit")
                            refused.append((edit.ref, exc))
                    if refused:
                        raise BatchRefused(refused)
                except BaseException:
                    con.execute("rollback")
                    raise
                con.execute("rollback" if dry_run else "commit")
                return results

        return _retry(work)

    def _apply_edit(
        self, con: sqlite3.Connection, edit: Edit, actor: str, today: dt.date
    ) -> list[Change] | str:
        if edit.kind == "risk":
            return self._apply_risk(con, edit.key, edit.changes, edit.version, actor)
        if edit.kind == "measure":
            return self._apply_measure(con, edit.key, edit.changes, edit.version, actor, today)
        if edit.kind == "new_measure":
            return self._insert_measure(con, edit.key, edit.changes, actor, today)
        raise ValueError(f"unknown edit kind {edit.kind!r}")

    def _apply_risk(
        self,
        con: sqlite3.Connection,
        risk_id: str,
        changes: Mapping[str, Any],
        version: int | None,
        actor: str,
    ) -> list[Change]:
        check_editable(changes, RISK_FIELDS)
        row = con.execute("select * from risk_assessments where risk_id = ?", (risk_id,)).fetchone()
        if row is None:
            raise RegisterError({"risk_id": problem("unknown_risk", value=repr(risk_id))})
        if row["version"] != version:
            raise VersionConflict(risk_id, row["updated_by"], row["updated_at"])
        values = {f: row[f] for f in RISK_FIELDS} | dict(changes)
        check_risk(values, self.catalogue.settings)
        diff = [Change(f, row[f], values[f]) for f in RISK_FIELDS if values[f] != row[f]]
        if diff:
            now = _now()
            con.execute(
                "update risk_assessments set impact = ?, inherent_likelihood = ?, "
                "appetite = ?, version = version + 1, updated_at = ?, updated_by = ? "
                "where risk_id = ?",
                (*(values[f] for f in RISK_FIELDS), now, actor, risk_id),
            )
            self._log(con, now, actor, "risk", risk_id, risk_id, diff)
        return diff

    def _measure_values(self, row: Mapping[str, Any]) -> dict[str, Any]:
        values = {f: row[f] for f in MEASURE_FIELDS}
        for field in ("last_tested_on", "next_review_on"):
            values[field] = dt.date.fromisoformat(values[field]) if values[field] else None
        return values

    def _apply_measure(
        self,
        con: sqlite3.Connection,
        measure_id: str,
        changes: Mapping[str, Any],
        version: int | None,
        actor: str,
        today: dt.date,
    ) -> list[Change]:
        check_editable(changes, MEASURE_FIELDS)
        row = con.execute(
            "select * from control_measures where control_measure_id = ?", (measure_id,)
        ).fetchone()
        if row is None:
            raise RegisterError(
                {"control_measure_id": problem("unknown_measure", value=repr(measure_id))}
            )
        if row["version"] != version:
            raise VersionConflict(measure_id, row["updated_by"], row["updated_at"])
        old = self._measure_values(row)
        values = old | _clean(changes)
        values["text_en"] = values["text_en"] or values["text_nl"]
        if (
            values["last_tested_on"] != old["last_tested_on"]
            and isinstance(values["last_tested_on"], dt.date)
            and values["next_review_on"] == old["next_review_on"]
        ):
            months = self.catalogue.settings.review_frequency_months.get(
                values["review_frequency"], 12
            )
            values["next_review_on"] = _add_months(values["last_tested_on"], months)
        if values["status"] != RETIRED_STATUS:
            values["retired_reason"] = None
        check_measure(values, self.catalogue.settings, today=today)
        diff = [Change(f, old[f], values[f]) for f in MEASURE_FIELDS if values[f] != old[f]]
        if diff:
            now = _now()
            retired_on = row["retired_on"]
            if values["status"] == RETIRED_STATUS and old["status"] != RETIRED_STATUS:
                retired_on = today.isoformat()
            elif values["status"] != RETIRED_STATUS:
                retired_on = None
            assignments = ", ".join(f"{f} = ?" for f in MEASURE_FIELDS)
            con.execute(
                f"update control_measures set {assignments}, retired_on = ?, "
                "version = version + 1, updated_at = ?, updated_by = ? "
                "where control_measure_id = ?",
                (
                    *(_store(values[f]) for f in MEASURE_FIELDS),
                    retired_on,
                    now,
                    actor,
                    measure_id,
                ),
            )
            self._log(con, now, actor, "control_measure", measure_id, row["risk_id"], diff)
        return diff

    def _insert_measure(
        self,
        con: sqlite3.Connection,
        risk_id: str,
        fields: Mapping[str, Any],
        actor: str,
        today: dt.date,
    ) -> str:
        check_editable(fields, MEASURE_FIELDS)
        values: dict[str, Any] = {f: None for f in MEASURE_FIELDS} | {
            "status": "ontworpen",
            "last_test_result": NOT_TESTED,
            "review_frequency": "jaarlijks",
        }
        values |= _clean(fields)
        values["text_en"] = values["text_en"] or values["text_nl"]
        check_new_measure(values, self.catalogue.settings, today=today)
        if not con.execute(
            "select 1 from risk_assessments where risk_id = ?", (risk_id,)
        ).fetchone():
            raise RegisterError({"risk_id": problem("unknown_risk", value=repr(risk_id))})
        ids = audit_log.known_ids(con, SPECS["control_measure"], risk_id=risk_id)
        number = max((int(i.rsplit("CM", 1)[1]) for i in ids), default=0) + 1
        measure_id = f"{risk_id}-CM{number:02d}"
        position = (
            con.execute(
                "select coalesce(max(position), 0) from control_measures where risk_id = ?",
                (risk_id,),
            ).fetchone()[0]
            + 1
        )
        now = _now()
        columns = ", ".join(MEASURE_FIELDS)
        con.execute(
            f"insert into control_measures (control_measure_id, risk_id, position, "
            f"{columns}, updated_at, updated_by) values "
            f"(?, ?, ?, {', '.join('?' * len(MEASURE_FIELDS))}, ?, ?)",
            (
                measure_id,
                risk_id,
                position,
                *(_store(values[f]) for f in MEASURE_FIELDS),
                now,
                actor,
            ),
        )
        self._log(
            con,
            now,
            actor,
            "control_measure",
            measure_id,
            risk_id,
            [Change(f, None, values[f]) for f in MEASURE_FIELDS if values[f] is not None],
        )
        return measure_id


def seed_frames(catalogue: Catalogue) -> dict[str, pd.DataFrame]:
    """The register's tables as a new RADAR_HOME starts them: the catalogue's state."""
    with tempfile.TemporaryDirectory() as tmp:
        # A throwaway register: a throwaway key, never the real one or a new key file.
        key = secrets.token_bytes(32)
        return Register(catalogue, Path(tmp) / "seed.sqlite", audit_key=key).frames()


def _clean(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Form values as the register stores them: stripped text, empty text as None."""
    cleaned = {}
    for field, value in fields.items():
        if isinstance(value, str):
            value = value.strip() or None
        if isinstance(value, dt.datetime):
            value = value.date()
        cleaned[field] = value
    return cleaned


def _store(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
