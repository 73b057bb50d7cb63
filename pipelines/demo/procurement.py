"""The procurement dataset: purchase orders of the procurement system (S-G2, S-G2-REL).

Orders come mostly from the Vastgoed teams and Bedrijfsvoering, amounts log-normal over
several decades (so first digits follow Benford), each under the procedure its amount
requires (the ladder in risks/settings.yaml: meervoudig onderhands with three quotes from
50 000, Europees openbaar from 221 000; call-offs under a framework contract with unit
prices are exempt), approved by the team's budget holder. Clean units stay clean: orders
that would by chance look split (several to one supplier within the window, each under a
threshold, together over it) go to another supplier. Then the scenarios are planted.
``_purchasing`` draws suppliers and orders together, because the creditor list shows
first orders and bank account changes that depend on the orders.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipelines.demo.bad_rows import Bad, _pick_rows
from pipelines.demo.formats import COLUMNS, _dec, _dmy, _ints, _yes_no
from pipelines.demo.organisation import People, Size
from pipelines.demo.period import MONTH_START, N_MONTHS
from pipelines.demo.scenarios import _planted_units, _scenario
from pipelines.demo.suppliers import (
    CATEGORY_NAMES,
    Suppliers,
    _bank_changes,
    _supplier_master,
    _suppliers_frame,
)

THRESHOLDS = (50_000.0, 221_000.0)  # meervoudig onderhands, Europees openbaar
SPLIT_WINDOW_DAYS = 30
LARGE_PAYMENT_EUR = 25_000.0
BANK_CHANGE_DAYS = 90
MAX_EUR = 1_800_000.0

# team -> (orders a month in the small demo, median amount, share of framework call-offs,
# category weights in CATEGORY_NAMES order: bouw installatie materiaal advies ict
# facilitair overig)
BUYERS: dict[str, tuple[float, float, float, tuple[float, ...]]] = {
    "VG-TD": (70, 380, 0.55, (0.10, 0.50, 0.40, 0, 0, 0, 0)),
    "VG-ONH": (35, 5_000, 0.30, (0.65, 0.35, 0, 0, 0, 0, 0)),
    "VG-PO": (15, 9_000, 0.15, (0.60, 0.10, 0, 0.30, 0, 0, 0)),
    "VG-INK": (10, 2_500, 0.25, (0, 0, 0.30, 0.20, 0, 0.30, 0.20)),
    "VG-ASS": (3, 3_000, 0.0, (0, 0, 0, 0.80, 0.20, 0, 0)),
    "BV-IA": (10, 2_000, 0.0, (0, 0, 0, 0.10, 0.90, 0, 0)),
    "BV-FAC": (14, 700, 0.40, (0, 0, 0, 0, 0, 0.85, 0.15)),
    "BV-HR": (3, 1_200, 0.0, (0, 0, 0, 0.30, 0, 0, 0.70)),
    "BV-JZ": (2, 1_500, 0.0, (0, 0, 0, 0.90, 0, 0, 0.10)),
    "KLT-WB": (5, 600, 0.20, (0.10, 0, 0, 0, 0, 0.60, 0.30)),
    "KLT-WZ": (5, 600, 0.20, (0.10, 0, 0, 0, 0, 0.60, 0.30)),
    "KLT-LEF": (4, 500, 0.0, (0, 0, 0, 0, 0, 0.60, 0.40)),
    "KLT-KCC": (2, 400, 0.0, (0, 0, 0, 0, 0.30, 0.20, 0.50)),
    "STR-COM": (3, 900, 0.0, (0, 0, 0, 0.20, 0, 0, 0.80)),
    "STR-BEL": (1, 1_500, 0.0, (0, 0, 0, 0.80, 0, 0, 0.20)),
    "STR-RM": (1, 1_500, 0.0, (0, 0, 0, 0.80, 0, 0, 0.20)),
    "FIN-ADM": (2, 600, 0.0, (0, 0, 0, 0.40, 0.20, 0, 0.40)),
    "FIN-CTL": (1, 1_500, 0.0, (0, 0, 0, 0.80, 0, 0, 0.20)),
    "FIN-TRS": (1, 1_200, 0.0, (0, 0, 0, 0.80, 0, 0, 0.20)),
    "FIN-DEB": (2, 500, 0.0, (0, 0, 0, 0.50, 0, 0, 0.50)),
    "DIR-BB": (2, 800, 0.0, (0, 0, 0, 0.50, 0, 0.20, 0.30)),
    "VH-NRD": (1, 400, 0.0, (0, 0, 0, 0, 0, 0.50, 0.50)),
    "VH-ZLD": (1, 400, 0.0, (0, 0, 0, 0, 0, 0.50, 0.50)),
    "VH-OOST": (1, 400, 0.0, (0, 0, 0, 0, 0, 0.50, 0.50)),
    "VH-WC": (1, 400, 0.0, (0, 0, 0, 0, 0, 0.50, 0.50)),
}
SIGMA = 1.6  # log-normal spread: about 0.7 decades, so first digits are Benford-like
# teams that order a couple of times a month buy alike things: a narrower spread, so that
# one order does not make up most of their year
SIGMA_FEW = 0.9


@dataclass
class Purchasing:
    suppliers: pd.DataFrame
    orders: pd.DataFrame


def _weekday(days: np.ndarray) -> np.ndarray:
    wd = ((days - np.datetime64("1970-01-05")).astype(int)) % 7
    return days - np.where(wd >= 5, wd - 4, 0).astype("timedelta64[D]")


def _pick_supplier(rng, sup: Suppliers, units: np.ndarray, framework: np.ndarray) -> np.ndarray:
    """A supplier for each order: a category by the team's weights, then by popularity."""
    out = np.empty(len(units), dtype=int)
    for team, (_, _, _, weights) in BUYERS.items():
        for fw in (False, True):
            rows = np.flatnonzero((units == team) & (framework == fw))
            if not len(rows):
                continue
            w = np.zeros(len(sup.supplier_id))
            for c, share in zip(CATEGORY_NAMES, weights, strict=True):
                in_cat = (sup.category == c) & sup.usable
                if fw:
                    in_cat &= sup.contract_id != ""
                if share and in_cat.any():
                    w[in_cat] = share * sup.popularity[in_cat] / sup.popularity[in_cat].sum()
            if fw and not w.sum():
                w = ((sup.contract_id != "") & sup.usable).astype(float)
            out[rows] = rng.choice(len(w), len(rows), p=w / w.sum())
    return out


