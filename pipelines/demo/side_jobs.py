"""The side_jobs register: about a tenth of the people, some started before approval."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.demo.bad_rows import Bad, _pick_rows
from pipelines.demo.formats import _dmy, _yes_no
from pipelines.demo.organisation import People
from pipelines.demo.period import EXPORT_DATE

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
