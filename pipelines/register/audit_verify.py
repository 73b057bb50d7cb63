"""Checking the register's audit log (`radar audit verify`): the MAC chain record by record,
the append-only triggers, the heads held elsewhere (given on the command line, or frozen in
the RvC snapshots), and the log replayed from empty against the register's tables, so a
value changed in a table without a record is found too. Also the old logs' own checks
(``legacy_findings``), which `radar audit migrate` (audit_migrate.py) runs before it
converts one. Writing and reading the chain is pipelines/register/audit_log.py.
"""

from __future__ import annotations

import hmac
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pipelines.core.sealed import QUARTER, verify_snapshot
from pipelines.core.texts import Joined, Message, MessageError, messages
from pipelines.register.audit_log import (
    CREATED,
    GENESIS,
    LOG_ENTITY,
    MIGRATION_FIELD,
    OLD_FORMATS,
    TRIGGER_FIELD,
    Head,
    Tracked,
    audit_message,
    key_exists,
    key_source,
    legacy_record_hash,
    load_key,
    log_format,
    old_format_message,
    open_read_only,
    parse_head,
    read_log,
    record_mac,
    trigger_problems,
)


@dataclass(frozen=True)
class AuditFinding:
    """Something `radar audit verify` found: where (a record, a row and field, a trigger,
    a head) and what."""

    where: str | Message
    problem: str | Message
    audit_id: int | None = None

    def text(self, lang: str = "nl") -> str:
        """ "where: problem" in ``lang``."""
        return audit_message("finding", where=self.where, problem=self.problem).text(lang)


def _record(audit_id: int) -> Message:
    return audit_message("where.record", id=audit_id)


class NoRegister(MessageError, FileNotFoundError):
    """There is no register (so no audit log) to check."""


# ---------------------------------------------------------------- heads


def snapshot_heads(directory: Path) -> tuple[list[tuple[str, Head]], list[AuditFinding]]:
    """The heads frozen in the RvC snapshots (with where they come from), and a finding
    per snapshot whose own checksum fails (its head cannot be trusted)."""
    heads: list[tuple[str, Head]] = []
    findings: list[AuditFinding] = []
    paths = sorted(directory.glob("*.json")) if directory.is_dir() else []
    for path in (p for p in paths if QUARTER.fullmatch(p.stem)):
        where = Message("audit.snapshot", quarter=path.stem)
        if not verify_snapshot(path):
            findings.append(
                AuditFinding(where, audit_message("verify.snapshot_checksum", path=path))
            )
            continue
        head = json.loads(path.read_text(encoding="utf-8")).get("audit_head")
        if not head:
            continue  # format 1 (before the head), or taken without a register
        try:
            heads.append((where, parse_head(f"{head['count']}:{head['mac']}")))
        except (KeyError, TypeError, ValueError):
            problem = audit_message("verify.snapshot_head_unreadable", path=path, head=repr(head))
            findings.append(AuditFinding(where, problem))
    return heads, findings


def check_heads(
    rows: Sequence[Mapping[str, Any]], heads: Iterable[tuple[str, Head]]
) -> list[AuditFinding]:
    """A head the log does not contain at its position: the log was cut or rewritten."""
    findings = []
    for source, head in heads:
        where = audit_message("where.head", count=head.count, mac=head.mac[:12], source=source)
        if head.count > len(rows):
            findings.append(
                AuditFinding(
                    where,
                    audit_message(
                        "verify.head_cut", rows=len(rows), count=head.count, first=len(rows) + 1
                    ),
                )
            )
        elif rows[head.count - 1]["mac"] != head.mac:
            audit_id = rows[head.count - 1]["audit_id"]
            findings.append(
                AuditFinding(
                    where,
                    audit_message("verify.head_rewritten", id=audit_id),
                    audit_id,
                )
            )
    return findings


# ---------------------------------------------------------------- replay


