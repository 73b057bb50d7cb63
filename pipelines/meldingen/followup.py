"""Follow-up of person-level exceptions to the integrity code (the rows of the mart
report_code_exceptions: a gift over EUR 50, a side job without approval, a year's private
kilometres in a company car at or over the limit, ...), kept by the
integriteitsfunctionaris beside the meldingen: two tables in RADAR_HOME/meldingen.sqlite
(mode 0600), so the meldingen's backup holds them too.

An exception is known by its stable key: the code rule, the employee's pseudonym (never a
raw employee number: ingest replaced it) and the date the mart gives it
(``exception_key``). A follow-up assigns it to a role or to a named handler (never the
employee concerned), notes the date a conversation took place, and closes it with an
outcome from risks/followup.yaml; its status follows from what is filled in. Every change
carries the version the editor started from (VersionConflict otherwise) and is logged
field by field in the same transaction, in an append-only table chained with HMAC-SHA256
under the meldingen' audit key (``verify_log``): who, when, which field, old and new
value, except the handler's name, logged only as filled in, changed or emptied. Only the
roles of risks/followup.yaml may read or change it.

The build reads ``build_frames``: per key only whether it is closed, nothing else; the
mart report_exception_followup turns that into counts open and closed per risk for the
whole organisation (the DT's view).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import sqlite3
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, TypeVar

import pandas as pd
from pydantic import Field, ValidationError

from pipelines.core import texts
from pipelines.core.catalogue import CatalogueError, Strict, Text, catalogue_dir
from pipelines.core.clock import today_here
from pipelines.core.texts import DEFAULT_LANGUAGE, Message
from pipelines.core.warehouse import radar_home
from pipelines.core.yaml_errors import error_message, problems, read_yaml
from pipelines.meldingen import audit, db
from pipelines.meldingen.store import Viewer

FILE = "followup.yaml"
FIELDS = ("assignee_role", "handler", "conversation_on", "closed_on", "outcome")
DATE_FIELDS = ("conversation_on", "closed_on")
STATUSES = ("open", "toegewezen", "gesprek_gevoerd", "afgesloten")
TABLE = "exception_followups"
LOG = "exception_followup_log"
# a name or user name: letters (any script), digits, space and . _ @ ' -
HANDLER = re.compile(r"^[^\W_](?:[\w .@'-]{0,78}[\w.])?$")
SCHEMA = f"""
create table if not exists {TABLE} (
    exception_key text primary key,
    rule_id text not null,
    employee_id text not null,
    occurred_on text not null,
    assignee_role text,
    handler text,
    conversation_on text,
    closed_on text,
    outcome text,
    version integer not null,
    created_at text not null,
    created_by text not null,
    updated_at text not null,
    updated_by text not null
);
create table if not exists {LOG} (
    log_id integer primary key autoincrement,
    changed_at text not null,
    actor text not null,
    exception_key text not null,
    field text not null,
    old_value text,
    new_value text,
    prev_mac text not null,
    mac text not null
);
create trigger if not exists {LOG}_is_append_only_update before update on {LOG}
begin
    select raise(abort, 'het log van de opvolging is alleen-toevoegen: wijzigen kan niet');
end;
create trigger if not exists {LOG}_is_append_only_delete before delete on {LOG}
begin
    select raise(abort, 'het log van de opvolging is alleen-toevoegen: verwijderen kan niet');
