"""Audits and findings: the store (add, edit with a version, closing rules, the audit
log), `radar findings import` (all or nothing, every problem of a row named) and the
combining rule by which an open finding lowers a measure's control effectiveness in a real
build, read from risks/settings.yaml. The SQL's boundaries (12-month window, due today vs
yesterday) are in tests/golden/int_kri__control_tests.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from dashboard.explain import open_findings_texts
from pipelines.build.builder import load_catalogue_tables
from pipelines.build.models import run_models
from pipelines.cli.main import main
from pipelines.core.catalogue import Catalogue
from pipelines.ingest.loader import ensure_tables
from pipelines.register.findings import Findings
from pipelines.register.findings_import import COLUMNS, FindingsImportRefused, import_findings
from pipelines.register.rules import RegisterError, VersionConflict
from pipelines.register.store import Register, verify_audit

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def register(tmp_path: Path, catalogue: Catalogue) -> Register:
    return Register(catalogue, tmp_path / "register.sqlite")


@pytest.fixture
def findings(register: Register) -> Findings:
    return Findings(register)


def a_measure(register: Register) -> tuple[str, str]:
    row = register.measures().query("status != 'vervallen'").iloc[0]
    return row["risk_id"], row["control_measure_id"]


def finding_fields(register: Register, audit_id: str, **over: object) -> dict:
    risk, measure = a_measure(register)
    fields = {
        "audit_id": audit_id,
        "found_on": dt.date(2026, 3, 2),
        "risk_id": risk,
        "control_measure_id": measure,
        "severity": "hoog",
        "owner_role": "controller",
        "due_on": dt.date(2026, 6, 1),
    }
    return fields | over


# ------------------------------------------------------------------ the store


def test_a_finding_is_added_edited_with_its_version_and_logged(findings: Findings) -> None:
    register = findings.register
    audit = findings.add_audit("Audit inkoop 2026", dt.date(2026, 3, 1), actor="ria", today=TODAY)
    fid = findings.add_finding(finding_fields(register, audit), actor="ria", today=TODAY)
    row = findings.findings(today=TODAY).set_index("finding_id").loc[fid]
    assert (row["status"], row["version"], row["audit_name"]) == ("open", 1, "Audit inkoop 2026")
    assert bool(row["is_overdue"])  # due 2026-06-01, today 2026-06-15

    changes = findings.update_finding(
        fid, {"due_on": dt.date(2026, 9, 1)}, version=1, actor="ria", today=TODAY
    )
    assert [c.field for c in changes] == ["due_on"]
    with pytest.raises(VersionConflict):  # a second editor who started from version 1
        findings.update_finding(fid, {"severity": "laag"}, version=1, actor="bob", today=TODAY)
    row = findings.findings(today=TODAY).set_index("finding_id").loc[fid]
    assert (row["version"], row["due_on"], bool(row["is_overdue"])) == (2, "2026-09-01", False)

    log = register.audit()
    assert set(log.query("entity == 'finding'")["field"]) >= {"severity", "due_on", "risk_id"}
    assert "audit" in set(log["entity"])
    assert verify_audit(register.path).findings == []


def test_closing_needs_a_closing_date_and_a_closing_date_needs_closing(
    findings: Findings,
) -> None:
    audit = findings.add_audit("Audit", dt.date(2026, 3, 1), actor="ria", today=TODAY)
    fid = findings.add_finding(finding_fields(findings.register, audit), actor="ria", today=TODAY)
    with pytest.raises(RegisterError) as refused:
        findings.update_finding(fid, {"status": "gesloten"}, version=1, actor="ria", today=TODAY)
    assert set(refused.value.problems) == {"closed_on"}
    assert "sluitdatum" in refused.value.errors["closed_on"]
    assert "closed" in refused.value.messages("en")["closed_on"]
    with pytest.raises(RegisterError) as refused:
        findings.update_finding(
            fid, {"closed_on": dt.date(2026, 5, 1)}, version=1, actor="ria", today=TODAY
        )
    assert set(refused.value.problems) == {"closed_on"}
    with pytest.raises(RegisterError) as refused:  # closed before it was found
        findings.update_finding(
            fid,
            {"status": "gesloten", "closed_on": dt.date(2026, 3, 1)},
            version=1,
            actor="ria",
            today=TODAY,
        )
    assert refused.value.problems["closed_on"][0] == "closed_before_found"
    findings.update_finding(
        fid,
        {"status": "gesloten", "closed_on": dt.date(2026, 3, 2)},  # the day it was found
        version=1,
        actor="ria",
        today=TODAY,
    )
    row = findings.findings(today=TODAY).iloc[0]
    assert (row["status"], bool(row["is_open"]), bool(row["is_overdue"])) == (
        "gesloten",
        False,
        False,
    )


def test_a_finding_needs_a_known_risk_its_measure_and_dates_in_order(
    findings: Findings,
) -> None:
    register = findings.register
    audit = findings.add_audit("Audit", dt.date(2026, 3, 1), actor="ria", today=TODAY)
    measures = register.measures()
    other = measures[measures["risk_id"] != a_measure(register)[0]].iloc[0]
    cases = {
        "risk_id": ({"risk_id": "XX9", "control_measure_id": None}, "unknown_risk"),
        "control_measure_id": (
            {"control_measure_id": other["control_measure_id"]},
            "measure_not_of_risk",
        ),
        "due_on": ({"due_on": dt.date(2026, 3, 1)}, "due_before_found"),
        "found_on": ({"found_on": dt.date(2026, 2, 28)}, "found_before_audit"),
        "severity": ({"severity": "zwaar"}, "one_of"),
    }
    for field, (over, code) in cases.items():
        with pytest.raises(RegisterError) as refused:
            findings.add_finding(finding_fields(register, audit, **over), actor="ria", today=TODAY)
        assert refused.value.problems[field][0] == code, field
    # the boundaries are allowed: due and found on the audit's own day
    findings.add_finding(
        finding_fields(register, audit, found_on=dt.date(2026, 3, 1), due_on=dt.date(2026, 3, 1)),
        actor="ria",
        today=TODAY,
    )
    with pytest.raises(RegisterError) as refused:
        findings.add_finding(finding_fields(register, "AUD-999"), actor="ria", today=TODAY)
    assert refused.value.problems["audit_id"][0] == "unknown_audit"
    assert len(findings.findings()) == 1


# ------------------------------------------------------------------ the import


def write_csv(path: Path, rows: list[dict]) -> Path:
    pd.DataFrame(rows, columns=list(COLUMNS)).to_csv(path, index=False)
    return path


def good_row(register: Register, **over: object) -> dict:
    risk, measure = a_measure(register)
    row = dict.fromkeys(COLUMNS, "") | {
        "audit": "Audit verhuur 2026",
        "audit_held_on": "2026-02-01",
        "found_on": "02-02-2026",
        "risk_id": risk,
        "control_measure_id": measure,
        "severity": "midden",
        "owner_role": "manager_verhuur",
        "due_on": "2026-05-01",
    }
    return row | over


def test_an_import_adds_audits_and_findings(findings: Findings, tmp_path: Path) -> None:
    register = findings.register
    rows = [
        good_row(register),
        good_row(register, severity="laag", status="gesloten", closed_on="2026-04-01"),
        dict.fromkeys(COLUMNS, "")
        | {"audit": "Audit zonder bevindingen", "audit_held_on": "2026-03-01"},
    ]
    added = import_findings(findings, write_csv(tmp_path / "f.csv", rows), actor="ria", today=TODAY)
    assert added[2] is None and all(added[:2])
    assert sorted(findings.audits()["name"]) == ["Audit verhuur 2026", "Audit zonder bevindingen"]
    assert list(findings.findings()["status"]) == ["open", "gesloten"]


def test_a_bad_row_refuses_the_whole_file_and_names_file_line_and_every_field(
    findings: Findings, tmp_path: Path
) -> None:
    register = findings.register
    rows = [
        good_row(register),
        good_row(register, risk_id="XX9", due_on="2026-01-01"),  # two checks broken
        good_row(register, status="gesloten"),  # closed without a date
    ]
    path = write_csv(tmp_path / "bevindingen.csv", rows)
    with pytest.raises(FindingsImportRefused) as refused:
        import_findings(findings, path, actor="ria", today=TODAY)
    named = {(e.line, e.field) for e in refused.value.errors}
    assert named == {(3, "risk_id"), (3, "due_on"), (4, "closed_on")}
    text = str(refused.value)
    assert f"{path} regel 3, veld risk_id" in text and "'XX9'" in text
    assert "2026-01-01" in text and "niets ingelezen" in text
    assert findings.audits().empty and findings.findings().empty  # nothing written


def test_an_import_header_must_be_the_documented_one(findings: Findings, tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("audit;found_on;ernst\nA;2026-01-01;hoog\n", encoding="utf-8")
    with pytest.raises(FindingsImportRefused) as refused:
        import_findings(findings, path, actor="ria", today=TODAY)
    text = str(refused.value)
    assert "regel 1" in text and "audit_held_on" in text and "ernst" in text


def test_radar_findings_import_reads_an_xlsx_and_exits_1_on_a_bad_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    register = Register()
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(list(COLUMNS))
    row = good_row(register)
    sheet.append([dt.date(2026, 2, 1) if c == "audit_held_on" else row[c] for c in COLUMNS])
    wb.save(tmp_path / "f.xlsx")
    assert main(["findings", "import", str(tmp_path / "f.xlsx"), "--by", "ria"]) == 0
    assert len(Findings(Register()).findings()) == 1

    sheet.append([*row.values()][:5] + ["zwaar", "niemand", "", "", ""])
    wb.save(tmp_path / "bad.xlsx")
    assert main(["findings", "import", str(tmp_path / "bad.xlsx"), "--by", "ria"]) == 1
    err = capsys.readouterr().err
    assert "bad.xlsx regel 3, veld severity" in err and "veld owner_role" in err
    assert "veld due_on" in err
    assert len(Findings(Register()).findings()) == 1  # the good first row was not added again


# ------------------------------------------------------------------ the combining rule


def controls_after_build(register: Register, catalogue: Catalogue, tmp_path: Path) -> pd.DataFrame:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        ensure_tables(con)
        load_catalogue_tables(con, catalogue, register.frames())
        run_models(con)
        return con.execute("select * from report_risk_controls").df()


def test_an_open_finding_lowers_its_measures_effectiveness_by_the_settings_rule(
    findings: Findings, catalogue: Catalogue, tmp_path: Path
) -> None:
    register = findings.register
    risk, measure = a_measure(register)
    before = controls_after_build(register, catalogue, tmp_path).set_index("control_measure_id")
    audit = findings.add_audit("Audit", dt.date(2026, 3, 1), actor="ria", today=TODAY)
    for severity in ("hoog", "midden"):
        findings.add_finding(
            finding_fields(register, audit, severity=severity), actor="ria", today=TODAY
        )
    after = controls_after_build(register, catalogue, tmp_path).set_index("control_measure_id")
    rule = catalogue.settings.audit_findings
    penalty = min(
        rule.effectiveness_penalty["hoog"] + rule.effectiveness_penalty["midden"], rule.max_penalty
    )
    assert after.loc[measure, "open_findings"] == 2
    assert after.loc[measure, "finding_penalty"] == pytest.approx(penalty)
    assert after.loc[measure, "measure_effectiveness"] == pytest.approx(
        before.loc[measure, "measure_effectiveness"] * (1 - penalty)
    )
    assert (
        after.loc[measure, "control_effectiveness"] <= before.loc[measure, "control_effectiveness"]
    )
    others = after.index != measure
    assert (after.loc[others, "open_findings"] == 0).all()

    # The rule is read from the settings, not written into the SQL: another penalty,
    # another effectiveness.
    milder = rule.model_copy(update={"effectiveness_penalty": dict.fromkeys(rule.severities, 0.0)})
    settings = catalogue.settings.model_copy(update={"audit_findings": milder})
    unchanged = controls_after_build(
        register, catalogue.model_copy(update={"settings": settings}), tmp_path
    ).set_index("control_measure_id")
    assert unchanged.loc[measure, "measure_effectiveness"] == pytest.approx(
        before.loc[measure, "measure_effectiveness"]
    )


def test_why_this_score_shows_an_open_findings_effect_from_the_mart() -> None:
    rows = pd.DataFrame({"open_findings": [0, 2], "finding_penalty": [0.0, 0.75]})
    assert open_findings_texts(rows, "nl") == ["", "2 (−75 %)"]
    assert open_findings_texts(pd.DataFrame({"x": [1]}), "en") == [""]
