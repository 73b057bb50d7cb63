"""A fictional housing corporation, written fresh for the validation tests.

``generate_org(out, seed, size=...)`` writes 24 months of the canonical datasets
(docs/contracts.md) for one organisation and a ``manifest.json`` that says what was
planted where. It is deliberately independent of pipelines/demo/__init__.py: its own tree (a
root with a few staff of its own, a team straight under the root, four to seven
departments with heads of their own, teams of 5 to 35), its own names, base rates drawn
per organisation from ranges, team rates drawn around the organisation's (beta and gamma
draws, so healthy teams differ more than sampling alone), a climate factor that moves a
team's survey constructs together, respondents who differ from each other, turnover with
replacements, and its own signal sizes.

A scenario is a realistic integrity problem in one team from its start quarter on, raising
the main indicators (weight >= 1.0) of its risk by amounts drawn from ranges, for example
45-65% unfavourable on supervisor congruence where a team normally has ~10-15%, 4-8
accepted gifts over EUR 50 a year, or 10-20% of lettings out of rank without a recorded
motivation. Everything comes from one seeded ``numpy.random.Generator``: the same seed and
end month give the same files, byte for byte.

Files are written as exports come: some as ';' with decimal commas, dd-mm-jjjj dates and
ja/nee, others as plain ',' CSV with ISO dates; the vehicle register writes decimal points
and brings a column mapping that says so (``number_format: en``). Every row is valid: the
validation is about scoring, not ingest.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from pipelines.core.catalogue import load_catalogue

GENERATOR = "tests.orggen"

# ---------------------------------------------------------------------------------------
# Names. Each organisation draws its own name, prefix, departments and teams from these.
# ---------------------------------------------------------------------------------------

ORG_NAMES = [
    ("Woonstichting Maasoever", "MO"),
    ("Wooncorporatie De Kempenhof", "KH"),
    ("Stichting Woonbron Peelland", "WP"),
    ("Woningstichting Geuldal", "GD"),
    ("Wonen Roerstreek", "RS"),
    ("Woonvereniging Brunssum-Oost", "BO"),
    ("Stichting Thuis in de Vallei", "TV"),
]

DISTRICTS = [
    "Centrum", "Oosterpark", "Hazenkamp", "Molenveld", "De Brink", "Kloosterhof",
    "Vlietzone", "Heidepark", "Oude Haven", "Lindenhof", "Akkerwijk", "Beekdal",
]  # fmt: skip

# team kinds: lettings (allocations, high exposure), wijk (exposure), onderhoud (cars,
# exposure), project (exposure, some cars), inkoop (exposure), office (neither)
DEPARTMENTS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "Verhuur & Wijken",
        "VW",
        [
            ("Verhuurteam Noordoever", "lettings"),
            ("Verhuurteam Zuidoever", "lettings"),
            ("Verhuurteam Binnenstad", "lettings"),
            ("Woonruimtebemiddeling Bijzondere Doelgroepen", "lettings"),
            ("Wijkbeheer Oost", "wijk"),
            ("Wijkbeheer West", "wijk"),
            ("Leefbaarheid & Overlast", "wijk"),
            ("Huurdersparticipatie", "office"),
        ],
    ),
    (
        "Vastgoedbeheer",
        "VB",
        [
            ("Reparatieverzoeken", "onderhoud"),
            ("Mutatieonderhoud", "onderhoud"),
            ("Planmatig Onderhoud", "project"),
            ("Opzichters Buitengebied", "onderhoud"),
            ("Nieuwbouw & Herstructurering", "project"),
            ("Verduurzaming", "project"),
            ("Werkvoorbereiding", "office"),
        ],
    ),
    (
        "Financiën & Control",
        "FC",
        [
            ("Financiële Administratie", "office"),
            ("Huuradministratie & Incasso", "office"),
            ("Planning & Control", "office"),
            ("Treasury", "office"),
            ("Inkoop & Contractmanagement", "inkoop"),
        ],
    ),
    (
        "Klant & Service",
        "KS",
        [
            ("Klantcontactcentrum", "office"),
            ("Digitale Dienstverlening", "office"),
            ("Klachten & Geschillen", "office"),
            ("Sociaal Beheer", "wijk"),
        ],
    ),
    (
        "Organisatie & Informatie",
        "OI",
        [
            ("HR & Ontwikkeling", "office"),
            ("Informatiemanagement", "office"),
            ("ICT-beheer", "office"),
            ("Facilitaire Zaken", "inkoop"),
            ("Juridische Zaken", "office"),
        ],
    ),
    (
        "Strategie & Portefeuille",
        "SP",
        [
            ("Portefeuillestrategie", "office"),
            ("Vastgoeddata & Analyse", "office"),
            ("Gebiedsontwikkeling", "project"),
        ],
    ),
    (
        "Bouw & Projecten",
        "BP",
        [
            ("Projectmanagement Renovatie", "project"),
            ("Bouwkundig Advies", "project"),
            ("Aanbesteding", "inkoop"),
        ],
    ),
]

TITLES = {
    "lettings": (
        ["Woonconsulent", "Verhuurconsulent", "Senior woonconsulent"], "Teamleider verhuur"
    ),
    "wijk": (
        ["Wijkbeheerder", "Woonconsulent", "Medewerker leefbaarheid"], "Teamleider wijkbeheer"
    ),
    "onderhoud": (
        ["Opzichter dagelijks onderhoud", "Opzichter", "Vakman onderhoud", "Planner onderhoud"],
        "Teamleider onderhoud",
    ),
    "project": (
        ["Projectleider vastgoed", "Opzichter nieuwbouw", "Werkvoorbereider", "Adviseur vastgoed"],
        "Teammanager projecten",
    ),
    "inkoop": (["Inkoper", "Contractbeheerder", "Medewerker inkoop"], "Teamleider inkoop"),
    "office": (["Adviseur", "Medewerker", "Senior medewerker", "Specialist"], "Teamleider"),
}  # fmt: skip

EXPOSED_TITLES = {
    "Verhuurconsulent", "Woonconsulent", "Senior woonconsulent", "Opzichter",
    "Opzichter nieuwbouw", "Opzichter dagelijks onderhoud", "Inkoper", "Contractbeheerder",
    "Projectleider vastgoed",
}  # fmt: skip
CAR_TITLES = {
    "Opzichter", "Opzichter dagelijks onderhoud", "Opzichter nieuwbouw", "Vakman onderhoud",
    "Projectleider vastgoed", "Wijkbeheerder",
}  # fmt: skip

SECTORS = [
    "bestuur vereniging", "eigen bedrijf", "onderwijs", "zorg", "sport", "vastgoed", "horeca"
]  # fmt: skip
EXIT_REASONS = ["vrijwillig", "pensioen", "einde_contract", "ontslag", "reorganisatie", "overig"]
EXIT_P = [0.62, 0.12, 0.14, 0.04, 0.03, 0.05]

# ---------------------------------------------------------------------------------------
# Scenario templates: risk, the team they need, and what they raise (signal ranges).
# Survey signals are the share of unfavourable answers; register signals are events per
# year in the team; allocation signals are shares of the team's lettings.
# ---------------------------------------------------------------------------------------

S = "survey"
TEMPLATES: dict[str, dict[str, Any]] = {
    "RF1": {
        "needs": "lettings",
        "text": "Het teamhoofd beslist alleen; tegenspraak wordt niet op prijs gesteld en "
        "uitzonderingen keurt hij zelf goed.",
        "signals": {
            "KRI-SV-CONG-MGT": (S, (0.40, 0.60)),
            "KRI-SV-DISC": (S, (0.40, 0.60)),
            "KRI-AL-SAME-APPROVER": ("al_same_approver", (0.15, 0.35)),
        },
    },
    "RF2": {
        "needs": "any",
        "text": "Een klein team werkt al jaren zonder rotatie; niemand neemt twee weken "
        "aaneengesloten vrij en het werk is voor buitenstaanders onzichtbaar.",
        "signals": {
            "KRI-SV-TRANSPARENCY": (S, (0.40, 0.60)),
            "KRI-SV-ISOLATION": (S, (0.35, 0.55)),
            "KRI-HR-NO-LEAVE-BLOCK": ("no_leave_block", (0.60, 0.85)),
        },
    },
    "RF3": {
        "needs": "any",
        "text": "Melders zijn eerder weggezet; men durft niets meer te melden of te "
        "bespreken en overtredingen blijven zonder gevolg.",
        "signals": {
            "KRI-SV-REPRISAL": (S, (0.40, 0.60)),
            "KRI-SV-DISC": (S, (0.35, 0.55)),
            "KRI-SV-SANCTION": (S, (0.35, 0.55)),
        },
    },
    "RF4": {
        "needs": "min8",
        "text": "De nieuwe teamleider houdt zich niet aan de eigen regels; de 360-feedback "
        "is slecht en medewerkers vertrekken.",
        "signals": {
            "KRI-SV-CONG-SUP": (S, (0.45, 0.65)),
            "KRI-HR-TURNOVER": ("turnover", (0.30, 0.50)),
            "KRI-HR-360": ("score_360", (2.3, 3.0)),
        },
    },
    "RF5": {
        "needs": "any",
        "text": "Regels zijn onduidelijk en in de praktijk niet uit te voeren; men werkt eromheen.",
        "signals": {
            "KRI-SV-CLARITY": (S, (0.40, 0.60)),
            "KRI-SV-FEASIBILITY": (S, (0.40, 0.60)),
        },
    },
    "RF6": {
        "needs": "min8",
        "text": "Alleen productiecijfers tellen; structureel overwerk om de doelen te halen.",
        "signals": {
            "KRI-SV-FEASIBILITY": (S, (0.40, 0.60)),
            "KRI-SV-RESULTS": (S, (0.45, 0.65)),
            "KRI-HR-OVERTIME": ("overtime", (10.0, 16.0)),
        },
    },
    "G1": {
        "needs": "lettings",
        "text": "Consulenten passeren kandidaten zonder motivering, zetten inschrijfdatums "
        "terug en keuren uitzonderingen zelf goed.",
        "signals": {
            "KRI-AL-OUT-OF-RANK": ("al_out_of_rank", (0.10, 0.20)),
            "KRI-AL-NO-MOTIVATION": ("al_no_motivation", (0.25, 0.45)),
            "KRI-AL-REGDATE-EDIT": ("al_regdate", (0.03, 0.06)),
            "KRI-AL-SAME-APPROVER": ("al_same_approver", (0.10, 0.25)),
        },
    },
    "G2": {
        "needs": "supplier",
        "text": "Aannemers nemen het team mee uit eten, naar evenementen en op reis.",
        "signals": {"KRI-REG-GIFT-SUPPLIER": ("gift_supplier", (6, 12))},
    },
    "G3": {
        "needs": "car",
        "text": "De dienstauto's worden volop privé gebruikt, ruim boven 500 km per jaar.",
        "signals": {"KRI-REG-CAR-KM": ("car_km", (600.0, 950.0))},
    },
    "G4": {
        "needs": "exposed",
        "text": "Dure geschenken van leveranciers en huurders worden aangenomen, soms thuis "
        "afgeleverd.",
        "signals": {
            "KRI-REG-GIFT-OVER50": ("gift_over50", (4, 8)),
            "KRI-REG-GIFT-HOME": ("gift_home", (2, 4)),
        },
    },
    "D1": {
        "needs": "min15",
        "text": "Na een reorganisatie stapelen schulden zich op: loonbeslagen en "
        "verwijzingen naar het maatschappelijk werk nemen toe.",
        "signals": {
            "KRI-HR-GARNISH": ("garnish", (6.0, 10.0)),
            "KRI-HR-SOCIAL-WORK": ("social_work", (12.0, 20.0)),
        },
    },
    "D2": {
        "needs": "exposed",
        "text": "Medewerkers beginnen nevenwerk zonder toestemming, ook voor huurders, en "
        "nemen geld en bonnen van huurders aan.",
        "signals": {
            "KRI-REG-SJ-UNAPPROVED": ("sj_unapproved", (3, 6)),
            "KRI-REG-SJ-RELATION": ("sj_relation", (1, 3)),
            "KRI-REG-GIFT-MONEY": ("gift_money", (2, 4)),
        },
    },
    "D4": {
        "needs": "any",
        "text": "De groep bepaalt wat normaal is; wie twijfelt, zwijgt.",
        "signals": {
            "KRI-SV-PSYSAFE": (S, (0.35, 0.55)),
            "KRI-SV-DISC": (S, (0.35, 0.55)),
        },
    },
    "R1": {
        "needs": "any",
        "text": "'Iedereen doet het' is de norm geworden, de leidinggevende voorop.",
        "signals": {
            "KRI-SV-RAT-EVERYONE": (S, (0.25, 0.40)),
            "KRI-SV-CONG-SUP": (S, (0.35, 0.50)),
        },
    },
    "R2": {
        "needs": "any",
        "text": "'De top luistert toch niet': het team heeft het opgegeven.",
        "signals": {
            "KRI-SV-RAT-TOP": (S, (0.25, 0.40)),
            "KRI-SV-CONG-MGT": (S, (0.35, 0.50)),
        },
    },
    "R3": {
        "needs": "car",
        "text": "'De corporatie heeft geld zat': bedrijfsmiddelen worden privé gebruikt.",
        "signals": {
            "KRI-SV-RAT-MONEY": (S, (0.25, 0.40)),
            "KRI-REG-CAR-KM": ("car_km", (550.0, 800.0)),
        },
    },
    "R4": {
        "needs": "lettings",
        "text": "Een woning voor een collega of familielid is 'gewoon een voordeeltje'.",
        "signals": {
            "KRI-SV-RAT-PERKS": (S, (0.25, 0.40)),
            "KRI-AL-STAFF": ("al_staff", (0.03, 0.06)),
        },
    },
}
# every organisation gets these (registers, survey, HR turnover, allocations), plus more
REQUIRED = ["G4", "D2", "RF3", "RF4", "G1"]


@dataclass
class Team:
    id: str
    name: str
    parent: str
    level: str
    kind: str
    size: int
    rates: dict[str, float] = field(default_factory=dict)
    survey_p: dict[str, float] = field(default_factory=dict)  # construct -> p unfavourable
    signals: dict[str, tuple[int, float]] = field(default_factory=dict)  # kind -> (m0, value)


@dataclass
class Person:
    key: str
    unit: str
    title: str
    is_manager: bool
    fte: float
    hired: dt.date
    role_start: dt.date
    respondent: str
    person_effect: float
    consult_rate: float = 0.0
    blocks: dict[int, tuple[int, int]] = field(default_factory=dict)  # year -> (month, days)
    short: dict[int, tuple[int, int]] = field(default_factory=dict)
    garnished: bool = False
    exit_date: dt.date | None = None
    exit_reason: str = ""


def _month_add(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def _quarter(d: dt.date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def default_end_month(today: dt.date | None = None) -> dt.date:
    """The last month of the last complete quarter before today."""
    today = today or dt.date.today()
    q_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return _month_add(q_start, -1)


def _nl(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


def _nl_date(d: dt.date | None) -> str:
    return "" if d is None else d.strftime("%d-%m-%Y")


def _iso(d: dt.date | None) -> str:
    return "" if d is None else d.isoformat()


def _ja(b: bool) -> str:
    return "ja" if b else "nee"


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


class _Org:
    def __init__(self, seed: int, size: str, end_month: dt.date) -> None:
        if size not in ("small", "medium"):
            raise ValueError("size must be 'small' or 'medium'")
        self.rng = np.random.default_rng(seed)
        self.seed, self.size = seed, size
        self.months = [_month_add(end_month, -23 + i) for i in range(24)]
        self.quarters = sorted({_quarter(m) for m in self.months})
        self.cat = load_catalogue()
        self.items = [(i.code, i.construct_code, i.reverse) for i in self.cat.survey.items]
        self.constructs = sorted({c for _, c, _ in self.items})
        self.indicators = {i.id: i for i in self.cat.indicators}
        self._key_n = 0
        self._keys: set[str] = set()

    # --- helpers --------------------------------------------------------------------
    def u(self, lo: float, hi: float) -> float:
        return float(self.rng.uniform(lo, hi))

    def new_key(self, prefix: str, digits: int = 6) -> str:
        while True:
            k = f"{prefix}{int(self.rng.integers(10 ** (digits - 1), 10**digits))}"
            if k not in self._keys:
                self._keys.add(k)
                return k

    def day_in(self, month: dt.date, last: int | None = None) -> dt.date:
        days = calendar.monthrange(month.year, month.month)[1]
        return month.replace(day=int(self.rng.integers(1, (last or days) + 1)))

    # --- the organisation's own base rates -----------------------------------------
    def draw_rates(self) -> None:
        u = self.u
        base_survey = {}
        for c in self.constructs:
            if c.startswith("rat_"):
                base_survey[c] = u(0.025, 0.07)
            elif c == "reprisal":
                base_survey[c] = u(0.06, 0.13)
            elif c == "results_focus":
                base_survey[c] = u(0.12, 0.22)
            else:
                base_survey[c] = u(0.07, 0.16)
        self.base = {
            "survey": base_survey,
            "survey_kappa": u(25, 60),  # team beta concentration around the org rate
            "climate_sd": u(0.15, 0.35),  # a team's constructs move together
            "person_sd": u(0.5, 0.9),
            "wave_sd": u(0.08, 0.18),
            "response_rate": u(0.55, 0.80),
            "dont_know": u(0.01, 0.04),
            "turnover": u(0.05, 0.10),  # exits per person-year
            "sick": u(0.035, 0.06),  # share of calendar days
            "overtime": u(1.5, 4.0),  # hours per fte per month
            "no_leave_block": u(0.08, 0.22),
            "role_years": u(3.5, 6.5),
            "gift_exposed": u(1.0, 2.5),  # gifts registered per exposed person-year
            "gift_other": u(0.05, 0.25),
            "gift_value_median": u(15, 28),
            "gift_value_sigma": u(0.45, 0.7),
            "sidejob_rate": u(0.03, 0.07),  # registrations per person-year
            "sidejob_early": u(0.03, 0.10),  # started before approval
            "sidejob_relation": u(0.01, 0.03),
            "car_median_km": u(110, 210),
            "car_sigma": u(0.55, 0.8),
            "lettings_per_consultant": u(2.5, 5.0),  # per month
            "al_rank_gt1": u(0.2, 0.4),
            "al_rank_unmotivated": u(0.04, 0.12),  # of rank > 1
            "al_exception_unmotivated": u(0.01, 0.05),
            "al_no_approver": u(0.003, 0.015),
            "al_staff": u(0.001, 0.005),
            "al_regdate": u(0.001, 0.006),
            "garnish_share": u(0.008, 0.022),  # share of people with an active garnishment
            "social_work": u(2.5, 6.0),  # referrals per 100 fte per year
            "score_360": u(3.8, 4.3),
            "team_gamma_shape": u(6, 15),  # between-team spread of HR and register rates
        }

    # --- the tree -------------------------------------------------------------------
    def build_tree(self) -> None:
        rng = self.rng
        name, prefix = ORG_NAMES[int(rng.integers(len(ORG_NAMES)))]
        self.name, self.prefix = name, prefix
        n_dept = int(rng.integers(4, 6)) if self.size == "small" else int(rng.integers(6, 8))
        lo, hi = (150, 300) if self.size == "small" else (500, 800)
        # the lettings and property departments are always there
        others = [d for d in DEPARTMENTS[2:]]
        order = rng.permutation(len(others))
        depts = DEPARTMENTS[:2] + [others[i] for i in order[: n_dept - 2]]
        root = f"{prefix}-000"
        self.root = root
        self.units: list[Team] = [Team(root, name, "", "organisatie", "root", 2)]
        self.teams: list[Team] = []
        for d_i, (d_name, d_code, teams) in enumerate(depts, start=1):
            d_id = f"{prefix}-{d_i}00"
            self.units.append(Team(d_id, d_name, root, "afdeling", "dept", 1))
            if self.size == "small":
                k = int(rng.integers(3, 5)) if d_code != "VW" else 4
            else:
                k = min(len(teams), int(rng.integers(4, 8)))
            pick = sorted(rng.choice(len(teams), size=min(k, len(teams)), replace=False))
            if d_code == "VW":  # enough lettings teams
                lettings = [i for i, t in enumerate(teams) if t[1] == "lettings"]
                need = 3 if self.size == "small" else 4
                pick = sorted(set(pick) | set(lettings[:need]))
            for t_i, idx in enumerate(pick, start=1):
                t_name, kind = teams[idx]
                self.teams.append(Team(f"{prefix}-{d_i}{t_i:02d}", t_name, d_id, "team", kind, 0))
        # one team straight under the root
        self.teams.append(Team(f"{prefix}-010", "Bestuurssecretariaat", root, "team", "office", 0))
        self.units += self.teams
        # sizes: about a third small (5-9), the rest 10-25 (medium 12-35); total in range
        for _ in range(200):
            sizes = []
            for t in self.teams:
                if t is self.teams[-1]:  # the board's office is small
                    s = int(rng.integers(5, 9))
                elif t.kind == "lettings":
                    s = int(rng.integers(7, 16 if self.size == "small" else 22))
                elif rng.random() < 0.33:
                    s = int(rng.integers(5, 10))
                else:
                    s = int(rng.integers(10, 26 if self.size == "small" else 36))
                sizes.append(s)
            total = sum(sizes) + 2 + (len(self.units) - len(self.teams) - 1)
            if lo <= total <= hi and sum(1 for s in sizes if s < 10) >= 4:
                break
        else:
            raise RuntimeError(f"no team sizes within {lo}-{hi} staff for seed {self.seed}")
        for t, s in zip(self.teams, sizes, strict=True):
            t.size = s

    def draw_team_rates(self) -> None:
        rng, b = self.rng, self.base
        shape = b["team_gamma_shape"]
        kappa = b["survey_kappa"]
        for t in self.units:
            t.rates = {
                k: b[k] * float(rng.gamma(shape, 1 / shape))
                for k in (
                    "turnover",
                    "sick",
                    "overtime",
                    "gift_exposed",
                    "gift_other",
                    "sidejob_rate",
                    "garnish_share",
                    "social_work",
                )
            }
            t.rates["no_leave_block"] = float(
                rng.beta(b["no_leave_block"] * kappa, (1 - b["no_leave_block"]) * kappa)
            )
            t.rates["role_years"] = b["role_years"] * float(rng.gamma(shape, 1 / shape))
            t.rates["car_median_km"] = b["car_median_km"] * float(rng.gamma(shape, 1 / shape))
            t.rates["score_360"] = b["score_360"] + float(rng.normal(0, 0.15))
            climate = float(rng.normal(0, b["climate_sd"]))
            for c, p in b["survey"].items():
                q = float(rng.beta(p * kappa, (1 - p) * kappa))
                t.survey_p[c] = 1 / (1 + math.exp(-(_logit(q) + climate)))

    # --- scenarios ------------------------------------------------------------------
    def fits(self, t: Team, needs: str) -> bool:
        if needs == "any":
            return True
        if needs == "lettings":
            return t.kind == "lettings"
        if needs == "exposed":
            return t.kind in ("lettings", "wijk", "onderhoud", "project", "inkoop")
        if needs == "supplier":
            return t.kind in ("onderhoud", "project", "inkoop")
        if needs == "car":
            return t.kind in ("onderhoud", "project", "wijk") and t.size >= 5
        if needs.startswith("min"):
            return t.size >= int(needs[3:])
        raise ValueError(needs)

    def plant(self) -> None:
        rng = self.rng
        n = int(rng.integers(8, 11))
        extra = [r for r in TEMPLATES if r not in REQUIRED]
        chosen = REQUIRED + [extra[i] for i in rng.permutation(len(extra))[: n - len(REQUIRED)]]
        # place the most demanding first; one scenario per team; keep >= 2 small teams clean
        order = sorted(chosen, key=lambda r: TEMPLATES[r]["needs"] == "any")
        taken: set[str] = set()
        small = [t.id for t in self.teams if t.size < 10]
        keep_clean = set(rng.choice(small, size=2, replace=False)) if len(small) >= 2 else set()
        self.scenarios: list[dict[str, Any]] = []
        for risk in order:
            tpl = TEMPLATES[risk]
            cands = [
                t
                for t in self.teams
                if t.id not in taken and t.id not in keep_clean and self.fits(t, tpl["needs"])
            ]
            if not cands:
                continue
            # at least one scenario in a small team
            if not any(self.unit(s["org_unit"]).size < 10 for s in self.scenarios):
                smalls = [t for t in cands if t.size < 10]
                if smalls and tpl["needs"] == "any":
                    cands = smalls
            team = cands[int(rng.integers(len(cands)))]
            taken.add(team.id)
            q0 = int(rng.integers(1, len(self.quarters) - 2))
            start_q = self.quarters[q0]
            m0 = next(i for i, m in enumerate(self.months) if _quarter(m) == start_q)
            signals: dict[str, Any] = {}
            indicators = []
            for ind_id, (kind, (lo, hi)) in tpl["signals"].items():
                if kind == "al_same_approver" and team.kind != "lettings":
                    continue
                value = self.u(lo, hi) if isinstance(lo, float) else int(rng.integers(lo, hi + 1))
                if kind == S:
                    ind = self.indicators[ind_id]
                    for c in ind.constructs:
                        team.signals[f"survey:{c}"] = (m0, value)
                    for item in ind.items:
                        team.signals[f"item:{item}"] = (m0, value)
                    signals[ind_id] = {"unfavourable_share": round(value, 3)}
                else:
                    team.signals[kind] = (m0, value)
                    signals[ind_id] = {kind: round(value, 3) if isinstance(value, float) else value}
                indicators.append(ind_id)
            self.scenarios.append(
                {
                    "id": f"P-{risk}",
                    "risk_id": risk,
                    "org_unit": team.id,
                    "org_unit_name": team.name,
                    "team_size": team.size,
                    "start_quarter": start_q,
                    "indicators": indicators,
                    "main_indicators": [
                        i for i in indicators if self.indicators[i].weights.get(risk, 0) >= 1.0
                    ],
                    "signal": signals,
                    "description": tpl["text"],
                }
            )
        self.scenarios.sort(key=lambda s: s["id"])

    def unit(self, uid: str) -> Team:
        return next(t for t in self.units if t.id == uid)

    def signal(self, t: Team, kind: str, m: int) -> float | None:
        s = t.signals.get(kind)
        return s[1] if s is not None and m >= s[0] else None

    # --- people and HR --------------------------------------------------------------
    def new_person(self, t: Team, title: str, manager: bool, hired: dt.date | None) -> Person:
        rng, first = self.rng, self.months[0]
        if hired is None:  # already there at the start: tenure up to ~30 years
            years = min(float(rng.exponential(9.0)), 35.0)
            hired = first - dt.timedelta(days=int(years * 365.25) + int(rng.integers(1, 200)))
            ry = min(float(rng.exponential(t.rates["role_years"])), years)
            role = max(hired, first - dt.timedelta(days=int(ry * 365.25)))
        else:
            role = hired
        if "no_leave_block" in t.signals:  # RF2: nobody rotates in this team
            role = min(role, hired + dt.timedelta(days=30)) if hired < first else role
        fte = float(rng.choice([1.0, 1.0, 1.0, 0.9, 0.8, 0.8, 0.7, 0.6, 0.5]))
        p = Person(
            key=self.new_key("E"),
            unit=t.id,
            title=title,
            is_manager=manager,
            fte=fte,
            hired=hired,
            role_start=role,
            respondent=self.new_key("R-", 8),
            person_effect=float(rng.normal(0, self.base["person_sd"])),
            consult_rate=float(rng.gamma(8, self.base["lettings_per_consultant"] / 8)),
        )
        p.garnished = bool(rng.random() < t.rates["garnish_share"])
        return p

    def title_for(self, t: Team) -> str:
        titles = TITLES[t.kind if t.kind in TITLES else "office"][0]
        return titles[int(self.rng.integers(len(titles)))]

    def staff(self) -> None:
        self.slots: dict[str, list[Person]] = {}  # unit -> current occupants
        root = self.unit(self.root)
        boss = self.new_person(root, "Directeur-bestuurder", True, None)
        self.slots[root.id] = [boss, self.new_person(root, "Bestuurssecretaris", False, None)]
        self.boss = boss
        for d in (u for u in self.units if u.level == "afdeling"):
            self.slots[d.id] = [self.new_person(d, f"Manager {d.name}", True, None)]
        for t in self.teams:
            lead_title = TITLES[t.kind if t.kind in TITLES else "office"][1]
            ppl = [self.new_person(t, lead_title, True, None)]
            ppl += [self.new_person(t, self.title_for(t), False, None) for _ in range(t.size - 1)]
            # a large team has a second lead, so spans stay plausible
            if t.size > 22:
                ppl[1].title, ppl[1].is_manager = lead_title, True
            self.slots[t.id] = ppl

    def manager_of(self, p: Person, unit: Team) -> str:
        if p is self.boss:
            return ""
        occupants = self.slots[unit.id]
        if not p.is_manager:
            leads = [x for x in occupants if x.is_manager]
            if leads:
                return leads[int(p.key[1:]) % len(leads)].key
        if unit.level == "team" and unit.parent != self.root:
            return self.slots[unit.parent][0].key
        return self.boss.key

    def leave_blocks(self, p: Person, t: Team, year: int) -> None:
        """The person's main and short leave blocks of a year (drawn once)."""
        if year in p.blocks:
            return
        rng = self.rng
        month = int(rng.choice([7, 7, 8, 8, 8, 5, 10, 12, 4, 6]))
        p_nb = t.rates["no_leave_block"]
        sig = t.signals.get("no_leave_block")
        # RF2's pattern is already there in the 12 months before its start quarter, so the
        # trailing-12-month value shows it from the start quarter on
        if sig is not None:
            first_block = dt.date(self.months[sig[0]].year - 1, self.months[sig[0]].month, 1)
            if dt.date(year, month, 1) >= first_block:
                p_nb = sig[1]
        if rng.random() < p_nb:
            days = int(rng.integers(4, 14))
        else:
            days = int(rng.integers(14, 25))
        p.blocks[year] = (month, days)
        p.short[year] = (int(rng.integers(1, 13)), int(rng.integers(3, 10)))

    def longest_12m(self, p: Person, t: Team, month: dt.date) -> int:
        best = 0
        for year in (month.year - 1, month.year):
            self.leave_blocks(p, t, year)
            for bm, days in (p.blocks[year], p.short[year]):
                d = dt.date(year, bm, 1)
                start = _month_add(month, -11)
                if start <= d <= month and d >= dt.date(p.hired.year, p.hired.month, 1):
                    best = max(best, days)
        return best

    def simulate(self) -> None:
        rng = self.rng
        self.emp_rows: list[list[str]] = []
        self.present: list[dict[str, tuple[Person, Team]]] = []  # month -> key -> person
        for mi, month in enumerate(self.months):
            days = calendar.monthrange(month.year, month.month)[1]
            here: dict[str, tuple[Person, Team]] = {}
            for uid in list(self.slots):
                t = self.unit(uid)
                for si, p in enumerate(self.slots[uid]):
                    here[p.key] = (p, t)
                    turnover = self.signal(t, "turnover", mi) or t.rates["turnover"]
                    hazard = 1 - (1 - turnover) ** (1 / 12)
                    if p.is_manager:
                        hazard *= 0.5
                    if p is self.boss:
                        hazard = 0.0
                    leaves = rng.random() < hazard and mi < len(self.months) - 1
                    if leaves:
                        p.exit_date = self.day_in(month)
                        if self.signal(t, "turnover", mi) is not None:
                            p.exit_reason = str(rng.choice(["vrijwillig", "vrijwillig", "overig"]))
                        else:
                            p.exit_reason = str(rng.choice(EXIT_REASONS, p=EXIT_P))
                    # sick days: episodes; overtime: many zero months
                    sick_rate = self.signal(t, "sick", mi) or t.rates["sick"]
                    q = 0.18
                    sick = 0.0
                    if rng.random() < q:
                        sick = min(float(days), float(rng.gamma(1.1, sick_rate * days / q / 1.1)))
                        sick = round(sick * 2) / 2
                    ot_mean = self.signal(t, "overtime", mi) or t.rates["overtime"]
                    ot = 0.0
                    if rng.random() < 0.65:
                        ot = float(rng.gamma(1.5, ot_mean / 0.65 / 1.5)) * p.fte
                        ot = round(ot * 4) / 4
                    leave = float(rng.gamma(1.2, 1.4))
                    bm, bdays = p.blocks.get(month.year, (0, 0))
                    if bm == month.month:
                        leave += bdays * 5 / 7
                    self.emp_rows.append(
                        [
                            p.key,
                            month.strftime("%Y-%m"),
                            uid,
                            self.manager_of(p, t),
                            p.title,
                            _ja(p.is_manager),
                            _nl(p.fte, 1),
                            _nl_date(p.hired),
                            _nl_date(p.role_start),
                            _nl(sick, 1),
                            _nl(ot, 2),
                            _nl(leave, 1),
                            str(self.longest_12m(p, t, month)),
                            _nl_date(p.exit_date),
                            p.exit_reason,
                        ]
                    )
                    if leaves:  # replaced next month
                        nxt = _month_add(month, 1)
                        title = p.title
                        newp = self.new_person(t, title, p.is_manager, self.day_in(nxt, 28))
                        self.slots[uid][si] = newp
            self.present.append(here)

    # --- survey ---------------------------------------------------------------------
    def survey(self) -> list[list[str]]:
        rng, b = self.rng, self.base
        rows: list[list[str]] = []
        codes = [c for c, _, _ in self.items]
        reverse = np.array([r for _, _, r in self.items])
        constructs = [c for _, c, _ in self.items]
        for mi, month in enumerate(self.months):
            if month.month % 3 != 2:  # one wave per quarter, in its middle month
                continue
            wave = month.replace(day=int(rng.integers(8, 22)))
            team_jitter = {t.id: rng.normal(0, b["wave_sd"]) for t in self.units}
            for _key, (p, t) in sorted(self.present[mi].items()):
                if p.exit_date is not None and p.exit_date < wave:
                    continue
                if rng.random() > b["response_rate"]:
                    continue
                logits = np.empty(len(codes))
                for j, (code, c) in enumerate(zip(codes, constructs, strict=True)):
                    p_c = self.signal(t, f"item:{code}", mi) or self.signal(t, f"survey:{c}", mi)
                    if p_c is None:
                        p_c = t.survey_p[c]
                    logits[j] = _logit(p_c)
                logits += p.person_effect + team_jitter[t.id]
                unfav = rng.random(len(codes)) < 1 / (1 + np.exp(-logits))
                low = np.where(rng.random(len(codes)) < 0.3, 1, 2)
                high = rng.choice([3, 4, 5], size=len(codes), p=[0.25, 0.5, 0.25])
                score = np.where(unfav, low, high)
                score = np.where(reverse, 6 - score, score)
                dk = rng.random(len(codes)) < b["dont_know"]
                for code, s, d in zip(codes, score, dk, strict=True):
                    rows.append([p.respondent, wave.isoformat(), t.id, code, "" if d else str(s)])
        return rows

    # --- registers ------------------------------------------------------------------
    def gifts_and_side_jobs(self) -> tuple[list[list[str]], list[list[str]]]:
        rng, b = self.rng, self.base
        gifts: list[list[str]] = []
        side: list[list[str]] = []
        med, sig = b["gift_value_median"], b["gift_value_sigma"]
        last_day = self.months[-1].replace(
            day=calendar.monthrange(self.months[-1].year, self.months[-1].month)[1]
        )

        def gift(p: Person, month: dt.date, **force: Any) -> None:
            giver = force.get("giver") or str(
                rng.choice(["huurder", "leverancier", "overig"], p=[0.45, 0.45, 0.10])
            )
            if "kind" in force:
                kind = force["kind"]
            elif giver == "leverancier":
                kind = str(
                    rng.choice(
                        ["goederen", "etentje", "evenement", "reis", "overig", "tegoedbon"],
                        p=[0.55, 0.15, 0.12, 0.01, 0.12, 0.05],
                    )
                )
            else:
                kind = str(
                    rng.choice(
                        ["goederen", "overig", "tegoedbon", "geld"], p=[0.72, 0.16, 0.09, 0.03]
                    )
                )
            value = force.get("value") or float(rng.lognormal(math.log(med), sig))
            if kind in ("etentje", "evenement") and "value" not in force:
                value *= 2.2
            if kind == "reis" and "value" not in force:
                value *= 10
            home = force.get("home", bool(rng.random() < 0.03))
            if "decision" in force:
                decision = force["decision"]
            elif value > 50 or home or kind in ("geld", "tegoedbon", "reis"):
                decision = str(
                    rng.choice(
                        ["geweigerd", "afgestaan", "gedeeld", "geaccepteerd"],
                        p=[0.55, 0.2, 0.1, 0.15],
                    )
                )
            else:
                decision = str(
                    rng.choice(["geaccepteerd", "gedeeld", "geweigerd"], p=[0.6, 0.3, 0.1])
                )
            gifts.append(
                [
                    "",  # record_id, numbered once sorted by date
                    p.key,
                    _nl_date(self.day_in(month)),
                    giver,
                    kind,
                    _nl(round(value, 2)),
                    _ja(home),
                    decision,
                ]
            )

        def side_job(p: Person, month: dt.date, early: bool, relation: bool) -> None:
            reg = self.day_in(month)
            if early:
                started = reg - dt.timedelta(days=int(rng.integers(5, 90)))
                approved = reg + dt.timedelta(days=int(rng.integers(5, 40)))
                if rng.random() < 0.3:
                    approved = None
            else:
                approved = reg + dt.timedelta(days=int(rng.integers(3, 30)))
                started = approved + dt.timedelta(days=int(rng.integers(0, 60)))
                if rng.random() < 0.15:
                    started = None
            if approved is not None and approved > last_day:
                approved = None
                started = None if not early else started
            if started is not None and started > last_day:
                started = None
            side.append(
                [
                    p.key,
                    _nl_date(reg),
                    _nl_date(started),
                    _nl_date(approved),
                    str(rng.choice(SECTORS)) if not relation else "klussen voor huurders",
                    "j" if relation else "n",
                ]
            )

        for mi, month in enumerate(self.months):
            by_unit: dict[str, list[Person]] = {}
            for p, t in self.present[mi].values():
                by_unit.setdefault(t.id, []).append(p)
            for uid in sorted(by_unit):
                t, people = self.unit(uid), sorted(by_unit[uid], key=lambda x: x.key)
                exposed = [p for p in people if p.title in EXPOSED_TITLES]
                for p in people:
                    lam = t.rates["gift_exposed" if p in exposed else "gift_other"] / 12
                    if p in exposed and self.signal(t, "gift_zero", mi) is not None:
                        lam *= 0.05
                    for _ in range(int(rng.poisson(lam))):
                        gift(p, month)
                    if rng.random() < t.rates["sidejob_rate"] / 12:
                        side_job(
                            p,
                            month,
                            bool(rng.random() < b["sidejob_early"]),
                            bool(rng.random() < b["sidejob_relation"]),
                        )
                pool = exposed or people

                def pick(pool: list[Person] = pool) -> Person:
                    return pool[int(rng.integers(len(pool)))]

                # planted events: a few people in the team, throughout the year
                for kind, force in (
                    ("gift_over50", {"value": None, "decision": "geaccepteerd"}),
                    ("gift_home", {"home": True, "decision": "geaccepteerd"}),
                    ("gift_money", {"giver": "huurder", "decision": "geaccepteerd"}),
                    ("gift_supplier", {"giver": "leverancier", "decision": "geaccepteerd"}),
                ):
                    per_year = self.signal(t, kind, mi)
                    if per_year is None:
                        continue
                    for _ in range(int(rng.poisson(per_year / 12))):
                        f = dict(force)
                        if kind == "gift_over50":
                            f["value"] = self.u(60, 400)
                        elif kind == "gift_money":
                            f["kind"] = str(rng.choice(["geld", "tegoedbon"]))
                            f["value"] = self.u(20, 150)
                        elif kind == "gift_supplier":
                            f["kind"] = str(
                                rng.choice(["etentje", "evenement", "reis"], p=[0.5, 0.4, 0.1])
                            )
                        else:
                            f.pop("value", None)
                        gift(pick(), month, **f)
                for kind, early, relation in (
                    ("sj_unapproved", True, False),
                    ("sj_relation", False, True),
                ):
                    per_year = self.signal(t, kind, mi)
                    if per_year is not None:
                        for _ in range(int(rng.poisson(per_year / 12))):
                            side_job(pick(), month, early, relation)
        # the register's own numbers, in date order
        gifts.sort(key=lambda r: (dt.datetime.strptime(r[2], "%d-%m-%Y").date(), r[1]))
        for i, r in enumerate(gifts, start=1):
            r[0] = f"GS-{i:05d}"
        side.sort(key=lambda r: (dt.datetime.strptime(r[1], "%d-%m-%Y").date(), r[0]))
        return gifts, side

    def vehicles(self) -> list[list[str]]:
        rng, b = self.rng, self.base
        rows: list[list[str]] = []
        years = sorted({m.year for m in self.months})
        users: dict[tuple[str, int], tuple[Person, Team, int]] = {}
        for mi, month in enumerate(self.months):
            for p, t in self.present[mi].values():
                if p.title in CAR_TITLES or (p.is_manager and t.kind in ("onderhoud", "project")):
                    k = (p.key, month.year)
                    n = users.get(k, (p, t, 0))[2]
                    users[k] = (p, t, n + 1)
        for (_key, year), (p, t, n_months) in sorted(users.items()):
            months_y = [i for i, m in enumerate(self.months) if m.year == year]
            planted = [self.signal(t, "car_km", i) for i in months_y]
            share = sum(1 for x in planted if x is not None) / 12
            median = t.rates["car_median_km"]
            km = float(rng.lognormal(math.log(median), b["car_sigma"]))
            if share > 0:
                high = next(x for x in planted if x is not None)
                km = km * (1 - share) + float(rng.lognormal(math.log(high), 0.3)) * share
            # the current year is year to date
            km *= min(n_months, 12) / 12 if year == years[-1] else 1
            rows.append([p.key, str(year), f"{km:.1f}"])
        return rows

    def allocations(self) -> list[list[str]]:
        rng, b = self.rng, self.base
        rows: list[list[str]] = []
        districts = list(rng.choice(DISTRICTS, size=6, replace=False))
        channels = ["regulier", "urgentie", "maatwerk", "direct", "herhuisvesting", "statushouder"]
        ch_p = rng.dirichlet(np.array([70, 9, 6, 4, 4, 5]) * 3.0)
        n = 0
        for mi, month in enumerate(self.months):
            for t in self.teams:
                if t.kind != "lettings":
                    continue
                people = sorted(
                    (p for p, u in self.present[mi].values() if u.id == t.id), key=lambda x: x.key
                )
                leads = [p for p in people if p.is_manager]
                consultants = [p for p in people if not p.is_manager]
                culprits = set(x.key for x in consultants[: max(1, (len(consultants) + 1) // 2)])
                for c in consultants:
                    # a consultant's own taste for exceptions (concentration varies)
                    tilt = 1.0 + 0.8 * ((int(c.key[1:]) % 7) - 3) / 3
                    p_ch = ch_p.copy()
                    p_ch[2:4] *= max(tilt, 0.2)
                    p_ch /= p_ch.sum()
                    bad = 2.0 if c.key in culprits else 0.0
                    for _ in range(int(rng.poisson(c.consult_rate * c.fte))):
                        n += 1
                        ch = channels[int(rng.choice(6, p=p_ch))]
                        rank: int | None = None
                        motivated = True
                        if ch in ("regulier", "urgentie"):
                            rank = 1
                            if rng.random() < b["al_rank_gt1"]:
                                rank = int(2 + rng.geometric(0.45))
                                motivated = rng.random() >= b["al_rank_unmotivated"]
                            oor = self.signal(t, "al_out_of_rank", mi)
                            if oor is not None and rng.random() < oor * bad:
                                rank, motivated = int(rng.integers(2, 9)), False
                        elif ch in ("maatwerk", "direct"):
                            motivated = rng.random() >= b["al_exception_unmotivated"]
                            nm = self.signal(t, "al_no_motivation", mi)
                            if nm is not None and rng.random() < nm * bad:
                                motivated = False
                        approver = leads[0].key if leads else self.slots[t.parent][0].key
                        if ch in ("maatwerk", "direct", "urgentie", "herhuisvesting"):
                            if rng.random() < b["al_no_approver"]:
                                approver = ""
                            sa = self.signal(t, "al_same_approver", mi)
                            if sa is not None and rng.random() < sa * bad:
                                approver = str(rng.choice(["", c.key]))
                        elif rng.random() < 0.5:
                            approver = ""
                        staff = rng.random() < (self.signal(t, "al_staff", mi) or b["al_staff"])
                        regdate = rng.random() < b["al_regdate"]
                        rd = self.signal(t, "al_regdate", mi)
                        if rd is not None and rng.random() < rd * bad:
                            regdate = True
                        rows.append(
                            [
                                f"{self.prefix}T{n:06d}",
                                self.day_in(month).isoformat(),
                                f"VHE{int(rng.integers(10000, 99999))}",
                                str(rng.choice(districts)),
                                ch,
                                "" if rank is None else str(rank),
                                "true" if motivated else "false",
                                c.key,
                                approver,
                                "true" if staff else "false",
                                "true" if regdate else "false",
                            ]
                        )
        return rows

    def hr_aggregates(self) -> list[list[str]]:
        rng, b = self.rng, self.base
        rows: list[list[str]] = []
        for mi, month in enumerate(self.months):
            by_unit: dict[str, list[Person]] = {}
            for p, t in self.present[mi].values():
                by_unit.setdefault(t.id, []).append(p)
            for uid in sorted(by_unit):
                t, people = self.unit(uid), by_unit[uid]
                target = self.signal(t, "garnish", mi)
                share = target / 100 if target is not None else t.rates["garnish_share"]
                on, off = share / 18 / max(1 - share, 0.05), 1 / 18
                for p in people:
                    if p.garnished:
                        p.garnished = rng.random() >= off
                    else:
                        p.garnished = rng.random() < (on if target is None else 4 * on)
                fte = sum(p.fte for p in people)
                sw = self.signal(t, "social_work", mi) or t.rates["social_work"]
                referrals = int(rng.poisson(sw * fte / 100 / 12))
                garn = sum(1 for p in people if p.garnished)
                rows.append([_nl_date(month), uid, str(garn), str(referrals)])
        del b
        return rows

    def feedback(self) -> list[list[str]]:
        rng = self.rng
        rows: list[list[str]] = []
        for mi, month in enumerate(self.months):
            if month.month not in (3, 9):
                continue
            for key, (p, t) in sorted(self.present[mi].items()):
                if not p.is_manager or p is self.boss:
                    continue
                score = self.signal(t, "score_360", mi)
                if score is None or p.title.startswith("Manager"):
                    score = t.rates["score_360"] + float(rng.normal(0, 0.3))
                else:
                    score = score + float(rng.normal(0, 0.2))
                score = min(5.0, max(1.0, score))
                raters = int(rng.integers(2, 11))
                rows.append([key, _nl_date(month), _nl(score, 2), str(raters)])
        return rows


def _write(path: Path, header: list[str], rows: list[list[str]], delimiter: str, bom=False):
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n" if bom else "\n")
        w.writerow(header)
        w.writerows(rows)


def generate_org(
    out: Path, seed: int, *, size: str = "small", end_month: dt.date | None = None
) -> Path:
    """Write one fictional organisation to ``out`` and return its manifest.json path.

    ``end_month`` (the last month of data) defaults to the last month of the last
    complete quarter before today, so the data is recent and never in the future; 24
    months end there. Same seed, size and end month: the same files, byte for byte.
    """
    end = end_month or default_end_month()
    end = dt.date(end.year, end.month, 1)
    org = _Org(seed, size, end)
    org.draw_rates()
    org.build_tree()
    org.draw_team_rates()
    org.plant()
    org.staff()
    org.simulate()
    survey = org.survey()
    gifts, side = org.gifts_and_side_jobs()
    vehicles = org.vehicles()
    allocations = org.allocations()
    aggregates = org.hr_aggregates()
    feedback = org.feedback()

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _write(
        out / "organisatie_eenheden.csv",
        ["org_unit", "name", "parent_unit", "level"],
        [[u.id, u.name, u.parent, u.level] for u in org.units],
        ",",
    )
    _write(
        out / "personeel_maandstanden.csv",
        [
            "employee_key",
            "snapshot_month",
            "org_unit",
            "manager_key",
            "job_title",
            "is_manager",
            "fte",
            "hire_date",
            "role_start_date",
            "sick_days",
            "overtime_hours",
            "leave_days",
            "longest_leave_block_days_12m",
            "exit_date",
            "exit_reason",
        ],  # fmt: skip
        org.emp_rows,
        ";",
        bom=True,
    )
    _write(
        out / "medewerkersonderzoek.csv",
        ["respondent_key", "wave_date", "org_unit", "item_code", "answer"],
        survey,
        ",",
    )
    _write(
        out / "geschenkenregister.csv",
        [
            "record_id",
            "employee_key",
            "received_on",
            "giver_type",
            "gift_type",
            "value_eur",
            "delivered_at_home",
            "decision",
        ],  # fmt: skip
        gifts,
        ";",
    )
    _write(
        out / "nevenwerkzaamheden.csv",
        [
            "employee_key",
            "registered_on",
            "started_on",
            "approved_on",
            "sector",
            "involves_tenant_or_relation",
        ],  # fmt: skip
        side,
        ";",
    )
    _write(out / "dienstauto_km.csv", ["employee_key", "year", "private_km"], vehicles, ",")
    (out / "dienstauto.mapping.yaml").write_text(
        "# the fleet system writes decimal points\n"
        "dataset: vehicle_use\n"
        'files: ["dienstauto_km*.csv"]\n'
        "number_format: en\n",
        encoding="utf-8",
    )
    _write(
        out / "toewijzingen.csv",
        [
            "allocation_id",
            "allocated_on",
            "dwelling_id",
            "district",
            "channel",
            "candidate_rank",
            "motivation_recorded",
            "consultant_key",
            "approver_key",
            "related_to_employee",
            "registration_date_modified",
        ],  # fmt: skip
        allocations,
        ",",
    )
    _write(
        out / "hr_kengetallen.csv",
        ["month", "org_unit", "garnishment_count", "social_worker_referrals"],
        aggregates,
        ";",
    )
    _write(
        out / "feedback_360.csv",
        ["manager_key", "period", "integrity_score", "n_raters"],
        feedback,
        ";",
    )

    planted = {s["org_unit"] for s in org.scenarios}
    manifest = {
        "generator": GENERATOR,
        "seed": seed,
        "size": size,
        "organisation": {
            "name": org.name,
            "root": org.root,
            "departments": sum(1 for u in org.units if u.level == "afdeling"),
            "teams": len(org.teams),
            "small_teams": sorted(t.id for t in org.teams if t.size < 10),
            "headcount": sum(len(v) for v in org.slots.values()),
        },
        "period": {
            "first_month": org.months[0].strftime("%Y-%m"),
            "last_month": org.months[-1].strftime("%Y-%m"),
            "quarters": org.quarters,
        },
        "base_rates": {
            k: (round(v, 4) if isinstance(v, float) else v) for k, v in org.base.items()
        },
        "scenarios": org.scenarios,
        "clean_units": sorted(t.id for t in org.teams if t.id not in planted),
        "org_units": [
            {
                "org_unit": u.id,
                "name": u.name,
                "parent_unit": u.parent or None,
                "level": u.level,
                "kind": u.kind,
                "size": u.size,
            }
            for u in org.units
        ],  # fmt: skip
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