def _json_object(text: str | None) -> dict[str, Any] | None:
    try:
        value = json.loads(text or "")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def replay(
    rows: Iterable[Mapping[str, Any]], tracked: Sequence[Tracked]
) -> tuple[dict[str, dict[str, dict[str, Any] | None]], list[AuditFinding]]:
    """The state the log describes, rebuilt from empty: per entity, per id, its fields
    (None: created by a record from before values were logged, fields unknown). And the
    notes: append-only triggers that were put back."""
    specs = {t.entity: t for t in tracked}
    state: dict[str, dict[str, dict[str, Any] | None]] = {t.entity: {} for t in tracked}
    notes = []
    for row in rows:
        if row["entity"] == LOG_ENTITY:
            if row["field"] == MIGRATION_FIELD:  # from here on the baseline is the state
                state = {t.entity: {} for t in tracked}
            elif row["field"] == TRIGGER_FIELD:
                notes.append(
                    AuditFinding(
                        _record(row["audit_id"]),
                        audit_message(
                            "verify.trigger_restored",
                            name=row["entity_id"],
                            problem=trigger_problem(row["old_value"]),
                            at=row["changed_at"],
                        ),
                        row["audit_id"],
                    )
                )
            continue
        spec = specs.get(row["entity"])
        if spec is None:
            continue
        entities = state[spec.entity]
        bookkeeping = {"risk_id": row["risk_id"], "updated_at": row["changed_at"]}
        bookkeeping["updated_by"] = row["actor"]
        bookkeeping = {k: v for k, v in bookkeeping.items() if k in spec.columns}
        if row["field"] == CREATED:
            values = _json_object(row["new_value"])
            entities[row["entity_id"]] = (
                None
                if values is None
                else dict.fromkeys(spec.columns)
                | bookkeeping
                | {k: v for k, v in values.items() if k in spec.columns}
            )
            continue
        if row["entity_id"] not in entities:
            entities[row["entity_id"]] = dict.fromkeys(spec.columns)
        entity = entities[row["entity_id"]]
        if entity is not None:
            if row["field"] in spec.columns:
                entity[row["field"]] = row["new_value"]
            entity |= bookkeeping
    return state, notes


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _show(value: str | None) -> str | Message:
    return audit_message("verify.empty") if value is None else f"'{value}'"


def trigger_problem(stored: str) -> str | Message:
    """What the log (or trigger_problems) says of a trigger ("ontbreekt", "is gewijzigd",
    kept Dutch in the log's records), as a text in any language."""
    key = f"trigger.{stored}"
    return audit_message(key) if key in _audit_keys() else stored


def _audit_keys() -> dict[str, Any]:
    return messages("audit")


def compare(
    con: sqlite3.Connection,
    state: Mapping[str, Mapping[str, Mapping[str, Any] | None]],
    tracked: Sequence[Tracked],
) -> list[AuditFinding]:
    """Every difference between the replayed log and the register's tables."""
    findings = []
    for spec in tracked:
        if not con.execute("select 1 from sqlite_master where name = ?", (spec.table,)).fetchone():
            where = audit_message("where.table", table=spec.table)
            findings.append(AuditFinding(where, audit_message("verify.table_missing")))
            continue
        table = {r[spec.key]: r for r in con.execute(f"select * from {spec.table}")}
        logged = state[spec.entity]
        for key in sorted(table.keys() | logged.keys()):
            where = f"{spec.table} {key}"
            if key not in logged:
                problem = audit_message("verify.added_outside")
                findings.append(AuditFinding(where, problem))
            elif key not in table:
                problem = audit_message("verify.removed_outside")
                findings.append(AuditFinding(where, problem))
            elif logged[key] is not None:
                for column in spec.columns:
                    old, new = _text(logged[key][column]), _text(table[key][column])
                    if old != new:
                        findings.append(
                            AuditFinding(
                                audit_message("where.field", where=where, column=column),
                                audit_message(
                                    "verify.changed_outside", old=_show(old), new=_show(new)
                                ),
                            )
                        )
    return findings


# ---------------------------------------------------------------- verifying


class AuditReport(NamedTuple):
    """What `radar audit verify` found: records checked, findings (each a forgery or a
    broken guard), notes (triggers put back earlier), the head now, the heads checked."""

    checked: int
    findings: list[AuditFinding]
    notes: list[AuditFinding]
    head: Head | None
    anchors: list[str]


def check_chain(
    rows: Sequence[Mapping[str, Any]], seq: int | None, key: bytes, source: str
) -> list[AuditFinding]:
    """Every record whose MAC does not match, every gap, and records cut from the end
    while the autoincrement counter still remembers them."""
    findings = []
    prev, prev_id, bad = GENESIS, 0, 0
    for row in rows:
        where, audit_id = _record(row["audit_id"]), row["audit_id"]
        if audit_id != prev_id + 1:
            problem = audit_message("verify.gap", first=prev_id + 1, last=audit_id - 1)
            findings.append(AuditFinding(where, problem, audit_id))
        elif row["prev_mac"] != prev:
            problem = audit_message("verify.prev_replaced")
            findings.append(AuditFinding(where, problem, audit_id))
        if not hmac.compare_digest(record_mac(key, row["prev_mac"], audit_id, row), row["mac"]):
            bad += 1
            problem = audit_message("verify.mac_wrong")
            findings.append(AuditFinding(where, problem, audit_id))
        prev, prev_id = row["mac"], audit_id
    if rows and bad == len(rows):
        findings.append(
            AuditFinding(
                audit_message("where.key"), audit_message("verify.wrong_key", source=source)
            )
        )
    if seq and seq > prev_id:
        findings.append(
            AuditFinding(_record(seq), audit_message("verify.end_cut", first=prev_id + 1, last=seq))
        )
    return findings


