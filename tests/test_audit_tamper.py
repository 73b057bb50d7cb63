"""Forging the register as an attacker with write access to register.sqlite would: raw
sqlite3, no key. Every forgery makes `radar audit verify` exit non-zero and name the record,
row or trigger; a clean register verifies with exit 0.

The key lives outside RADAR_HOME (tests/conftest.py points it at a temporary folder of its
own), so the attacker here can write the register but cannot compute a MAC.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipelines.cli.main import main
from pipelines.core.catalogue import Catalogue
from pipelines.register import audit_log
from pipelines.register.audit_log import RECORD_COLUMNS, TRIGGERS, AuditFormatError, Head
from pipelines.register.store import Register, verify_audit
from pipelines.reports.snapshot import FORMAT, content_hash

TODAY = dt.date(2026, 11, 26)
NEW_MEASURE = {"text_nl": "Nieuwe controle", "control_type": "detective", "owner_role": "inkoop"}


@pytest.fixture
def register(tmp_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> Register:
    """RADAR_HOME with a register: seeded, then a risk edited, a measure edited, one added."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    register = Register(catalogue, home / "register.sqlite")
    register.update_risk("G1", {"impact": 2}, version=1, actor="Anna")
    version = int(register.measures().set_index("control_measure_id").loc["G3-CM01", "version"])
    register.update_measure(
        "G3-CM01", {"owner_role": "controller"}, version=version, actor="Bert", today=TODAY
    )
    register.add_measure("G3", NEW_MEASURE, actor="Anna", today=TODAY)
    return register


