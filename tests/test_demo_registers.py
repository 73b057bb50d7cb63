"""The demo's registers (pipelines/demo/meldingen.py, findings.py, registers.py): the
planted meldingen and audit findings are in the demo home the tests and `make run` use,
and the radar finds them: the overdue acknowledgement listed, the wrong route flagged
with its rule, the quiet department flagged by KRI-REG-MELD-RATE (large demo; the small
one is too small for any test), the findings counted in KRI-REG-CTRL-FINDINGS and
KRI-REG-CTRL-OVERDUE.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from pipelines.build.builder import build
from pipelines.demo import generate_demo
from pipelines.demo.findings import DEMO_FINDINGS, OVERDUE_MEASURES
from pipelines.demo.formats import FILES
from pipelines.demo.meldingen import (
    ACK_LATE,
    QUIET_DEPARTMENT,
    QUIET_FROM,
    ROUTE,
    TODAY,
    demo_meldingen,
)
from pipelines.demo.registers import fill_registers
from pipelines.meldingen.catalogue import default_catalogue
from pipelines.meldingen.store import Meldingen, Viewer
from tests.readers import reading

KEEPER = Viewer("integriteitsfunctionaris", "integriteitsfunctionaris")
ADVISER = Viewer("vertrouwenspersoon", "vertrouwenspersoon")


def _one(frame, received: dt.date):
    rows = frame[frame["received_on"] == received]
    assert len(rows) == 1
    return rows.iloc[0]


def test_the_overdue_acknowledgement_is_listed_and_nothing_else_is_late(demo_home: Path) -> None:
    store = Meldingen(demo_home / "meldingen.sqlite")
    planted = _one(store.meldingen(viewer=KEEPER, today=TODAY), ACK_LATE["received_on"])
    overdue = store.overdue(viewer=KEEPER, today=TODAY)
    assert overdue[["melding_id", "deadline"]].values.tolist() == [
        [planted["melding_id"], "acknowledge"]
    ]
    assert overdue["due_on"].tolist() == [dt.date(2026, 9, 21)]  # Monday + 7 days
    # the day before it fell due it was not late yet
    assert store.overdue(viewer=KEEPER, today=dt.date(2026, 9, 21)).empty
    # the vertrouwenspersoon who registered it sees it late in its own list
    assert store.overdue(viewer=ADVISER, today=TODAY)["melding_id"].tolist() == [
        planted["melding_id"]
    ]


def test_the_wrong_route_is_flagged_with_the_rule_and_only_that_one(demo_home: Path) -> None:
    frame = Meldingen(demo_home / "meldingen.sqlite").meldingen(viewer=KEEPER, today=TODAY)
    planted = _one(frame, ROUTE["received_on"])
    assert bool(planted["route_flag"])
    rule = default_catalogue().rule_for("leidinggevende")
    assert planted["route_rule"] == rule.quote
    assert "bij de bestuurder" in rule.quote
    assert frame["route_flag"].sum() == 1


def test_the_quiet_department_reports_nothing_since_the_scenario_starts() -> None:
    for size in ("small", "large"):
        reports = [r for _, r in demo_meldingen(size)]
        quiet = [r for r in reports if r["org_unit"].split("-")[0] == QUIET_DEPARTMENT]
        assert quiet and max(r["received_on"] for r in quiet) < QUIET_FROM
        others = {r["org_unit"].split("-")[0] for r in reports if r["received_on"] >= QUIET_FROM}
        assert {"VH", "KLT"} <= others


@pytest.fixture(scope="module")
def large_hr_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The large demo's org units and employees (the fte KRI-REG-MELD-RATE divides by)
    with its registers, built: the other exports add nothing to this indicator."""
    home = tmp_path_factory.mktemp("large_meld")
    generate_demo(home / "all", size="large", seed=42)
    (home / "raw").mkdir()
    for dataset in ("org_units", "employees"):
        shutil.copy(home / "all" / FILES[dataset][0], home / "raw" / FILES[dataset][0])
    fill_registers(home, size="large", seed=42)
    mp = pytest.MonkeyPatch()
    mp.setenv("RADAR_HOME", str(home))
    try:
        build(path=home / "warehouse.duckdb", inputs=[home / "raw"])
    finally:
        mp.undo()
    return home


