"""The attacker's search: solve for suppressed figures from everything that is published.

Whoever reads the marts (the pages, the snapshots, the PDF) or the BI export (Parquet)
sees, per indicator, period and org unit, a numerator, a denominator and an n, unless
the cell is suppressed. Those figures add up: a unit is the sum of its children plus
its own members (people placed in the unit itself, never published on their own), and a
window (a quarter, a year, any published period) is the sum of the months in it. So
every shown cell is a linear equation over unknown "atoms": one per org unit's own
members and per stretch of time that no published window splits. The attacker knows
every shown value and, to be on the safe side, which atoms are empty (nobody there).
An indicator with a rolling window (the catalogue's window_months: 12) publishes, for a
quarter, the sum of the 12 months ending with its last month: its windows overlap, so
all its periods are one system and are searched jointly; the attacker knows the windows
from the catalogue, which is public.

A suppressed cell is recoverable exactly when its vector (which atoms it sums) lies in
the span of the shown cells' vectors: then some combination of sums and differences of
shown cells equals it, whatever the hidden values are. That is tested with linear
algebra (an orthonormal basis of the shown rows from an SVD; a target is in their span
when projecting onto it leaves nothing), exhaustively: every combination of levels,
periods and windows at once, not only parent-minus-children or quarter-minus-months.
The same test runs for the own members of every unit, over every published window: a
group of 1 to k-1 people that can be solved for is a leak even though it is never a
published cell.

Numerators, denominators, n and survey score sums all follow the same sums, and a cell
is shown or suppressed as a whole, so one search per indicator covers them all. Indicators
whose quarter is not the sum of its months (int_indicators__period_months does not hold them)
are searched within each period only; their figures are treated as if they added up
over units, which can only find more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from tests.readers import reading

# figures a suppressed row must not carry (any of them, with the row's other published
# figures, gives the cell away)
MEASURES = (
    "value",
    "mean_score",
    "numerator",
    "denominator",
    "n",
    "z",
    "p_value",
    "tests_in_unit",
    "test_kind",
    "lower_warn",
    "upper_warn",
    "lower_alarm",
    "upper_alarm",
    "alpha_alarm_each",
    "alarm_limit",
    "level",
    "counted_level",
    "flagged",
    "is_outside_warn",
    "likelihood",
)
AGGREGATE_MARTS = ("report_indicators", "report_risk_explanations")
# what the search with differences=True adds: months between two windows of one unit
DIFFERENCE_TARGETS = ("window_difference", "own_members_difference")
KEYS = ["indicator_id", "period_type", "period", "org_unit_id"]


@dataclass(frozen=True)
class Recovery:
    """A suppressed figure that can be solved from what is published."""

    indicator_id: str
    period: str
    org_unit_id: str
    what: str
    detail: str

    def __str__(self) -> str:
        return f"{self.what}: {self.indicator_id} {self.period} {self.org_unit_id}: {self.detail}"


def months_of(
    period_type: str,
    period: str,
    window_months: int | None = None,
    last_month: str | None = None,
) -> tuple[str, ...]:
    """The months a published window sums (YYYY-MM): the period's own months, or with a
    rolling window the ``window_months`` months ending with the period's last month, or
    with ``last_month`` (the last month published: months are) ending there when the
    period ends later (int_indicators__period_months). An unknown kind of window fails
    loudly, so a new window cannot slip past the search."""
    if period_type == "month":
        own = (period,)
    elif period_type == "quarter":
        year, q = period.split("-Q")
        own = tuple(f"{year}-{3 * (int(q) - 1) + i:02d}" for i in (1, 2, 3))
    elif period_type == "year":
        own = tuple(f"{period}-{m:02d}" for m in range(1, 13))
    else:
        raise ValueError(f"unknown published window {period_type} {period}: teach months_of it")
    if window_months is None:
        return own
    year, month = map(int, min(own[-1], last_month or own[-1]).split("-"))
    last = 12 * year + month - 1
    return tuple(f"{m // 12}-{m % 12 + 1:02d}" for m in range(last - window_months + 1, last + 1))


def published_cells(
    con: duckdb.DuckDBPyConnection, export_dir: Path | None = None
) -> tuple[pd.DataFrame, list[Recovery]]:
    """Every published indicator cell with whether any source shows it; the second part
    lists suppressed rows that still carry a figure."""
    frames, leaks = [], []
    sources = [(m, m) for m in AGGREGATE_MARTS]
    if export_dir is not None:
        sources += [
            (f"read_parquet('{export_dir / f'{m}.parquet'}')", f"{m}.parquet")
            for m in AGGREGATE_MARTS
            if (export_dir / f"{m}.parquet").exists()
        ]
    for relation, name in sources:
        rows = con.execute(f"select * from {relation}").df()
        carried = [c for c in MEASURES if c in rows.columns]
        hidden = rows[rows["suppressed"]]
        for column in carried:
            for r in hidden[hidden[column].notna()].itertuples():
                leaks.append(
                    Recovery(
                        r.indicator_id,
                        r.period,
                        r.org_unit_id,
                        "figure_on_suppressed_row",
                        f"{name} shows {column} = {getattr(r, column)}",
                    )
                )
        frames.append(rows[KEYS + ["suppressed"]])
    cells = (
        pd.concat(frames)
        .assign(shown=lambda d: ~d["suppressed"].astype(bool))
        .groupby(KEYS, as_index=False)["shown"]
        .max()
    )
    return cells, leaks


class Org:
    """The org tree: every unit's subtree (itself included)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        rows = con.execute("select org_unit_id, parent_unit_id from dim_org_units").fetchall()
        self.children: dict[str, list[str]] = defaultdict(list)
        self.units = [u for u, _ in rows]
        for unit, parent in rows:
            if parent is not None:
                self.children[parent].append(unit)
        self.subtree: dict[str, list[str]] = {}
        for unit in self.units:
            stack, seen = [unit], []
            while stack:
                u = stack.pop()
                seen.append(u)
                stack.extend(self.children.get(u, []))
            self.subtree[unit] = seen


