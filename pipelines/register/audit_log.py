"""The register's audit log: append-only, chained with a keyed MAC, and replayable.

Every record (when, who, which risk or measure, which field, old and new value) carries
HMAC-SHA256(key, the previous record's MAC + its own number and fields). The key lives
outside RADAR_HOME (``RADAR_AUDIT_KEY``, or the file ``RADAR_AUDIT_KEY_FILE``, by default
``audit.key`` in the radar's key folder: ``RADAR_KEY_DIR``, else
``$XDG_CONFIG_HOME/integriteitsradar``), so whoever can write register.sqlite
but not read the key cannot edit, insert or re-chain a record unseen.

Every record carries the values it set: a record that creates a risk or measure (field
``*``: seeding, the migration's baseline) holds all its fields as JSON, an edit one field.
This module writes the chain (``append``, the append-only triggers) and reads it (``read_log``,
``read_head``: record count and last MAC). Checking it, the chain, the triggers, the heads held
elsewhere and the log replayed against the register's tables, is
pipelines/register/audit_verify.py (`radar audit verify`).

The older logs (a keyless SHA-256 chain, or no chain at all) are refused for normal use;
pipelines/register/audit_migrate.py converts them (`radar audit migrate`), explicitly and once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.core.keys import key_path, write_new
from pipelines.core.texts import Message, MessageError

MAC_FORMAT = "integriteitsradar-audit/hmac-sha256/1"
GENESIS = "0" * 64
KEY_ENV, KEY_FILE_ENV = "RADAR_AUDIT_KEY", "RADAR_AUDIT_KEY_FILE"
KEY_DIR_ENV = "RADAR_KEY_DIR"  # the folder of all the radar's key files
KEY_FILE = "audit.key"
MIN_KEY_CHARS = 32
RECORD_COLUMNS = (
    "changed_at",
    "actor",
    "entity",
    "entity_id",
    "risk_id",
    "field",
    "old_value",
    "new_value",
)
CREATED = "*"  # the field of a record that creates an entity: new_value holds all its fields
LOG_ENTITY = "audit_log"  # records about the log itself
MIGRATION_FIELD = "migratie"
TRIGGER_FIELD = "trigger_hersteld"
BASELINE_ACTOR = "basislijn bij de migratie (radar audit migrate)"
TRIGGER_ACTOR = "radar (bij het openen van het register)"
OLD_FORMATS = {"sha256": "SHA-256-keten zonder sleutel", "unhashed": "zonder keten"}

AUDIT_TABLE = """
create table if not exists {name} (
    audit_id integer primary key autoincrement,
    changed_at text not null,
    actor text not null,
    entity text not null,
    entity_id text not null,
    risk_id text not null,
    field text not null,
    old_value text,
    new_value text,
    prev_mac text not null,
    mac text not null
);
"""
TRIGGERS = {
    "audit_log_is_append_only_update": """
create trigger if not exists audit_log_is_append_only_update
before update on audit_log
begin
    select raise(abort, 'het auditlog is alleen-toevoegen: wijzigen kan niet');
end;""",
    "audit_log_is_append_only_delete": """
create trigger if not exists audit_log_is_append_only_delete
before delete on audit_log
begin
    select raise(abort, 'het auditlog is alleen-toevoegen: verwijderen kan niet');
end;""",
}
SCHEMA = AUDIT_TABLE.format(name="audit_log") + "".join(TRIGGERS.values())


def audit_message(key: str, **values: Any) -> Message:
    """A text of locales/audit.yaml (Dutch as str(), any language by text(lang))."""
    return Message(key, locale_file="audit", **values)


class AuditError(MessageError, RuntimeError):
    """The audit log cannot be used, checked or converted; the message says why (str():
    Dutch; text(lang))."""


class AuditKeyError(AuditError):
    """No usable key: missing, too short, or readable by others."""


class AuditFormatError(AuditError):
    """The log still has an old form: `radar audit migrate` first."""


@dataclass(frozen=True)
class Tracked:
    """A register table the log describes: its entity name in the log, its key column and
    the columns replay rebuilds and compares."""

    entity: str
    table: str
    key: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Head:
    """The chain's head: how many records, and the MAC of the last one."""

    count: int
    mac: str

    def __str__(self) -> str:
        return f"{self.count}:{self.mac}"


HEAD = re.compile(r"(\d+):([0-9a-f]{64})")


class HeadError(MessageError, ValueError):
    """A head that does not read COUNT:MAC (str(): Dutch; text(lang))."""


def parse_head(text: str) -> Head:
    """``COUNT:MAC`` as `radar audit head` prints it; ValueError (Dutch) otherwise."""
    match = HEAD.fullmatch((text or "").strip().lower())
    if not match or int(match.group(1)) < 1:
        raise HeadError(Message("audit.bad_head", text=repr(text)))
    return Head(int(match.group(1)), match.group(2))


