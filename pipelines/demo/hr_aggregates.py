"""The hr_aggregates dataset: garnishments and social-worker referrals per team and
month (S-D1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.demo.formats import _ints, _iso
from pipelines.demo.organisation import TEAM_CODES, People
from pipelines.demo.period import MONTH_START, N_MONTHS
from pipelines.demo.scenarios import _scenario


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