class Presence:
    """Who is where: the people of one unit's own members over a set of months. Each
    (unit, month)'s people are a bit set (a Python int, one bit per subject): a union
    over units and months is an OR, its size a popcount."""

    def __init__(self, people: dict[tuple[str, str], set[str]]) -> None:
        bit = {s: 1 << i for i, s in enumerate(set().union(*people.values()))}
        self.people = {key: sum(bit[s] for s in subjects) for key, subjects in people.items()}
        # (units, month) -> the units' people that month: the window differences ask for
        # the same subtree over many sets of months
        self._of_units: dict[tuple[tuple[str, ...], str], int] = {}

    def _union(self, sets: Iterable[int]) -> int:
        out = 0
        for bits in sets:
            out |= bits
        return out

    def count(self, unit: str, months: Iterable[str]) -> int:
        return self._union(self.people.get((unit, m), 0) for m in months).bit_count()

    def present(self, unit: str, months: Iterable[str]) -> bool:
        return any(self.people.get((unit, m)) for m in months)

    def count_units(self, units: Iterable[str], months: Iterable[str]) -> int:
        """Distinct people of several units' own members over a set of months."""
        units = tuple(units)
        return self._union(self._units_in(units, m) for m in months).bit_count()

    def _units_in(self, units: tuple[str, ...], month: str) -> int:
        key = (units, month)
        if key not in self._of_units:
            self._of_units[key] = self._union(self.people.get((u, month), 0) for u in units)
        return self._of_units[key]


def additive_presence(con: duckdb.DuckDBPyConnection, indicator: str) -> Presence:
    rows = con.execute(
        """
        select org_unit_id, strftime(month_start, '%Y-%m'), list(distinct subject_id)
        from int_indicators__contributions
        where indicator_id = ?
        group by all
        """,
        [indicator],
    ).fetchall()
    return Presence({(u, m): set(s) for u, m, s in rows})


def last_published_month(windows: Iterable[tuple[str, str]]) -> str | None:
    """The last month published among ``windows`` (period type, period), if any."""
    return max((p for t, p in windows if t == "month"), default=None)


def time_blocks(
    windows: list[tuple[str, str]], window_months: int | None = None
) -> list[tuple[list[tuple[str, str]], list]]:
    """Group published windows into blocks that share no month with another block, and
    split each block's months into atoms: months that every window holds alike."""
    last = last_published_month(windows)
    months = {w: months_of(*w, window_months, last) for w in windows}
    parent: dict[str, str] = {}

    def find(m: str) -> str:
        while parent.setdefault(m, m) != m:
            m = parent[m]
        return m

    for ms in months.values():
        for m in ms[1:]:
            parent[find(m)] = find(ms[0])
    blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for w, ms in months.items():
        blocks[find(ms[0])].append(w)
    out = []
    for ws in blocks.values():
        signature: dict[str, frozenset] = defaultdict(frozenset)
        for w in ws:
            for m in months[w]:
                signature[m] = signature[m] | {w}
        atoms: dict[frozenset, list[str]] = defaultdict(list)
        for m, sig in sorted(signature.items()):
            atoms[sig].append(m)
        out.append((ws, list(atoms.values())))
    return out


