"""One organisation's draws in order: base rates, the tree, team rates, the planted
scenarios, the people and their 24 months of HR history (``Organisation``). The datasets
are methods added by one subclass per dataset; ``generator._Org`` combines them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from typing import Any

import numpy as np

from pipelines.core.catalogue import load_catalogue
from tests.orggen.model import Person, Team, _ja, _logit, _month_add, _nl, _nl_date, _quarter
from tests.orggen.names import DEPARTMENTS, EXIT_P, EXIT_REASONS, ORG_NAMES, TITLES
from tests.orggen.scenarios import REQUIRED, TEMPLATES, S


class Organisation:
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
