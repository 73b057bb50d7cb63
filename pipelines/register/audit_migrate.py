"""`radar audit migrate`: an audit log from before the key to the MAC chain, once.

A register from before the key has a keyless SHA-256 chain (prev_hash, record_hash) or no
chain at all. It is never converted silently: normal use refuses it (audit_log.prepare),
and this converts it explicitly, in one transaction: check the old chain (refuse with its
findings when it is broken), record the old chain's head in a migration record, chain
every record with the MAC and add a baseline record per risk and measure with its current
values, so replay (which starts from the last migration) rebuilds the register.

A log without MAC columns where a MAC-chained one was expected (a snapshot holds a head of
it, or the key exists already) is refused: that is a stripped log, not an old one. Only the
operator's ``confirm_old_log`` overrides the key's existence (a key shared with another
register), and the migration record says so.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.core.texts import Joined, Message
from pipelines.register.audit_log import (
    AUDIT_TABLE,
    BASELINE_ACTOR,
    CREATED,
    GENESIS,
    LOG_ENTITY,
    MAC_FORMAT,
    MIGRATION_FIELD,
    RECORD_COLUMNS,
    TRIGGERS,
    AuditError,
    Head,
    Tracked,
    append,
    audit_message,
    entity_state,
    key_exists,
    key_file,
    load_key,
    log_format,
    read_log,
    record_mac,
)
from pipelines.register.audit_verify import (
    AuditFinding,
    legacy_findings,
    mac_history,
    snapshot_heads,
)


class MigrationRefused(AuditError):
    """The old log does not check out (or MAC-chained history was expected); nothing done."""

    def __init__(self, reason: Message, findings: Sequence[AuditFinding] = ()) -> None:
        self.findings = list(findings)
        self.reason = reason
        super().__init__(reason)
        self.args = (self.text(),)

    def text(self, lang: str = "nl") -> str:
        lines = [f"  {f.text(lang)}" for f in self.findings]
        return "\n".join([self.reason.text(lang), *lines])

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Migration:
    """What `radar audit migrate` did."""

    old_format: str
    old_count: int
    old_last_hash: str | None
    migration_id: int
    baseline: dict[str, int]
    head: Head
    key_created: bool


def migrate(
    path: Path,
    tracked: Sequence[Tracked],
    *,
    actor: str,
    confirm_old_log: bool = False,
    snapshots: Path | None = None,
) -> Migration | None:
    """Convert an old log to the MAC chain, once: check the old chain (refuse with its
    findings when it is broken), record its head in a migration record, chain every record
    with the MAC and add a baseline record per risk and measure (their current state), all
    in one transaction. None when the log has the MAC chain already.

    Refused when a MAC-chained log was expected: a snapshot holds a head of one (then the
    log was replaced), or the key exists already (unless ``confirm_old_log``: the key is
    shared with another register and this old log is genuine)."""
    path = Path(path)
    if not path.exists():
        raise AuditError(audit_message("migrate.no_register", path=path))
    actor = (actor or "").strip()
    if not actor:
        raise AuditError(audit_message("migrate.by_required"))
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    con.row_factory = sqlite3.Row
    try:
        con.execute("pragma busy_timeout=10000")
        con.execute("begin immediate")
        try:
            done = _migrate(con, path, tracked, actor, confirm_old_log, snapshots)
        except BaseException:
            con.execute("rollback")
            raise
        con.execute("commit" if done else "rollback")
        return done
    finally:
        con.close()


def _migrate(
    con: sqlite3.Connection,
    path: Path,
    tracked: Sequence[Tracked],
    actor: str,
    confirm_old_log: bool,
    snapshots: Path | None,
) -> Migration | None:
    fmt = log_format(con)
    if fmt == "mac":
        return None
    if fmt == "none":
        raise AuditError(audit_message("migrate.no_log", path=path))
    frozen, snapshot_findings = snapshot_heads(snapshots or path.parent / "snapshots")
    reasons, strong = mac_history(frozen, False)
    if strong or snapshot_findings:
        why = Joined(reasons, "; ") if strong else audit_message("migrate.snapshot_changed")
        raise MigrationRefused(audit_message("migrate.had_mac", why=why), snapshot_findings)
    if reasons and not confirm_old_log:
        raise MigrationRefused(audit_message("migrate.key_exists", reason=reasons[0]))
    rows, seq = read_log(con)
    findings = legacy_findings(rows, seq, fmt)
    if findings:
        form = audit_message(f"form.{fmt}")
        raise MigrationRefused(audit_message("migrate.old_broken", form=form), findings)
    key_created = not key_exists()
    key = load_key(create=True, register_dir=path.parent)
    try:
        return _rechain(con, tracked, rows, fmt, key, actor, bool(reasons), key_created)
    except BaseException:
        if key_created:  # nothing is chained with it: a retry must not find "a key exists"
            key_file().unlink(missing_ok=True)
        raise


def _rechain(
    con: sqlite3.Connection,
    tracked: Sequence[Tracked],
    rows: Sequence[sqlite3.Row],
    fmt: str,
    key: bytes,
    actor: str,
    confirmed: bool,
    key_created: bool,
) -> Migration:
    con.execute(AUDIT_TABLE.format(name="audit_log_mac"))
    columns = ", ".join(RECORD_COLUMNS)
    prev = GENESIS
    for row in rows:
        mac = record_mac(key, prev, row["audit_id"], row)
        con.execute(
            f"insert into audit_log_mac (audit_id, {columns}, prev_mac, mac) "
            f"values (?, {', '.join('?' * len(RECORD_COLUMNS))}, ?, ?)",
            (row["audit_id"], *(row[c] for c in RECORD_COLUMNS), prev, mac),
        )
        prev = mac
    con.execute("drop table audit_log")  # its triggers go with it
    con.execute("alter table audit_log_mac rename to audit_log")
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    old_last = rows[-1]["record_hash"] if rows and fmt == "sha256" else None
    old = {"vorm": fmt, "regels": len(rows), "laatste_sha256": old_last}
    new = {"vorm": MAC_FORMAT, "bestaande_sleutel_bevestigd": confirmed}
    migration = {
        "changed_at": now,
        "actor": actor,
        "entity": LOG_ENTITY,
        "entity_id": "migratie",
        "risk_id": "",
        "field": MIGRATION_FIELD,
        "old_value": json.dumps(old, ensure_ascii=False, sort_keys=True),
        "new_value": json.dumps(new, ensure_ascii=False, sort_keys=True),
    }
    baseline: list[dict[str, Any]] = []
    counts = {}
    for spec in tracked:
        exists = con.execute("select 1 from sqlite_master where name = ?", (spec.table,))
        query = f"select * from {spec.table} order by {spec.key}"
        table = con.execute(query).fetchall() if exists.fetchone() else []
        counts[spec.table] = len(table)
        baseline += [
            {
                "changed_at": now,
                "actor": BASELINE_ACTOR,
                "entity": spec.entity,
                "entity_id": r[spec.key],
                "risk_id": r["risk_id"],
                "field": CREATED,
                "old_value": None,
                "new_value": entity_state(r, spec),
            }
            for r in table
        ]
    append(con, key, [migration, *baseline])
    for sql in TRIGGERS.values():
        con.execute(sql)
    last = con.execute("select mac from audit_log order by audit_id desc limit 1").fetchone()
    head = Head(len(rows) + 1 + len(baseline), last[0])
    return Migration(fmt, len(rows), old_last, len(rows) + 1, counts, head, key_created)
