"""The feedback_360 dataset: integrity scores for every manager per quarter (S-RF4)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.demo.formats import _dec, _dmy, _ints
from pipelines.demo.organisation import People
from pipelines.demo.period import MONTH_START, N_MONTHS
from pipelines.demo.scenarios import _scenario


def _feedback_360(rng, ppl: People) -> pd.DataFrame:
    managers = np.flatnonzero(ppl.role != "staff")
    effect = rng.normal(0, 0.12, len(ppl.slot))
    sc = _scenario("S-RF4")
    bad_mgr = ppl.team_manager(sc.org_unit)
    rows_p, rows_q = [], []
    for q in range(N_MONTHS // 3):
        active = managers[ppl.emp[managers, q * 3 : q * 3 + 3].any(axis=1)]
        rows_p.append(active)
        rows_q.append(np.full(len(active), q))
    p, q = np.concatenate(rows_p), np.concatenate(rows_q)
    n = len(p)
    score = 4.1 + effect[p] + rng.normal(0, 0.15, n)
    hit = (p == bad_mgr) & (q * 3 >= sc.start_t)
    score = np.where(hit, rng.normal(2.6, 0.12, n), score)
    score = np.clip(np.round(score, 2), 1.0, 5.0)
    raters = rng.integers(3, 10, n)
    order = np.lexsort((ppl.key[p], q))
    return pd.DataFrame(
        {
            "manager_key": ppl.key[p][order],
            "period": _dmy(MONTH_START[q[order] * 3]),
            "integrity_score": _dec(score[order], 2),
            "n_raters": _ints(raters[order]),
        }
    )