end;
"""


# --- risks/followup.yaml -----------------------------------------------------------------


class Coded(Strict):
    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Text


class FollowUpConfig(Strict):
    roles: Annotated[list[str], Field(min_length=1)]
    assignee_roles: Annotated[list[Coded], Field(min_length=1)]
    outcomes: Annotated[list[Coded], Field(min_length=1)]

    def label(self, kind: str, code: str, lang: str) -> str:
        entry = next((c for c in getattr(self, kind) if c.code == code), None)
        return getattr(entry.label, lang) if entry else code


def load_followup_config(directory: Path | None = None) -> FollowUpConfig:
    """Read and check risks/followup.yaml; CatalogueError naming file, line and field."""
    path = Path(directory or catalogue_dir()) / FILE
    raw, text = read_yaml(path)
    if not isinstance(raw, dict):
        raise CatalogueError(
            error_message("catalogue.top_mapping", path=path, keys="roles:, outcomes:, ...")
        )
    try:
        config = FollowUpConfig.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(problems(path, text, raw, exc.errors())) from None
    for kind in ("assignee_roles", "outcomes"):
        codes = [c.code for c in getattr(config, kind)]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise CatalogueError(
                error_message("catalogue.twice", path=path, field=kind, names=", ".join(twice))
            )
    return config


@cache
def default_config() -> FollowUpConfig:
    return load_followup_config()


# --- messages and errors -------------------------------------------------------------------


def message(code: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    entry = texts.messages("followup")[code]
    return (entry.get(lang) or entry[DEFAULT_LANGUAGE]).format(**params)


class FollowUpError(ValueError):
    """A change refused: per field a message code and its values (Dutch in ``errors``)."""

    def __init__(self, problems: Mapping[str, tuple[str, dict[str, Any]]]) -> None:
        self.problems = dict(problems)
        self.errors = self.messages("nl")
        super().__init__("; ".join(f"{f}: {m}" for f, m in self.errors.items()))

    def messages(self, lang: str) -> dict[str, str]:
        return {f: message(code, lang, **p) for f, (code, p) in self.problems.items()}


class FollowUpAccessError(PermissionError):
    def __init__(self, role: str) -> None:
        self.role = role
        super().__init__(message("no_access", role=role))

    def message(self, lang: str) -> str:
        return message("no_access", lang, role=self.role)


class VersionConflict(RuntimeError):
    def __init__(self, updated_by: str, updated_at: str) -> None:
        self.updated_by, self.updated_at = updated_by, updated_at
        super().__init__(self.message("nl"))

    def message(self, lang: str) -> str:
        return message("version_conflict", lang, by=self.updated_by, at=self.updated_at)


# --- the rules -----------------------------------------------------------------------------


def exception_key(rule_id: str, employee_id: str, occurred_on: dt.date) -> str:
    """The exception's stable key: rule, pseudonym and date, as report_code_exceptions has
    them (two records of one rule, person and day share their follow-up)."""
    return f"{rule_id}|{employee_id}|{_day(occurred_on).isoformat()}"


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def status_of(values: Mapping[str, Any]) -> str:
    """open, toegewezen, gesprek_gevoerd or afgesloten: what is filled in."""
    if values.get("closed_on"):
        return "afgesloten"
    if values.get("conversation_on"):
        return "gesprek_gevoerd"
    if values.get("assignee_role") or values.get("handler"):
        return "toegewezen"
    return "open"


def check(
    values: Mapping[str, Any],
    config: FollowUpConfig,
    *,
    employee_id: str,
    occurred_on: dt.date,
    today: dt.date,
) -> None:
    """FollowUpError naming every field that breaks a rule; nothing when all hold."""
    problems: dict[str, tuple[str, dict[str, Any]]] = {}
    for name, kind in (("assignee_role", "assignee_roles"), ("outcome", "outcomes")):
        value = values.get(name)
        if value is not None and value not in {c.code for c in getattr(config, kind)}:
            problems[name] = ("unknown_code", {"value": repr(value)})
    handler = values.get("handler")
    if handler is not None:
        if values.get("assignee_role"):
            problems["handler"] = ("one_assignee", {})
        elif (
            employee_id.casefold() in handler.casefold()
            or re.fullmatch(r"[\d\s.-]+", handler)
            or handler.casefold() in employee_id.casefold()
        ):
            problems["handler"] = ("handler_is_employee", {})
        elif not HANDLER.match(handler):
            problems["handler"] = ("handler_invalid", {})
    for name in DATE_FIELDS:
        day = values.get(name)
        if day is None:
            continue
        if day > today:
            problems[name] = ("date_in_future", {"value": day.isoformat()})
        elif day < occurred_on:
            params = {"value": day.isoformat(), "occurred": occurred_on.isoformat()}
            problems[name] = ("date_before_exception", params)
    closed, conversation = values.get("closed_on"), values.get("conversation_on")
    if closed and conversation and closed < conversation and "closed_on" not in problems:
        params = {"value": closed.isoformat(), "conversation": conversation.isoformat()}
        problems["closed_on"] = ("closed_before_conversation", params)
    if closed and not values.get("outcome"):
        problems.setdefault("outcome", ("outcome_required", {}))
    if values.get("outcome") and not closed:
        problems.setdefault("closed_on", ("closed_on_required", {}))
    if (conversation or closed) and not (values.get("assignee_role") or handler):
        problems.setdefault("assignee_role", ("assignee_required", {}))
    if problems:
        raise FollowUpError(problems)


def _clean(changes: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip() or None
        if name in DATE_FIELDS and value is not None:
            value = _day(value)
        cleaned[name] = value
    return cleaned


def _log_values(name: str, old: Any, new: Any) -> tuple[str | None, str | None]:
    """What the log holds: values, but of a handler's name only that it changed."""
    if name == "handler":
        if not new:
            return None, "naam leeggemaakt"
        return None, "naam ingevuld" if not old else "naam gewijzigd"
    return _text(old), _text(new)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


