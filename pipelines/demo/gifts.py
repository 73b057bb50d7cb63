"""The gifts register (the one Excel file), with S-G4's expensive supplier gifts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.demo.bad_rows import Bad, _pick_rows
from pipelines.demo.formats import _yes_no
from pipelines.demo.organisation import People
from pipelines.demo.period import N_MONTHS
from pipelines.demo.scenarios import _planted_units, _scenario

GIFT_RATE = {  # gifts registered per person per month
    "VH": 0.12,
    "VG-PO": 0.12,
    "VG-ONH": 0.12,
    "VG-INK": 0.15,
    "VG-TD": 0.08,
    "KLT-WB": 0.12,
    "KLT-WZ": 0.12,
    "KLT-LEF": 0.10,
    "KLT-KCC": 0.04,
    "FIN-DEB": 0.04,
}


def _gifts(rng, ppl: People, out_bad: list[Bad]) -> pd.DataFrame:
    P, T = ppl.emp.shape
    unit = ppl.unit
    dept = np.array([u.split("-")[0] for u in unit], dtype=object)
    pairs = zip(unit, dept, strict=True)
    rate = np.array([GIFT_RATE.get(u, GIFT_RATE.get(d, 0.015)) for u, d in pairs])
    counts = rng.poisson(rate[:, None] * ppl.emp)
    p, t = np.nonzero(counts)
    reps = counts[p, t]
    p, t = np.repeat(p, reps), np.repeat(t, reps)
    n = len(p)
    du = dept[p]
    tenant_facing = np.isin(du, ["VH", "KLT"]) | (unit[p] == "FIN-DEB")
    supplier_facing = du == "VG"
    r = rng.random(n)
    giver = np.where(
        tenant_facing,
        np.where(r < 0.70, "huurder", np.where(r < 0.85, "leverancier", "overig")),
        np.where(
            supplier_facing,
            np.where(r < 0.75, "leverancier", np.where(r < 0.9, "huurder", "overig")),
            np.where(r < 0.45, "leverancier", np.where(r < 0.55, "huurder", "overig")),
        ),
    )
    r = rng.random(n)
    gtype = np.where(
        giver == "huurder",
        np.where(
            r < 0.88,
            "goederen",
            np.where(r < 0.93, "tegoedbon", np.where(r < 0.96, "geld", "overig")),
        ),
        np.where(
            giver == "leverancier",
            np.where(
                r < 0.70,
                "goederen",
                np.where(
                    r < 0.80,
                    "etentje",
                    np.where(
                        r < 0.88,
                        "evenement",
                        np.where(r < 0.89, "reis", np.where(r < 0.93, "tegoedbon", "overig")),
                    ),
                ),
            ),
            np.where(
                r < 0.75,
                "goederen",
                np.where(r < 0.85, "etentje", np.where(r < 0.93, "evenement", "overig")),
            ),
        ),
    )
    median = {
        "goederen": 20,
        "etentje": 35,
        "evenement": 40,
        "reis": 450,
        "tegoedbon": 25,
        "geld": 20,
        "overig": 15,
    }
    med = np.array([median[g] for g in gtype])
    value = med * np.exp(rng.normal(0, 0.5, n))
    value = np.maximum(5.0, np.round(value * 2) / 2)
    home = rng.random(n) < 0.015
    over = value > 50
    forbidden = (giver == "huurder") & np.isin(gtype, ["geld", "tegoedbon"])
    hospitality = np.isin(gtype, ["etentje", "evenement", "reis"])
    r = rng.random(n)
    decision = np.where(
        forbidden | home,
        np.where(r < 0.85, "geweigerd", np.where(r < 0.97, "afgestaan", "geaccepteerd")),
        np.where(
            over,
            np.where(r < 0.55, "geweigerd", np.where(r < 0.97, "afgestaan", "geaccepteerd")),
            np.where(
                hospitality,
                np.where(r < 0.55, "geweigerd", "geaccepteerd"),
                np.where(
                    r < 0.55,
                    "geaccepteerd",
                    np.where(r < 0.95, "gedeeld", np.where(r < 0.98, "afgestaan", "geweigerd")),
                ),
            ),
        ),
    )
    received = ppl.random_day(rng, p, t)

    # S-G4: VG-PO accepts expensive gifts and hospitality from suppliers, often at home
    sc = _scenario("S-G4")
    in_po = np.flatnonzero(unit == sc.org_unit)
    extra_p, extra_t = [], []
    for q in range(sc.start_t // 3, N_MONTHS // 3):
        ts = np.arange(q * 3, q * 3 + 3)
        pairs = np.argwhere(ppl.emp[np.ix_(in_po, ts)])
        head = len(np.unique(pairs[:, 0]))
        k = max(2, int(rng.poisson(0.25 * head)))
        pick = pairs[rng.integers(0, len(pairs), k)]
        extra_p.append(in_po[pick[:, 0]])
        extra_t.append(ts[pick[:, 1]])
    ep, et = np.concatenate(extra_p), np.concatenate(extra_t)
    m = len(ep)
    etype = np.array(["goederen", "evenement", "etentje", "reis"], dtype=object)[
        rng.choice(4, m, p=[0.35, 0.3, 0.25, 0.1])
    ]
    evalue = np.where(etype == "reis", rng.uniform(400, 1500, m), rng.uniform(75, 400, m))
    evalue = np.round(evalue / 5) * 5
    ehome = (etype == "goederen") | (rng.random(m) < 0.3)
    edecision = np.where(rng.random(m) < 0.8, "geaccepteerd", "gedeeld")
    p = np.r_[p, ep]
    received = np.r_[received, ppl.random_day(rng, ep, et)]
    giver = np.r_[giver, np.full(m, "leverancier")]
    gtype = np.r_[gtype, etype]
    value = np.r_[value, evalue]
    home = np.r_[home, ehome]
    decision = np.r_[decision, edecision]

    order = np.lexsort((ppl.key[p], received))
    df = pd.DataFrame(
        {
            "employee_key": ppl.key[p][order],
            "received_on": received[order],
            "giver_type": giver[order].astype(object),
            "gift_type": gtype[order].astype(object),
            "value_eur": value[order].astype(float),
            "delivered_at_home": _yes_no(home[order]),
            "decision": decision[order].astype(object),
        }
    )
    ok = ~np.isin(unit[p][order], _planted_units("gifts"))
    (row,) = _pick_rows(rng, ok, 1)
    out_bad.append(Bad(row, "gift_type", "gift_type", "cadeaubon", "not_in_set"))
    return df
