"""The suppliers dataset: the creditor list of the procurement system (S-G2, S-G2-REL).

``_supplier_master`` draws the creditors (a category each, which teams buy from, a
popularity, a framework contract for some); the orders are drawn from it
(procurement.py), and ``_suppliers_frame`` writes the list once the orders are known:
first order dates, and rare bank account changes that never fall shortly before a large
payment, except where a scenario plants one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipelines.demo.formats import COLUMNS, _yes_no
from pipelines.demo.organisation import Size
from pipelines.demo.period import EXPORT_DATE, MONTH_START

# category -> (creditors in the small demo, trade names, sole traders possible)
CATEGORIES: dict[str, tuple[int, list[str], bool]] = {
    "bouw": (
        45,
        ["Bouwbedrijf", "Aannemersbedrijf", "Schildersbedrijf", "Dakdekkersbedrijf", "Renovatie"],
        True,
    ),
    "installatie": (
        35,
        ["Installatiebedrijf", "Installatietechniek", "Elektrotechniek", "Liftservice"],
        True,
    ),
    "materiaal": (15, ["Bouwmaterialen", "Technische Groothandel", "Sanitair"], False),
    "advies": (40, ["Ingenieursbureau", "Adviesbureau", "Advocatenkantoor", "Accountants"], True),
    "ict": (25, ["ICT-diensten", "Software", "Netwerkbeheer"], False),
    "facilitair": (35, ["Schoonmaakbedrijf", "Groenvoorziening", "Kantoorartikelen"], True),
    "overig": (25, ["Opleidingen", "Communicatiebureau", "Drukkerij", "Werving"], True),
}
CATEGORY_NAMES = list(CATEGORIES)
SURNAMES = (
    "Janssen Hermans Smeets Peters Willems Vos Dassen Hendriks Claessens Lemmens Bemelmans "
    "Frissen Geurts Houben Jacobs Kessels Kleijnen Lenaerts Meijers Notermans Ramakers "
    "Schreurs Senden Steijns Vaessen Wetzels Wolfs Zeegers Brouns Crijns Debets Eurlings "
    "Gielen Habets Jeurissen Koumans Lardinois Maessen Nijsten Offermans Palmen Pluijmen "
    "Quaedvlieg Reinders Roumen Sniekers Thissen Ubachs Vroemen Wijnands Zelissen Coenen "
    "Dautzenberg Goossens Heuts Knops Lambrichts Bastiaens"
).split()
PLACES = (
    "Heerlen Maastricht Sittard Kerkrade Valkenburg Gulpen Brunssum Landgraaf Meerssen Beek "
    "Geleen Venlo Roermond Weert Eindhoven Utrecht Nijmegen Zwolle Amersfoort Limburg"
).split()
INITIALS = list("ABCDEFGHJKLMNPRSTW")
LEGAL_FORMS = ["bv", "nv", "vof", "eenmanszaak"]
LEGAL_P = [0.74, 0.04, 0.12, 0.10]
SUFFIX = {"bv": " B.V.", "nv": " N.V.", "vof": " V.O.F.", "eenmanszaak": ""}
CHANGE_SHARE = 0.05  # creditors with a bank account change on record
NEW_SHARE = 0.12  # creditors whose first order falls in the demo period
RELATED_DORMANT = 0.01  # creditors related to an employee, without orders in the period


@dataclass
class Suppliers:
    """The creditors, one entry per position (index = supplier number in the orders)."""

    supplier_id: np.ndarray
    name: np.ndarray
    legal_form: np.ndarray
    category: np.ndarray
    popularity: np.ndarray  # relative weight within its category
    contract_id: np.ndarray  # framework contract with unit prices, '' for none
    related: np.ndarray  # related to an employee
    usable: np.ndarray  # receives ordinary orders (False: dormant or a scenario's)
    new_in_period: np.ndarray  # first ordered from in the period (a scenario's creditor)
    planted_related: int  # S-G2-REL: the creditor related to an employee (the last one)


def _names(rng, category: np.ndarray, form: np.ndarray) -> np.ndarray:
    names, seen = [], set()
    for cat, lf in zip(category, form, strict=True):
        trades = CATEGORIES[cat][1]
        for attempt in range(200):
            trade = trades[rng.integers(len(trades))]
            if lf == "eenmanszaak":
                base = f"{trade} {INITIALS[rng.integers(len(INITIALS))]}. "
                base += SURNAMES[rng.integers(len(SURNAMES))]
            elif rng.random() < 0.6:
                base = f"{trade} {SURNAMES[rng.integers(len(SURNAMES))]}"
            else:
                base = f"{trade} {PLACES[rng.integers(len(PLACES))]}"
            if attempt > 50:
                base += f" {PLACES[rng.integers(len(PLACES))]}"
            name = base + SUFFIX[lf]
            if name not in seen:
                break
        seen.add(name)
        names.append(name)
    return np.array(names, dtype=object)


def _supplier_master(rng, size: Size) -> Suppliers:
    factor = 1 if size == "small" else 8
    cats = np.concatenate(
        [np.full(n * factor, c, dtype=object) for c, (n, _, _) in CATEGORIES.items()]
    )
    n = len(cats)
    form = np.array(LEGAL_FORMS, dtype=object)[rng.choice(4, n, p=LEGAL_P)]
    no_sole = ~np.array([CATEGORIES[c][2] for c in cats])
    form = np.where(no_sole & (form == "eenmanszaak"), "bv", form)
    # popularity within the category: a long tail, nobody dominant
    pop = np.zeros(n)
    for c in CATEGORY_NAMES:
        idx = np.flatnonzero(cats == c)
        pop[idx] = 1.0 / (rng.permutation(len(idx)) + 4.0) ** 0.9
    contract = np.full(n, "", dtype=object)
    framework = np.isin(cats, ["installatie", "materiaal", "facilitair", "bouw"]) & (
        rng.random(n) < 0.3
    )
    years = rng.integers(2021, 2025, n)
    contract[framework] = [f"RC-{y}-{i:03d}" for i, y in enumerate(years[framework], start=1)]
    related = np.zeros(n, dtype=bool)
    dormant = rng.choice(
        np.flatnonzero((form != "nv") & ~framework), max(2, int(RELATED_DORMANT * n)), False
    )
    related[dormant] = True
    names = _names(rng, cats, form)
    ids = 20000 + rng.choice(np.arange(1, 60000 * factor), n + 1, replace=False)
    # S-G2-REL: an installer in the name of an employee's relative, added to the list late
    surname = SURNAMES[rng.integers(len(SURNAMES))]
    cats = np.append(cats, "installatie")
    form = np.append(form, "vof")
    names = np.append(names, f"Installatieservice {surname} & Zn. V.O.F.")
    usable = np.append(~related, False)
    related = np.append(related, True)
    return Suppliers(
        supplier_id=np.array([f"K{i}" for i in np.sort(ids)], dtype=object),
        name=names.astype(object),
        legal_form=form.astype(object),
        category=cats.astype(object),
        popularity=np.append(pop, 0.0),
        contract_id=np.append(contract, "").astype(object),
        related=related,
        usable=usable,
        new_in_period=~usable & ~np.append(related[:-1], False),
        planted_related=n,
    )


def _bank_changes(
    rng,
    n: int,
    sup_of_order: np.ndarray,
    day_of_order: np.ndarray,
    amount: np.ndarray,
    large_eur: float,
    clear_days: int,
) -> np.ndarray:
    """Rare bank account changes, never within ``clear_days`` before a large order."""
    changed = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    lo = np.datetime64("2019-01-01").astype(int)
    hi = EXPORT_DATE.astype(int)
    large = amount >= large_eur
    for s in np.flatnonzero(rng.random(n) < CHANGE_SHARE):
        days = day_of_order[large & (sup_of_order == s)].astype(int)
        for _ in range(25):
            d = int(rng.integers(lo, hi))
            if not ((days >= d) & (days <= d + clear_days)).any():
                changed[s] = np.datetime64(d, "D")
                break
    return changed


def _suppliers_frame(
    rng, sup: Suppliers, sup_of_order: np.ndarray, day_of_order: np.ndarray, changed: np.ndarray
) -> pd.DataFrame:
    n = len(sup.supplier_id)
    first = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    has = np.unique(sup_of_order)
    first_day = pd.Series(day_of_order).groupby(sup_of_order).min()
    first[first_day.index.to_numpy()] = first_day.to_numpy(dtype="datetime64[D]")
    # most creditors were in the list before the period: a first order years back
    lo = np.datetime64("2006-01-01").astype(int)
    hi = MONTH_START[0].astype(int)
    before = np.datetime64("1970-01-01") + rng.integers(lo, hi, n).astype("timedelta64[D]")
    new = np.isin(np.arange(n), has) & ((rng.random(n) < NEW_SHARE) | sup.new_in_period)
    first = np.where(new, first, before).astype("datetime64[D]")
    return pd.DataFrame(
        {
            "supplier_id": sup.supplier_id,
            "name": sup.name,
            "legal_form": sup.legal_form,
            "first_order_on": first,
            "bank_account_changed_on": changed,
            "related_to_employee": _yes_no(sup.related),
        },
        columns=COLUMNS["suppliers"],
    )