T = TypeVar("T")


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class CodeException:
    """The exception a follow-up is about, as report_code_exceptions identifies it."""

    rule_id: str
    employee_id: str
    occurred_on: dt.date

    @property
    def key(self) -> str:
        return exception_key(self.rule_id, self.employee_id, self.occurred_on)


class FollowUps:
    """The follow-ups in RADAR_HOME/meldingen.sqlite (or ``path``)."""

    def __init__(self, path: Path | None = None, *, config: FollowUpConfig | None = None) -> None:
        self.path = Path(path or radar_home() / "meldingen.sqlite")
        self.config = config or default_config()
        self._key: bytes | None = None

    # --- the file ----------------------------------------------------------------------

    def _create(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        os.chmod(self.path, 0o600)
        with self._con() as con:
            con.executescript(SCHEMA)

    def _con(self) -> AbstractContextManager[sqlite3.Connection]:
        return db.connect(self.path)

    def _write(self, apply: Callable[[sqlite3.Connection], T]) -> T:
        self._create()
        return db.write(
            self.path, apply, lambda d: FollowUpError({"followup": ("busy", {"detail": d})})
        )

    def _log_key(self, con: sqlite3.Connection) -> bytes:
        """The MAC key of the meldingen' audit log (meldingen_audit.key, outside
        RADAR_HOME), made only while both logs are still empty."""
        if self._key is None:
            empty = not con.execute(f"select exists (select 1 from {LOG})").fetchone()[0]
            meldingen = con.execute(
                "select 1 from sqlite_master where type = 'table' and name = ?", (audit.TABLE,)
            ).fetchone()
            create = empty and not (meldingen and audit.has_records(con))
            self._key = audit.load_key(create=create, data_dir=self.path.parent)
        return self._key

    def verify_log(self) -> list[Message]:
        """Every problem in the change log's MAC chain and triggers (empty: intact). Reads
        the file as it is: never recreates a missing trigger first."""
        if not self.path.exists():
            return []
        with self._con() as con:
            tables = {r[0] for r in con.execute("select name from sqlite_master")}
            if LOG not in tables:
                return []
            return _chain_problems(con, self._log_key(con))

    def _allow(self, viewer: Viewer) -> None:
        if viewer.role not in self.config.roles:
            raise FollowUpAccessError(viewer.role)
        if not (viewer.user or "").strip():
            raise FollowUpError({"actor": ("actor_required", {})})

    # --- writing -----------------------------------------------------------------------

    def save(
        self,
        exception: CodeException,
        changes: Mapping[str, Any],
        *,
        version: int,
        viewer: Viewer,
        today: dt.date | None = None,
    ) -> dict[str, tuple[Any, Any]]:
        """Change the follow-up of ``exception`` (``version`` 0: it has none yet); returns
        the fields that changed (old, new). Checked whole before anything is written."""
        today = today or today_here()
        self._allow(viewer)
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise FollowUpError({f: ("not_editable", {}) for f in sorted(unknown)})
        key = exception.key

        def apply(con: sqlite3.Connection) -> dict[str, tuple[Any, Any]]:
            row = con.execute(f"select * from {TABLE} where exception_key = ?", (key,)).fetchone()
            current = 0 if row is None else row["version"]
            if current != version:
                raise VersionConflict(row["updated_by"], row["updated_at"])
            old = dict.fromkeys(FIELDS) if row is None else {f: _from_db(f, row[f]) for f in FIELDS}
            values = old | _clean(changes)
            check(
                values,
                self.config,
                employee_id=exception.employee_id,
                occurred_on=exception.occurred_on,
                today=today,
            )
            changed = {f: (old[f], values[f]) for f in FIELDS if values[f] != old[f]}
            if not changed:
                return changed
            now, stored = _now(), {f: _to_db(values[f]) for f in FIELDS}
            if row is None:
                base = {
                    "exception_key": key,
                    "rule_id": exception.rule_id,
                    "employee_id": exception.employee_id,
                    "occurred_on": exception.occurred_on.isoformat(),
                    "version": 1,
                    "created_at": now,
                    "created_by": viewer.user,
                    "updated_at": now,
                    "updated_by": viewer.user,
                } | stored
                marks = ", ".join("?" * len(base))
                con.execute(
                    f"insert into {TABLE} ({', '.join(base)}) values ({marks})",
                    tuple(base.values()),
                )
            else:
                sets = ", ".join(f"{f} = ?" for f in FIELDS)
                con.execute(
                    f"update {TABLE} set {sets}, version = version + 1, updated_at = ?, "
                    "updated_by = ? where exception_key = ?",
                    (*stored.values(), now, viewer.user, key),
                )
            records = [
                (now, viewer.user, key, f, *_log_values(f, o, n)) for f, (o, n) in changed.items()
            ]
            _append(con, self._log_key(con), records)
            return changed

        return self._write(apply)

    # --- reading -----------------------------------------------------------------------

    def follow_ups(self, *, viewer: Viewer) -> pd.DataFrame:
        """Every follow-up: its key, exception, fields (dates as dates), status, version."""
        self._allow(viewer)
        columns = ["exception_key", "rule_id", "employee_id", "occurred_on", *FIELDS]
        columns += ["status", "version", "updated_at", "updated_by"]
        if not self.path.exists():
            return pd.DataFrame(columns=columns)
        self._create()
        with self._con() as con:
            rows = con.execute(f"select * from {TABLE} order by occurred_on desc").fetchall()
        records = []
        for row in rows:
            record = {c: row[c] for c in row.keys() if c in columns}
            record |= {f: _from_db(f, row[f]) for f in FIELDS}
            record["occurred_on"] = dt.date.fromisoformat(row["occurred_on"])
            record["status"] = status_of(record)
            records.append(record)
        return pd.DataFrame(records, columns=columns)

    def log(self, *, viewer: Viewer) -> pd.DataFrame:
        """The change log, newest first."""
        self._allow(viewer)
        self._create()
        with self._con() as con:
            return pd.read_sql_query(f"select * from {LOG} order by log_id desc", con)


# --- the change log's MAC chain (as the meldingen' own audit log, another format string) ---

MAC_FORMAT = "integriteitsradar-exception-followup-log/hmac-sha256/1"
LOG_COLUMNS = ("changed_at", "actor", "exception_key", "field", "old_value", "new_value")


def _mac(key: bytes, prev: str, log_id: int, record: tuple) -> str:
    payload = json.dumps([MAC_FORMAT, prev, log_id, *record], separators=(",", ":"))
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _append(con: sqlite3.Connection, key: bytes, records: list[tuple]) -> None:
    """Records at the end of the chain, inside the caller's transaction."""
    last = con.execute(f"select log_id, mac from {LOG} order by log_id desc limit 1").fetchone()
    seq = con.execute("select seq from sqlite_sequence where name = ?", (LOG,)).fetchone()
    next_id = max(last[0] if last else 0, seq[0] if seq else 0) + 1
    prev = last[1] if last else audit.GENESIS
    for record in records:
        mac = _mac(key, prev, next_id, record)
        con.execute(
            f"insert into {LOG} (log_id, {', '.join(LOG_COLUMNS)}, prev_mac, mac) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (next_id, *record, prev, mac),
        )
        prev, next_id = mac, next_id + 1


def _chain_problems(con: sqlite3.Connection, key: bytes) -> list[Message]:
    problems: list[Message] = []
    triggers = {r[0] for r in con.execute("select name from sqlite_master where type='trigger'")}
    for name in (f"{LOG}_is_append_only_update", f"{LOG}_is_append_only_delete"):
        if name not in triggers:
            problems.append(audit.chain_message("trigger_missing", name=name))
    prev, prev_id = audit.GENESIS, 0
    for row in con.execute(f"select * from {LOG} order by log_id"):
        log_id = row["log_id"]
        if log_id != prev_id + 1:
            problems.append(
                audit.chain_message("gap", id=log_id, first=prev_id + 1, last=log_id - 1)
            )
        elif row["prev_mac"] != prev:
            problems.append(audit.chain_message("prev_replaced", id=log_id))
        record = tuple(row[c] for c in LOG_COLUMNS)
        if not hmac.compare_digest(_mac(key, row["prev_mac"], log_id, record), row["mac"]):
            problems.append(audit.chain_message("mac_wrong", id=log_id))
        prev, prev_id = row["mac"], log_id
    seq = con.execute("select seq from sqlite_sequence where name = ?", (LOG,)).fetchone()
    if seq and seq[0] > prev_id:
        problems.append(audit.chain_message("end_cut", first=prev_id + 1, last=seq[0]))
    return problems


def _to_db(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _from_db(name: str, value: Any) -> Any:
    if name in DATE_FIELDS:
        return dt.date.fromisoformat(value) if value else None
    return value


BUILD_COLUMNS = ["rule_id", "employee_id", "occurred_on", "is_closed"]


def build_frames(path: Path | None = None, *, empty: bool = False) -> dict[str, pd.DataFrame]:
    """What the build loads (raw_followup__status): per follow-up its exception and
    whether it is closed, nothing else (no handler, no dates, no outcome). An absent file
    or table gives no rows, as does ``empty``; the file is never created here."""
    path = Path(path or radar_home() / "meldingen.sqlite")
    frame = pd.DataFrame(columns=BUILD_COLUMNS)
    if path.exists() and not empty:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            exists = con.execute(
                "select 1 from sqlite_master where type = 'table' and name = ?", (TABLE,)
            ).fetchone()
            if exists:
                frame = pd.read_sql_query(
                    f"select rule_id, employee_id, occurred_on, closed_on is not null as "
                    f"is_closed from {TABLE}",
                    con,
                )
        finally:
            con.close()
    # typed even when empty: DuckDB gives an empty object column no type at all
    frame = frame.astype({"rule_id": "string", "employee_id": "string"}).assign(
        occurred_on=pd.to_datetime(frame["occurred_on"]),
        is_closed=frame["is_closed"].astype(bool),
    )
    return {"raw_followup__status": frame[BUILD_COLUMNS]}
