"""The hr_aggregates rows: garnishments and social-worker referrals per team and month."""

from __future__ import annotations

from tests.orggen.model import Person, _nl_date
from tests.orggen.organisation import Organisation


class WithHrAggregates(Organisation):
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