def _split_flags(unit, supplier, day, amount, eligible) -> np.ndarray:
    """Orders closing a split pattern: >= 2 eligible orders of one team to one supplier
    within the window, each under a threshold and together at or over it."""
    flagged = np.zeros(len(day), dtype=bool)
    for limit in THRESHOLDS:
        sub = np.flatnonzero(eligible & (amount < limit))
        if not len(sub):
            continue
        key = pd.factorize(pd.Series(unit[sub]) + "|" + pd.Series(supplier[sub]).astype(str))[0]
        d = day[sub].astype(int)
        order = np.lexsort((d, key))
        k = key[order].astype(np.int64) * 100_000 + d[order]
        cs = np.r_[0.0, np.cumsum(amount[sub][order])]
        left = np.searchsorted(k, k - SPLIT_WINDOW_DAYS, side="left")
        i = np.arange(len(k))
        hit = ((i - left) >= 1) & ((cs[i + 1] - cs[left]) >= limit)
        flagged[sub[order][hit]] = True
    return flagged


def _procedures(rng, amount: np.ndarray, framework: np.ndarray):
    n = len(amount)
    eu = amount >= THRESHOLDS[1]
    multi = (amount >= THRESHOLDS[0]) & ~eu
    national = multi & (rng.random(n) < 0.1)
    proc = np.where(eu, "europees_openbaar", "enkelvoudig_onderhands").astype(object)
    proc[multi] = "meervoudig_onderhands"
    proc[national] = "nationaal_openbaar"
    proc[framework] = "raamcontract"
    quotes = rng.choice([1, 2, 3], n, p=[0.65, 0.25, 0.10])
    quotes = np.where(multi, rng.integers(3, 6, n), quotes)
    quotes = np.where(national | eu, rng.integers(4, 10, n), quotes)
    quotes = np.where(framework, 0, quotes)
    # the low base rate of slips: an order over a threshold without its procedure, or one
    # quote short
    slip = (amount >= THRESHOLDS[0]) & ~framework & (rng.random(n) < 0.01)
    proc[slip] = "enkelvoudig_onderhands"
    quotes = np.where(slip, 1, quotes)
    short = (proc == "meervoudig_onderhands") & (rng.random(n) < 0.02)
    quotes = np.where(short, 2, quotes)
    return proc, quotes


