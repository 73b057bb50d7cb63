"""The vehicle_use register: private kilometres per company-car user and year (S-G3)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.demo.bad_rows import Bad, _pick_rows
from pipelines.demo.formats import _dec, _ints
from pipelines.demo.organisation import People
from pipelines.demo.period import MONTHS
from pipelines.demo.scenarios import _planted_units, _scenario

CAR_TEAMS = ["VG-TD", "VG-PO", "KLT-WB", "KLT-WZ"]


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
