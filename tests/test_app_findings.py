"""The register page's "Audits en bevindingen" under AppTest, on a real register: the
risk manager records an audit and a finding and closes it (a refused close says why,
below its button); the DT sees the findings and no form."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.core.catalogue import Catalogue
from pipelines.register.findings import Findings
from pipelines.register.store import Register
from tests.apphelpers import frames_with, run_app


@pytest.fixture
def home(tmp_path: Path, built_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(built_home / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    return tmp_path


def form_button(at: AppTest, form: str):
    return next(b for b in at.get("form_submit_button") if form in str(b.proto.form_id))


def test_the_risk_manager_records_an_audit_a_finding_and_closes_it(
    home: Path, catalogue: Catalogue
) -> None:
    at = run_app("register.py")
    assert not at.exception
    assert "Audits en bevindingen" in [h.value for h in at.header]
    assert "Leg eerst een audit vast." in [c.value for c in at.caption]

    at.text_input(key="fnd_audit_name").input("Audit inkoop 2026")
    at.date_input(key="fnd_audit_held_on").set_value(dt.date(2026, 3, 1))
    form_button(at, "fnd_audit_form").click().run()
    assert "Audit AUD-001 vastgelegd." in [s.value for s in at.success]

    at.selectbox(key="fnd_new_risk_id").set_value("RF5").run()
    at.selectbox(key="fnd_new_control_measure_id").set_value("RF5-CM01")
    at.selectbox(key="fnd_new_severity").set_value("hoog")
    at.selectbox(key="fnd_new_owner_role").set_value("controller")
    at.date_input(key="fnd_new_found_on").set_value(dt.date(2026, 3, 2))
    at.date_input(key="fnd_new_due_on").set_value(dt.date(2026, 4, 1))
    form_button(at, "fnd_new_form").click().run()
    assert not at.exception
    assert "Bevinding BEV-0001 vastgelegd." in [s.value for s in at.success]
    table = frames_with(at, "Ernst")[0]
    assert table.iloc[0]["Ernst"] == "Hoog" and table.iloc[0]["Te laat"] == "ja"
    assert table.iloc[0]["Eigenaar"] == "Controller"

    at.selectbox(key="fnd_edit_BEV-0001_1_status").set_value("gesloten")
    form_button(at, "fnd_edit_BEV-0001_1").click().run()
    refused = [e.value for e in at.error]
    assert any("sluitdatum" in e for e in refused), refused

    at.selectbox(key="fnd_edit_BEV-0001_1_status").set_value("gesloten")
    at.date_input(key="fnd_edit_BEV-0001_1_closed_on").set_value(dt.date(2026, 3, 20))
    form_button(at, "fnd_edit_BEV-0001_1").click().run()
    assert any("BEV-0001 opgeslagen" in s.value for s in at.success)
    found = Findings(Register(catalogue)).findings().iloc[0]
    assert (found["status"], found["closed_on"], found["version"]) == ("gesloten", "2026-03-20", 2)
    log = Register(catalogue).audit()
    assert set(log.query("entity == 'finding'")["actor"]) == {"test-risicomanager"}


def test_the_dt_reads_the_findings_without_a_form(home: Path, catalogue: Catalogue) -> None:
    store = Findings(Register(catalogue))
    audit = store.add_audit("Audit verhuur", dt.date(2026, 1, 10), actor="ria")
    store.add_finding(
        {
            "audit_id": audit,
            "found_on": dt.date(2026, 1, 11),
            "risk_id": "RF5",
            "severity": "laag",
            "owner_role": "manager_verhuur",
            "due_on": dt.date(2026, 2, 1),
        },
        actor="ria",
    )
    at = run_app("register.py", role="dt")
    assert not at.exception
    assert frames_with(at, "Ernst")[0].iloc[0]["Audit"] == "Audit verhuur"
    keys = {w.key for w in (*at.text_input, *at.date_input) if w.key}
    assert not any(k.startswith("fnd_") for k in keys)
    assert any("Alleen lezen: bevindingen" in c.value for c in at.caption)