def _contract_ids(rng, proc: np.ndarray, day: np.ndarray, framework_id: np.ndarray):
    year = day.astype("datetime64[Y]").astype(int) + 1970
    prefix = pd.Series(proc).map(
        {"meervoudig_onderhands": "MO", "nationaal_openbaar": "NO", "europees_openbaar": "EA"}
    )
    tendered = prefix.notna().to_numpy()
    seq = pd.Series(year[tendered]).groupby(year[tendered]).cumcount().to_numpy() + 1
    out = np.where(proc == "raamcontract", framework_id, "").astype(object)
    out[tendered] = [
        f"{p}-{y}-{s:03d}" for p, y, s in zip(prefix[tendered], year[tendered], seq, strict=True)
    ]
    return out


def _purchasing(rng_sup, rng, ppl: People, size: Size, out_bad: list[Bad]) -> Purchasing:
    factor = 1 if size == "small" else 10
    sup = _supplier_master(rng_sup, size)
    heads = {
        str(ppl.slot_unit[s]): ppl.initial_person(int(s))
        for s in np.flatnonzero(ppl.slot_role == "head")
    }
    units_l, p_l, t_l = [], [], []
    for team, (per_month, *_rest) in BUYERS.items():
        members = ppl.unit == team
        for t in range(N_MONTHS):
            avail = np.flatnonzero(members & ppl.emp[:, t])
            k = int(rng.poisson(per_month * factor))
            units_l.append(np.full(k, team, dtype=object))
            p_l.append(avail[rng.integers(0, len(avail), k)])
            t_l.append(np.full(k, t))
    unit, p, t = np.concatenate(units_l), np.concatenate(p_l), np.concatenate(t_l)
    n = len(unit)
    day = ppl.random_day(rng, p, t, weekdays=True)
    median = np.array([BUYERS[u][1] for u in unit])
    sigma = np.array([SIGMA if BUYERS[u][0] >= 3 else SIGMA_FEW for u in unit])
    amount = np.round(np.minimum(median * np.exp(rng.normal(0, 1, n) * sigma), MAX_EUR), 2)
    amount = np.maximum(amount, 12.5)
    framework = rng.random(n) < np.array([BUYERS[u][2] for u in unit])
    supplier = _pick_supplier(rng, sup, unit, framework)
    # approvals by the budget holder under the mandate ladder: the team manager below the
    # first threshold, the department head up to the EU threshold, the bestuurder above;
    # the head also approves the manager's own orders
    mgr = {u: ppl.team_manager(u) for u in BUYERS}
    approver = np.array([mgr[u] for u in unit])
    dept = np.array([u.split("-")[0] for u in unit])
    head = np.array([heads[d] for d in dept])
    top = ppl.initial_person(int(np.flatnonzero(ppl.slot_role == "bestuurder")[0]))
    approver = np.where((approver == p) | (amount >= THRESHOLDS[0]), head, approver)
    approver = np.where(amount >= THRESHOLDS[1], top, approver)
    approver = np.where(rng.random(n) < 0.003, p, approver)  # a rare self-approval
    proc, quotes = _procedures(rng, amount, framework)

    # clean units stay clean: what looks split by chance goes to another supplier
    loose = proc != "raamcontract"
    for _ in range(12):
        hit = _split_flags(unit, supplier, day, amount, loose)
        if not hit.any():
            break
        supplier[hit] = _pick_supplier(rng, sup, unit[hit], np.zeros(hit.sum(), dtype=bool))

    planted = np.zeros(n, dtype=bool)
    unit, p, day, amount, supplier, approver, proc, quotes, planted = _plant_g2(
        rng, ppl, sup, factor, unit, p, day, amount, supplier, approver, proc, quotes, planted
    )
    change_day, (unit, p, day, amount, supplier, approver, proc, quotes, planted) = _plant_rel(
        rng, ppl, sup, factor, unit, p, day, amount, supplier, approver, proc, quotes, planted
    )

    order = np.lexsort((rng.random(len(day)), day))
    unit, p, day, amount, supplier, approver, proc, quotes, planted = (
        a[order] for a in (unit, p, day, amount, supplier, approver, proc, quotes, planted)
    )
    framework_id = sup.contract_id[supplier]
    year = day.astype("datetime64[Y]").astype(int) + 1970
    seq = pd.Series(year).groupby(year).cumcount().to_numpy() + 1
    ids = np.array([f"IO{y}-{s:06d}" for y, s in zip(year, seq, strict=True)], dtype=object)
    unit_price = (proc == "raamcontract") | (
        (proc == "meervoudig_onderhands") & (rng.random(len(ids)) < 0.1)
    )
    orders = pd.DataFrame(
        {
            "order_id": ids,
            "ordered_on": _dmy(day),
            "supplier_id": sup.supplier_id[supplier],
            "amount_eur": _dec(amount, 2, strip=False, thousands=True),
            "org_unit": unit,
            "procedure": proc,
            "quotes_count": _ints(quotes),
            "contract_id": _contract_ids(rng, proc, day, framework_id),
            "unit_price_contract": _yes_no(unit_price),
            "requester_key": ppl.key[p],
            "approver_key": ppl.key[approver],
        },
        columns=COLUMNS["procurement"],
    )
    changed = _bank_changes(
        rng_sup, len(sup.supplier_id), supplier, day, amount, LARGE_PAYMENT_EUR, BANK_CHANGE_DAYS
    )
    changed[sup.planted_related] = change_day
    suppliers = _suppliers_frame(rng_sup, sup, supplier, day, changed)

    ok = ~np.isin(unit, _planted_units("procurement")) & (proc == "enkelvoudig_onderhands")
    r_unknown, r_negative = _pick_rows(rng, ok, 2)
    out_bad.append(Bad(r_unknown, "supplier_id", "supplier_id", "K99999", "unknown_supplier"))
    out_bad.append(Bad(r_negative, "amount_eur", "amount_eur", "-1.250,00", "out_of_range"))
    return Purchasing(suppliers=suppliers, orders=orders)