def solvable(shown: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Which target rows lie in the row space of ``shown`` (exact recovery)."""
    if len(targets) == 0:
        return np.zeros(0, dtype=bool)
    if len(shown) == 0:
        return ~targets.any(axis=1)
    _, s, vt = np.linalg.svd(shown, full_matrices=False)
    rank = int((s > s[0] * max(shown.shape) * 1e-10).sum()) if s.size and s[0] > 0 else 0
    basis = vt[:rank]
    rest = targets - (targets @ basis.T) @ basis
    return np.linalg.norm(rest, axis=1) <= 1e-7 * np.maximum(1, np.linalg.norm(targets, axis=1))


class Block:
    """The unknowns of one stretch of time that no published window links to another:
    one column per org unit's own members and time atom, leaving out known-empty ones."""

    def __init__(
        self,
        windows: list[tuple[str, str]],
        time_atoms: list[list[str]],
        org: Org,
        presence: Presence | None,
        n_of: dict[tuple[str, str, str], int],
        window_months: int | None = None,
    ) -> None:
        self.windows, self.time_atoms, self.org = windows, time_atoms, org
        self.presence, self.n_of = presence, n_of
        last = last_published_month(windows)
        self.months_in = {
            w: set(months_of(*w, window_months, last)) if presence is not None else {w[1]}
            for w in windows
        }
        columns = [
            (u, i) for i, atom in enumerate(time_atoms) for u in org.units if self.present(u, atom)
        ]
        self.index = {c: j for j, c in enumerate(columns)}
        self._atoms_within: dict[frozenset[str], list[int]] = {}

    def own_people(self, unit: str, w: tuple[str, str]) -> int:
        """People of a unit's own members in a window (within one period: from n)."""
        if self.presence is not None:
            return self.presence.count(unit, self.months_in[w])
        return self.n_of.get((*w, unit), 0) - sum(
            self.n_of.get((*w, c), 0) for c in self.org.children.get(unit, [])
        )

    def present(self, unit: str, atom: list[str]) -> bool:
        if self.presence is not None:
            return self.presence.present(unit, atom)
        return self.own_people(unit, self.windows[0]) > 0

    def vector(self, units: Iterable[str], w: tuple[str, str]) -> np.ndarray:
        """Which unknowns the sum over ``units``' own members in window ``w`` holds."""
        return self.over(units, frozenset(self.months_in[w]))

    def over(self, units: Iterable[str], months: frozenset[str]) -> np.ndarray:
        """Which unknowns the sum over ``units``' own members in ``months`` holds: the
        time atoms that lie wholly within those months."""
        if months not in self._atoms_within:
            self._atoms_within[months] = [
                i for i, atom in enumerate(self.time_atoms) if months.issuperset(atom)
            ]
        v = np.zeros(len(self.index))
        for i in self._atoms_within[months]:
            for u in units:
                j = self.index.get((u, i))
                if j is not None:
                    v[j] = 1
        return v


def window_differences(
    block: Block, by_window: dict[tuple[str, str], pd.DataFrame], org: Org, k: int
) -> Iterable[tuple[np.ndarray, tuple]]:
    """Targets over part of a window: for two published windows a and b of one unit (any
    two, consecutive ones first of all), the months a holds and b does not. While the
    data's first windows are cut short, W(2025-Q1) - W(2024-Q4) is 2025-Q1 alone; once
    they are full, W(t) - W(t-1) is month t minus month t-12, the months in a alone when
    those of b alone are empty (or solvable). Both the unit's whole subtree and its own
    members over those months are targets when they hold 1 to k-1 people."""
    if block.presence is None:
        return
    # every ordered pair of windows and the months a holds and b does not (the same for
    # every unit: worked out once per block, in the order the units' loops take them)
    pairs = []
    for a in block.windows:
        for b in block.windows:
            months = frozenset(block.months_in[a] - block.months_in[b])
            if a != b and months and months != block.months_in[a]:
                pairs.append((a, b, months))
    seen: set[tuple[tuple[str, ...], frozenset]] = set()
    shown_in = {w: set(by_window[w]["org_unit_id"]) for w in block.windows}
    for unit in org.units:
        groups = [("window_difference", tuple(org.subtree[unit]))]
        if org.children.get(unit):
            groups.append(("own_members_difference", (unit,)))
        for a, b, months in pairs:
            if unit not in shown_in[a] or unit not in shown_in[b]:
                continue
            for what, units in groups:
                if (units, months) in seen:
                    continue
                seen.add((units, months))
                people = block.presence.count_units(units, months)
                if 0 < people < k:
                    v = block.over(units, months)
                    span = f"{min(months)}..{max(months)} ({a[1]} minus {b[1]})"
                    yield v, (a, unit, what, people, span)


def search_indicator(
    indicator: str,
    cells: pd.DataFrame,
    org: Org,
    k: int,
    presence: Presence | None,
    n_of: dict[tuple[str, str, str], int],
    window_months: int | None = None,
    differences: bool = False,
) -> list[Recovery]:
    """Every suppressed cell and every small own-member group of one indicator that the
    shown cells determine. ``presence`` None: not additive over time (periods apart).
    ``window_months``: the indicator's rolling window (None: each period its own months).
    ``differences``: also target the months between two windows of one unit
    (window_differences)."""
    found = []
    by_window = {w: g for w, g in cells.groupby(["period_type", "period"])}
    windows = list(by_window)
    blocks = (
        time_blocks(windows, window_months)
        if presence is not None
        else [([w], [[w[1]]]) for w in windows]  # a period on its own, one time atom
    )
    for ws, time_atoms in blocks:
        block = Block(ws, time_atoms, org, presence, n_of, window_months)
        shown_rows, targets, labels = [], [], []
        for w in ws:
            for r in by_window[w].itertuples():
                v = block.vector(org.subtree[r.org_unit_id], w)
                if r.shown:
                    shown_rows.append(v)
                else:
                    targets.append(v)
                    labels.append((w, r.org_unit_id, "suppressed_cell", None, None))
            for unit in org.units:
                if not org.children.get(unit):
                    continue  # a leaf's own members are the leaf's cell
                people = block.own_people(unit, w)
                if 0 < people < k:
                    targets.append(block.vector([unit], w))
                    labels.append((w, unit, "own_members", people, None))
        for target, label in window_differences(block, by_window, org, k) if differences else ():
            targets.append(target)
            labels.append(label)
        if not targets:
            continue
        target_matrix = np.array(targets)
        hit = solvable(np.array(shown_rows).reshape(-1, len(block.index)), target_matrix)
        for is_hit, v, (w, unit, what, people, span) in zip(
            hit, target_matrix, labels, strict=True
        ):
            if is_hit and v.any():
                detail = (
                    (f"months {span} " if span else "")
                    + f"solved from the shown cells of {', '.join(p for _, p in ws)}"
                    + (f"; {people} people" if people else "")
                )
                found.append(Recovery(indicator, w[1], unit, what, detail))
    return found


def attack(
    home: Path,
    export_dir: Path | None = None,
    *,
    differences: bool = False,
    windowed_only: bool = False,
) -> list[Recovery]:
    """Everything recoverable from a built warehouse's marts (and an export folder);
    ``differences``: with the months between two windows of a unit as targets;
    ``windowed_only``: the indicators with a rolling window only."""
    with reading(str(home / "warehouse.duckdb")) as con:
        cells, found = published_cells(con, export_dir)
        org = Org(con)
        k_of = dict(
            con.execute(
                """select indicator_id, max(k) from int_indicators__protected group by all"""
            ).fetchall()
        )
        additive = {
            r[0]
            for r in con.execute(
                "select distinct indicator_id from int_indicators__period_months"
            ).fetchall()
        }
        window_of = dict(
            con.execute(
                "select indicator_id, window_months from stg_catalogue__indicators"
            ).fetchall()
        )
        n_of: dict[str, dict[tuple[str, str, str], int]] = defaultdict(dict)
        for i, pt, p, u, n in con.execute(
            "select indicator_id, period_type, period, org_unit_id, n "
            "from int_indicators__protected"
        ).fetchall():
            n_of[i][(pt, p, u)] = n
        for indicator, rows in cells.groupby("indicator_id"):
            if windowed_only and window_of.get(indicator) is None:
                continue
            presence = additive_presence(con, indicator) if indicator in additive else None
            found += search_indicator(
                indicator,
                rows,
                org,
                k_of[indicator],
                presence,
                n_of[indicator],
                window_of.get(indicator),
                differences,
            )
    return found


def report(found: list[Recovery], limit: int = 30) -> str:
    lines = [str(f) for f in found[:limit]]
    if len(found) > limit:
        lines.append(f"... and {len(found) - limit} more")
    return "\n".join(lines)
