"""The gifts and side_jobs registers, drawn together (one pass over the people)."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from typing import Any

from tests.orggen.model import Person, _ja, _nl, _nl_date
from tests.orggen.names import EXPOSED_TITLES, SECTORS
from tests.orggen.organisation import Organisation


class WithGiftsAndSideJobs(Organisation):
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
