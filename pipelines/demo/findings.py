"""The demo's audits and findings, as the risk manager would import them from the audit
reports (``radar findings import``'s columns, through the same store,
pipelines/register/findings.py), with two planted scenarios (``FINDINGS_SCENARIOS``,
also in manifest.json):

- F-OVERDUE: two findings still open after their due date on the export date
  (2026-09-30): the verhuur audit's finding on G1-CM02 (hoog, due 2026-03-31, in
  behandeling) and the inkoop audit's finding on RF5-CM01 (hoog, due 2026-06-30, open).
  They count in KRI-REG-CTRL-OVERDUE and take half off their measure's effectiveness.
- F-OPEN: the inkoop audit's finding on RF5-CM02 (midden), open and due 2026-12-31; with
  the overdue ones, two of the three audits of the last 12 months had findings, so
  KRI-REG-CTRL-FINDINGS counts them.

A third audit (declaraties, 2026-06-15) found nothing, and one finding was closed in time.
No randomness: the rows are fixed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipelines.register.findings import NewFinding

VERHUUR = ("Audit verhuurproces 2025", dt.date(2025, 11, 10))
INKOOP = ("Interne audit inkoop en aanbesteding 2026", dt.date(2026, 3, 16))
DECLARATIES = ("Audit declaraties en onkosten 2026", dt.date(2026, 6, 15))


def _finding(audit: tuple[str, dt.date], **fields: Any) -> NewFinding:
    finding = {"found_on": audit[1], "control_measure_id": None, "closed_on": None} | fields
    return NewFinding(audit[0], audit[1], finding, ref=fields.get("control_measure_id"))


DEMO_FINDINGS: list[NewFinding] = [
    _finding(
        VERHUUR,
        risk_id="G1",
        control_measure_id="G1-CM02",
        severity="hoog",
        owner_role="manager_verhuur",
        due_on=dt.date(2026, 3, 31),
        status="in_behandeling",
    ),
    _finding(
        INKOOP,
        risk_id="RF5",
        control_measure_id="RF5-CM01",
        severity="hoog",
        owner_role="controller",
        due_on=dt.date(2026, 6, 30),
        status="open",
    ),
    _finding(
        INKOOP,
        risk_id="RF5",
        control_measure_id="RF5-CM02",
        severity="midden",
        owner_role="leidinggevende",
        due_on=dt.date(2026, 12, 31),
        status="open",
    ),
    _finding(
        INKOOP,
        risk_id="RF5",
        control_measure_id="RF5-CM03",
        severity="laag",
        owner_role="controller",
        due_on=dt.date(2026, 5, 31),
        status="gesloten",
        closed_on=dt.date(2026, 5, 20),
    ),
    NewFinding(DECLARATIES[0], DECLARATIES[1], None, ref="declaraties"),
]
OVERDUE_MEASURES = ("G1-CM02", "RF5-CM01")  # open past their due date on the export date

FINDINGS_SCENARIOS: list[dict[str, Any]] = [
    {
        "id": "F-OVERDUE",
        "risk_id": "RF5",
        "org_unit": None,
        "register": "audit_findings",
        "indicators": ["KRI-REG-CTRL-OVERDUE"],
        "description": "Twee auditbevindingen (G1-CM02 en RF5-CM01, ernst hoog) staan nog "
        "open na hun uiterste datum.",
    },
    {
        "id": "F-OPEN",
        "risk_id": "RF5",
        "org_unit": None,
        "register": "audit_findings",
        "indicators": ["KRI-REG-CTRL-FINDINGS"],
        "description": "Twee van de drie audits van het laatste jaar hadden bevindingen; "
        "die op RF5-CM02 staat open tot eind 2026.",
    },
]
