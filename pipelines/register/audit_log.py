"""The register's audit log: append-only, chained with a keyed MAC, and replayable.

Every record (when, who, which risk or measure, which field, old and new value) carries
HMAC-SHA256(key, the previous record's MAC + its own number and fields). The key lives
outside RADAR_HOME (``RADAR_AUDIT_KEY``, or the file ``RADAR_AUDIT_KEY_FILE``, by default
``audit.key`` in the radar's key folder: ``RADAR_KEY_DIR``, else
``$XDG_CONFIG_HOME/integriteitsradar``), so whoever can write register.sqlite
but not read the key cannot edit, insert or re-chain a record unseen.

Every record carries the values it set: a record that creates a risk or measure (field
``*``: seeding, the migration's baseline) holds all its fields as JSON, an edit one field.
``verify`` replays the log from empty and compares the result with the register's tables,
so a value changed in a table without a record is found too. It also checks the append-only
triggers and the log against heads (record count and last MAC) held elsewhere: given on
the command line, or frozen in the RvC snapshots.

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pipelines.core.keys import key_path, write_new
from pipelines.core.sealed import QUARTER, verify_snapshot

MAC_FORMAT = "integriteitsradar-audit/hmac-sha256/1"
GENESIS = "0" * 64
KEY_ENV, KEY_FILE_ENV = "RADAR_AUDIT_KEY", "RADAR_AUDIT_KEY_FILE"
KEY_DIR_ENV = "RADAR_KEY_DIR"  # the folder of all the radar's key files
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


class AuditError(RuntimeError):
    """The audit log cannot be used, checked or converted; the message says why, in Dutch."""


class AuditKeyError(AuditError):
    """No usable key: missing, too short, or readable by others."""


class AuditFormatError(AuditError):
    """The log still has an old form: `radar audit migrate` first."""


@dataclass(frozen=True)
class AuditFinding:
    """Something `radar audit verify` found: where (a record, a row and field, a trigger,
    a head) and what."""

    where: str
    problem: str
    audit_id: int | None = None


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


def parse_head(text: str) -> Head:
    """``COUNT:MAC`` as `radar audit head` prints it; ValueError (Dutch) otherwise."""
    match = HEAD.fullmatch((text or "").strip().lower())
    if not match or int(match.group(1)) < 1:
        raise ValueError(
            f"ongeldige kop {text!r}: verwacht AANTAL:MAC zoals `radar audit head` die "
            "afdrukt (een aantal regels, een dubbele punt en 64 hexadecimale tekens)"
        )
    return Head(int(match.group(1)), match.group(2))


# ---------------------------------------------------------------- the key


def key_file() -> Path:
    """Where the key file is: RADAR_AUDIT_KEY_FILE, else audit.key in the radar's key
    folder (RADAR_KEY_DIR, else $XDG_CONFIG_HOME/integriteitsradar, else
    ~/.config/integriteitsradar)."""
    configured = os.environ.get(KEY_FILE_ENV)
    if configured:
        return Path(configured).expanduser()
    return key_path("audit.key")


def key_source() -> str:
    """Where the key comes from, for messages."""
    if os.environ.get(KEY_ENV) is not None:
        return f"de omgevingsvariabele {KEY_ENV}"
    return f"het sleutelbestand {key_file()}"


def key_exists() -> bool:
    return os.environ.get(KEY_ENV) is not None or key_file().exists()


def _checked(text: str, where: str) -> bytes:
    text = text.strip()
    if len(text) < MIN_KEY_CHARS:
        raise AuditKeyError(
            f"de sleutel voor het auditlog in {where} is te kort ({len(text)} tekens; "
            f"minstens {MIN_KEY_CHARS})"
        )
    return text.encode("utf-8")


def load_key(*, create: bool = False, register_dir: Path | None = None) -> bytes:
    """The MAC key: RADAR_AUDIT_KEY, else the key file. A missing file is made (random,
    mode 0600) only when ``create``: when the register has no MAC-chained record yet.
    Otherwise a missing key is an error naming where it was looked for, never a new key
    (with a new key every existing record would look forged)."""
    if os.environ.get(KEY_ENV) is not None:
        return _checked(os.environ[KEY_ENV], f"de omgevingsvariabele {KEY_ENV}")
    path = key_file()
    if register_dir is not None and path.resolve().is_relative_to(Path(register_dir).resolve()):
        raise AuditKeyError(
            f"het sleutelbestand {path} staat in de map van het register ({register_dir}): "
            "wie het register kan wijzigen, kan dan ook de sleutel lezen. Zet het erbuiten "
            f"({KEY_FILE_ENV})."
        )
    if not path.exists():
        if not create:
            raise AuditKeyError(
                f"geen sleutel voor het auditlog: {KEY_ENV} is niet gezet en het sleutelbestand "
                f"{path} bestaat niet (gezocht via {KEY_FILE_ENV}, anders audit.key in "
                f"{KEY_DIR_ENV}, $XDG_CONFIG_HOME/integriteitsradar of "
                "~/.config/integriteitsradar). Het register heeft al een met die "
                "sleutel geketend auditlog: zet de sleutel terug uit de back-up. Er wordt geen "
                "nieuwe sleutel gemaakt: daarmee zou elke regel als vervalst gelden."
            )
        _create_key(path)
    try:
        mode = path.stat().st_mode
        if mode & 0o077:
            raise AuditKeyError(
                f"het sleutelbestand {path} is leesbaar of schrijfbaar voor groep of anderen "
                f"(rechten {mode & 0o777:04o}); het wordt niet gebruikt. Maak het alleen voor "
                f"de eigenaar: chmod 600 {path}"
            )
        return _checked(path.read_text(encoding="utf-8"), f"{path}")
    except OSError as exc:
        raise AuditKeyError(f"het sleutelbestand {path} is niet te lezen: {exc}") from None


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


def old_format_message(path: Path, fmt: str) -> str:
    return (
        f"het auditlog in {path} heeft nog de oude vorm ({OLD_FORMATS[fmt]}) en wordt niet "
        "stilzwijgend omgezet. Controleer en zet het om met `radar audit migrate` (eenmalig; "
        "zie de README, 'The register')."
    )


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


# ---------------------------------------------------------------- heads


def _read_only(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    return con


def read_head(path: Path) -> Head | None:
    """The head of the log in ``path`` as it is (no key needed, nothing checked); None when
    there is no register or no record. AuditFormatError for a log in an old form."""
    if not Path(path).exists():
        return None
    con = _read_only(path)
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


def snapshot_heads(directory: Path) -> tuple[list[tuple[str, Head]], list[AuditFinding]]:
    """The heads frozen in the RvC snapshots (with where they come from), and a finding
    per snapshot whose own checksum fails (its head cannot be trusted)."""
    heads: list[tuple[str, Head]] = []
    findings: list[AuditFinding] = []
    paths = sorted(directory.glob("*.json")) if directory.is_dir() else []
    for path in (p for p in paths if QUARTER.fullmatch(p.stem)):
        where = f"momentopname {path.stem}"
        if not verify_snapshot(path):
            findings.append(
                AuditFinding(where, f"{path}: controlegetal klopt niet; de kop erin telt niet")
            )
            continue
        head = json.loads(path.read_text(encoding="utf-8")).get("audit_head")
        if not head:
            continue  # format 1 (before the head), or taken without a register
        try:
            heads.append((where, parse_head(f"{head['count']}:{head['mac']}")))
        except (KeyError, TypeError, ValueError):
            findings.append(AuditFinding(where, f"{path}: de kop erin is onleesbaar: {head!r}"))
    return heads, findings


def check_heads(
    rows: Sequence[Mapping[str, Any]], heads: Iterable[tuple[str, Head]]
) -> list[AuditFinding]:
    """A head the log does not contain at its position: the log was cut or rewritten."""
    findings = []
    for source, head in heads:
        where = f"kop {head.count}:{head.mac[:12]}… ({source})"
        if head.count > len(rows):
            findings.append(
                AuditFinding(
                    where,
                    f"het log heeft {len(rows)} regels, de kop noemt er {head.count}: regels "
                    f"{len(rows) + 1} t/m {head.count} zijn verwijderd",
                )
            )
        elif rows[head.count - 1]["mac"] != head.mac:
            audit_id = rows[head.count - 1]["audit_id"]
            findings.append(
                AuditFinding(
                    where,
                    f"regel {audit_id} heeft niet de MAC van de kop: het log is tot en met "
                    "die regel herschreven",
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
                        f"regel {row['audit_id']}",
                        f"trigger {row['entity_id']} {row['old_value']} en is op "
                        f"{row['changed_at']} hersteld",
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


def _show(value: str | None) -> str:
    return "leeg" if value is None else f"'{value}'"


def compare(
    con: sqlite3.Connection,
    state: Mapping[str, Mapping[str, Mapping[str, Any] | None]],
    tracked: Sequence[Tracked],
) -> list[AuditFinding]:
    """Every difference between the replayed log and the register's tables."""
    findings = []
    for spec in tracked:
        if not con.execute("select 1 from sqlite_master where name = ?", (spec.table,)).fetchone():
            findings.append(AuditFinding(f"tabel {spec.table}", "ontbreekt: verwijderd"))
            continue
        table = {r[spec.key]: r for r in con.execute(f"select * from {spec.table}")}
        logged = state[spec.entity]
        for key in sorted(table.keys() | logged.keys()):
            where = f"{spec.table} {key}"
            if key not in logged:
                problem = "staat in de tabel maar niet in het auditlog: buiten het log toegevoegd"
                findings.append(AuditFinding(where, problem))
            elif key not in table:
                problem = "staat in het auditlog maar niet in de tabel: buiten het log verwijderd"
                findings.append(AuditFinding(where, problem))
            elif logged[key] is not None:
                for column in spec.columns:
                    old, new = _text(logged[key][column]), _text(table[key][column])
                    if old != new:
                        findings.append(
                            AuditFinding(
                                f"{where}, veld {column}",
                                f"buiten het auditlog gewijzigd: volgens het log {_show(old)}, "
                                f"in de tabel {_show(new)}",
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
        where, audit_id = f"regel {row['audit_id']}", row["audit_id"]
        if audit_id != prev_id + 1:
            problem = f"keten gebroken: regel {prev_id + 1} t/m {audit_id - 1} ontbreken"
            findings.append(AuditFinding(where, problem, audit_id))
        elif row["prev_mac"] != prev:
            problem = "keten gebroken: de regel ervoor is gewijzigd of vervangen"
            findings.append(AuditFinding(where, problem, audit_id))
        if not hmac.compare_digest(record_mac(key, row["prev_mac"], audit_id, row), row["mac"]):
            bad += 1
            problem = "inhoud gewijzigd: de MAC klopt niet (met de sleutel)"
            findings.append(AuditFinding(where, problem, audit_id))
        prev, prev_id = row["mac"], audit_id
    if rows and bad == len(rows):
        findings.append(
            AuditFinding(
                "sleutel",
                f"geen enkele regel klopt met de sleutel uit {source}: is dit de sleutel van "
                "dit register? (of het hele log is vervangen)",
            )
        )
    if seq and seq > prev_id:
        findings.append(
            AuditFinding(f"regel {seq}", f"regel {prev_id + 1} t/m {seq} aan het eind ontbreken")
        )
    return findings


def legacy_findings(rows: Sequence[Mapping[str, Any]], seq: int | None, fmt: str) -> list:
    """The old checks: the keyless SHA-256 chain (if any), gaps, records cut from the end."""
    findings = []
    prev, prev_id = GENESIS, 0
    for row in rows:
        where, audit_id = f"regel {row['audit_id']}", row["audit_id"]
        if audit_id != prev_id + 1:
            problem = f"keten gebroken: regel {prev_id + 1} t/m {audit_id - 1} ontbreken"
            findings.append(AuditFinding(where, problem, audit_id))
        elif fmt == "sha256" and row["prev_hash"] != prev:
            problem = "keten gebroken: de regel ervoor is gewijzigd"
            findings.append(AuditFinding(where, problem, audit_id))
        if fmt == "sha256":
            if legacy_record_hash(row["prev_hash"], row) != row["record_hash"]:
                problem = "inhoud gewijzigd: de hash klopt niet"
                findings.append(AuditFinding(where, problem, audit_id))
            prev = row["record_hash"]
        prev_id = audit_id
    if seq and seq > prev_id:
        findings.append(
            AuditFinding(f"regel {seq}", f"regel {prev_id + 1} t/m {seq} aan het eind ontbreken")
        )
    return findings


def mac_history(heads: Sequence[tuple[str, Head]], explicit: bool) -> tuple[list[str], bool]:
    """Why a MAC-chained log is expected here (and whether that is more than the key)."""
    reasons = [f"{source} heeft een kop ({head.count} regels)" for source, head in heads]
    if explicit:
        reasons.append("er is een kop opgegeven (--head)")
    strong = bool(reasons)
    if key_exists():
        reasons.append(f"de sleutel bestaat al ({key_source()})")
    return reasons, strong


def read_log(con: sqlite3.Connection) -> tuple[list[sqlite3.Row], int | None]:
    rows = con.execute("select * from audit_log order by audit_id").fetchall()
    seq = con.execute("select seq from sqlite_sequence where name = 'audit_log'").fetchone()
    return rows, seq[0] if seq else None


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
        raise FileNotFoundError(f"{path}: er is nog geen register, dus ook geen auditlog")
    frozen, snapshot_findings = snapshot_heads(snapshots or path.parent / "snapshots")
    anchors = [(f"--head {h}", h) for h in heads] + frozen
    con = _read_only(path)
    try:
        fmt = log_format(con)
        if fmt == "none":
            problem = "er is geen tabel audit_log: het log is verwijderd"
            return AuditReport(0, [AuditFinding("auditlog", problem)], [], None, [])
        rows, seq = read_log(con)
        if fmt in OLD_FORMATS:
            findings = [AuditFinding("auditlog", old_format_message(path, fmt))]
            reasons, _ = mac_history(frozen, bool(heads))
            if reasons:
                findings.append(
                    AuditFinding(
                        "auditlog",
                        "een log met een MAC-keten werd verwacht ("
                        + "; ".join(reasons)
                        + "): een log zonder MAC is dan vervangen of teruggezet; "
                        "behandel dit als vervalsing",
                    )
                )
            findings += legacy_findings(rows, seq, fmt) + snapshot_findings
            return AuditReport(len(rows), findings, [], None, [s for s, _ in anchors])
        findings = [
            AuditFinding(
                f"trigger {name}", f"{problem}: het auditlog is niet meer alleen-toevoegen"
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