def _rate(home: Path, period: str = "2026-Q3") -> dict[str, tuple]:
    with reading(str(home / "warehouse.duckdb")) as con:
        rows = con.execute(
            "select distinct org_unit_id, numerator, denominator / 12, p_value, flagged "
            "from report_indicators where indicator_id = 'KRI-REG-MELD-RATE' "
            "and period_type = 'quarter' and period = ? and org_level = 'afdeling'",
            [period],
        ).fetchall()
    return {r[0]: r[1:] for r in rows}


# The large demo (generated whole, some 35 s on 2 cores): make validate, not make test.
@pytest.mark.validate
def test_the_large_quiet_department_is_flagged_and_no_other(large_hr_home: Path) -> None:
    rates = _rate(large_hr_home)
    count, fte, p_value, flagged = rates[QUIET_DEPARTMENT]
    assert count == 0 and fte > 1000
    assert flagged and p_value < 1e-4  # the alarm limit of 34 tests: 0.01 / 34
    assert [u for u, r in rates.items() if r[3]] == [QUIET_DEPARTMENT]
    # a year earlier, before it fell silent, it was not
    assert not _rate(large_hr_home, "2025-Q3")[QUIET_DEPARTMENT][3]


def test_the_small_quiet_department_is_too_small_for_the_test(demo_home: Path) -> None:
    # about 64 fte: some 0.7 reports expected in a year, so none is no evidence (p ~ 0.5)
    count, fte, p_value, flagged = _rate(demo_home)[QUIET_DEPARTMENT]
    assert count == 0 and fte < 100
    assert not flagged and p_value > 0.05


def test_the_findings_feed_the_control_indicators(demo_home: Path) -> None:
    with reading(str(demo_home / "warehouse.duckdb")) as con:
        records = dict(
            con.execute(
                "select subject_id, numerator from int_kri__control_tests "
                "where subject_id like 'audit:%' or subject_id like 'bevinding:%'"
            ).fetchall()
        )
        findings = dict(
            con.execute(
                "select control_measure_id, open_findings from report_risk_controls"
            ).fetchall()
        )
        levels = con.execute(
            "select distinct indicator_id, n from report_indicators where indicator_id in "
            "('KRI-REG-CTRL-FINDINGS', 'KRI-REG-CTRL-OVERDUE') and period = '2026-Q3' "
            "and not suppressed"
        ).fetchall()
    # three audits in the last 12 months, two with findings
    assert sorted(v for k, v in records.items() if k.startswith("audit:")) == [0.0, 1.0, 1.0]
    # the two findings past their due date count as overdue
    open_ones = [f for f in DEMO_FINDINGS if f.finding and f.finding["status"] != "gesloten"]
    assert len([k for k in records if k.startswith("bevinding:")]) == len(open_ones)
    assert sum(v for k, v in records.items() if k.startswith("bevinding:")) >= 2
    for measure in OVERDUE_MEASURES:
        assert findings[measure] == 1
    assert {i for i, _ in levels} == {"KRI-REG-CTRL-OVERDUE"}  # FINDINGS has no 2026-Q3 cell


def test_radar_demo_fills_the_registers_once(tmp_path: Path) -> None:
    first = fill_registers(tmp_path)
    assert first.meldingen == len(demo_meldingen()) and first.audits == 3 and first.findings == 4
    again = fill_registers(tmp_path)
    assert (again.meldingen, again.findings, again.audits) == (0, 0, 0)


def test_the_manifest_lists_the_register_scenarios(tmp_path: Path) -> None:
    manifest = json.loads(generate_demo(tmp_path, seed=42).read_text(encoding="utf-8"))
    ids = [s["id"] for s in manifest["register_scenarios"]]
    assert ids == ["M-ACK-LATE", "M-ROUTE", "M-QUIET", "F-OVERDUE", "F-OPEN"]
