"""The demo's integrity reports (meldingen), as the integriteitsfunctionaris and the
vertrouwenspersoon of "Woonstichting Heuvelland" would have registered them over the demo
period, with three planted scenarios (``MELDINGEN_SCENARIOS``, also in manifest.json):

- M-ACK-LATE: a report through the vertrouwenspersoon on Monday 2026-09-14 that was never
  acknowledged: its acknowledgement was due on Monday 2026-09-21 (7 days) and is overdue on
  the export date, 2026-09-30.
- M-ROUTE: a report about a manager made to a (lower) manager on 2026-05-12, where the
  policy says "meldingen gericht tegen een leidinggevende doe je bij de bestuurder": stored
  and flagged with that rule, never refused.
- M-QUIET: Vastgoed (VG: about 64 fte in the small demo, 1,137 in the large) registers
  no report from 2025-10 on, while every other department reports at 1.0-1.5 per 100 fte
  a year (common reporting lines: roughly 1-1.5 per 100 employees per year).
  KRI-REG-MELD-RATE tests a unit's count over 12 months against a Poisson with the
  organisation's rate times its fte (exact lower tail; flagged below alpha_alarm 0.01
  shared over the unit's m tests). Zero reports has chance exp(-mu), so flagging needs an
  expected count mu of at least ln(m / 0.01): 8.1 with the 34 tests of a department, i.e.
  about 810 fte at the large demo's rate of 1.0 per 100 fte. The large demo's Vastgoed
  (1,137 fte, mu 11.4, chance 1e-5) is found; the small demo's (64 fte, mu 0.7, chance
  0.48) cannot be found by any test, and is planted there only so both sizes tell the
  same story.

Everything else is ordinary: per department its rate times its staff over the period
(rounded, so the rate holds at both sizes), spread over its teams by staff and over the
days at random, about a colleague or a manager, through a route
the policy allows, acknowledged within days, answered within the three months and mostly
closed with an outcome. Drawn from its own stream (the seed's tenth spawned child, after
the nine of generate_demo), so the demo's other files stay byte-identical. No free text
names anyone: the reporter is never recorded, and the notes stay empty.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from pipelines.demo.organisation import DEPARTMENTS, TEAMS, _team_staff
from pipelines.demo.period import EXPORT_DATE, FIRST_MONTH
from pipelines.meldingen.deadlines import feedback_by

STREAM = 9  # the seed's spawned child for the meldingen: generate_demo uses 0-8
TODAY = dt.date.fromisoformat(str(EXPORT_DATE))  # the registers as on the export date
START = dt.date.fromisoformat(f"{FIRST_MONTH}-01")
QUIET_DEPARTMENT = "VG"
QUIET_FROM = dt.date(2025, 10, 1)
RATE_RANGE = (1.0, 1.5)  # reports per 100 fte a year, per department
FTE_PER_PERSON = 0.86  # the demo's mean part-time factor: per person, 0.86 of a rate per fte
INTEGRITY_OFFICER = "integriteitsfunctionaris"  # the demo accounts are named after roles
CONFIDENTIAL_ADVISER = "vertrouwenspersoon"

ACK_LATE = {
    "received_on": dt.date(2026, 9, 14),
    "route": "vertrouwenspersoon",
    "about_role": "medewerker",
    "risk_ids": ["G4"],
    "org_unit": "KLT-KCC",
    "status": "ontvangen",
}
ROUTE = {
    "received_on": dt.date(2026, 5, 12),
    "route": "leidinggevende",
    "about_role": "leidinggevende",
    "risk_ids": ["RF4"],
    "org_unit": "VH-ZLD",
    "acknowledged_on": dt.date(2026, 5, 13),
    "feedback_on": dt.date(2026, 7, 20),
    "status": "teruggekoppeld",
}

MELDINGEN_SCENARIOS: list[dict[str, Any]] = [
    {
        "id": "M-ACK-LATE",
        "risk_id": "RF3",
        "org_unit": ACK_LATE["org_unit"],
        "register": "meldingen",
        "indicators": [],
        "description": "Een melding via de vertrouwenspersoon van 14-09-2026 is nooit "
        "bevestigd: de ontvangstbevestiging moest uiterlijk 21-09-2026 en is te laat.",
    },
    {
        "id": "M-ROUTE",
        "risk_id": "RF4",
        "org_unit": ROUTE["org_unit"],
        "register": "meldingen",
        "indicators": [],
        "description": "Een melding over een leidinggevende is op 12-05-2026 bij een "
        "leidinggevende gedaan in plaats van bij de bestuurder: gemarkeerd met de regel.",
    },
    {
        "id": "M-QUIET",
        "risk_id": "RF3",
        "org_unit": QUIET_DEPARTMENT,
        "register": "meldingen",
        "indicators": ["KRI-REG-MELD-RATE"],
        "description": "Vastgoed meldt sinds oktober 2025 niets meer, de andere afdelingen "
        "1,0-1,5 meldingen per 100 medewerkers per jaar (opgespoord in de grote demo).",
    },
]

# Ordinary reports: whom they concern, and the routes the policy allows for each (plus the
# vertrouwenspersoon, always valid); the risks they touch.
ABOUT = [("medewerker", 0.75), ("leidinggevende", 0.25)]
ROUTES = {
    "medewerker": ["leidinggevende", "hogere_leidinggevende", "vertrouwenspersoon"],
    "leidinggevende": ["bestuurder", "vertrouwenspersoon"],
}
RISKS = ["G1", "G2", "G3", "G4", "D1", "D2", "RF1", "RF4", "RF6"]
OUTCOMES = ["gegrond", "deels_gegrond", "ongegrond", "niet_vast_te_stellen"]
MEASURES = {
    "gegrond": "Gesprek gevoerd en werkinstructie aangescherpt.",
    "deels_gegrond": "Afspraken vastgelegd in het teamoverleg.",
}


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(STREAM,)))


def _ordinary(rng: np.random.Generator, received: dt.date, team: str) -> dict[str, Any]:
    about = ABOUT[int(rng.random() >= ABOUT[0][1])][0]
    route = str(rng.choice(ROUTES[about]))
    values: dict[str, Any] = {
        "received_on": received,
        "route": route,
        "about_role": about,
        "risk_ids": [str(rng.choice(RISKS))],
        "org_unit": team,
        "status": "ontvangen",
    }
    acknowledged = received + dt.timedelta(days=int(rng.integers(1, 6)))
    if acknowledged > TODAY:
        return values
    values |= {"acknowledged_on": acknowledged, "status": "bevestigd"}
    answered = acknowledged + dt.timedelta(days=int(rng.integers(20, 80)))
    answered = min(answered, feedback_by(received, acknowledged))
    if answered > TODAY:
        values["status"] = "in_behandeling"
        return values
    values |= {"feedback_on": answered, "status": "teruggekoppeld"}
    closed = answered + dt.timedelta(days=int(rng.integers(0, 15)))
    if closed > TODAY:
        return values
    outcome = str(rng.choice(OUTCOMES))
    values |= {"closed_on": closed, "status": "afgesloten", "outcome": outcome}
    if outcome in MEASURES:
        values["measures"] = MEASURES[outcome]
    return values


def demo_meldingen(size: str = "small", seed: int = 42) -> list[tuple[str, dict[str, Any]]]:
    """The demo's reports in the order they were received, each with the user who
    registered it (the vertrouwenspersoon for its own route, else the integriteitsfunctionaris)
    and the fields to register (Meldingen.register, today = the export date)."""
    rng = _rng(seed)
    staff = _team_staff(size)  # type: ignore[arg-type]
    reports = []
    for department, _ in DEPARTMENTS:
        teams = [code for code, _, dep, _, _ in TEAMS if dep == department]
        people = np.array([staff[c] for c in teams], dtype=float)
        end = QUIET_FROM if department == QUIET_DEPARTMENT else TODAY + dt.timedelta(days=1)
        days = (end - START).days
        # the department's count at its rate, rounded: the rate holds at every size
        rate = float(rng.uniform(*RATE_RANGE))
        count = int(round(rate * FTE_PER_PERSON * people.sum() / 100 * days / 365))
        offsets = np.sort(rng.integers(0, days, size=count))
        picked = rng.choice(len(teams), size=count, p=people / people.sum())
        for offset, team in zip(offsets, picked, strict=True):
            received = START + dt.timedelta(days=int(offset))
            reports.append(_ordinary(rng, received, teams[int(team)]))
    reports += [dict(ACK_LATE), dict(ROUTE)]
    reports.sort(key=lambda r: (r["received_on"], r["org_unit"]))
    return [
        (CONFIDENTIAL_ADVISER if r["route"] == CONFIDENTIAL_ADVISER else INTEGRITY_OFFICER, r)
        for r in reports
    ]
