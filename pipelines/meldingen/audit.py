"""The meldingen register's own audit log: a table in meldingen.sqlite, append-only
(triggers), each record chained to the one before with HMAC-SHA256 under a key of its own
(``meldingen_audit.key`` in the radar's key folder, pipelines/core/keys.py; never beside
the data). It records which field of which report changed, by whom and when, with old
and new values, except for free text: there it records only that the text was filled
in, changed or emptied, and its length, so nothing typed in a note becomes unerasable.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pipelines.core.keys import KeyFileError, key_path, read_or_create
from pipelines.core.texts import Message

MAC_FORMAT = "integriteitsradar-meldingen-audit/hmac-sha256/1"
GENESIS = "0" * 64
KEY_FILE = "meldingen_audit.key"
TABLE = "meldingen_audit"
COLUMNS = ("changed_at", "actor", "melding_id", "field", "old_value", "new_value")
SCHEMA = f"""
create table if not exists {TABLE} (
    audit_id integer primary key autoincrement,
    changed_at text not null,
    actor text not null,
    melding_id text not null,
    field text not null,
    old_value text,
    new_value text,
    prev_mac text not null,
    mac text not null
);
create trigger if not exists {TABLE}_is_append_only_update before update on {TABLE}
begin
    select raise(abort, 'het auditlog van de meldingen is alleen-toevoegen: wijzigen kan niet');
end;
create trigger if not exists {TABLE}_is_append_only_delete before delete on {TABLE}
begin
    select raise(abort, 'het auditlog van de meldingen is alleen-toevoegen: verwijderen kan niet');
end;
"""


def free_text_entry(old: str | None, new: str | None) -> tuple[str | None, str]:
    """What the log holds for a free-text change: never the text, only what happened."""
    if not new:
        return None, "tekst leeggemaakt"
    verb = "ingevuld" if not old else "gewijzigd"
    return None, f"tekst {verb} ({len(new)} tekens)"


def load_key(*, create: bool, data_dir: Path) -> bytes:
    """The log's MAC key from the key folder; made only while the log is still empty. A
    key folder inside the data's folder is refused: whoever copies the data gets the key."""
    path = key_path(KEY_FILE)
    if path.resolve().is_relative_to(Path(data_dir).resolve()):
        said = {"path": path, "folder": data_dir}
        raise KeyFileError(Message("keyfile.meldingen_in_data", locale_file="errors", **said))
    if not path.exists() and not create:
        said = {"path": path, "name": KEY_FILE, "folder": path.parent}
        raise KeyFileError(Message("keyfile.meldingen_missing", locale_file="errors", **said))
    what = Message("keyfile.what.meldingen_audit", locale_file="errors")
    return read_or_create(path, what, create=create).strip()


def record_mac(key: bytes, prev_mac: str, audit_id: int, record: Mapping[str, Any]) -> str:
    fields = [MAC_FORMAT, prev_mac, audit_id, *(record[c] for c in COLUMNS)]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def has_records(con: sqlite3.Connection) -> bool:
    return con.execute(f"select exists (select 1 from {TABLE})").fetchone()[0] == 1


def append(con: sqlite3.Connection, key: bytes, records: Iterable[Mapping[str, Any]]) -> None:
    """Add records at the end of the chain, inside the caller's write transaction."""
    last = con.execute(f"select audit_id, mac from {TABLE} order by audit_id desc limit 1")
    row = last.fetchone()
    seq = con.execute("select seq from sqlite_sequence where name = ?", (TABLE,)).fetchone()
    next_id = max(row[0] if row else 0, seq[0] if seq else 0) + 1
    prev = row[1] if row else GENESIS
    marks = ", ".join("?" * len(COLUMNS))
    for record in records:
        mac = record_mac(key, prev, next_id, record)
        con.execute(
            f"insert into {TABLE} (audit_id, {', '.join(COLUMNS)}, prev_mac, mac) "
            f"values (?, {marks}, ?, ?)",
            (next_id, *(record[c] for c in COLUMNS), prev, mac),
        )
        prev, next_id = mac, next_id + 1


def chain_message(key: str, **values: Any) -> Message:
    """A finding of a meldingen or follow-up log (locales/audit.yaml, chain.*): Dutch as
    str(), any language by text(lang)."""
    return Message(f"chain.{key}", locale_file="audit", **values)


def chain_problems(con: sqlite3.Connection, key: bytes) -> list[Message]:
    """Every record whose MAC does not match, every gap, records cut from the end, and a
    missing append-only trigger (one Message each; empty when the log is intact)."""
    problems = []
    triggers = {r[0] for r in con.execute("select name from sqlite_master where type='trigger'")}
    for name in (f"{TABLE}_is_append_only_update", f"{TABLE}_is_append_only_delete"):
        if name not in triggers:
            problems.append(chain_message("trigger_missing", name=name))
    prev, prev_id = GENESIS, 0
    con.row_factory = sqlite3.Row
    for row in con.execute(f"select * from {TABLE} order by audit_id"):
        audit_id = row["audit_id"]
        if audit_id != prev_id + 1:
            problems.append(chain_message("gap", id=audit_id, first=prev_id + 1, last=audit_id - 1))
        elif row["prev_mac"] != prev:
            problems.append(chain_message("prev_replaced", id=audit_id))
        if not hmac.compare_digest(record_mac(key, row["prev_mac"], audit_id, row), row["mac"]):
            problems.append(chain_message("mac_wrong", id=audit_id))
        prev, prev_id = row["mac"], audit_id
    seq = con.execute("select seq from sqlite_sequence where name = ?", (TABLE,)).fetchone()
    if seq and seq[0] > prev_id:
        problems.append(chain_message("end_cut", first=prev_id + 1, last=seq[0]))
    return problems