def verify(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """`radar audit verify ARGS`: exit code and what it printed."""
    code = main(["audit", "verify", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@contextmanager
def attacker(path: Path) -> Iterator[sqlite3.Connection]:
    """Plain sqlite3 on the file, every statement committed at once."""
    con = sqlite3.connect(path, isolation_level=None)
    con.row_factory = sqlite3.Row
    try:
        yield con
    finally:
        con.close()


@contextmanager
def unguarded(path: Path) -> Iterator[sqlite3.Connection]:
    """The attacker's connection with the append-only triggers dropped, and put back exactly
    as they were afterwards (covering the tracks)."""
    with attacker(path) as con:
        triggers = [r[0] for r in con.execute("select sql from sqlite_master where type='trigger'")]
        for name in TRIGGERS:
            con.execute(f"drop trigger {name}")
        try:
            yield con
        finally:
            for sql in triggers:
                con.execute(sql)


def bump(register: Register, risk_id: str = "G2") -> None:
    """One edit through the app (with the key): the risk's impact to another value."""
    row = register.risks().set_index("risk_id").loc[risk_id]
    impact = 1 if row["impact"] != 1 else 2
    register.update_risk(risk_id, {"impact": impact}, version=int(row["version"]), actor="Anna")


def freeze_head(home: Path, head: Head, quarter: str = "2026-Q3") -> Path:
    """A (small) RvC snapshot holding the head, as take_snapshot writes it."""
    content = {
        "format": FORMAT,
        "quarter": quarter,
        "audit_head": {"count": head.count, "mac": head.mac},
    }
    content["sha256"] = content_hash(content)
    path = home / "snapshots" / f"{quarter}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(content), "utf-8")
    return path


def plain_sha256(prev: str, audit_id: int, record: sqlite3.Row) -> str:
    fields = [prev, audit_id, *(record[c] for c in RECORD_COLUMNS)]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def old_record_hash(prev: str, audit_id: int, record: sqlite3.Row) -> str:
    return audit_log.legacy_record_hash(prev, record)


# ---------------------------------------------------------------- clean


def test_a_clean_register_verifies_with_exit_0(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    head = verify_audit(register.path).head
    freeze_head(register.path.parent, head)
    register.update_risk("G2", {"appetite": "hoog"}, version=1, actor="Anna")
    code, out = verify(capsys, "--head", str(head))
    assert code == 0, out
    assert f"Auditlog intact: {head.count + 1} regels" in out
    assert f"Gecontroleerd tegen de kop uit: --head {head}, momentopname 2026-Q3" in out


# ---------------------------------------------------------------- (a) an old record edited


@pytest.mark.parametrize("rechain", [None, plain_sha256, old_record_hash])
def test_a_an_old_record_edited_and_the_chain_recomputed_without_the_key(
    register: Register, capsys: pytest.CaptureFixture[str], rechain
) -> None:
    """The seeding record of G3-CM02 rewritten (its status), the table made to agree, and
    every later record's MAC recomputed with plain SHA-256 or the old record_hash: all the
    attacker can do without the key. Reported at that record."""
    log = register.audit().sort_values("audit_id")
    target = int(log.query("entity_id == 'G3-CM02' and field == '*'")["audit_id"].iloc[0])
    with unguarded(register.path) as con:
        row = con.execute("select * from audit_log where audit_id = ?", (target,)).fetchone()
        state = json.loads(row["new_value"])
        state["status"] = "werkend" if state["status"] != "werkend" else "ontworpen"
        forged = json.dumps(state, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        con.execute("update audit_log set new_value = ? where audit_id = ?", (forged, target))
        con.execute(
            "update control_measures set status = ? where control_measure_id = 'G3-CM02'",
            (state["status"],),
        )
        if rechain:
            prev = con.execute(
                "select prev_mac from audit_log where audit_id = ?", (target,)
            ).fetchone()[0]
            later = "select * from audit_log where audit_id >= ? order by audit_id"
            for record in con.execute(later, (target,)).fetchall():
                mac = rechain(prev, record["audit_id"], record)
                con.execute(
                    "update audit_log set prev_mac = ?, mac = ? where audit_id = ?",
                    (prev, mac, record["audit_id"]),
                )
                prev = mac
    findings = verify_audit(register.path).findings
    assert findings[0].where == f"regel {target}"
    assert findings[0].problem == "inhoud gewijzigd: de MAC klopt niet (met de sleutel)"
    assert all(f.audit_id is not None and f.audit_id >= target for f in findings)
    if rechain is None:
        assert len(findings) == 1  # the later records still chain to the original MAC
    code, out = verify(capsys)
    assert code == 1 and f"regel {target}: inhoud gewijzigd" in out


def test_a_a_record_inserted_into_the_log_without_the_key_is_reported(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    """A forged record that 'explains' a direct table change: it cannot carry a valid MAC."""
    last = register.audit().iloc[0]
    with attacker(register.path) as con:
        con.execute("update risk_assessments set impact = 5 where risk_id = 'G4'")
        values = (last["changed_at"], "Anna", "risk", "G4", "G4", "impact", "3", "5")
        fake = hashlib.sha256(repr(values).encode()).hexdigest()
        con.execute(
            f"insert into audit_log ({', '.join(RECORD_COLUMNS)}, prev_mac, mac) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, last["mac"], fake),
        )
    code, out = verify(capsys)
    assert code == 1 and f"regel {last['audit_id'] + 1}: inhoud gewijzigd" in out


# ---------------------------------------------------------------- (b) the newest records cut


def _cut_the_newest_measure(register: Register) -> int:
    """Delete the newest records (Anna's new measure, one per field) and the measure itself,
    and reset sqlite_sequence: the log's own chain and the replay stay consistent."""
    log = register.audit()
    newest = log.iloc[0]["entity_id"]
    ids = log.query("entity_id == @newest")["audit_id"].tolist()
    with unguarded(register.path) as con:
        con.execute(f"delete from audit_log where audit_id >= {min(ids)}")
        con.execute("delete from control_measures where control_measure_id = ?", (newest,))
        con.execute(
            "update sqlite_sequence set seq = (select max(audit_id) from audit_log) "
            "where name = 'audit_log'"
        )
    return len(ids)


def test_b_the_newest_records_deleted_are_found_against_a_head_held_outside(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "head"]) == 0
    printed = capsys.readouterr().out.splitlines()[1]  # kept on paper, outside the server
    head = audit_log.parse_head(printed)
    cut = _cut_the_newest_measure(register)
    assert cut > 1
    # Without a head from outside, a tail cut cleanly is invisible: that is what heads are for.
    code, out = verify(capsys)
    assert code == 0, out
    code, out = verify(capsys, "--head", printed)
    assert code == 1
    assert f"(--head {head}): het log heeft {head.count - cut} regels, de kop noemt er " in out
    assert f"regels {head.count - cut + 1} t/m {head.count} zijn verwijderd" in out


def test_b_the_newest_records_deleted_are_found_against_a_snapshots_head(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    head = verify_audit(register.path).head
    freeze_head(register.path.parent, head)
    cut = _cut_the_newest_measure(register)
    code, out = verify(capsys)
    assert code == 1
    assert f"(momentopname 2026-Q3): het log heeft {head.count - cut} regels" in out
    # Later edits (through the app, with the key) make the log longer than the head again:
    # now the record at the head's position is not the one the snapshot saw.
    for _ in range(cut):
        bump(register)
    code, out = verify(capsys)
    assert code == 1
    assert (
        f"(momentopname 2026-Q3): regel {head.count} heeft niet de MAC van de kop: het log is "
        f"tot en met die regel herschreven" in out
    )


def test_b_a_log_rewritten_by_someone_with_the_key_is_found_against_an_earlier_head(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    """The key holder's rewrite (here: the register thrown away and made again, every
    record with a valid MAC) is caught only by a head anchored before it."""
    head = verify_audit(register.path).head
    for suffix in ("", "-wal", "-shm"):
        Path(f"{register.path}{suffix}").unlink(missing_ok=True)
    again = Register(register.catalogue, register.path)
    while len(again.audit()) < head.count:
        bump(again)
    assert verify(capsys)[0] == 0
    code, out = verify(capsys, "--head", str(head))
    assert code == 1 and f"regel {head.count} heeft niet de MAC van de kop" in out


# ---------------------------------------------------------------- (c) the tables changed directly


def test_c_a_seeded_measure_changed_directly_is_reported_with_table_id_and_field(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded = register.measures().set_index("control_measure_id").loc["G1-CM03", "status"]
    forged = "werkend" if seeded != "werkend" else "ontworpen"
    with attacker(register.path) as con:
        con.execute(
            "update control_measures set status = ? where control_measure_id = 'G1-CM03'",
            (forged,),
        )
    code, out = verify(capsys)
    assert code == 1
    assert (
        f"control_measures G1-CM03, veld status: buiten het auditlog gewijzigd: volgens het "
        f"log '{seeded}', in de tabel '{forged}'" in out
    )


def test_c_a_risk_changed_directly_is_reported_with_table_id_and_field(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    with attacker(register.path) as con:
        # The edited risk: the log says Anna set impact 2. Version and author bumped too.
        con.execute(
            "update risk_assessments set impact = 4, version = version + 1 where risk_id = 'G1'"
        )
    code, out = verify(capsys)
    assert code == 1
    assert (
        "risk_assessments G1, veld impact: buiten het auditlog gewijzigd: volgens het log '2', "
        "in de tabel '4'" in out
    )
    assert out.count("risk_assessments") == 1  # version is not compared; only the field
    assert main(["audit", "head"]) == 1  # no head of a log that does not check out
    assert "geen kop: het log klopt niet" in capsys.readouterr().err


def test_c_a_row_inserted_or_deleted_outside_the_log_is_reported(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    with attacker(register.path) as con:
        con.execute(
            "insert into control_measures select 'G2-CM09', risk_id, 9, text_nl, text_en, "
            "control_type, owner_role, review_frequency, 'werkend', 'effectief', "
            "last_tested_on, evidence_url, next_review_on, null, null, 1, updated_at, "
            "updated_by from control_measures where control_measure_id = 'G2-CM01'"
        )
        con.execute("delete from control_measures where control_measure_id = 'G4-CM01'")
    # The next open (the dashboard, a build) does not seed the deleted catalogue measure
    # again: that would hide the deletion.
    Register(register.catalogue, register.path)
    code, out = verify(capsys)
    assert code == 1
    assert (
        "control_measures G2-CM09: staat in de tabel maar niet in het auditlog: buiten het "
        "log toegevoegd" in out
    )
    assert (
        "control_measures G4-CM01: staat in het auditlog maar niet in de tabel: buiten het "
        "log verwijderd" in out
    )


# ---------------------------------------------------------------- (d) stripped and re-chained


def _strip(path: Path, with_sha256_chain: bool) -> None:
    """Rebuild audit_log without the MAC columns, as the old code had it: no chain, or a
    keyless SHA-256 chain computed afresh (the old format 1)."""
    extra = ", prev_hash text not null, record_hash text not null" if with_sha256_chain else ""
    with unguarded(path) as con:
        rows = con.execute("select * from audit_log order by audit_id").fetchall()
        con.execute("drop table audit_log")
        con.execute(
            "create table audit_log (audit_id integer primary key autoincrement, changed_at "
            "text not null, actor text not null, entity text not null, entity_id text not "
            "null, risk_id text not null, field text not null, old_value text, new_value "
            f"text{extra})"
        )
        prev = audit_log.GENESIS
        for row in rows:
            values = [row["audit_id"], *(row[c] for c in RECORD_COLUMNS)]
            if with_sha256_chain:
                digest = audit_log.legacy_record_hash(prev, row)
                values += [prev, digest]
                prev = digest
            con.execute(f"insert into audit_log values ({', '.join('?' * len(values))})", values)


@pytest.mark.parametrize("with_sha256_chain", [False, True])
def test_d_a_log_stripped_of_its_macs_is_never_silently_re_chained(
    register: Register, capsys: pytest.CaptureFixture[str], with_sha256_chain: bool
) -> None:
    _strip(register.path, with_sha256_chain)
    with attacker(register.path) as con:
        before = "\n".join(con.iterdump())
    with pytest.raises(AuditFormatError, match="niet stilzwijgend omgezet"):
        Register(register.catalogue, register.path)
    code, out = verify(capsys)
    assert code == 1
    assert "oude vorm" in out
    assert "een log met een MAC-keten werd verwacht (de sleutel bestaat al" in out
    assert "behandel dit als vervalsing" in out
    assert main(["audit", "migrate", "--by", "Mallory"]) == 1
    assert "niet omgezet: de sleutel bestaat al" in capsys.readouterr().err
    with attacker(register.path) as con:
        assert "\n".join(con.iterdump()) == before  # nothing re-chained


def test_d_a_stripped_log_is_refused_even_with_confirmation_when_a_snapshot_holds_a_head(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    freeze_head(register.path.parent, verify_audit(register.path).head)
    _strip(register.path, with_sha256_chain=True)
    code, out = verify(capsys)
    assert code == 1 and "momentopname 2026-Q3 heeft een kop" in out
    assert main(["audit", "migrate", "--by", "Mallory", "--confirm-old-log"]) == 1
    err = capsys.readouterr().err
    assert "niet omgezet: momentopname 2026-Q3 heeft een kop" in err
    assert "Zet de back-up van het register terug" in err


# ---------------------------------------------------------------- (e) the guard dropped


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_e_a_dropped_trigger_is_reported_by_name(
    register: Register, capsys: pytest.CaptureFixture[str], trigger: str
) -> None:
    with attacker(register.path) as con:
        con.execute(f"drop trigger {trigger}")
    code, out = verify(capsys)
    assert code == 1
    assert f"trigger {trigger}: ontbreekt: het auditlog is niet meer alleen-toevoegen" in out


def test_e_a_trigger_replaced_by_one_that_does_nothing_is_reported(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "audit_log_is_append_only_delete"
    with attacker(register.path) as con:
        con.execute(f"drop trigger {name}")
        con.execute(f"create trigger {name} before delete on audit_log begin select 1; end")
    code, out = verify(capsys)
    assert code == 1 and f"trigger {name}: is gewijzigd" in out
