"""The employees dataset: monthly HR snapshots with sick days, overtime and leave blocks
(S-RF2 and S-RF6 planted here).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.demo.bad_rows import Bad, _pick_rows
from pipelines.demo.formats import _dec, _dmy, _ints, _map_unique, _yes_no
from pipelines.demo.organisation import People
from pipelines.demo.period import DAYS_IN_MONTH, MONTHS, WORKDAYS
from pipelines.demo.scenarios import _planted_units, _scenario


def _employees(rng, ppl: People, out_bad: list[Bad]) -> pd.DataFrame:
    P, T = ppl.emp.shape
    p, t = np.nonzero(ppl.emp)
    n = len(p)
    unit = ppl.unit[p]
    role = ppl.role[p]
    mgr = ppl.manager_person()
    wc = _scenario("S-RF6")
    in_wc = (unit == wc.org_unit) & (t >= wc.start_t)

    # sick days: short spells, long-term episodes; S-RF6 raises both
    short_p = np.where(in_wc, 0.40, 0.20)
    short = np.where(
        rng.random(n) < short_p, np.where(in_wc, rng.integers(2, 8, n), rng.integers(1, 6, n)), 0
    )
    has_ep = rng.random(P) < 0.05
    ep_start = rng.integers(0, T, P)
    ep_len = rng.integers(2, 7, P)
    in_ep = has_ep[p] & (ep_start[p] <= t) & (t < ep_start[p] + ep_len[p])
    in_ep |= in_wc & (rng.random(n) < 0.06)
    long_days = np.round(WORKDAYS[t] * rng.uniform(0.8, 1.0, n))
    half = np.where(rng.random(n) < 0.1, 0.5, 0.0)
    sick = np.where(in_ep, long_days, short + np.where(short > 0, half, 0.0))
    sick = np.minimum(sick, DAYS_IN_MONTH[t])

    # overtime: S-RF6 several times the base
    ot_p = np.where(in_wc, 0.95, np.where(role == "staff", 0.35, 0.6))
    ot = np.where(in_wc, rng.gamma(4.0, 4.0, n), rng.gamma(2.0, 2.0, n))
    overtime = np.where(rng.random(n) < ot_p, np.round(ot * 2) / 2, 0.0)
    overtime = np.where(in_ep, 0.0, overtime)

    # leave blocks: one main block a year (summer mostly), one minor block
    years = np.array([2023, 2024, 2025, 2026])
    main_month = np.array([6, 7, 7, 7, 8, 8, 8])[rng.integers(0, 7, (P, 4))]
    main_len = np.where(
        rng.random((P, 4)) < 0.90, rng.integers(14, 25, (P, 4)), rng.integers(7, 14, (P, 4))
    )
    minor_month = np.array([2, 4, 5, 12])[rng.integers(0, 4, (P, 4))]
    minor_len = rng.integers(3, 10, (P, 4))
    # S-RF2: BV-IA's last long block was in January 2024; from 2025-Q1 nobody reaches 10 days
    ia = ppl.unit == _scenario("S-RF2").org_unit
    main_month[ia, 1] = 1
    main_len[ia, 1] = rng.integers(14, 22, int(ia.sum()))
    main_len[ia, 2:] = rng.integers(5, 10, (int(ia.sum()), 2))
    ev_idx = np.c_[(years - 2024) * 12 + main_month - 10, (years - 2024) * 12 + minor_month - 10]
    ev_len = np.c_[main_len, minor_len]
    hire_idx = (ppl.hire.astype("datetime64[M]") - MONTHS[0]).astype(int)
    valid_hire = ev_idx >= hire_idx[:, None]
    block = np.zeros((P, T), dtype=int)
    leave_extra = np.zeros((P, T))
    for tt in range(T):
        valid = valid_hire & (ev_idx <= tt) & (ev_idx > tt - 12)
        block[:, tt] = np.where(valid, ev_len, 0).max(axis=1)
        now = valid_hire & (ev_idx == tt)
        leave_extra[:, tt] = np.where(now, np.round(ev_len * 5 / 7), 0).sum(axis=1)
    longest = block[p, t]
    leave = rng.poisson(1.2, n) + np.where(rng.random(n) < 0.2, 0.5, 0.0) + leave_extra[p, t]
    leave = np.minimum(leave, WORKDAYS[t])

    exit_now = ppl.exited[p] & (ppl.end_t[p] == t)
    mk = np.where(mgr[p] >= 0, ppl.key[np.maximum(mgr[p], 0)], "")
    df = pd.DataFrame(
        {
            "employee_key": ppl.key[p],
            "snapshot_month": _map_unique(MONTHS[t], str),
            "org_unit": unit,
            "manager_key": mk,
            "job_title": ppl.title[p],
            "is_manager": _yes_no(role != "staff"),
            "fte": _dec(ppl.fte[p], 3),
            "hire_date": _dmy(ppl.hire[p]),
            "role_start_date": _dmy(ppl.role_start[p]),
            "sick_days": _dec(sick, 1),
            "overtime_hours": _dec(overtime, 1),
            "leave_days": _dec(leave, 1),
            "longest_leave_block_days_12m": _ints(longest),
            "exit_date": np.where(exit_now, _dmy(ppl.exit_date[p]), ""),
            "exit_reason": np.where(exit_now, ppl.exit_reason[p], ""),
        }
    )
    df = df.iloc[np.lexsort((df["employee_key"].to_numpy(), t))].reset_index(drop=True)
    t_sorted = np.sort(t, kind="stable")

    ok = (
        (df["is_manager"] == "nee").to_numpy()
        & ~df["org_unit"].isin(_planted_units("employees")).to_numpy()
        & (df["exit_date"] == "").to_numpy()
        & (t_sorted > 2)
    )
    dup_row, fte_row = _pick_rows(rng, ok, 2)
    if rng.random() < 0.5:
        dup_row, fte_row = fte_row, dup_row
    old_ot = df.at[dup_row, "overtime_hours"]
    out_bad.append(
        Bad(
            dup_row,
            "employee_key",
            "employee_key",
            df.at[dup_row, "employee_key"],
            "duplicate_key",
            duplicate=True,
            dup_changes={"overtime_hours": "2,5" if old_ot != "2,5" else "4"},
        )
    )
    out_bad.append(Bad(fte_row, "fte", "fte", "0", "out_of_range"))
    return df