# ---------------------------------------------------------------- the key


def key_file() -> Path:
    """Where the key file is: RADAR_AUDIT_KEY_FILE, else audit.key in the radar's key
    folder (RADAR_KEY_DIR, else $XDG_CONFIG_HOME/integriteitsradar, else
    ~/.config/integriteitsradar)."""
    configured = os.environ.get(KEY_FILE_ENV)
    if configured:
        return Path(configured).expanduser()
    return key_path(KEY_FILE)


def key_source() -> Message:
    """Where the key comes from, for messages."""
    if os.environ.get(KEY_ENV) is not None:
        return audit_message("source.env", name=KEY_ENV)
    return audit_message("source.file", path=key_file())


def key_exists() -> bool:
    return os.environ.get(KEY_ENV) is not None or key_file().exists()


def _checked(text: str, where: object) -> bytes:
    text = text.strip()
    if len(text) < MIN_KEY_CHARS:
        raise AuditKeyError(
            audit_message("key.too_short", where=where, length=len(text), minimum=MIN_KEY_CHARS)
        )
    return text.encode("utf-8")


def load_key(*, create: bool = False, register_dir: Path | None = None) -> bytes:
    """The MAC key: RADAR_AUDIT_KEY, else the key file. A missing file is made (random,
    mode 0600) only when ``create``: when the register has no MAC-chained record yet.
    Otherwise a missing key is an error naming where it was looked for, never a new key
    (with a new key every existing record would look forged)."""
    if os.environ.get(KEY_ENV) is not None:
        return _checked(os.environ[KEY_ENV], audit_message("source.env", name=KEY_ENV))
    path = key_file()
    if register_dir is not None and path.resolve().is_relative_to(Path(register_dir).resolve()):
        raise AuditKeyError(
            audit_message(
                "key.in_register_dir", path=path, folder=register_dir, variable=KEY_FILE_ENV
            )
        )
    if not path.exists():
        if not create:
            raise AuditKeyError(
                audit_message(
                    "key.missing",
                    env=KEY_ENV,
                    path=path,
                    file_env=KEY_FILE_ENV,
                    dir_env=KEY_DIR_ENV,
                )
            )
        _create_key(path)
    try:
        mode = path.stat().st_mode
        if mode & 0o077:
            raise AuditKeyError(audit_message("key.open", path=path, mode=f"{mode & 0o777:04o}"))
        return _checked(path.read_text(encoding="utf-8"), f"{path}")
    except OSError as exc:
        raise AuditKeyError(audit_message("key.unreadable", path=path, error=exc)) from None


def _create_key(path: Path) -> None:
    """A new random key, written whole and linked into place (keys.write_new): two
    processes starting at once end up with the same key."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_new(path, (secrets.token_hex(32) + "\n").encode("ascii"))


# ---------------------------------------------------------------- records and the chain


def record_mac(key: bytes, prev_mac: str, audit_id: int, record: Mapping[str, Any]) -> str:
    """HMAC-SHA256 over the previous MAC, the record's number and its fields, canonically."""
    fields = [MAC_FORMAT, prev_mac, audit_id, *(record[c] for c in RECORD_COLUMNS)]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def legacy_record_hash(prev_hash: str, record: Mapping[str, Any]) -> str:
    """The keyless SHA-256 of the old chain (before the MAC), for checking it at migration."""
    fields = [prev_hash, *(record[c] for c in RECORD_COLUMNS)]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entity_state(row: Mapping[str, Any], tracked: Tracked) -> str:
    """All tracked fields of a row, as a creating record's new_value (JSON)."""
    values = {c: row[c] for c in tracked.columns}
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def log_format(con: sqlite3.Connection) -> str:
    """The log's form: "mac", an old one ("sha256", "unhashed") or "none" (no table)."""
    columns = {r[1] for r in con.execute("pragma table_info(audit_log)")}
    if not columns:
        return "none"
    if "mac" in columns:
        return "mac"
    return "sha256" if "record_hash" in columns else "unhashed"


def old_format_message(path: Path, fmt: str) -> Message:
    return audit_message("old_format", path=path, form=audit_message(f"form.{fmt}"))


def prepare(con: sqlite3.Connection, tables_sql: str, path: Path) -> None:
    """Create a new register's tables and triggers; refuse a log in an old form. The
    triggers of an existing log are not recreated here (restore_triggers logs that)."""
    fmt = log_format(con)
    if fmt in OLD_FORMATS:
        raise AuditFormatError(old_format_message(path, fmt))
    con.executescript(tables_sql + (SCHEMA if fmt == "none" else ""))


