"""``radar demo``: a fictional corporation's exports, with planted risks and bad rows.

``generate_demo`` writes the files that the HR system, the survey vendor, the registers
and the allocation system of "Woonstichting Heuvelland" would export for 2024-10 to
2026-09 (eight quarters), the way Dutch exports look: ``;`` delimiters, decimal commas,
dd-mm-jjjj dates, ja/nee and j/n booleans, Windows-1252 and UTF-8 with BOM, one Excel
file, and the survey in the vendor's own column names with a mapping beside it.

Into that baseline it plants known scenarios (a unit, a risk, a start quarter; see
``SCENARIOS``) strong enough for a quarter-level funnel-plot test to flag the unit, and a
handful of deliberately bad rows, each breaking exactly one canonical rule. Both are
listed in ``manifest.json``, so tests and the ingest can check themselves against it.

Everything is drawn from ``numpy.random.default_rng(seed)`` (one spawned stream per
dataset), so one seed gives byte-identical files; the work is vectorised, so the large
organisation (about 5,000 people, 1.4 million survey answers) takes seconds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import yaml

from pipelines.ingest.quality import DATASETS

ORGANISATION = "Woonstichting Heuvelland"
ROOT = "WH"
FIRST_MONTH = "2024-10"
N_MONTHS = 24
MONTHS = np.arange(np.datetime64(FIRST_MONTH, "M"), np.datetime64(FIRST_MONTH, "M") + N_MONTHS)
MONTH_START = MONTHS.astype("datetime64[D]")
NEXT_MONTH_START = (MONTHS + 1).astype("datetime64[D]")
DAYS_IN_MONTH = (NEXT_MONTH_START - MONTH_START).astype(int)
WORKDAYS = np.busday_count(MONTH_START, NEXT_MONTH_START)
QUARTERS = [
    f"{int(str(MONTHS[t])[:4])}-Q{(int(str(MONTHS[t])[5:7]) - 1) // 3 + 1}"
    for t in range(0, N_MONTHS, 3)
]
EXPORT_DATE = np.datetime64("2026-09-30")  # the registers are exported at period end
FIXED_ZIP_TIME = (2026, 10, 1, 6, 0, 0)

# The exit-reason codes the employees contract knows.
EXIT_REASONS = ["vrijwillig", "pensioen", "einde_contract", "ontslag", "reorganisatie", "overig"]
EXIT_REASON_P = [0.50, 0.14, 0.18, 0.05, 0.05, 0.08]
FTE_VALUES = np.array([0.5, 0.6, 0.7, 0.8, 0.889, 0.9, 1.0])
FTE_P = [0.05, 0.06, 0.08, 0.20, 0.18, 0.08, 0.35]
STAFF_EXIT_P_MONTH = 0.0081  # ~9.3 %/year for staff; managers stay -> ~8 %/year overall

DEPARTMENTS: list[tuple[str, str]] = [
    ("VH", "Verhuur & Wonen"),
    ("VG", "Vastgoed"),
    ("FIN", "Financiën & Control"),
    ("KLT", "Klant & Wijk"),
    ("BV", "Bedrijfsvoering"),
    ("STR", "Strategie & Beleid"),
    ("DIR", "Bestuursbureau"),
]

# (code, name, department, base staff excl. the team manager, job titles). The first
# title takes the remainder; the others take max(1, round(share * staff)) places.
TEAMS: list[tuple[str, str, str, int, list[tuple[str, float]]]] = [
    ("VH-NRD", "Verhuur Noord", "VH", 12, [("Verhuurconsulent", 0), ("Coördinator verhuur", 0.08)]),
    ("VH-ZLD", "Verhuur Zuid", "VH", 12, [("Verhuurconsulent", 0), ("Coördinator verhuur", 0.08)]),
    ("VH-OOST", "Verhuur Oost", "VH", 10, [("Verhuurconsulent", 0), ("Coördinator verhuur", 0.08)]),
    ("VH-URG", "Urgentie & Maatwerk", "VH", 6, [("Verhuurconsulent", 0)]),
    ("VH-WC", "Woonconsulenten", "VH", 14, [("Woonconsulent", 0), ("Senior woonconsulent", 0.15)]),
    ("VG-PO", "Projecten", "VG", 10, [("Projectleider vastgoed", 0), ("Opzichter nieuwbouw", 0.3)]),
    (
        "VG-ONH",
        "Planmatig onderhoud",
        "VG",
        12,
        [("Opzichter", 0), ("Werkvoorbereider", 0.3), ("Coördinator planmatig onderhoud", 0.08)],
    ),
    ("VG-INK", "Inkoop", "VG", 4, [("Inkoper", 0), ("Contractbeheerder", 0.25)]),
    (
        "VG-TD",
        "Technische dienst",
        "VG",
        25,
        [
            ("Allround vakman", 0),
            ("Onderhoudsmonteur", 0.3),
            ("Opzichter dagelijks onderhoud", 0.12),
            ("Planner technische dienst", 0.08),
        ],
    ),
    ("VG-ASS", "Assetmanagement", "VG", 5, [("Assetmanager", 0), ("Data-analist vastgoed", 0.2)]),
    (
        "FIN-ADM",
        "Financiële administratie",
        "FIN",
        9,
        [("Medewerker financiële administratie", 0), ("Crediteurenadministrateur", 0.2)],
    ),
    ("FIN-CTL", "Control", "FIN", 4, [("Controller", 0), ("Business controller", 0.25)]),
    ("FIN-TRS", "Treasury", "FIN", 3, [("Treasurer", 0), ("Medewerker treasury", 0.34)]),
    (
        "FIN-DEB",
        "Debiteuren & incasso",
        "FIN",
        8,
        [
            ("Medewerker debiteuren", 0),
            ("Incassomedewerker", 0.25),
            ("Consulent huurachterstanden", 0.25),
        ],
    ),
    (
        "KLT-KCC",
        "Klantcontactcentrum",
        "KLT",
        20,
        [
            ("Klantadviseur", 0),
            ("Medewerker klantcontact", 0.3),
            ("Coördinator klantcontact", 0.05),
        ],
    ),
    (
        "KLT-WB",
        "Wijkbeheer Noord",
        "KLT",
        10,
        [("Wijkbeheerder", 0), ("Huismeester", 0.3), ("Wijkconsulent", 0.2)],
    ),
    (
        "KLT-WZ",
        "Wijkbeheer Zuid",
        "KLT",
        10,
        [("Wijkbeheerder", 0), ("Huismeester", 0.3), ("Wijkconsulent", 0.2)],
    ),
    (
        "KLT-LEF",
        "Leefbaarheid",
        "KLT",
        6,
        [("Leefbaarheidsconsulent", 0), ("Medewerker leefbaarheid", 0.34)],
    ),
    (
        "BV-HR",
        "HR",
        "BV",
        6,
        [("HR-adviseur", 0), ("Medewerker personeelszaken", 0.34), ("Salarisadministrateur", 0.17)],
    ),
    (
        "BV-IA",
        "Informatie & Automatisering",
        "BV",
        10,
        [
            ("Applicatiebeheerder", 0),
            ("Systeembeheerder", 0.3),
            ("Functioneel beheerder", 0.2),
            ("Informatie-analist", 0.1),
        ],
    ),
    (
        "BV-FAC",
        "Facilitair",
        "BV",
        5,
        [("Medewerker facilitaire zaken", 0), ("Medewerker receptie", 0.2)],
    ),
    ("BV-JZ", "Juridische zaken", "BV", 3, [("Jurist", 0), ("Bedrijfsjurist", 0.34)]),
    ("STR-BEL", "Beleid", "STR", 5, [("Beleidsadviseur wonen", 0), ("Beleidsmedewerker", 0.2)]),
    (
        "STR-COM",
        "Communicatie",
        "STR",
        4,
        [("Communicatieadviseur", 0), ("Medewerker communicatie", 0.25)],
    ),
    (
        "STR-RM",
        "Risicomanagement & Audit",
        "STR",
        3,
        [("Risicomanager", 0), ("Auditor", 0.34), ("Integriteitscoördinator", 0.34)],
    ),
    (
        "DIR-BB",
        "Bestuursbureau",
        "DIR",
        4,
        [("Bestuurssecretaris", 0), ("Managementassistent", 0.25), ("Bestuursadviseur", 0.25)],
    ),
]
TEAM_CODES = [t[0] for t in TEAMS]
SMALL_TEAM_LIMIT = 5  # teams whose staff (excl. the team manager) is below this stay small
TARGET_PEOPLE = {"small": 300, "large": 5000}  # people in the organisation, managers included

ALLOCATING_TEAMS = ["VH-NRD", "VH-ZLD", "VH-OOST", "VH-URG"]
CONSULTANT_TITLE = "Verhuurconsulent"
CAR_TEAMS = ["VG-TD", "VG-PO", "KLT-WB", "KLT-WZ"]
DISTRICTS = {
    "VH-NRD": ["Valkenburg", "Meerssen", "Beek", "Schinnen"],
    "VH-ZLD": ["Gulpen", "Eijsden", "Margraten", "Vaals"],
    "VH-OOST": ["Simpelveld", "Voerendaal", "Wittem", "Bocholtz"],
}
ALL_DISTRICTS = [d for ds in DISTRICTS.values() for d in ds]
CHANNELS = ["regulier", "urgentie", "maatwerk", "direct", "herhuisvesting", "statushouder"]

SIDE_JOB_SECTORS = [
    "Café-restaurant",
    "Coöperatie (bestuurslid)",
    "Energiecoöperatie",
    "Sportvereniging",
    "Onderwijs",
    "Zorg en welzijn",
    "Financiële dienstverlening",
    "Eigen bedrijf: schilderwerk",
    "Bouw en installatie",
    "Makelaardij",
    "Gemeenteraad",
    "Muziekvereniging / fanfare",
    "Kinderopvang",
    "Carnavalsvereniging",
]

Size = Literal["small", "large"]


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
]

# Survey: favourable-oriented latent means; a scenario sets its constructs/items to
# SCENARIO_MEAN from its start month on (over half the answers unfavourable, against
# about 9 % at the baseline mean, 5 % for the rationalisation items).
SURVEY_BASE_MEAN = 3.7
SURVEY_RAT_MEAN = 4.0
SURVEY_SD = 0.9
SCENARIO_MEAN = 2.3
SURVEY_TARGETS: dict[str, dict[str, list[str]]] = {
    "S-RF1": {"constructs": ["discussability", "congruence_management"], "items": []},
    "S-RF2": {"constructs": ["transparency"], "items": ["PS3", "PS5"]},
    "S-RF3": {"constructs": ["reprisal", "discussability", "sanctionability"], "items": []},
    "S-RF4": {"constructs": ["congruence_supervisors"], "items": []},
    "S-RF5": {"constructs": ["clarity", "feasibility"], "items": []},
    "S-RF6": {"constructs": ["results_focus", "feasibility"], "items": []},
    "S-R2": {"constructs": ["rat_top_not_listening"], "items": []},
}

FILES = {
    "org_units": ("org_units.csv", "csv", "utf-8-sig", ";"),
    "employees": ("employees.csv", "csv", "cp1252", ";"),
    "survey_responses": ("effectory_export.csv", "csv", "utf-8-sig", ","),
    "side_jobs": ("side_jobs.csv", "csv", "cp1252", ";"),
    "gifts": ("gifts.xlsx", "xlsx", None, None),
    "vehicle_use": ("vehicle_use.csv", "csv", "utf-8", ";"),
    "allocations": ("allocations.csv", "csv", "utf-8", ";"),
    "hr_aggregates": ("hr_aggregates.csv", "csv", "utf-8", ","),
    "feedback_360": ("feedback_360.csv", "csv", "utf-8", ";"),
}
# Windows exports (the HR system and the side-job register) end lines with CRLF.
LINE_ENDINGS = {"employees": "\r\n", "side_jobs": "\r\n"}
SURVEY_MAPPING_FILE = "effectory.mapping.yaml"
SURVEY_COLUMNS = {
    "RespondentID": "respondent_key",
    "Meetmoment": "wave_date",
    "Eenheid": "org_unit",
    "Vraagcode": "item_code",
    "Antwoord": "answer",
}
SURVEY_MAPPING_TEXT = (
    "# Column mapping: the survey vendor's export -> canonical survey_responses\n"
    "dataset: survey_responses\n"
    'files: ["effectory_export*.csv"]\n'
    "columns: {"
    + ", ".join(f"{vendor}: {canonical}" for vendor, canonical in SURVEY_COLUMNS.items())
    + "}\n"
)

# The columns each file is written with: the contract's (pipelines/ingest/quality), except the
# survey, which comes in the vendor's own names.
COLUMNS = {
    name: (list(SURVEY_COLUMNS) if name == "survey_responses" else spec.column_names)
    for name, spec in DATASETS.items()
}


# ---------------------------------------------------------------------------------------
# formatting helpers (vectorised through the unique values)
# ---------------------------------------------------------------------------------------


def _map_unique(values: np.ndarray, fmt) -> np.ndarray:
    uniq, inv = np.unique(values, return_inverse=True)
    out = np.array([fmt(u) for u in uniq], dtype=object)
    return out[inv.reshape(-1)]


def _dmy(days: np.ndarray) -> np.ndarray:
    """datetime64[D] -> 'dd-mm-jjjj'; NaT -> ''."""
    days = np.asarray(days, dtype="datetime64[D]")

    def f(d: np.datetime64) -> str:
        if np.isnat(d):
            return ""
        s = str(d)
        return f"{s[8:10]}-{s[5:7]}-{s[0:4]}"

    return _map_unique(days, f)


def _iso(days: np.ndarray) -> np.ndarray:
    return _map_unique(np.asarray(days, dtype="datetime64[D]"), str)


def _dec(values: np.ndarray, decimals: int, strip: bool = True, thousands: bool = False):
    """Dutch decimal comma: 0.8 -> '0,8', 1234.5 -> '1.234,5' (with thousands)."""

    def f(v: float) -> str:
        s = f"{v:,.{decimals}f}" if thousands else f"{v:.{decimals}f}"
        if strip and "." in s:
            s = s.rstrip("0").rstrip(".")
        return s.translate(str.maketrans({",": ".", ".": ","}))

    return _map_unique(np.round(np.asarray(values, dtype=float), decimals), f)


def _ints(values: np.ndarray) -> np.ndarray:
    return _map_unique(np.asarray(values, dtype=np.int64), str)


def _yes_no(flags: np.ndarray, yes: str = "ja", no: str = "nee") -> np.ndarray:
    return np.where(np.asarray(flags, dtype=bool), yes, no).astype(object)


# ---------------------------------------------------------------------------------------
# the organisation and its people
# ---------------------------------------------------------------------------------------


def _team_staff(size: Size) -> dict[str, int]:
    base = {code: n for code, _, _, n, _ in TEAMS}
    small = sum(n for n in base.values() if n < SMALL_TEAM_LIMIT)
    big = sum(n for n in base.values() if n >= SMALL_TEAM_LIMIT)
    managers = 1 + len(DEPARTMENTS) + len(TEAMS)
    factor = (TARGET_PEOPLE[size] - managers - small) / big
    return {c: (n if n < SMALL_TEAM_LIMIT else int(round(n * factor))) for c, n in base.items()}


def _title_counts(spec: list[tuple[str, float]], n: int) -> list[str]:
    titles: list[str] = []
    for title, share in spec[1:]:
        titles += [title] * max(1, int(round(share * n)))
    titles = titles[: max(0, n - 1)] if len(titles) >= n else titles
    return [spec[0][0]] * (n - len(titles)) + titles


@dataclass
class People:
    """Positions (slots) and the people who fill them over the 24 months."""

    # slots
    slot_unit: np.ndarray  # org unit code
    slot_team: np.ndarray  # team code, or '' for the bestuurder / department heads
    slot_role: np.ndarray  # bestuurder | head | manager | staff
    slot_title: np.ndarray
    slot_manager_slot: np.ndarray  # -1 for the bestuurder
    # persons
    slot: np.ndarray
    start_t: np.ndarray
    end_t: np.ndarray
    exited: np.ndarray
    hire: np.ndarray  # datetime64[D]
    role_start: np.ndarray
    exit_date: np.ndarray
    exit_reason: np.ndarray
    fte: np.ndarray
    key: np.ndarray  # 6-digit employee number, as text
    respondent: np.ndarray  # survey vendor id
    invite_offset: np.ndarray
    emp: np.ndarray  # (persons, months) employed that month
    anchor_zld: int  # the S-G1 consultant who collects the exceptions

    @property
    def unit(self) -> np.ndarray:
        return self.slot_unit[self.slot]

    @property
    def role(self) -> np.ndarray:
        return self.slot_role[self.slot]

    @property
    def title(self) -> np.ndarray:
        return self.slot_title[self.slot]

    def initial_person(self, slot: int) -> int:
        return int(np.flatnonzero((self.slot == slot) & (self.start_t == 0))[0])

    def manager_person(self) -> np.ndarray:
        """Person index of each person's manager (managers never leave), -1 for the top."""
        mslot = self.slot_manager_slot[self.slot]
        first = {int(s): self.initial_person(int(s)) for s in np.unique(mslot) if s >= 0}
        return np.array([first.get(int(s), -1) for s in mslot])

    def team_manager(self, team: str) -> int:
        s = np.flatnonzero((self.slot_unit == team) & (self.slot_role == "manager"))[0]
        return self.initial_person(int(s))

    def day_bounds(self, p: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """First and last day (1-based) of month t on which person p is employed."""
        hire_month = (self.hire[p].astype("datetime64[M]") - MONTHS[0]).astype(int)
        lo = np.where(hire_month == t, (self.hire[p] - MONTH_START[t]).astype(int) + 1, 1)
        ex_month = np.where(self.exited[p], self.end_t[p], -1)
        hi = np.where(
            ex_month == t, (self.exit_date[p] - MONTH_START[t]).astype(int) + 1, DAYS_IN_MONTH[t]
        )
        return lo, np.maximum(hi, lo)

    def random_day(self, rng, p, t, weekdays: bool = False) -> np.ndarray:
        lo, hi = self.day_bounds(p, t)
        day = lo + np.floor(rng.random(len(p)) * (hi - lo + 1)).astype(int)
        d = MONTH_START[t] + (day - 1).astype("timedelta64[D]")
        if weekdays:
            wd = ((d - np.datetime64("1970-01-05")).astype(int)) % 7  # 0 = Monday
            shift = np.where(wd == 5, -1, np.where(wd == 6, -2, 0))
            back = d + shift.astype("timedelta64[D]")
            first = MONTH_START[t] + (lo - 1).astype("timedelta64[D]")
            fwd = d + np.where(wd == 5, 2, np.where(wd == 6, 1, 0)).astype("timedelta64[D]")
            last = MONTH_START[t] + (hi - 1).astype("timedelta64[D]")
            d = np.where(back >= first, back, np.minimum(fwd, last))
        return d


def _org_frame() -> pd.DataFrame:
    rows = [(ROOT, ORGANISATION, "", "organisatie")]
    rows += [(code, name, ROOT, "afdeling") for code, name in DEPARTMENTS]
    rows += [(code, name, dept, "team") for code, name, dept, _, _ in TEAMS]
    return pd.DataFrame(rows, columns=COLUMNS["org_units"])


def _build_people(rng: np.random.Generator, size: Size) -> People:
    staff = _team_staff(size)
    unit, team, role, title, mslot, can_exit = [], [], [], [], [], []

    def add(u: str, tm: str, r: str, ti: str, m: int, ce: bool) -> int:
        for column, value in zip(
            (unit, team, role, title, mslot, can_exit), (u, tm, r, ti, m, ce), strict=True
        ):
            column.append(value)
        return len(unit) - 1

    top = add(ROOT, "", "bestuurder", "Directeur-bestuurder", -1, False)
    heads = {c: add(c, "", "head", f"Manager {n}", top, False) for c, n in DEPARTMENTS}
    anchor_slot = -1
    for code, name, dept, _, spec in TEAMS:
        mgr = add(code, code, "manager", f"Teammanager {name}", heads[dept], False)
        for i, ti in enumerate(_title_counts(spec, staff[code])):
            # BV-IA: nobody leaves (isolation); one VH-ZLD consultant stays throughout (S-G1).
            stays = code == "BV-IA" or (code == "VH-ZLD" and i == 0)
            s = add(code, code, "staff", ti, mgr, not stays)
            if code == "VH-ZLD" and i == 0:
                anchor_slot = s
    slot_unit = np.array(unit, dtype=object)
    slot_role = np.array(role, dtype=object)
    can_exit = np.array(can_exit)
    S, T = len(unit), N_MONTHS

    exits = (rng.random((S, T)) < STAFF_EXIT_P_MONTH) & can_exit[:, None]
    es, et = np.nonzero(exits)  # sorted by slot, then month
    E = len(es)
    rank = np.zeros(E, dtype=int)
    if E:
        same = np.r_[False, es[1:] == es[:-1]]
        grp_start = np.flatnonzero(~same)
        rank = np.arange(E) - np.repeat(grp_start, np.diff(np.r_[grp_start, E]))
    P = S + E
    slot = np.r_[np.arange(S), es]
    start_t = np.r_[np.zeros(S, dtype=int), et + 1]
    end_t = np.full(P, T - 1)
    exited = np.zeros(P, dtype=bool)
    leaver = np.where(rank == 0, es, S + np.arange(E) - 1)
    end_t[leaver] = et
    exited[leaver] = True
    keep = start_t <= T - 1
    slot, start_t, end_t, exited = slot[keep], start_t[keep], end_t[keep], exited[keep]
    P = len(slot)
    is_initial = start_t == 0
    prole = slot_role[slot]
    punit = slot_unit[slot]

    # hire and role start dates
    tenure = np.where(prole == "staff", rng.gamma(1.5, 4.5, P), rng.gamma(2.5, 4.0, P)).clip(
        0.2, 38.0
    )
    bvia = punit == "BV-IA"
    tenure = np.where(bvia, rng.uniform(12, 28, P), tenure)
    hire_init = MONTH_START[0] - np.round(tenure * 365.25).astype("timedelta64[D]")
    first_of_month = rng.random(P) < 0.6
    hire_init = np.where(
        first_of_month, hire_init.astype("datetime64[M]").astype("datetime64[D]"), hire_init
    )
    st = np.minimum(start_t, T - 1)
    hire_new = MONTH_START[st] + np.where(rng.random(P) < 0.7, 0, rng.integers(1, 27, P)).astype(
        "timedelta64[D]"
    )
    hire = np.where(is_initial, hire_init, hire_new).astype("datetime64[D]")
    years_in_org = (MONTH_START[0] - hire).astype(int) / 365.25
    moved = rng.random(P) < 0.65
    frac = rng.uniform(0.2, 1.0, P)
    role_offset = np.where(moved, frac * years_in_org, 0.0)
    role_offset = np.where(
        bvia, np.where(rng.random(P) < 0.8, rng.uniform(0, 2, P), rng.uniform(2, 6, P)), role_offset
    )
    role_start = hire + np.round(role_offset * 365.25).astype("timedelta64[D]")
    role_start = np.where(is_initial, np.minimum(role_start, MONTH_START[0] - 30), hire)
    role_start = np.maximum(role_start, hire).astype("datetime64[D]")

    # exits
    dim = DAYS_IN_MONTH[end_t]
    ex_day = np.where(rng.random(P) < 0.6, dim, rng.integers(1, 29, P))
    exit_date = MONTH_START[end_t] + (ex_day - 1).astype("timedelta64[D]")
    exit_date = np.where(exit_date < hire, MONTH_START[end_t] + (dim - 1), exit_date)
    exit_date = np.where(exited, exit_date, np.datetime64("NaT")).astype("datetime64[D]")
    reason = np.array(EXIT_REASONS, dtype=object)[rng.choice(6, P, p=EXIT_REASON_P)]
    reason = np.where(exited, reason, "")

    fte = FTE_VALUES[rng.choice(len(FTE_VALUES), P, p=FTE_P)]
    fte = np.where(prole == "staff", fte, np.where(rng.random(P) < 0.7, 1.0, 0.889))

    # employee numbers rise with the hire date, as HR systems hand them out
    order = np.lexsort((slot, hire))
    nums = np.empty(P, dtype=np.int64)
    nums[order] = 100000 + np.cumsum(rng.integers(1, 25, P))
    key = np.array([f"{n:06d}" for n in nums], dtype=object)
    resp_nums = rng.choice(9_000_000, P, replace=False) + 1_000_000
    respondent = np.array([f"R{n:07d}" for n in resp_nums], dtype=object)
    invite_offset = rng.integers(0, 3, P)

    t = np.arange(T)
    emp = (start_t[:, None] <= t[None, :]) & (t[None, :] <= end_t[:, None])
    anchor = int(np.flatnonzero((slot == anchor_slot) & (start_t == 0))[0])
    return People(
        slot_unit=slot_unit,
        slot_team=np.array(team, dtype=object),
        slot_role=slot_role,
        slot_title=np.array(title, dtype=object),
        slot_manager_slot=np.array(mslot),
        slot=slot,
        start_t=start_t,
        end_t=end_t,
        exited=exited,
        hire=hire,
        role_start=role_start,
        exit_date=exit_date,
        exit_reason=reason,
        fte=fte,
        key=key,
        respondent=respondent,
        invite_offset=invite_offset,
        emp=emp,
        anchor_zld=anchor,
    )


def _scenario(sid: str) -> Scenario:
    return next(s for s in SCENARIOS if s.id == sid)


def _planted_units(dataset: str) -> list[str]:
    """Units with a scenario in this dataset: bad rows are never put there."""
    return sorted({s.org_unit for s in SCENARIOS if dataset in s.datasets})


# ---------------------------------------------------------------------------------------
# datasets: each returns the file's frame (all text) and its bad-row specs
# ---------------------------------------------------------------------------------------


@dataclass
class Bad:
    row: int  # index in the clean frame
    column: str  # column as in the file
    canonical: str
    value: str
    reason: str
    duplicate: bool = False  # insert a copy after `row`; both rows are listed
    dup_changes: dict[str, str] | None = None


def _pick_rows(rng, eligible: np.ndarray, n: int) -> list[int]:
    idx = np.flatnonzero(eligible)
    # keep clear of the first rows, so a bad row is never mistaken for a header problem
    idx = idx[idx >= min(5, max(0, len(eligible) - n))]
    return sorted(int(i) for i in rng.choice(idx, n, replace=False))


def _employees(rng, ppl: People, out_bad: list[Bad]) -> pd.DataFrame:
    P, T = ppl.emp.shape
    p, t = np.nonzero(ppl.emp)
    n = len(p)
    unit = ppl.unit[p]
    role = ppl.role[p]
    mgr = ppl.manager_person()
    wc = _scenario("S-RF6")
    in_wc = (unit == wc.org_unit) & (t >= wc.start_t)

    # sick days: short spells, long-term episodes; S-RF6 raises both
    short_p = np.where(in_wc, 0.40, 0.20)
    short = np.where(
        rng.random(n) < short_p, np.where(in_wc, rng.integers(2, 8, n), rng.integers(1, 6, n)), 0
    )
    has_ep = rng.random(P) < 0.05
    ep_start = rng.integers(0, T, P)
    ep_len = rng.integers(2, 7, P)
    in_ep = has_ep[p] & (ep_start[p] <= t) & (t < ep_start[p] + ep_len[p])
    in_ep |= in_wc & (rng.random(n) < 0.06)
    long_days = np.round(WORKDAYS[t] * rng.uniform(0.8, 1.0, n))
    half = np.where(rng.random(n) < 0.1, 0.5, 0.0)
    sick = np.where(in_ep, long_days, short + np.where(short > 0, half, 0.0))
    sick = np.minimum(sick, DAYS_IN_MONTH[t])

    # overtime: S-RF6 several times the base
    ot_p = np.where(in_wc, 0.95, np.where(role == "staff", 0.35, 0.6))
    ot = np.where(in_wc, rng.gamma(4.0, 4.0, n), rng.gamma(2.0, 2.0, n))
    overtime = np.where(rng.random(n) < ot_p, np.round(ot * 2) / 2, 0.0)
    overtime = np.where(in_ep, 0.0, overtime)

    # leave blocks: one main block a year (summer mostly), one minor block
    years = np.array([2023, 2024, 2025, 2026])
    main_month = np.array([6, 7, 7, 7, 8, 8, 8])[rng.integers(0, 7, (P, 4))]
    main_len = np.where(
        rng.random((P, 4)) < 0.90, rng.integers(14, 25, (P, 4)), rng.integers(7, 14, (P, 4))
    )
    minor_month = np.array([2, 4, 5, 12])[rng.integers(0, 4, (P, 4))]
    minor_len = rng.integers(3, 10, (P, 4))
    # S-RF2: BV-IA's last long block was in January 2024; from 2025-Q1 nobody reaches 10 days
    ia = ppl.unit == _scenario("S-RF2").org_unit
    main_month[ia, 1] = 1
    main_len[ia, 1] = rng.integers(14, 22, int(ia.sum()))
    main_len[ia, 2:] = rng.integers(5, 10, (int(ia.sum()), 2))
    ev_idx = np.c_[(years - 2024) * 12 + main_month - 10, (years - 2024) * 12 + minor_month - 10]
    ev_len = np.c_[main_len, minor_len]
    hire_idx = (ppl.hire.astype("datetime64[M]") - MONTHS[0]).astype(int)
    valid_hire = ev_idx >= hire_idx[:, None]
    block = np.zeros((P, T), dtype=int)
    leave_extra = np.zeros((P, T))
    for tt in range(T):
        valid = valid_hire & (ev_idx <= tt) & (ev_idx > tt - 12)
        block[:, tt] = np.where(valid, ev_len, 0).max(axis=1)
        now = valid_hire & (ev_idx == tt)
        leave_extra[:, tt] = np.where(now, np.round(ev_len * 5 / 7), 0).sum(axis=1)
    longest = block[p, t]
    leave = rng.poisson(1.2, n) + np.where(rng.random(n) < 0.2, 0.5, 0.0) + leave_extra[p, t]
    leave = np.minimum(leave, WORKDAYS[t])

    exit_now = ppl.exited[p] & (ppl.end_t[p] == t)
    mk = np.where(mgr[p] >= 0, ppl.key[np.maximum(mgr[p], 0)], "")
    df = pd.DataFrame(
        {
            "employee_key": ppl.key[p],
            "snapshot_month": _map_unique(MONTHS[t], str),
            "org_unit": unit,
            "manager_key": mk,
            "job_title": ppl.title[p],
            "is_manager": _yes_no(role != "staff"),
            "fte": _dec(ppl.fte[p], 3),
            "hire_date": _dmy(ppl.hire[p]),
            "role_start_date": _dmy(ppl.role_start[p]),
            "sick_days": _dec(sick, 1),
            "overtime_hours": _dec(overtime, 1),
            "leave_days": _dec(leave, 1),
            "longest_leave_block_days_12m": _ints(longest),
            "exit_date": np.where(exit_now, _dmy(ppl.exit_date[p]), ""),
            "exit_reason": np.where(exit_now, ppl.exit_reason[p], ""),
        }
    )
    df = df.iloc[np.lexsort((df["employee_key"].to_numpy(), t))].reset_index(drop=True)
    t_sorted = np.sort(t, kind="stable")

    ok = (
        (df["is_manager"] == "nee").to_numpy()
        & ~df["org_unit"].isin(_planted_units("employees")).to_numpy()
        & (df["exit_date"] == "").to_numpy()
        & (t_sorted > 2)
    )
    dup_row, fte_row = _pick_rows(rng, ok, 2)
    if rng.random() < 0.5:
        dup_row, fte_row = fte_row, dup_row
    old_ot = df.at[dup_row, "overtime_hours"]
    out_bad.append(
        Bad(
            dup_row,
            "employee_key",
            "employee_key",
            df.at[dup_row, "employee_key"],
            "duplicate_key",
            duplicate=True,
            dup_changes={"overtime_hours": "2,5" if old_ot != "2,5" else "4"},
        )
    )
    out_bad.append(Bad(fte_row, "fte", "fte", "0", "out_of_range"))
    return df


def _survey(rng, ppl: People, bank: list[dict], out_bad: list[Bad]) -> pd.DataFrame:
    P, T = ppl.emp.shape
    codes = [it["code"] for it in bank]
    constructs = sorted({it["construct"] for it in bank})
    c_of = np.array([constructs.index(it["construct"]) for it in bank])
    reverse = np.array([bool(it.get("reverse", False)) for it in bank])
    units = [ROOT] + [c for c, _ in DEPARTMENTS] + TEAM_CODES
    U, n_items, C = len(units), len(codes), len(constructs)
    base = np.array(
        [SURVEY_RAT_MEAN if c.startswith("rat_") else SURVEY_BASE_MEAN for c in constructs]
    )
    unit_c = base[None, :] + rng.normal(0, 0.12, (U, C))
    item_shift = rng.normal(0, 0.08, n_items)
    M = np.repeat((unit_c[:, c_of] + item_shift[None, :])[:, :, None], T, axis=2)
    for sid, target in SURVEY_TARGETS.items():
        sc = _scenario(sid)
        items = [
            i
            for i, it in enumerate(bank)
            if it["construct"] in target["constructs"] or it["code"] in target["items"]
        ]
        M[units.index(sc.org_unit), items, sc.start_t :] = SCENARIO_MEAN

    months = np.arange(T)
    invited = ppl.emp & (ppl.invite_offset[:, None] == (months % 3)[None, :])
    invited &= (ppl.role != "bestuurder")[:, None]
    p, t = np.nonzero(invited)
    responded = rng.random(len(p)) < 0.70
    p, t = p[responded], t[responded]
    order = np.lexsort((ppl.respondent[p], t))
    p, t = p[order], t[order]
    R = len(p)
    u = np.array([units.index(x) for x in ppl.unit], dtype=int)[p]

    pr = np.repeat(np.arange(R), n_items)
    it = np.tile(np.arange(n_items), R)
    tr = t[pr]
    mu = M[u[pr], it, tr]
    x = np.clip(np.rint(mu + rng.normal(0, SURVEY_SD, R * n_items)), 1, 5).astype(int)
    ans = np.where(reverse[it], 6 - x, x)
    ans = np.where(rng.random(R * n_items) < 0.03, 0, ans)
    answer_text = np.array(["", "1", "2", "3", "4", "5"], dtype=object)[ans]
    wave = _dmy(MONTH_START[t] + np.timedelta64(14, "D"))
    unit_code = np.array(units, dtype=object)[u]
    df = pd.DataFrame(
        {
            "RespondentID": ppl.respondent[p][pr],
            "Meetmoment": wave[pr],
            "Eenheid": unit_code[pr],
            "Vraagcode": np.array(codes, dtype=object)[it],
            "Antwoord": answer_text,
        }
    )
    ok = ~np.isin(unit_code[pr], _planted_units("survey_responses"))
    rows = _pick_rows(rng, ok, 5)
    for row, (col, canon, val, reason) in zip(
        rng.permutation(rows).tolist(),
        [
            ("Antwoord", "answer", "6", "out_of_range"),
            ("Antwoord", "answer", "drie", "wrong_type"),
            ("Antwoord", "answer", "0", "out_of_range"),
            ("Meetmoment", "wave_date", "15-01-2099", "future_date"),
            ("Eenheid", "org_unit", "XX-99", "unknown_org_unit"),
        ],
        strict=True,
    ):
        out_bad.append(Bad(int(row), col, canon, val, reason))
    return df


def _side_jobs(rng, ppl: People, out_bad: list[Bad]) -> pd.DataFrame:
    P = len(ppl.slot)
    chosen = np.sort(rng.choice(P, int(round(0.10 * P)), replace=False))
    n = len(chosen)
    lo = np.maximum(ppl.hire[chosen], np.datetime64("2018-01-01"))
    hi = np.where(ppl.exited[chosen], ppl.exit_date[chosen], EXPORT_DATE)
    hi = np.maximum(hi, lo)
    span = (hi - lo).astype(int)
    registered = lo + np.floor(rng.random(n) * (span + 1)).astype("timedelta64[D]")
    approved = registered + rng.integers(3, 42, n).astype("timedelta64[D]")
    started = approved + rng.integers(0, 90, n).astype("timedelta64[D]")
    # a few started before approval, a few not (yet) approved, a few for tenants/relations
    perm = rng.permutation(n)
    n_before, n_pending = max(2, round(0.07 * n)), max(1, round(0.04 * n))
    before = np.isin(np.arange(n), perm[:n_before])
    pending = np.isin(np.arange(n), perm[n_before : n_before + n_pending])
    started = np.where(
        before, registered - rng.integers(0, 60, n).astype("timedelta64[D]"), started
    )
    approved = np.where(pending | (approved > EXPORT_DATE), np.datetime64("NaT"), approved)
    tenant = np.isin(np.arange(n), rng.permutation(n)[: max(2, round(0.05 * n))])
    # every sector occurs (the register reads like a real one, with its é, ë and ö)
    sector = np.array(SIDE_JOB_SECTORS, dtype=object)[rng.permutation(n) % len(SIDE_JOB_SECTORS)]
    df = pd.DataFrame(
        {
            "employee_key": ppl.key[chosen],
            "registered_on": _dmy(registered),
            "started_on": _dmy(started.astype("datetime64[D]")),
            "approved_on": _dmy(approved.astype("datetime64[D]")),
            "sector": sector,
            "involves_tenant_or_relation": _yes_no(tenant),
        }
    )
    df = df.iloc[np.lexsort((df["employee_key"].to_numpy(), registered))].reset_index(drop=True)
    (row,) = _pick_rows(rng, np.ones(len(df), dtype=bool), 1)
    out_bad.append(Bad(row, "registered_on", "registered_on", "", "missing_required"))
    return df


GIFT_RATE = {  # gifts registered per person per month
    "VH": 0.12,
    "VG-PO": 0.12,
    "VG-ONH": 0.12,
    "VG-INK": 0.15,
    "VG-TD": 0.08,
    "KLT-WB": 0.12,
    "KLT-WZ": 0.12,
    "KLT-LEF": 0.10,
    "KLT-KCC": 0.04,
    "FIN-DEB": 0.04,
}


def _gifts(rng, ppl: People, out_bad: list[Bad]) -> pd.DataFrame:
    P, T = ppl.emp.shape
    unit = ppl.unit
    dept = np.array([u.split("-")[0] for u in unit], dtype=object)
    pairs = zip(unit, dept, strict=True)
    rate = np.array([GIFT_RATE.get(u, GIFT_RATE.get(d, 0.015)) for u, d in pairs])
    counts = rng.poisson(rate[:, None] * ppl.emp)
    p, t = np.nonzero(counts)
    reps = counts[p, t]
    p, t = np.repeat(p, reps), np.repeat(t, reps)
    n = len(p)
    du = dept[p]
    tenant_facing = np.isin(du, ["VH", "KLT"]) | (unit[p] == "FIN-DEB")
    supplier_facing = du == "VG"
    r = rng.random(n)
    giver = np.where(
        tenant_facing,
        np.where(r < 0.70, "huurder", np.where(r < 0.85, "leverancier", "overig")),
        np.where(
            supplier_facing,
            np.where(r < 0.75, "leverancier", np.where(r < 0.9, "huurder", "overig")),
            np.where(r < 0.45, "leverancier", np.where(r < 0.55, "huurder", "overig")),
        ),
    )
    r = rng.random(n)
    gtype = np.where(
        giver == "huurder",
        np.where(
            r < 0.88,
            "goederen",
            np.where(r < 0.93, "tegoedbon", np.where(r < 0.96, "geld", "overig")),
        ),
        np.where(
            giver == "leverancier",
            np.where(
                r < 0.70,
                "goederen",
                np.where(
                    r < 0.80,
                    "etentje",
                    np.where(
                        r < 0.88,
                        "evenement",
                        np.where(r < 0.89, "reis", np.where(r < 0.93, "tegoedbon", "overig")),
                    ),
                ),
            ),
            np.where(
                r < 0.75,
                "goederen",
                np.where(r < 0.85, "etentje", np.where(r < 0.93, "evenement", "overig")),
            ),
        ),
    )
    median = {
        "goederen": 20,
        "etentje": 35,
        "evenement": 40,
        "reis": 450,
        "tegoedbon": 25,
        "geld": 20,
        "overig": 15,
    }
    med = np.array([median[g] for g in gtype])
    value = med * np.exp(rng.normal(0, 0.5, n))
    value = np.maximum(5.0, np.round(value * 2) / 2)
    home = rng.random(n) < 0.015
    over = value > 50
    forbidden = (giver == "huurder") & np.isin(gtype, ["geld", "tegoedbon"])
    hospitality = np.isin(gtype, ["etentje", "evenement", "reis"])
    r = rng.random(n)
    decision = np.where(
        forbidden | home,
        np.where(r < 0.85, "geweigerd", np.where(r < 0.97, "afgestaan", "geaccepteerd")),
        np.where(
            over,
            np.where(r < 0.55, "geweigerd", np.where(r < 0.97, "afgestaan", "geaccepteerd")),
            np.where(
                hospitality,
                np.where(r < 0.55, "geweigerd", "geaccepteerd"),
                np.where(
                    r < 0.55,
                    "geaccepteerd",
                    np.where(r < 0.95, "gedeeld", np.where(r < 0.98, "afgestaan", "geweigerd")),
                ),
            ),
        ),
    )
    received = ppl.random_day(rng, p, t)

    # S-G4: VG-PO accepts expensive gifts and hospitality from suppliers, often at home
    sc = _scenario("S-G4")
    in_po = np.flatnonzero(unit == sc.org_unit)
    extra_p, extra_t = [], []
    for q in range(sc.start_t // 3, N_MONTHS // 3):
        ts = np.arange(q * 3, q * 3 + 3)
        pairs = np.argwhere(ppl.emp[np.ix_(in_po, ts)])
        head = len(np.unique(pairs[:, 0]))
        k = max(2, int(rng.poisson(0.25 * head)))
        pick = pairs[rng.integers(0, len(pairs), k)]
        extra_p.append(in_po[pick[:, 0]])
        extra_t.append(ts[pick[:, 1]])
    ep, et = np.concatenate(extra_p), np.concatenate(extra_t)
    m = len(ep)
    etype = np.array(["goederen", "evenement", "etentje", "reis"], dtype=object)[
        rng.choice(4, m, p=[0.35, 0.3, 0.25, 0.1])
    ]
    evalue = np.where(etype == "reis", rng.uniform(400, 1500, m), rng.uniform(75, 400, m))
    evalue = np.round(evalue / 5) * 5
    ehome = (etype == "goederen") | (rng.random(m) < 0.3)
    edecision = np.where(rng.random(m) < 0.8, "geaccepteerd", "gedeeld")
    p = np.r_[p, ep]
    received = np.r_[received, ppl.random_day(rng, ep, et)]
    giver = np.r_[giver, np.full(m, "leverancier")]
    gtype = np.r_[gtype, etype]
    value = np.r_[value, evalue]
    home = np.r_[home, ehome]
    decision = np.r_[decision, edecision]

    order = np.lexsort((ppl.key[p], received))
    df = pd.DataFrame(
        {
            "employee_key": ppl.key[p][order],
            "received_on": received[order],
            "giver_type": giver[order].astype(object),
            "gift_type": gtype[order].astype(object),
            "value_eur": value[order].astype(float),
            "delivered_at_home": _yes_no(home[order]),
            "decision": decision[order].astype(object),
        }
    )
    ok = ~np.isin(unit[p][order], _planted_units("gifts"))
    (row,) = _pick_rows(rng, ok, 1)
    out_bad.append(Bad(row, "gift_type", "gift_type", "cadeaubon", "not_in_set"))
    return df


def _vehicle_use(rng, ppl: People, out_bad: list[Bad]) -> pd.DataFrame:
    years = np.array([int(str(m)[:4]) for m in MONTHS])
    users = np.isin(ppl.unit, CAR_TEAMS) & np.isin(ppl.role, ["staff", "manager"])
    rows_p, rows_y = [], []
    for y in (2024, 2025, 2026):
        active = users & ppl.emp[:, years == y].any(axis=1)
        idx = np.flatnonzero(active)
        rows_p.append(idx)
        rows_y.append(np.full(len(idx), y))
    p, yr = np.concatenate(rows_p), np.concatenate(rows_y)
    n = len(p)
    km = np.where(rng.random(n) < 0.25, 0.0, rng.gamma(1.6, 90.0, n))
    km = np.where(km >= 500, rng.uniform(250, 480, n), km)
    km = np.where(rng.random(n) < 0.01, rng.uniform(510, 900, n), km)  # a rare excess
    sc = _scenario("S-G3")
    year0 = int(sc.start_quarter[:4])
    target = np.flatnonzero((ppl.unit[p] == sc.org_unit) & (yr == year0))
    over = rng.choice(target, int(np.ceil(len(target) / 3)), replace=False)
    km[over] = rng.uniform(520, 2400, len(over))
    km = np.round(km, 1)
    order = np.lexsort((ppl.key[p], yr))
    df = pd.DataFrame(
        {
            "employee_key": ppl.key[p][order],
            "year": _ints(yr[order]),
            "private_km": _dec(km[order], 1, strip=False, thousands=True),
        }
    )
    ok = ~np.isin(ppl.unit[p][order], _planted_units("vehicle_use")) & (yr[order] == 2025)
    (row,) = _pick_rows(rng, ok, 1)
    out_bad.append(Bad(row, "private_km", "private_km", "-12", "out_of_range"))
    return df


def _allocations(rng, ppl: People, size: Size, out_bad: list[Bad]) -> pd.DataFrame:
    T = N_MONTHS
    consultant = np.isin(ppl.unit, ALLOCATING_TEAMS) & (ppl.title == CONSULTANT_TITLE)
    per_month = 100 if size == "small" else 1000
    ps, ts = [], []
    for t in range(T):
        avail = np.flatnonzero(consultant & ppl.emp[:, t])
        k = int(rng.poisson(per_month))
        ps.append(avail[rng.integers(0, len(avail), k)])
        ts.append(np.full(k, t))
    p, t = np.concatenate(ps), np.concatenate(ts)
    n = len(p)
    team = ppl.unit[p]
    urg = team == "VH-URG"
    ch_regional = [0.80, 0.03, 0.02, 0.05, 0.04, 0.06]
    ch_urg = [0.0, 0.35, 0.30, 0.05, 0.15, 0.15]
    channel = np.where(urg, rng.choice(6, n, p=ch_urg), rng.choice(6, n, p=ch_regional))
    g1 = _scenario("S-G1")
    in_g1 = (team == g1.org_unit) & (t >= g1.start_t)
    channel = np.where(in_g1, rng.choice(6, n, p=[0.68, 0.03, 0.10, 0.10, 0.04, 0.05]), channel)
    channel = np.array(CHANNELS, dtype=object)[channel]
    regular = channel == "regulier"
    md = np.isin(channel, ["maatwerk", "direct"])
    # S-G1: one consultant collects most of the exceptions
    to_anchor = in_g1 & md & (rng.random(n) < 0.6)
    p = np.where(to_anchor, ppl.anchor_zld, p)

    rank = rng.choice([1, 2, 3, 4, 5, 6], n, p=[0.88, 0.08, 0.025, 0.008, 0.004, 0.003])
    rank = np.where(in_g1 & (rng.random(n) < 0.25), rng.integers(2, 6, n), rank)
    motivation = np.where(
        regular,
        (rank > 1) & (rng.random(n) < np.where(in_g1, 0.40, 0.95)),
        rng.random(n) < np.where(md, np.where(in_g1, 0.45, 0.98), 0.95),
    )
    related = rng.random(n) < np.where(in_g1, 0.05, 0.003)
    regdate = rng.random(n) < np.where(in_g1, 0.08, 0.003)

    managers = {tm: ppl.team_manager(tm) for tm in ALLOCATING_TEAMS}
    approver = np.array([managers[tm] for tm in team])
    rf1 = _scenario("S-RF1")
    same = rng.random(n) < np.where(
        (team == rf1.org_unit) & (t >= rf1.start_t), 0.30, np.where(regular, 0.0, 0.005)
    )
    approver = np.where(same, p, approver)

    district_list = np.array(ALL_DISTRICTS, dtype=object)
    dist_idx = np.where(
        np.isin(team, list(DISTRICTS)),
        np.array([ALL_DISTRICTS.index(DISTRICTS.get(tm, ALL_DISTRICTS)[0]) for tm in team])
        + rng.integers(0, 4, n),
        rng.integers(0, len(ALL_DISTRICTS), n),
    )
    stock = 1500 if size == "small" else 9000
    stock_no = rng.integers(1, stock, n)
    dwelling = np.array(
        [f"VHE{d + 1:02d}{k:04d}" for d, k in zip(dist_idx, stock_no, strict=True)],
        dtype=object,
    )
    day = ppl.random_day(rng, p, t, weekdays=True)
    order = np.lexsort((rng.random(n), day))
    day, p, t = day[order], p[order], t[order]
    year = day.astype("datetime64[Y]").astype(int) + 1970
    seq = pd.Series(year).groupby(year).cumcount().to_numpy() + 1
    ids = np.array([f"TW-{y}-{s:06d}" for y, s in zip(year, seq, strict=True)], dtype=object)
    df = pd.DataFrame(
        {
            "allocation_id": ids,
            "allocated_on": _dmy(day),
            "dwelling_id": dwelling[order],
            "district": district_list[dist_idx[order]],
            "channel": channel[order],
            "candidate_rank": np.where(regular[order], _ints(rank[order]), ""),
            "motivation_recorded": _yes_no(motivation[order], "j", "n"),
            "consultant_key": ppl.key[p],
            "approver_key": ppl.key[approver[order]],
            "related_to_employee": _yes_no(related[order], "j", "n"),
            "registration_date_modified": _yes_no(regdate[order], "j", "n"),
        }
    )
    ok = regular[order] & (rank[order] == 1) & ~np.isin(team[order], _planted_units("allocations"))
    (row,) = _pick_rows(rng, ok, 1)
    out_bad.append(Bad(row, "candidate_rank", "candidate_rank", "0", "out_of_range"))
    return df


def _hr_aggregates(rng, ppl: People) -> pd.DataFrame:
    T = N_MONTHS
    team_fte = np.array(
        [(ppl.emp[ppl.unit == tm] * ppl.fte[ppl.unit == tm, None]).sum(axis=0) for tm in TEAM_CODES]
    )  # (teams, months)
    K = len(TEAM_CODES)
    diff = np.zeros((K, T + 1), dtype=int)

    def add_cases(k: int, start: np.ndarray, length: np.ndarray) -> None:
        end = np.minimum(start + length, T)
        np.add.at(diff[k], np.clip(start, 0, T), 1)
        np.add.at(diff[k], end, -1)

    for k in range(K):
        n0 = rng.poisson(0.013 * team_fte[k, 0])
        add_cases(k, np.zeros(n0, dtype=int), rng.integers(1, 19, n0))
        new = rng.poisson(0.0009 * team_fte[k])
        starts = np.repeat(np.arange(T), new)
        add_cases(k, starts, rng.integers(6, 25, len(starts)))
    referrals = rng.poisson(0.0025 * team_fte)

    sc = _scenario("S-D1")
    k = TEAM_CODES.index(sc.org_unit)
    fte_k = team_fte[k, sc.start_t]
    n_extra = max(3, int(round(0.10 * fte_k)))
    starts = np.sort(sc.start_t + rng.integers(0, 3, n_extra))
    starts[0] = sc.start_t
    add_cases(k, starts, np.full(n_extra, T))
    later = rng.poisson(0.004 * team_fte[k, sc.start_t :])
    add_cases(k, np.repeat(np.arange(sc.start_t, T), later), np.full(int(later.sum()), T))
    referrals[k, sc.start_t :] = np.maximum(1, rng.poisson(0.04 * team_fte[k, sc.start_t :]))
    garnish = np.cumsum(diff, axis=1)[:, :T]

    kk, tt = np.meshgrid(np.arange(K), np.arange(T), indexing="ij")
    kk, tt = kk.ravel(), tt.ravel()
    order = np.lexsort((kk, tt))
    kk, tt = kk[order], tt[order]
    return pd.DataFrame(
        {
            "month": _iso(MONTH_START[tt]),
            "org_unit": np.array(TEAM_CODES, dtype=object)[kk],
            "garnishment_count": _ints(garnish[kk, tt]),
            "social_worker_referrals": _ints(referrals[kk, tt]),
        }
    )


def _feedback_360(rng, ppl: People) -> pd.DataFrame:
    managers = np.flatnonzero(ppl.role != "staff")
    effect = rng.normal(0, 0.12, len(ppl.slot))
    sc = _scenario("S-RF4")
    bad_mgr = ppl.team_manager(sc.org_unit)
    rows_p, rows_q = [], []
    for q in range(N_MONTHS // 3):
        active = managers[ppl.emp[managers, q * 3 : q * 3 + 3].any(axis=1)]
        rows_p.append(active)
        rows_q.append(np.full(len(active), q))
    p, q = np.concatenate(rows_p), np.concatenate(rows_q)
    n = len(p)
    score = 4.1 + effect[p] + rng.normal(0, 0.15, n)
    hit = (p == bad_mgr) & (q * 3 >= sc.start_t)
    score = np.where(hit, rng.normal(2.6, 0.12, n), score)
    score = np.clip(np.round(score, 2), 1.0, 5.0)
    raters = rng.integers(3, 10, n)
    order = np.lexsort((ppl.key[p], q))
    return pd.DataFrame(
        {
            "manager_key": ppl.key[p][order],
            "period": _dmy(MONTH_START[q[order] * 3]),
            "integrity_score": _dec(score[order], 2),
            "n_raters": _ints(raters[order]),
        }
    )


# ---------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------


def _apply_bad(df: pd.DataFrame, bads: list[Bad]) -> tuple[pd.DataFrame, list[tuple[Bad, int]]]:
    """Write the bad values in and insert duplicates; return the frame and file lines."""
    df = df.copy()
    tags: dict[int, list[tuple[int, bool]]] = {}
    for i, b in enumerate(bads):
        if not b.duplicate:
            df.iat[b.row, df.columns.get_loc(b.column)] = b.value
        tags.setdefault(b.row, []).append((i, False))
    pieces, positions, start = [], [], 0
    n_before = 0
    for row in sorted(tags):
        pieces.append(df.iloc[start : row + 1])
        n_before += row + 1 - start
        for i, _ in tags[row]:
            positions.append((i, n_before - 1))
        start = row + 1
        for i, _ in tags[row]:
            b = bads[i]
            if b.duplicate:
                dup = df.iloc[[row]].copy()
                for col, val in (b.dup_changes or {}).items():
                    dup.iat[0, dup.columns.get_loc(col)] = val
                pieces.append(dup)
                n_before += 1
                positions.append((i, n_before - 1))
    pieces.append(df.iloc[start:])
    out = pd.concat(pieces, ignore_index=True)
    lines = [(bads[i], pos + 2) for i, pos in positions]  # header is line 1
    return out, lines


def _write_csv(df: pd.DataFrame, path: Path, encoding: str, sep: str, newline: str) -> None:
    text = df.to_csv(sep=sep, index=False, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    path.write_bytes(text.encode(encoding))


def _write_xlsx(df: pd.DataFrame, path: Path) -> None:
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("radar demo needs openpyxl to write gifts.xlsx") from exc

    wb = Workbook(write_only=True)
    fixed = dt.datetime(*FIXED_ZIP_TIME)
    wb.properties.creator = "radar demo"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    ws = wb.create_sheet("Geschenkenregister")
    ws.append(list(df.columns))
    dates = [
        dt.date.fromisoformat(s)
        for s in np.datetime_as_string(df["received_on"].to_numpy(dtype="datetime64[D]"))
    ]
    cols = [df[c].tolist() for c in df.columns]
    for i in range(len(df)):
        cell = WriteOnlyCell(ws, value=dates[i])
        cell.number_format = "dd-mm-yyyy"
        ws.append([cols[0][i], cell, cols[2][i], cols[3][i], cols[4][i], cols[5][i], cols[6][i]])
    buf = io.BytesIO()
    wb.save(buf)
    # byte-identical output: fixed zip timestamps and document dates
    stamp = "2026-10-01T06:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp.encode() + rb"\g<3>",
                    data,
                )
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data)
    path.write_bytes(out.getvalue())


def _survey_bank() -> list[dict]:
    from pipelines.core.catalogue import catalogue_dir

    data = yaml.safe_load((catalogue_dir() / "survey_items.yaml").read_text(encoding="utf-8"))
    return [
        {"code": it["code"], "construct": it["construct"], "reverse": bool(it.get("reverse"))}
        for it in data["items"]
    ]


def generate_demo(
    out: Path, size: Literal["small", "large"] = "small", seed: int = 42, progress: bool = False
) -> Path:
    """Write the demo exports into ``out`` and return the path of its manifest.json."""
    if size not in ("small", "large"):
        raise ValueError(f"size must be 'small' or 'large', not {size!r}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    root = np.random.default_rng(seed)
    streams = dict(
        zip(
            [
                "people",
                "employees",
                "survey",
                "side_jobs",
                "gifts",
                "vehicle_use",
                "allocations",
                "hr_aggregates",
                "feedback_360",
            ],
            root.spawn(9),
            strict=True,
        )
    )
    steps = list(FILES)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(steps) + 1, desc="radar demo", unit="bestand", file=sys.stderr)

    def tick(name: str) -> None:
        if bar is not None:
            bar.set_postfix_str(name)
            bar.update(1)

    ppl = _build_people(streams["people"], size)
    tick("people")
    bank = _survey_bank()

    files_meta: list[dict] = []
    bad_meta: list[dict] = []
    for dataset in steps:
        bads: list[Bad] = []
        if dataset == "org_units":
            df = _org_frame()
        elif dataset == "employees":
            df = _employees(streams["employees"], ppl, bads)
        elif dataset == "survey_responses":
            df = _survey(streams["survey"], ppl, bank, bads)
        elif dataset == "side_jobs":
            df = _side_jobs(streams["side_jobs"], ppl, bads)
        elif dataset == "gifts":
            df = _gifts(streams["gifts"], ppl, bads)
        elif dataset == "vehicle_use":
            df = _vehicle_use(streams["vehicle_use"], ppl, bads)
        elif dataset == "allocations":
            df = _allocations(streams["allocations"], ppl, size, bads)
        elif dataset == "hr_aggregates":
            df = _hr_aggregates(streams["hr_aggregates"], ppl)
        else:
            df = _feedback_360(streams["feedback_360"], ppl)
        df, lines = _apply_bad(df, bads)
        fname, fmt, encoding, sep = FILES[dataset]
        if fmt == "xlsx":
            _write_xlsx(df, out / fname)
        else:
            _write_csv(df, out / fname, encoding, sep, LINE_ENDINGS.get(dataset, "\n"))
        mapping = None
        if dataset == "survey_responses":
            (out / SURVEY_MAPPING_FILE).write_text(SURVEY_MAPPING_TEXT, encoding="utf-8")
            mapping = SURVEY_MAPPING_FILE
        files_meta.append(
            {
                "file": fname,
                "dataset": dataset,
                "format": fmt,
                "encoding": encoding,
                "delimiter": sep,
                "rows": int(len(df)),
                "mapping": mapping,
            }
        )
        for b, line in lines:
            bad_meta.append(
                {
                    "file": fname,
                    "dataset": dataset,
                    "line": line,
                    "column": b.canonical,
                    "value": b.value,
                    "reason_code": b.reason,
                }
            )
        tick(dataset)
    if bar is not None:
        bar.close()

    staff = _team_staff(size)
    manifest = {
        "generator": "radar demo",
        "seed": seed,
        "size": size,
        "organisation": ORGANISATION,
        "period": {
            "first_month": str(MONTHS[0]),
            "last_month": str(MONTHS[-1]),
            "quarters": QUARTERS,
        },
        "files": files_meta,
        "scenarios": [
            {
                "id": s.id,
                "risk_id": s.risk_id,
                "org_unit": s.org_unit,
                "start_quarter": s.start_quarter,
                "datasets": list(s.datasets),
                "indicators": list(s.indicators),
                "description": s.description,
            }
            for s in SCENARIOS
        ],
        "bad_rows": sorted(bad_meta, key=lambda b: (b["file"], b["line"])),
        "org_units": {
            "teams": len(TEAMS),
            "departments": len(DEPARTMENTS),
            "small_teams": [c for c in TEAM_CODES if staff[c] < SMALL_TEAM_LIMIT],
        },
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


__all__ = ["generate_demo", "SCENARIOS", "QUARTERS"]
