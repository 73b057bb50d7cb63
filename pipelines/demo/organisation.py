"""The organisation "Woonstichting Heuvelland": its departments and teams, their sizes
for the small and the large demo, the org_units frame, and the people who fill the
positions over the 24 months (``People``, ``_build_people``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from pipelines.demo.formats import COLUMNS
from pipelines.demo.period import DAYS_IN_MONTH, MONTH_START, MONTHS, N_MONTHS

ORGANISATION = "Woonstichting Heuvelland"
ROOT = "WH"

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

Size = Literal["small", "large"]


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