def known_ids(
    con: sqlite3.Connection, spec: Tracked, *, risk_id: str | None = None, replayed: bool = False
) -> set[str]:
    """The ids of ``spec``'s entity in its table or in the log (of one risk if given; only
    the records replay uses, those after the last migration, if ``replayed``)."""
    where, params = ("where risk_id = ?", (risk_id,)) if risk_id else ("", ())
    table = con.execute(f"select {spec.key} from {spec.table} {where}", params)
    since = 0
    if replayed:
        last = "select max(audit_id) from audit_log where entity = ? and field = ?"
        since = con.execute(last, (LOG_ENTITY, MIGRATION_FIELD)).fetchone()[0] or 0
    where = "where entity = ? and audit_id > ?" + (" and risk_id = ?" if risk_id else "")
    logged = con.execute(f"select entity_id from audit_log {where}", (spec.entity, since, *params))
    return {r[0] for r in table} | {r[0] for r in logged}


def has_records(con: sqlite3.Connection) -> bool:
    return con.execute("select exists (select 1 from audit_log)").fetchone()[0] == 1


def append(con: sqlite3.Connection, key: bytes, records: Iterable[Mapping[str, Any]]) -> None:
    """Add records at the end of the chain (inside the caller's write transaction)."""
    last = con.execute("select audit_id, mac from audit_log order by audit_id desc limit 1")
    last = last.fetchone()
    seq = con.execute("select seq from sqlite_sequence where name = 'audit_log'").fetchone()
    next_id = max(last[0] if last else 0, seq[0] if seq else 0) + 1
    prev = last[1] if last else GENESIS
    columns = ", ".join(RECORD_COLUMNS)
    marks = ", ".join("?" * len(RECORD_COLUMNS))
    for record in records:
        mac = record_mac(key, prev, next_id, record)
        con.execute(
            f"insert into audit_log (audit_id, {columns}, prev_mac, mac) values (?, {marks}, ?, ?)",
            (next_id, *(record[c] for c in RECORD_COLUMNS), prev, mac),
        )
        prev, next_id = mac, next_id + 1


def _norm(sql: str | None) -> str:
    text = re.sub(r"\s+", " ", (sql or "").strip().lower()).rstrip(";").strip()
    return text.replace("create trigger if not exists ", "create trigger ")


def trigger_problems(con: sqlite3.Connection) -> dict[str, str]:
    """Per append-only trigger that is not as it should be: "ontbreekt" or "is gewijzigd"."""
    found = dict(con.execute("select name, sql from sqlite_master where type = 'trigger'"))
    problems = {}
    for name, sql in TRIGGERS.items():
        if name not in found:
            problems[name] = "ontbreekt"
        elif _norm(found[name]) != _norm(sql):
            problems[name] = "is gewijzigd"
    return problems


def restore_triggers(con: sqlite3.Connection, key: Callable[[], bytes], at: str) -> list[str]:
    """Put back a missing or altered append-only trigger, and say so in the log (a MAC-
    chained record that `radar audit verify` shows): the guard is never silently back."""
    problems = trigger_problems(con)
    for name in problems:
        con.execute(f"drop trigger if exists {name}")
        con.execute(TRIGGERS[name])
    if problems:
        append(
            con,
            key(),
            [
                {
                    "changed_at": at,
                    "actor": TRIGGER_ACTOR,
                    "entity": LOG_ENTITY,
                    "entity_id": name,
                    "risk_id": "",
                    "field": TRIGGER_FIELD,
                    "old_value": problem,
                    "new_value": "hersteld",
                }
                for name, problem in problems.items()
            ],
        )
    return list(problems)


# ---------------------------------------------------------------- reading the log


def open_read_only(path: Path) -> sqlite3.Connection:
    """The register opened read-only (for reading and checking the log, never writing)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    return con


def read_head(path: Path) -> Head | None:
    """The head of the log in ``path`` as it is (no key needed, nothing checked); None when
    there is no register or no record. AuditFormatError for a log in an old form."""
    if not Path(path).exists():
        return None
    con = open_read_only(path)
    try:
        fmt = log_format(con)
        if fmt == "none":
            return None
        if fmt in OLD_FORMATS:
            raise AuditFormatError(old_format_message(path, fmt))
        row = con.execute(
            "select (select count(*) from audit_log), mac from audit_log "
            "order by audit_id desc limit 1"
        ).fetchone()
    finally:
        con.close()
    return Head(row[0], row[1]) if row else None


def read_log(con: sqlite3.Connection) -> tuple[list[sqlite3.Row], int | None]:
    rows = con.execute("select * from audit_log order by audit_id").fetchall()
    seq = con.execute("select seq from sqlite_sequence where name = 'audit_log'").fetchone()
    return rows, seq[0] if seq else None