def _append(arrays, extra):
    return tuple(
        np.concatenate([a, np.asarray(e, dtype=a.dtype)])
        for a, e in zip(arrays, extra, strict=True)
    )


def _plant_g2(
    rng, ppl, sup, factor, unit, p, day, amount, supplier, approver, proc, quotes, planted
):
    """S-G2: VG-ONH splits its orders to one contractor, skips quotes and procedures."""
    sc = _scenario("S-G2")
    team = sc.org_unit
    after = (unit == team) & (day >= MONTH_START[sc.start_t])
    # the contractor: a popular builder of the list, a B.V.
    builders = np.flatnonzero((sup.category == "bouw") & (sup.legal_form == "bv") & sup.usable)
    contractor = builders[np.argsort(-sup.popularity[builders])[1]]
    coord_slot = int(np.flatnonzero(ppl.slot_title == "Coördinator planmatig onderhoud")[0])
    manager = ppl.team_manager(team)
    # over a threshold without its procedure, or too few quotes
    big = after & (amount >= THRESHOLDS[0]) & (proc != "raamcontract")
    no_proc = big & (rng.random(len(day)) < 0.3)
    proc = np.where(no_proc, "enkelvoudig_onderhands", proc).astype(object)
    quotes = np.where(no_proc, 1, quotes)
    few = big & ~no_proc & (proc == "meervoudig_onderhands") & (rng.random(len(day)) < 0.5)
    quotes = np.where(few, rng.integers(1, 3, len(day)), quotes)
    self_ok = after & (rng.random(len(day)) < 0.10)
    approver = np.where(self_ok, p, approver)
    planted = planted | no_proc | few | self_ok
    # the split orders: clusters of 3-5 orders within three weeks, each just under 50 000
    n_clusters = 9 * factor
    months = rng.integers(sc.start_t, N_MONTHS - 1, n_clusters)  # ends within the period
    start = MONTH_START[months] + rng.integers(0, 20, n_clusters).astype("timedelta64[D]")
    sizes = rng.choice([3, 4, 5], n_clusters, p=[0.45, 0.4, 0.15])
    c_idx = np.repeat(np.arange(n_clusters), sizes)
    offset = np.concatenate(
        [np.sort(rng.choice(np.arange(0, 22), s, replace=False)) for s in sizes]
    )
    c_day = _weekday(start[c_idx] + offset.astype("timedelta64[D]"))
    k = len(c_day)
    # the coordinator of the day (the slot's holder) asks, and often approves as well
    c_month = (c_day.astype("datetime64[M]") - MONTH_START[0].astype("datetime64[M]")).astype(int)
    holders = ppl.emp[:, c_month] & (ppl.slot == coord_slot)[:, None]
    coordinator = holders.argmax(axis=0)
    c_amount = np.round(rng.uniform(42_500, 49_950, k), 2)  # just under, most within 10 %
    self_appr = rng.random(k) < 0.6
    extra = (
        np.full(k, team, dtype=object),
        np.full(k, coordinator),
        c_day,
        c_amount,
        np.full(k, contractor),
        np.where(self_appr, coordinator, manager),
        np.full(k, "enkelvoudig_onderhands", dtype=object),
        np.ones(k, dtype=int),
        np.ones(k, dtype=bool),
    )
    return _append((unit, p, day, amount, supplier, approver, proc, quotes, planted), extra)


