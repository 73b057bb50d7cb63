"""The planted scenarios: a unit, a risk and a start quarter each (``SCENARIOS``), and
the units that carry one per dataset, where bad rows are never put.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.demo.period import QUARTERS


@dataclass(frozen=True)
class Scenario:
    id: str
    risk_id: str
    org_unit: str
    start_quarter: str
    datasets: tuple[str, ...]
    indicators: tuple[str, ...]
    description: str

    @property
    def start_t(self) -> int:
        return QUARTERS.index(self.start_quarter) * 3


SCENARIOS: list[Scenario] = [
    Scenario(
        "S-RF1",
        "RF1",
        "VH-NRD",
        "2025-Q4",
        ("allocations", "survey_responses"),
        ("KRI-AL-SAME-APPROVER", "KRI-SV-DISC", "KRI-SV-CONG-MGT"),
        "Verhuur Noord keurt een derde van de eigen toewijzingen zelf goed en medewerkers "
        "ervaren weinig ruimte voor tegenspraak en weinig voorbeeldgedrag van de directie.",
    ),
    Scenario(
        "S-RF2",
        "RF2",
        "BV-IA",
        "2025-Q1",
        ("survey_responses", "employees"),
        ("KRI-SV-TRANSPARENCY", "KRI-SV-ISOLATION", "KRI-HR-NO-LEAVE-BLOCK", "KRI-HR-ROLE-YEARS"),
        "I&A werkt al jaren in dezelfde bezetting zonder rotatie, niemand neemt nog twee "
        "weken aaneengesloten verlof en het werk is voor anderen onzichtbaar.",
    ),
    Scenario(
        "S-RF3",
        "RF3",
        "VG-ONH",
        "2025-Q4",
        ("survey_responses",),
        ("KRI-SV-REPRISAL", "KRI-SV-DISC", "KRI-SV-SANCTION"),
        "In Planmatig onderhoud durft men misstanden niet te melden of te bespreken en "
        "worden overtredingen niet aangesproken.",
    ),
    Scenario(
        "S-RF4",
        "RF4",
        "KLT-WZ",
        "2025-Q2",
        ("feedback_360", "survey_responses"),
        ("KRI-HR-360", "KRI-SV-CONG-SUP"),
        "De teammanager van Wijkbeheer Zuid scoort laag op integriteit in de "
        "360-feedback en geeft volgens het team niet het goede voorbeeld.",
    ),
    Scenario(
        "S-RF5",
        "RF5",
        "FIN-DEB",
        "2026-Q1",
        ("survey_responses",),
        ("KRI-SV-CLARITY", "KRI-SV-FEASIBILITY"),
        "Bij Debiteuren & incasso zijn de normen onduidelijk en is het werk niet volgens "
        "de regels uit te voeren.",
    ),
    Scenario(
        "S-RF6",
        "RF6",
        "VH-WC",
        "2025-Q2",
        ("employees", "survey_responses"),
        ("KRI-HR-OVERTIME", "KRI-HR-SICK", "KRI-SV-RESULTS", "KRI-SV-FEASIBILITY"),
        "De woonconsulenten maken structureel veel overuren, het verzuim loopt op en "
        "alleen de productiecijfers lijken nog te tellen.",
    ),
    Scenario(
        "S-G1",
        "G1",
        "VH-ZLD",
        "2025-Q3",
        ("allocations",),
        (
            "KRI-AL-NO-MOTIVATION",
            "KRI-AL-OUT-OF-RANK",
            "KRI-AL-REGDATE-EDIT",
            "KRI-AL-STAFF",
            "KRI-AL-CONCENTRATION",
        ),
        "Verhuur Zuid wijst vaker maatwerk en direct toe zonder motivering, passeert "
        "kandidaten, wijzigt inschrijfdatums en verhuurt vaker aan medewerkers of familie.",
    ),
    Scenario(
        "S-G3",
        "G3",
        "VG-TD",
        "2026-Q1",
        ("vehicle_use",),
        ("KRI-REG-CAR-KM",),
        "Een derde van de Technische dienst rijdt in 2026 meer dan 500 privékilometers "
        "met de dienstauto.",
    ),
    Scenario(
        "S-G4",
        "G4",
        "VG-PO",
        "2025-Q1",
        ("gifts",),
        ("KRI-REG-GIFT-OVER50", "KRI-REG-GIFT-HOME", "KRI-REG-GIFT-SUPPLIER"),
        "Projectleiders van Projecten nemen dure geschenken, etentjes en uitjes van "
        "leveranciers aan, ook thuis afgeleverd.",
    ),
    Scenario(
        "S-D1",
        "D1",
        "KLT-KCC",
        "2025-Q4",
        ("hr_aggregates",),
        ("KRI-HR-GARNISH", "KRI-HR-SOCIAL-WORK"),
        "In het Klantcontactcentrum stijgen loonbeslagen en verwijzingen naar het "
        "bedrijfsmaatschappelijk werk sterk.",
    ),
    Scenario(
        "S-R2",
        "R2",
        "KLT-WB",
        "2026-Q2",
        ("survey_responses",),
        ("KRI-SV-RAT-TOP",),
        "In Wijkbeheer Noord is men het vaak eens met 'de top luistert toch niet'.",
    ),
    Scenario(
        "S-G2",
        "G2",
        "VG-ONH",
        "2025-Q4",
        ("procurement", "suppliers"),
        (
            "KRI-PR-SPLIT-ORDERS",
            "KRI-PR-FEW-QUOTES",
            "KRI-PR-NO-CONTRACT",
            "KRI-PR-JUST-UNDER",
            "KRI-PR-SAME-APPROVER",
        ),
        "Planmatig onderhoud knipt opdrachten aan één aannemer op: telkens drie tot vijf "
        "orders binnen drie weken, elk net onder de 50.000 euro en samen erboven, vaak door "
        "de coördinator zelf goedgekeurd; grotere opdrachten gaan zonder de vereiste "
        "procedure of met te weinig offertes.",
    ),
    Scenario(
        "S-G2-REL",
        "G2",
        "VG-TD",
        "2025-Q2",
        ("procurement", "suppliers"),
        ("KRI-PR-RELATED-SUPPLIER", "KRI-PR-BANK-CHANGE", "KRI-PR-CONCENTRATION"),
        "De Technische dienst geeft een vast deel van haar opdrachten aan een "
        "installatiebedrijf van een familielid van een medewerker; kort voor twee grote "
        "betalingen wijzigt dat bedrijf zijn rekeningnummer.",
    ),
]

# Scenarios of control measures' operation, not of a risk's likelihood: listed in the
# manifest under "control_scenarios" with the control measures whose operating evidence
# they concern (trainings.py).
CONTROL_SCENARIOS: list[dict] = [
    {
        "id": "S-OE",
        "org_unit": "KLT",
        "start_quarter": "2025-Q4",
        "datasets": ["trainings"],
        "control_measure_ids": ["D4-CM01", "R1-CM02", "R2-CM03", "R3-CM02", "RF3-CM02"],
        "description": "Klant & Wijk houdt vanaf 2025-Q4 geen dilemmasessies meer (de "
        "e-learning loopt door); alle andere afdelingen houden elk kwartaal dilemmasessies "
        "en e-learning.",
    }
]


def _scenario(sid: str) -> Scenario:
    return next(s for s in SCENARIOS if s.id == sid)


def control_scenario(sid: str) -> dict:
    return next(s for s in CONTROL_SCENARIOS if s["id"] == sid)


def _planted_units(dataset: str) -> list[str]:
    """Units with a scenario in this dataset: bad rows are never put there."""
    units = {s.org_unit for s in SCENARIOS if dataset in s.datasets}
    units |= {s["org_unit"] for s in CONTROL_SCENARIOS if dataset in s["datasets"]}
    return sorted(units)
