"""The allocations dataset: lettings by the consultants of the letting teams (S-G1, S-RF1)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.demo.bad_rows import Bad, _pick_rows
from pipelines.demo.formats import _dmy, _ints, _yes_no
from pipelines.demo.organisation import People, Size
from pipelines.demo.period import N_MONTHS
from pipelines.demo.scenarios import _planted_units, _scenario

ALLOCATING_TEAMS = ["VH-NRD", "VH-ZLD", "VH-OOST", "VH-URG"]
CONSULTANT_TITLE = "Verhuurconsulent"

DISTRICTS = {
    "VH-NRD": ["Valkenburg", "Meerssen", "Beek", "Schinnen"],
    "VH-ZLD": ["Gulpen", "Eijsden", "Margraten", "Vaals"],
    "VH-OOST": ["Simpelveld", "Voerendaal", "Wittem", "Bocholtz"],
}
ALL_DISTRICTS = [d for ds in DISTRICTS.values() for d in ds]
CHANNELS = ["regulier", "urgentie", "maatwerk", "direct", "herhuisvesting", "statushouder"]


def _allocations(rng, ppl: People, size: Size, out_bad: list[Bad]) -> pd.DataFrame:
    T = N_MONTHS
    consultant = np.isin(ppl.unit, ALLOCATING_TEAMS) & (ppl.title == CONSULTANT_TITLE)
    per_month = 100 if size == "small" else 1000
    ps, ts = [], []
    for t in range(T):
        avail = np.flatnonzero(consultant & ppl.emp[:, t])
        k = int(rng.poisson(per_month))
        ps.append(avail[rng.integers(0, len(avail), k)])
        ts.append(np.full(k, t))
    p, t = np.concatenate(ps), np.concatenate(ts)
    n = len(p)
    team = ppl.unit[p]
    urg = team == "VH-URG"
    ch_regional = [0.80, 0.03, 0.02, 0.05, 0.04, 0.06]
    ch_urg = [0.0, 0.35, 0.30, 0.05, 0.15, 0.15]
    channel = np.where(urg, rng.choice(6, n, p=ch_urg), rng.choice(6, n, p=ch_regional))
    g1 = _scenario("S-G1")
    in_g1 = (team == g1.org_unit) & (t >= g1.start_t)
    channel = np.where(in_g1, rng.choice(6, n, p=[0.68, 0.03, 0.10, 0.10, 0.04, 0.05]), channel)
    channel = np.array(CHANNELS, dtype=object)[channel]
    regular = channel == "regulier"
    md = np.isin(channel, ["maatwerk", "direct"])
    # S-G1: one consultant collects most of the exceptions
    to_anchor = in_g1 & md & (rng.random(n) < 0.6)
    p = np.where(to_anchor, ppl.anchor_zld, p)

    rank = rng.choice([1, 2, 3, 4, 5, 6], n, p=[0.88, 0.08, 0.025, 0.008, 0.004, 0.003])
    rank = np.where(in_g1 & (rng.random(n) < 0.25), rng.integers(2, 6, n), rank)
    motivation = np.where(
        regular,
        (rank > 1) & (rng.random(n) < np.where(in_g1, 0.40, 0.95)),
        rng.random(n) < np.where(md, np.where(in_g1, 0.45, 0.98), 0.95),
    )
    related = rng.random(n) < np.where(in_g1, 0.05, 0.003)
    regdate = rng.random(n) < np.where(in_g1, 0.08, 0.003)

    managers = {tm: ppl.team_manager(tm) for tm in ALLOCATING_TEAMS}
    approver = np.array([managers[tm] for tm in team])
    rf1 = _scenario("S-RF1")
    same = rng.random(n) < np.where(
        (team == rf1.org_unit) & (t >= rf1.start_t), 0.30, np.where(regular, 0.0, 0.005)
    )
    approver = np.where(same, p, approver)

    district_list = np.array(ALL_DISTRICTS, dtype=object)
    dist_idx = np.where(
        np.isin(team, list(DISTRICTS)),
        np.array([ALL_DISTRICTS.index(DISTRICTS.get(tm, ALL_DISTRICTS)[0]) for tm in team])
        + rng.integers(0, 4, n),
        rng.integers(0, len(ALL_DISTRICTS), n),
    )
    stock = 1500 if size == "small" else 9000
    stock_no = rng.integers(1, stock, n)
    dwelling = np.array(
        [f"VHE{d + 1:02d}{k:04d}" for d, k in zip(dist_idx, stock_no, strict=True)],
        dtype=object,
    )
    day = ppl.random_day(rng, p, t, weekdays=True)
    order = np.lexsort((rng.random(n), day))
    day, p, t = day[order], p[order], t[order]
    year = day.astype("datetime64[Y]").astype(int) + 1970
    seq = pd.Series(year).groupby(year).cumcount().to_numpy() + 1
    ids = np.array([f"TW-{y}-{s:06d}" for y, s in zip(year, seq, strict=True)], dtype=object)
    df = pd.DataFrame(
        {
            "allocation_id": ids,
            "allocated_on": _dmy(day),
            "dwelling_id": dwelling[order],
            "district": district_list[dist_idx[order]],
            "channel": channel[order],
            "candidate_rank": np.where(regular[order], _ints(rank[order]), ""),
            "motivation_recorded": _yes_no(motivation[order], "j", "n"),
            "consultant_key": ppl.key[p],
            "approver_key": ppl.key[approver[order]],
            "related_to_employee": _yes_no(related[order], "j", "n"),
            "registration_date_modified": _yes_no(regdate[order], "j", "n"),
        }
    )
    ok = regular[order] & (rank[order] == 1) & ~np.isin(team[order], _planted_units("allocations"))
    (row,) = _pick_rows(rng, ok, 1)
    out_bad.append(Bad(row, "candidate_rank", "candidate_rank", "0", "out_of_range"))
    return df