def _plant_rel(
    rng, ppl, sup, factor, unit, p, day, amount, supplier, approver, proc, quotes, planted
):
    """S-G2-REL: VG-TD sends a steady share of its orders to a related installer, as
    call-offs under a framework contract it got in 2025-Q2 (so no single order needs a
    tender); its bank account changes shortly before two large payments."""
    sc = _scenario("S-G2-REL")
    team = sc.org_unit
    rel = sup.planted_related
    sup.contract_id[rel] = f"RC-2025-{int((sup.contract_id != '').sum()) + 1:03d}"
    n = len(day)
    to_rel = (unit == team) & (day >= MONTH_START[sc.start_t]) & (rng.random(n) < 0.32)
    supplier = np.where(to_rel, rel, supplier)
    redraw = np.minimum(np.round(3_400 * np.exp(rng.normal(0, 0.9, n)), 2), 24_000.0)
    amount = np.where(to_rel, redraw, amount)
    proc = np.where(to_rel, "raamcontract", proc).astype(object)
    quotes = np.where(to_rel, 0, quotes)
    planted = planted | to_rel
    change = MONTH_START[sc.start_t + 7] + np.timedelta64(int(rng.integers(0, 20)), "D")
    change = _weekday(np.array([change]))[0]
    k = 2 if factor == 1 else 6
    gaps = np.sort(rng.integers(8, 60, k))
    c_day = _weekday(change + gaps.astype("timedelta64[D]"))
    members = np.flatnonzero((ppl.unit == team) & ppl.emp[:, sc.start_t + 7])
    requester = members[rng.integers(0, len(members), k)]
    extra = (
        np.full(k, team, dtype=object),
        requester,
        c_day,
        np.round(rng.uniform(31_000, 48_500, k), 2),
        np.full(k, rel),
        np.full(k, ppl.team_manager(team)),
        np.full(k, "raamcontract", dtype=object),
        np.zeros(k, dtype=int),
        np.ones(k, dtype=bool),
    )
    return change, _append((unit, p, day, amount, supplier, approver, proc, quotes, planted), extra)
