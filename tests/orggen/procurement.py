"""Suppliers, orders and integrity trainings (issue 18), drawn from a stream of their own.

Everything here comes from ``numpy.random.default_rng([seed, 18])``, not from the
organisation's main stream, so adding these datasets left every older file of a seed
byte for byte as it was. The habits are this organisation's own: maintenance and project
teams buy a lot (their biggest suppliers under framework contracts with unit prices),
most other teams buy a little; amounts are lognormal per team kind; below 50 000 one
quote is the rule, from 50 000 three or more with a contract, from 221 000 a European
tender; the team lead approves small orders, the department manager larger ones, the
director the largest. A few slips happen everywhere (a missing quote, an order approved by
its requester), as they do.

A procurement scenario (``plant_procurement``) goes into the team of the organisation's
G2 scenario when it has one, else, in some seeds, into a clean buying team as a scenario
of its own (``P-G2-INKOOP``). From six months before its start quarter (so the 12-month
windows show it from the start quarter on): one favoured supplier gets orders split to
stay under 50 000 (each 15 000 to 49 900, together over it, within three weeks, one
quote, no contract), some larger orders with too few quotes, and the team lead approves
part of the team's orders himself; in some seeds the favoured supplier is related to an
employee and its bank account changes shortly before a large payment.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np

from tests.orggen.model import Team, _iso, _ja, _nl_date, _quarter
from tests.orggen.organisation import Organisation

# (trade words for a company, for a sole trader)
TRADES = [
    "Aannemersbedrijf", "Installatietechniek", "Schildersbedrijf", "Dakwerken", "Loodgieter",
    "Hoveniersbedrijf", "Glaszetterij", "Elektrotechniek", "Sloopwerken", "Ingenieursbureau",
    "Adviesbureau", "Schoonmaakdiensten", "Liftonderhoud", "Tegelzetter", "Timmerbedrijf",
    "Stukadoorsbedrijf", "Rioolservice", "Ongediertebestrijding", "Beveiliging", "ICT-diensten",
]  # fmt: skip
SURNAMES = [
    "Hendriks", "Coenen", "Peeters", "Janssen", "Smeets", "Vd Berg", "Willems", "Lemmens",
    "Geurts", "Bosch", "Kusters", "Verbeek", "Claessens", "Hermans", "Gielen", "Dings",
    "Martens", "Wolters", "Houben", "Vossen", "Jacobs", "Theunissen", "Schreurs", "Maas",
]  # fmt: skip
LEGAL = [("bv", 0.58), ("eenmanszaak", 0.17), ("vof", 0.10), ("nv", 0.03), ("stichting", 0.05),
         ("cooperatie", 0.03), ("cv", 0.02), ("maatschap", 0.02)]  # fmt: skip
# orders per month and amount median / spread (lognormal) by team kind
BUYING = {
    "onderhoud": (9.0, 2200.0, 1.15),
    "project": (5.0, 9000.0, 1.35),
    "inkoop": (6.0, 4500.0, 1.25),
    "wijk": (1.2, 900.0, 1.0),
    "lettings": (0.3, 400.0, 0.9),
    "office": (0.5, 700.0, 1.1),
}
PROCEDURE_CODES = {
    "enkelvoudig_onderhands": "1-OFF",
    "meervoudig_onderhands": "M-OFF",
    "europees_openbaar": "EU-AANB",
    "nationaal_openbaar": "NAT-AANB",
    "raamcontract": "RAAM",
}
PLANTED_PR = ["KRI-PR-SPLIT-ORDERS", "KRI-PR-FEW-QUOTES", "KRI-PR-JUST-UNDER",
              "KRI-PR-SAME-APPROVER", "KRI-PR-RELATED-SUPPLIER", "KRI-PR-BANK-CHANGE"]  # fmt: skip


class WithProcurement(Organisation):
    # --- the stream, the suppliers and the scenario ---------------------------------
    def _pr_setup(self) -> None:
        if hasattr(self, "prng"):
            return
        self.prng = np.random.default_rng([self.seed, 18])
        rng = self.prng
        n = int(rng.integers(60, 110)) if self.size == "small" else int(rng.integers(140, 220))
        forms, p = zip(*LEGAL, strict=True)
        self.suppliers: list[dict[str, Any]] = []
        first = self.months[0]
        for i in range(n):
            form = str(rng.choice(forms, p=np.array(p) / sum(p)))
            trade = TRADES[int(rng.integers(len(TRADES)))]
            name = SURNAMES[int(rng.integers(len(SURNAMES)))]
            if form == "eenmanszaak":
                label = f"{trade} {chr(65 + int(rng.integers(26)))}. {name}"
            else:
                label = f"{trade} {name} {form.upper() if form in ('bv', 'nv') else form}"
            since = first - dt.timedelta(days=int(rng.integers(30, 4000)))
            changed = None
            if rng.random() < 0.07:  # a bank account changes now and then
                changed = self.months[int(rng.integers(24))] + dt.timedelta(
                    days=int(rng.integers(0, 27))
                )
            self.suppliers.append(
                {
                    "id": f"CR{40000 + 37 * i + int(rng.integers(0, 30))}",
                    "name": label,
                    "form": form,
                    "first": since,
                    "changed": changed,
                    "related": bool(rng.random() < 0.004),
                }
            )
        self._plant_procurement()

    def _pr_teams(self) -> list[Team]:
        return [t for t in self.teams if BUYING[t.kind if t.kind in BUYING else "office"][0] >= 5]

    def _plant_procurement(self) -> None:
        rng = self.prng
        g2 = next((s for s in self.scenarios if s["risk_id"] == "G2"), None)
        self.pr_plan: dict[str, Any] | None = None
        if g2 is None:
            planted = {s["org_unit"] for s in self.scenarios}
            cands = [t for t in self._pr_teams() if t.id not in planted and t.size >= 10]
            if not cands or rng.random() < 0.35 or len(self.scenarios) >= 10:
                return  # this organisation has no procurement scenario
            team = cands[int(rng.integers(len(cands)))]
            q0 = int(rng.integers(2, len(self.quarters) - 2))
            g2 = {
                "id": "P-G2-INKOOP",
                "risk_id": "G2",
                "org_unit": team.id,
                "org_unit_name": team.name,
                "team_size": team.size,
                "start_quarter": self.quarters[q0],
                "indicators": [],
                "main_indicators": [],
                "signal": {},
                "description": "Een vaste aannemer krijgt het werk in stukjes onder de "
                "drempel van 50 000 euro, zonder offertes van anderen; de teamleider "
                "fiatteert zijn eigen bestellingen.",
            }
            self.scenarios.append(g2)
            self.scenarios.sort(key=lambda s: s["id"])
        team = self.unit(g2["org_unit"])
        m0 = next(i for i, m in enumerate(self.months) if _quarter(m) == g2["start_quarter"])
        related = bool(rng.random() < 0.5)
        fav = self.suppliers[int(rng.integers(len(self.suppliers)))]
        fav["form"] = "bv" if fav["form"] == "eenmanszaak" else fav["form"]
        plan = {
            "team": team.id,
            "from": max(0, m0 - 6),
            "supplier": fav["id"],
            "split_per_month": float(rng.uniform(0.7, 1.0)),
            "few_quotes": float(rng.uniform(0.5, 0.8)),  # of its orders from 50 000
            "self_approved": float(rng.uniform(0.12, 0.25)),
            "related": related,
        }
        if related:
            fav["related"] = True
            plan["bank_change_month"] = min(len(self.months) - 2, m0 + int(rng.integers(0, 3)))
        self.pr_plan = plan
        signal = {
            "KRI-PR-SPLIT-ORDERS": {"split_runs_per_month": round(plan["split_per_month"], 3)},
            "KRI-PR-FEW-QUOTES": {"few_quotes_share": round(plan["few_quotes"], 3)},
            "KRI-PR-JUST-UNDER": {"split_amounts": "15 000 - 49 900"},
            "KRI-PR-SAME-APPROVER": {"self_approved_share": round(plan["self_approved"], 3)},
        }
        if related:
            signal["KRI-PR-RELATED-SUPPLIER"] = {"supplier": fav["id"]}
            signal["KRI-PR-BANK-CHANGE"] = {"supplier": fav["id"]}
        known = {i for i in self.indicators}
        for ind_id, sig in signal.items():
            if ind_id in known and ind_id not in g2["indicators"]:
                g2["indicators"].append(ind_id)
                g2["signal"][ind_id] = sig
                if self.indicators[ind_id].weights.get("G2", 0) >= 1.0:
                    g2["main_indicators"].append(ind_id)

    # --- orders -----------------------------------------------------------------------
    def _people(self, mi: int, unit: str) -> tuple[list[str], list[str]]:
        """(everyone, the leads) of a unit in a month, as employee keys."""
        here = [(p.key, p.is_manager) for p, t in self.present[mi].values() if t.id == unit]
        return [k for k, _ in here], [k for k, m in here if m]

    def _approver(self, mi: int, team: Team, requester: str, amount: float) -> str:
        rng = self.prng
        _everyone, leads = self._people(mi, team.id)
        dept = self._people(mi, team.parent)[1] if team.parent != self.root else []
        boss = self._people(mi, self.root)[1]
        if amount >= 221000 or (amount >= 25000 and not dept):
            pool = boss
        elif amount >= 25000:
            pool = dept
        else:
            pool = [k for k in leads if k != requester] or dept or boss
        if rng.random() < 0.004:  # a slip: the requester approves his own order
            return requester
        return pool[int(rng.integers(len(pool)))] if pool else ""

    def procurement(self) -> tuple[list[list[str]], list[list[str]]]:
        """(supplier rows, order rows)."""
        self._pr_setup()
        rng, plan = self.prng, self.pr_plan
        # a supplier related to an employee is declared and left alone, but for the plan's
        regular = [s for s in self.suppliers if not s["related"]]
        orders: list[list[str]] = []
        seq = 0
        for t in self.teams:
            per_month, median, sigma = BUYING[t.kind if t.kind in BUYING else "office"]
            rate = per_month * float(rng.gamma(8, 1 / 8)) * max(t.size, 5) / 15
            k = int(rng.integers(6, 20))
            mine = [regular[int(i)] for i in rng.choice(len(regular), size=k, replace=False)]
            share = rng.dirichlet(np.full(k, 0.9))
            ranked = [mine[i] for i in np.argsort(-share)]
            framework = set()
            if t.kind in ("onderhoud", "project"):  # the biggest suppliers work under contract
                framework = {s["id"] for s in ranked[: int(rng.integers(1, 4))]}
            contract_of = {sid: f"RO-{2019 + int(rng.integers(0, 6))}-{int(rng.integers(10, 99))}"
                           for sid in framework}  # fmt: skip
            for mi, month in enumerate(self.months):
                everyone, leads = self._people(mi, t.id)
                if not everyone:
                    continue
                buyers = everyone[: max(1, len(everyone) // 3)] + leads
                n = int(rng.poisson(rate))
                rows: list[tuple[Any, ...]] = []
                for _ in range(n):
                    sup = mine[int(rng.choice(k, p=share))]
                    amount = float(rng.lognormal(math.log(median), sigma))
                    rows.append((sup["id"], amount, None))
                if plan and plan["team"] == t.id and mi >= plan["from"]:
                    rows += self._planted_orders(mi, plan)
                for sid, amount, forced in sorted(rows, key=lambda r: (r[0], r[1])):
                    seq += 1
                    requester = buyers[int(rng.integers(len(buyers)))]
                    day = month + dt.timedelta(days=int(rng.integers(0, 28)))
                    if forced is not None:
                        day = month + dt.timedelta(days=forced["day"])
                    orders.append(
                        self._order_row(
                            seq, day, sid, amount, t, requester, framework, contract_of, forced, mi
                        )  # fmt: skip
                    )
        orders.sort(key=lambda r: (r[1], r[0]))
        suppliers = [
            [
                s["id"],
                s["name"],
                s["form"],
                _nl_date(s["first"]),
                _nl_date(s["changed"]),
                _ja(s["related"]),
            ]
            for s in self.suppliers
        ]
        return suppliers, orders

    def _planted_orders(self, mi: int, plan: dict[str, Any]) -> list[tuple[Any, ...]]:
        rng = self.prng
        out: list[tuple[Any, ...]] = []
        if rng.random() < plan["split_per_month"]:
            parts = int(rng.integers(2, 5))
            total = float(rng.uniform(55000, 160000))
            start = int(rng.integers(0, 8))
            for j in range(parts):
                amount = min(49900.0, max(15000.0, total / parts * float(rng.uniform(0.85, 1.15))))
                out.append((plan["supplier"], amount, {"day": start + 6 * j, "split": True}))
        if rng.random() < 0.35:  # a larger job that should have had three quotes
            out.append((plan["supplier"], float(rng.uniform(52000, 140000)),
                        {"day": int(rng.integers(0, 28)), "few": True}))  # fmt: skip
        if plan.get("bank_change_month") == mi:
            fav = next(s for s in self.suppliers if s["id"] == plan["supplier"])
            fav["changed"] = self.months[mi] + dt.timedelta(days=2)
            out.append((plan["supplier"], float(rng.uniform(60000, 120000)),
                        {"day": 20, "few": True}))  # fmt: skip
        return out

    def _order_row(self, seq, day, sid, amount, t, requester, framework, contract_of, forced, mi):
        rng, plan = self.prng, self.pr_plan
        amount = round(max(amount, 12.0), 2 if rng.random() < 0.8 else 0)
        contract, unit_prices = "", False
        if forced is not None and forced.get("split"):
            proc, quotes = "enkelvoudig_onderhands", 1
        elif forced is not None and forced.get("few"):
            proc, quotes = "meervoudig_onderhands", int(rng.integers(1, 3))
            contract = f"OVK-{day.year}-{seq:05d}" if rng.random() < 0.5 else ""
        elif sid in framework:
            proc, quotes, contract, unit_prices = "raamcontract", 0, contract_of[sid], True
        elif amount >= 221000:
            proc, quotes = "europees_openbaar", int(rng.integers(3, 8))
            contract = f"EA-{day.year}-{seq:05d}"
        elif amount >= 50000:
            proc, quotes = "meervoudig_onderhands", int(rng.integers(3, 6))
            if rng.random() < 0.01:  # a slip: two quotes
                quotes = 2
            contract = f"OVK-{day.year}-{seq:05d}"
        else:
            proc = "enkelvoudig_onderhands"
            quotes = 1 if amount < 15000 else int(rng.integers(1, 4))
            if rng.random() < 0.05:
                contract = f"OVK-{day.year}-{seq:05d}"
        approver = self._approver(mi, t, requester, amount)
        if plan and plan["team"] == t.id and mi >= plan["from"]:
            leads = self._people(mi, t.id)[1]
            if leads and rng.random() < plan["self_approved"]:
                requester = approver = leads[0]
        return [
            f"B{day.year}{seq:06d}",
            _iso(day),
            sid,
            f"{amount:.2f}",
            t.id,
            PROCEDURE_CODES[proc],
            str(quotes),
            contract,
            "J" if unit_prices else "N",
            requester,
            approver,
        ]

    # --- trainings ------------------------------------------------------------------
    def trainings(self) -> list[list[str]]:
        """Per team: the yearly e-learning, one or two dilemma sessions a year; the code of
        conduct introduction for newcomers every other month at the organisation."""
        self._pr_setup()
        rng = self.prng
        rows: list[list[str]] = []
        for t in self.teams:
            elearn_month = int(rng.integers(1, 13))
            sessions = int(rng.integers(1, 3))
            months = sorted(int(m) for m in rng.choice(12, size=sessions, replace=False) + 1)
            for mi, month in enumerate(self.months):
                n = len(self._people(mi, t.id)[0])
                if not n:
                    continue
                if month.month == elearn_month:
                    done = int(rng.binomial(n, float(rng.uniform(0.65, 0.95))))
                    rows.append([_iso(month + dt.timedelta(days=14)), t.id,
                                 "e_learning_integriteit", str(n), str(done)])  # fmt: skip
                if month.month in months:
                    day = month + dt.timedelta(days=int(rng.integers(0, 25)))
                    done = int(rng.binomial(n, float(rng.uniform(0.6, 0.9))))
                    rows.append([_iso(day), t.id, "dilemmasessie", str(n), str(done)])
        for mi, month in enumerate(self.months):
            if mi % 2 == 0:
                n = int(rng.integers(3, 12))
                done = int(rng.binomial(n, 0.9))
                rows.append([_iso(month + dt.timedelta(days=9)), self.root,
                             "introductie_gedragscode", str(n), str(done)])  # fmt: skip
        rows.sort()
        return rows
