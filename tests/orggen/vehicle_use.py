"""The vehicle_use register: private kilometres per company-car user and year."""

from __future__ import annotations

import math

from tests.orggen.model import Person, Team
from tests.orggen.names import CAR_TITLES
from tests.orggen.organisation import Organisation


class WithVehicleUse(Organisation):
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