def legacy_findings(rows: Sequence[Mapping[str, Any]], seq: int | None, fmt: str) -> list:
    """The old checks: the keyless SHA-256 chain (if any), gaps, records cut from the end."""
    findings = []
    prev, prev_id = GENESIS, 0
    for row in rows:
        where, audit_id = _record(row["audit_id"]), row["audit_id"]
        if audit_id != prev_id + 1:
            problem = audit_message("verify.gap", first=prev_id + 1, last=audit_id - 1)
            findings.append(AuditFinding(where, problem, audit_id))
        elif fmt == "sha256" and row["prev_hash"] != prev:
            problem = audit_message("verify.prev_changed")
            findings.append(AuditFinding(where, problem, audit_id))
        if fmt == "sha256":
            if legacy_record_hash(row["prev_hash"], row) != row["record_hash"]:
                problem = audit_message("verify.hash_wrong")
                findings.append(AuditFinding(where, problem, audit_id))
            prev = row["record_hash"]
        prev_id = audit_id
    if seq and seq > prev_id:
        findings.append(
            AuditFinding(_record(seq), audit_message("verify.end_cut", first=prev_id + 1, last=seq))
        )
    return findings


def _log() -> Message:
    return audit_message("where.log")


def mac_history(
    heads: Sequence[tuple[str | Message, Head]], explicit: bool
) -> tuple[list[Message], bool]:
    """Why a MAC-chained log is expected here (and whether that is more than the key)."""
    reasons = [
        audit_message("verify.reason_head", source=source, count=head.count)
        for source, head in heads
    ]
    if explicit:
        reasons.append(audit_message("verify.reason_given"))
    strong = bool(reasons)
    if key_exists():
        reasons.append(audit_message("verify.reason_key", source=key_source()))
    return reasons, strong


def verify(
    path: Path,
    tracked: Sequence[Tracked],
    *,
    key: bytes | None = None,
    heads: Sequence[Head] = (),
    snapshots: Path | None = None,
) -> AuditReport:
    """Check the log in ``path``: the MAC chain, the append-only triggers, ``heads`` and
    the heads in the snapshots (default: the register's folder/snapshots), and the log
    replayed from empty against the tables of ``tracked``."""
    path = Path(path)
    if not path.exists():
        raise NoRegister(audit_message("verify.no_register", path=path))
    frozen, snapshot_findings = snapshot_heads(snapshots or path.parent / "snapshots")
    anchors = [(f"--head {h}", h) for h in heads] + frozen
    con = open_read_only(path)
    try:
        fmt = log_format(con)
        if fmt == "none":
            problem = audit_message("verify.no_table")
            return AuditReport(0, [AuditFinding(_log(), problem)], [], None, [])
        rows, seq = read_log(con)
        if fmt in OLD_FORMATS:
            findings = [AuditFinding(_log(), old_format_message(path, fmt))]
            reasons, _ = mac_history(frozen, bool(heads))
            if reasons:
                findings.append(
                    AuditFinding(
                        _log(),
                        audit_message("verify.expected_mac", reasons=Joined(reasons, "; ")),
                    )
                )
            findings += legacy_findings(rows, seq, fmt) + snapshot_findings
            return AuditReport(len(rows), findings, [], None, [s for s, _ in anchors])
        findings = [
            AuditFinding(
                audit_message("where.trigger", name=name),
                audit_message("verify.not_append_only", problem=trigger_problem(problem)),
            )
            for name, problem in trigger_problems(con).items()
        ]
        if rows:
            key = key or load_key(register_dir=path.parent)
            findings += check_chain(rows, seq, key, key_source())
        findings += check_heads(rows, anchors) + snapshot_findings
        state, notes = replay(rows, tracked)
        findings += compare(con, state, tracked)
    finally:
        con.close()
    head = Head(len(rows), rows[-1]["mac"]) if rows else None
    return AuditReport(len(rows), findings, notes, head, [s for s, _ in anchors])
