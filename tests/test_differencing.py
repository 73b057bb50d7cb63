"""Differencing search: can anyone derive a group smaller than k from what DT and RvC see?

Longer than 600 lines because the search, the attack over time and space, and the planted
leaks that show both can fail are one feature's attack cases, kept together.

The published marts the DT and RvC views read (report_indicators, report_risk_scores,
report_risk_explanations, report_fraud_triangle) give, per indicator, period and org unit,
an n (distinct people) with a numerator and a denominator, unless the row is suppressed.
Numerators and denominators add up over disjoint groups of people, so whoever sees a
parent and some of its descendants can subtract them and read the aggregate of the rest.
That is harmless only when the rest is nobody or at least k people (k =
settings.privacy.min_group_size; for an aggregate-only indicator its min_n when larger,
as int_indicators__protected uses).

The search, on the built small demo:
- no shown aggregate has n < k;
- within one period (space): for every shown unit P, every sum of n over a set of
  disjoint shown units below P (children, grandchildren, or a mix: any antichain of the
  shown subtree, so organisation against departments and teams too) leaves P.n - sum = 0
  or >= k. The bound: instead of the 2^m subsets of m units, the search keeps the set of
  distinct reachable sums, a bitset of at most sum(n) + 1 bits, combined child by child
  (a Minkowski sum per child), so it is exhaustive for any number of children at a cost
  of O(units x sum(n)) bit operations per indicator and period;
- over time and space together: tests/privacy_attack.py solves, with linear algebra,
  for every suppressed cell and every small group of own members from everything
  published (marts and the Parquet export, all levels and windows at once); the tests
  for it are at the end of this file, the large demo's in tests/test_privacy_validate.py;
- aggregate-only risks (RF7) and indicators (dim_*.is_aggregate_only) have no team rows;
- risk scores and the fraud triangle rest only on shown indicators.
A test that plants a leak in a copy of the warehouse shows the search can fail.
"""

from __future__ import annotations

import itertools
import random
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from pipelines.build.models import Model, discover_models, run_models
from pipelines.core.catalogue import load_catalogue
from pipelines.reports.parquet import export_marts
from tests.privacy_attack import (
    DIFFERENCE_TARGETS,
    Org,
    Presence,
    attack,
    months_of,
    search_indicator,
    solvable,
)
from tests.privacy_attack import report as attack_report

K = load_catalogue().settings.privacy.min_group_size


@dataclass(frozen=True)
class Finding:
    """One way to see (or derive) a group below k, said precisely enough to fix it."""

    check: str
    indicator_id: str
    period: str
    org_unit_id: str
    detail: str

    def __str__(self) -> str:
        return f"{self.check}: {self.indicator_id} {self.period} {self.org_unit_id}: {self.detail}"


def connect(home: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)


def df(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return con.execute(sql).df()


def k_per_indicator(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """k, or for an aggregate-only indicator its min_n when that is larger."""
    rows = df(con, "select distinct indicator_id, min_n, is_aggregate_only from dim_indicators")
    return {
        r.indicator_id: max(K, int(r.min_n)) if r.is_aggregate_only else K
        for r in rows.itertuples()
    }


def children_of(con: duckdb.DuckDBPyConnection) -> dict[str | None, list[str]]:
    children: dict[str | None, list[str]] = defaultdict(list)
    for unit, parent in con.execute(
        "select org_unit_id, parent_unit_id from dim_org_units order by org_unit_id"
    ).fetchall():
        children[parent].append(unit)
    return children


def exposed_counts(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, list[Finding]]:
    """Every n the views can read, per indicator x period x unit (null when suppressed),
    from report_indicators and report_risk_explanations; conflicting copies are findings."""
    counts = df(
        con,
        """
        with exposed as (
            select indicator_id, period_type, period, org_unit_id, n, suppressed
            from report_indicators
            union all
            select indicator_id, period_type, period, org_unit_id, n, suppressed
            from report_risk_explanations
        )
        select indicator_id, period_type, period, org_unit_id,
            -- a row any view shows counts as shown, with the n it shows
            bool_and(suppressed) as suppressed,
            max(n) filter (where not suppressed) as n,
            count(distinct n) filter (where not suppressed) > 1
                or (bool_or(suppressed) and not bool_and(suppressed)) as is_inconsistent,
            list(distinct n) filter (where not suppressed) as shown_ns
        from exposed
        group by all
        """,
    )
    findings = [
        Finding(
            "inconsistent",
            r.indicator_id,
            r.period,
            r.org_unit_id,
            f"published suppressed in one place and shown in another, or with different n: "
            f"{r.shown_ns}",
        )
        for r in counts[counts["is_inconsistent"]].itertuples()
    ]
    return counts, findings


def small_aggregates(counts: pd.DataFrame, k_of: dict[str, int]) -> Iterator[Finding]:
    """Shown rows over fewer than k people (or without an n at all)."""
    for row in counts[~counts["suppressed"]].itertuples():
        k = k_of[row.indicator_id]
        if pd.isna(row.n) or row.n < k:
            yield Finding(
                "shown_below_k",
                row.indicator_id,
                row.period,
                row.org_unit_id,
                f"n = {row.n} shown, k = {k}",
            )


def bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class SubtreeSums:
    """Per unit, the set (bitset) of sums of n over disjoint shown units strictly below
    it, with each child's prefix sets kept to name a witness for any sum found."""

    def __init__(self, children: dict[str | None, list[str]], shown: dict[str, int]) -> None:
        self.children, self.shown = children, shown
        self.prefix: dict[str, list[int]] = {}
        self.below: dict[str, int] = {}
        for root in children[None]:
            self._fill(root)

    def options(self, unit: str) -> int:
        """Sums a unit's subtree offers its parent: nothing, itself, or disjoint units below."""
        own = 1 << self.shown[unit] if unit in self.shown else 0
        return self.below[unit] | own

    def _fill(self, unit: str) -> None:
        acc, prefix = 1, [1]
        for child in self.children.get(unit, []):
            self._fill(child)
            acc = minkowski(acc, self.options(child))
            prefix.append(acc)
        self.prefix[unit], self.below[unit] = prefix, acc

    def witness(self, unit: str, total: int) -> list[str]:
        """Disjoint shown units below ``unit`` whose n add up to ``total``."""
        picked: list[str] = []
        kids = self.children.get(unit, [])
        for i in range(len(kids), 0, -1):
            child, before = kids[i - 1], self.prefix[unit][i - 1]
            for part in bits(self.options(child)):
                if part <= total and before >> (total - part) & 1:
                    if part and self.shown.get(child) == part:
                        picked.append(child)
                    elif part:
                        picked += self.witness(child, part)
                    total -= part
                    break
        return picked


def minkowski(a: int, b: int) -> int:
    """{x + y : x in a, y in b} for bitsets a and b."""
    out = 0
    for shift in bits(b):
        out |= a << shift
    return out


def spatial_differences(
    counts: pd.DataFrame, children: dict[str | None, list[str]], k_of: dict[str, int]
) -> Iterator[Finding]:
    """Per indicator and period: a shown unit minus any disjoint shown units below it."""
    shown_rows = counts[~counts["suppressed"]].dropna(subset=["n"])  # no n: small_aggregates
    for (indicator, _, period), rows in shown_rows.groupby(
        ["indicator_id", "period_type", "period"]
    ):
        k = k_of[indicator]
        shown = {u: int(n) for u, n in zip(rows["org_unit_id"], rows["n"], strict=True)}
        sums = SubtreeSums(children, shown)
        for unit, n in shown.items():
            # the sums s with 0 < n - s < k, i.e. n - k < s < n
            window = ((1 << n) - 1) & ~((1 << max(0, n - k + 1)) - 1)
            for s in bits(sums.below[unit] & window):
                parts = sums.witness(unit, s)
                detail = (
                    f"n = {n} minus {' + '.join(f'{p} ({shown[p]})' for p in parts)} "
                    f"leaves {n - s} < k = {k}"
                )
                yield Finding("difference", indicator, period, unit, detail)


def team_rows_of_aggregate_only(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Team-level rows of an aggregate-only risk (RF7) or indicator, in any view's mart;
    the check says which (aggregate_only_risk or aggregate_only_indicator)."""
    rows = df(
        con,
        """
        with risks as (select risk_id from dim_risks where is_aggregate_only),
        indicators as (select distinct indicator_id from dim_indicators where is_aggregate_only),
        teams as (select org_unit_id from dim_org_units where org_level = 'team'),
        found as (
            select 'risk' as kind, 'report_risk_scores' as mart, risk_id as what, suppressed
            from report_risk_scores
            where risk_id in (from risks) and org_unit_id in (from teams)
            union all
            select 'risk', 'report_risk_explanations', risk_id, suppressed
            from report_risk_explanations
            where risk_id in (from risks) and org_unit_id in (from teams)
            union all
            select 'risk', 'report_indicators', risk_id, suppressed
            from report_indicators
            where risk_id in (from risks) and org_unit_id in (from teams)
            union all
            select 'indicator', 'report_indicators', indicator_id, suppressed
            from report_indicators
            where indicator_id in (from indicators) and org_unit_id in (from teams)
            union all
            select 'indicator', 'report_risk_explanations', indicator_id, suppressed
            from report_risk_explanations
            where indicator_id in (from indicators) and org_unit_id in (from teams)
        )
        select kind, mart, what, count(*) as team_rows,
            count(*) filter (where not suppressed) as shown_team_rows
        from found group by all order by all
        """,
    )
    return [
        Finding(
            f"aggregate_only_{r.kind}",
            r.what,
            "all periods",
            "teams",
            f"{r.mart} has {r.team_rows} team rows, {r.shown_team_rows} of them not suppressed",
        )
        for r in rows.itertuples()
    ]


def scores_on_hidden_data(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """A risk score or fraud-triangle value that does not come from shown indicators only."""
    scores = df(
        con,
        """
        with used as (
            select risk_id, period_type, period, org_unit_id,
                count(likelihood) filter (where not suppressed) as shown_used,
                count(likelihood) filter (where suppressed) as hidden_used
            from report_risk_explanations group by all
        )
        select s.risk_id, s.period, s.org_unit_id, u.shown_used, u.hidden_used
        from report_risk_scores as s
        left join used as u using (risk_id, period_type, period, org_unit_id)
        where (s.observed_likelihood is not null and coalesce(u.shown_used, 0) = 0)
            or coalesce(u.hidden_used, 0) > 0
        """,
    )
    triangle = df(
        con,
        """
        with shown as (
            select s.period, s.org_unit_id, r.category as factor,
                max(s.observed_likelihood) filter (where not s.suppressed) as max_shown
            from report_risk_scores as s inner join dim_risks as r using (risk_id)
            where s.period_type = 'quarter' group by all
        )
        select t.period, t.org_unit_id, t.factor, t.max_observed_likelihood, shown.max_shown
        from report_fraud_triangle as t
        left join shown using (period, org_unit_id, factor)
        where t.max_observed_likelihood is distinct from shown.max_shown
        """,
    )
    return [
        Finding(
            "score_on_hidden_data",
            r.risk_id,
            r.period,
            r.org_unit_id,
            f"scored from {r.shown_used} shown and {r.hidden_used} suppressed indicators",
        )
        for r in scores.itertuples()
    ] + [
        Finding(
            "triangle_on_hidden_data",
            r.factor,
            r.period,
            r.org_unit_id,
            f"max likelihood {r.max_observed_likelihood}, shown risks give {r.max_shown}",
        )
        for r in triangle.itertuples()
    ]


def report(findings: list[Finding], limit: int = 40) -> str:
    lines = [str(f) for f in findings[:limit]]
    more = len(findings) - limit
    return "\n".join(lines + ([f"... and {more} more"] if more > 0 else []))


def same_period_findings(home: Path) -> list[Finding]:
    with connect(home) as con:
        k_of = k_per_indicator(con)
        counts, inconsistent = exposed_counts(con)
        children = children_of(con)
    return [
        *inconsistent,
        *small_aggregates(counts, k_of),
        *spatial_differences(counts, children, k_of),
    ]


def test_no_shown_aggregate_and_no_difference_within_a_period_is_below_k(
    demo_home: Path,
) -> None:
    findings = same_period_findings(demo_home)
    assert findings == [], report(findings)


def test_aggregate_only_risks_have_no_team_rows(demo_home: Path) -> None:
    with connect(demo_home) as con:
        findings = [f for f in team_rows_of_aggregate_only(con) if f.check.endswith("risk")]
    assert findings == [], report(findings)


def test_aggregate_only_indicators_have_no_team_rows(demo_home: Path) -> None:
    with connect(demo_home) as con:
        findings = [f for f in team_rows_of_aggregate_only(con) if f.check.endswith("indicator")]
    assert findings == [], report(findings)


def test_risk_scores_and_the_fraud_triangle_rest_on_shown_indicators_only(
    demo_home: Path,
) -> None:
    with connect(demo_home) as con:
        findings = scores_on_hidden_data(con)
    assert findings == [], report(findings)


def test_the_search_covers_every_mart_the_dt_and_rvc_views_read(demo_home: Path) -> None:
    """A new report_ mart with an n or a count per unit must be added to the search."""
    searched = {
        "report_indicators",
        "report_risk_explanations",
        "report_risk_scores",
        "report_fraud_triangle",
        # counts of reports, not of people: searched in tests/test_meldingen_marts.py
        "report_meldingen_counts",
        "report_meldingen_deadlines",
    }
    # not aggregates of people: catalogue, register, data quality, changes of a score
    # already searched, and the integrity officer's person-level list (not for DT or RvC)
    other = {
        "report_risk_controls",
        "report_risk_changes",
        "report_ingest_log",
        "report_expectations",
        "report_quarantine",
        "report_data_freshness",
        "report_unlinked_rows",
        "report_code_exceptions",
        "report_procurement_exceptions",
        # per risk, open and closed follow-ups for the whole organisation over all periods:
        # no unit or period, its totals those of report_indicators (README, Log-in and roles)
        "report_exception_followup",
    }
    with connect(demo_home) as con:
        marts = {
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_name like 'report_%'"
            ).fetchall()
        }
    assert marts - searched - other == set()


def ancestors_of(parent: dict[str, str | None], unit: str) -> set[str]:
    up = set()
    while (above := parent[unit]) is not None:
        up.add(above)
        unit = above
    return up


def test_the_subtree_sums_are_every_sum_of_disjoint_shown_units() -> None:
    """The bitset search against brute force (every subset that holds no unit together
    with one of its ancestors) on random small trees."""
    rng = random.Random(42)
    for _ in range(200):
        units = ["R"] + [f"U{i}" for i in range(rng.randint(1, 8))]
        parent: dict[str, str | None] = {"R": None}
        children: dict[str | None, list[str]] = defaultdict(list, {None: ["R"]})
        for i, unit in enumerate(units[1:], start=1):
            parent[unit] = rng.choice(units[:i])
            children[parent[unit]].append(unit)
        shown = {u: rng.randint(0, 12) for u in units if rng.random() < 0.7}
        sums = SubtreeSums(children, shown)
        ancestors = {u: ancestors_of(parent, u) for u in units}
        for unit in units:
            below = [u for u in shown if unit in ancestors[u]]
            brute = {
                sum(shown[u] for u in combo)
                for size in range(len(below) + 1)
                for combo in itertools.combinations(below, size)
                if not any(ancestors[u] & set(combo) for u in combo)
            }
            assert set(bits(sums.below[unit])) == brute
            for total in brute:
                parts = sums.witness(unit, total)
                assert sum(shown[u] for u in parts) == total
                assert set(parts) <= set(below)
                assert not any(ancestors[u] & set(parts) for u in parts)


# --- the search can fail -----------------------------------------------------------------


def planted_copy(demo_home: Path, tmp_path: Path, kind: str) -> tuple[Path, tuple]:
    """A copy of the demo warehouse with one suppressed row published again with its n:
    ``complementary``: a sibling suppressed only so that parent minus siblings would not
    reveal a small child; ``primary``: a group below k itself."""
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(demo_home / "warehouse.duckdb", home / "warehouse.duckdb")
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        if kind == "complementary":
            # a sibling whose return leaves exactly the small rest it was suppressed for
            condition = """p.is_complementary_suppressed and parent.n - p.n - (
                select coalesce(sum(s.n), 0) from int_indicators__protected as s
                where s.indicator_id = p.indicator_id and s.period_type = p.period_type
                    and s.period = p.period and s.parent_unit_id = p.parent_unit_id
                    and not s.is_suppressed
            ) between 1 and p.k - 1"""
        else:
            condition = "p.is_primary_suppressed and p.n > 0"
        target = con.execute(
            f"""
            select p.indicator_id, p.period_type, p.period, p.org_unit_id, p.n
            from int_indicators__protected as p
            inner join int_indicators__protected as parent
                on p.indicator_id = parent.indicator_id and p.period_type = parent.period_type
                and p.period = parent.period and p.parent_unit_id = parent.org_unit_id
            where not parent.is_suppressed and {condition}
            order by all
            limit 1
            """
        ).fetchone()
        assert target is not None, f"the demo has no {kind} suppression to undo"
        for mart in ("report_indicators", "report_risk_explanations"):
            con.execute(
                f"""
                update {mart} set suppressed = false, n = ?
                where indicator_id = ? and period_type = ? and period = ? and org_unit_id = ?
                """,
                [target[4], *target[:4]],
            )
    return home, target


@pytest.mark.parametrize(
    ("kind", "check"),
    [("complementary", "difference"), ("primary", "shown_below_k")],
    ids=["sibling un-suppressed", "small group un-suppressed"],
)
def test_the_search_finds_a_planted_leak(
    demo_home: Path, tmp_path: Path, kind: str, check: str
) -> None:
    home, (indicator, _, period, unit, _) = planted_copy(demo_home, tmp_path, kind)
    findings = [f for f in same_period_findings(home) if f.check == check]
    assert findings, f"planted {kind} leak at {indicator} {period} {unit} not found"
    assert all(f.indicator_id == indicator and f.period == period for f in findings), report(
        findings
    )
    if check == "shown_below_k":
        assert [f.org_unit_id for f in findings] == [unit]


# --- the attacker's search over time and space together (tests/privacy_attack.py) ---------

BEFORE_FIX = Path(__file__).parent / "fixtures" / "int_indicators__protected_before_issue11.sql"


def rerun_protection(home: Path, *, sql: str | None = None, publish_months: bool = False) -> None:
    """Rerun int_indicators__protected (or another version of it) and every model after
    it in the warehouse of ``home``, with months published or not."""
    models = discover_models()
    after = {"int_indicators__protected", "stg_catalogue__settings"}
    for model in models:
        if model.depends_on & after:
            after.add(model.name)
    chosen = [
        Model(m.name, m.layer, m.path, sql, m.depends_on)
        if sql is not None and m.name == "int_indicators__protected"
        else m
        for m in models
        if m.name in after
    ]
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("update raw_catalogue__settings set publish_months = ?", [publish_months])
        run_models(con, chosen)


def copy_home(demo_home: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy(demo_home / "warehouse.duckdb", target / "warehouse.duckdb")
    return target


@pytest.fixture(scope="module")
def months_home(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse with months published (privacy.publish_months: true)."""
    home = copy_home(demo_home, tmp_path_factory.mktemp("months") / "home")
    rerun_protection(home, publish_months=True)
    return home


@pytest.fixture(scope="module")
def quarters_attack(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> list:
    """The attack on the demo's marts and BI export, window differences included (one
    search for the tests below)."""
    export_dir = tmp_path_factory.mktemp("bi")
    export_marts(export_dir, path=demo_home / "warehouse.duckdb")
    return attack(demo_home, export_dir=export_dir, differences=True)


@pytest.fixture(scope="module")
def months_attack(months_home: Path) -> list:
    return attack(months_home, differences=True)


def without_differences(found: list) -> list:
    return [f for f in found if f.what not in DIFFERENCE_TARGETS]


def test_nothing_suppressed_can_be_solved_from_the_marts_and_the_bi_export(
    quarters_attack: list,
) -> None:
    found = without_differences(quarters_attack)
    assert found == [], attack_report(found)


def test_by_default_only_quarters_are_published(demo_home: Path, tmp_path: Path) -> None:
    export_marts(tmp_path / "bi", path=demo_home / "warehouse.duckdb")
    with duckdb.connect() as con:
        for mart in ("report_indicators", "report_risk_explanations", "report_risk_scores"):
            kinds = con.execute(
                f"select distinct period_type from '{tmp_path / 'bi' / mart}.parquet'"
            ).fetchall()
            assert kinds == [("quarter",)], mart


# 40 s of CPU (the search over three times the cells): make validate. Months are not
# published by default; make test keeps their shown-together rule (below), the planted
# leaks and tests/test_differencing_windows.py's atoms at k and k-1.
@pytest.mark.validate
def test_with_months_published_nothing_can_be_solved_either(
    months_home: Path, months_attack: list
) -> None:
    with connect(months_home) as con:
        months = con.execute(
            "select count(*) from report_indicators where period_type = 'month' and not suppressed"
        ).fetchone()[0]
    assert months > 1000  # the search below has months to combine
    found = without_differences(months_attack)
    assert found == [], attack_report(found)


@pytest.mark.parametrize(
    "published", ["quarters", pytest.param("months", marks=pytest.mark.validate)]
)
def test_no_two_windows_of_a_unit_differ_by_a_group_under_k(
    published: str, request: pytest.FixtureRequest
) -> None:
    """A unit's two published windows of a rolling-window indicator differ by the months
    between them (while the data's first windows are cut short, W(2025-Q1) - W(2024-Q4)
    is 2025-Q1 alone; later, month t minus month t-12): rules 1b and 2a per time atom of
    int_indicators__protected keep every such group (of the unit, or of its own members)
    at none or at least k people."""
    found = request.getfixturevalue(f"{published}_attack")
    differences = [f for f in found if f.what in DIFFERENCE_TARGETS]
    assert differences == [], attack_report(differences)


def test_with_months_a_quarter_and_its_months_are_shown_or_suppressed_together(
    months_home: Path,
) -> None:
    with connect(months_home) as con:
        mixed = con.execute(
            """
            with cells as (
                select indicator_id, org_unit_id, suppressed,
                    case when period_type = 'quarter' then period
                        else left(period, 4) || '-Q'
                            || ((cast(right(period, 2) as integer) + 2) // 3) end as quarter
                from report_indicators
            )
            select indicator_id, org_unit_id, quarter from cells
            group by all having count(distinct suppressed) > 1
            """
        ).fetchall()
    assert mixed == []


@pytest.mark.validate  # 30 s of CPU; make test keeps the planted leaks below and above
def test_the_attack_finds_the_leaks_of_the_models_before_this_fix(
    demo_home: Path, tmp_path: Path
) -> None:
    """The protection as it was (one complementary pass, months suppressed only after a
    suppressed month): the attack rebuilds suppressed cells and single people's figures
    by combining months, quarters and levels, as reported in issue 11. In `make validate`
    (with the same on the large demo, tests/test_privacy_validate.py): it reruns the
    protection and every model after it, and searches the months again."""
    home = copy_home(demo_home, tmp_path / "home")
    rerun_protection(home, sql=BEFORE_FIX.read_text("utf-8"), publish_months=True)
    found = attack(home)
    cells = [f for f in found if f.what == "suppressed_cell"]
    people = [f for f in found if f.what == "own_members"]
    assert cells and people, attack_report(found)
    # one department's own member, rebuilt from a quarter and all three of its months
    assert any("; 1 people" in f.detail and f.detail.count(",") == 3 for f in people), (
        attack_report(people)
    )


def test_the_attack_finds_a_complementary_cell_published_again(
    demo_home: Path, tmp_path: Path
) -> None:
    home = copy_home(demo_home, tmp_path / "home")
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        target = con.execute(
            """
            select indicator_id, period, org_unit_id, parent_unit_id
            from int_indicators__protected
            where is_complementary_suppressed and period_type = 'quarter'
            order by all limit 1
            """
        ).fetchone()
        for mart in ("report_indicators", "report_risk_explanations"):
            con.execute(
                f"update {mart} set suppressed = false, n = 1 "
                "where indicator_id = ? and period = ? and org_unit_id = ?",
                list(target[:3]),
            )
    found = attack(home)
    assert {(f.indicator_id, f.period) for f in found} == {target[:2]}, attack_report(found)
    assert any(f.what == "figure_on_suppressed_row" for f in found) is False


def test_the_attack_finds_a_figure_left_on_a_suppressed_row(
    demo_home: Path, tmp_path: Path
) -> None:
    home = copy_home(demo_home, tmp_path / "home")
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute(
            "update report_indicators set numerator = 1 where rowid = "
            "(select min(rowid) from report_indicators where suppressed)"
        )
    found = attack(home)
    assert [f.what for f in found] == ["figure_on_suppressed_row"], attack_report(found)


def test_months_of_every_window_and_no_unknown_one() -> None:
    assert months_of("month", "2026-07") == ("2026-07",)
    assert months_of("quarter", "2026-Q3") == ("2026-07", "2026-08", "2026-09")
    assert len(months_of("year", "2026")) == 12
    with pytest.raises(ValueError, match="unknown published window"):
        months_of("rolling_12", "2026-09")
    # a rolling window: the 12 months ending with the period's last month
    assert months_of("quarter", "2026-Q3", 12) == tuple(
        [f"2025-{m:02d}" for m in range(10, 13)] + [f"2026-{m:02d}" for m in range(1, 10)]
    )
    assert months_of("month", "2026-02", 12)[0] == "2025-03"
    # months published up to 2026-08: the quarter the data end in has August's window
    assert months_of("quarter", "2026-Q3", 12, "2026-08") == months_of("month", "2026-08", 12)
    assert months_of("quarter", "2026-Q3", 12, "2026-09") == months_of("quarter", "2026-Q3", 12)
    assert months_of("quarter", "2026-Q2", 12, "2026-08")[-1] == "2026-06"


def test_the_search_holds_windowed_cells_together_across_quarters() -> None:
    """A windowed indicator's quarter is a sum over 12 months, so its quarters overlap
    and are one system: team A had people only in 2025-Q1, so its 2025-Q3 window holds
    exactly its 2025-Q2 window (shown). The search finds the suppressed 2025-Q3 with the
    window and cannot without it (each quarter its own months, A's 2025-Q3 is empty).
    The models never publish such a cell (a unit has a windowed period only with data in
    the period itself, int_indicators__aggregated), which is why this is planted here."""
    with duckdb.connect() as con:
        con.execute(
            "create table dim_org_units as select * from (values ('WH', null), ('A', 'WH'), "
            "('B', 'WH')) as t (org_unit_id, parent_unit_id)"
        )
        org = Org(con)
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    people = {("A", m): {f"a{i}" for i in range(5)} for m in months[:3]}
    people |= {("B", m): {f"b{i}" for i in range(6)} for m in months}
    quarters = [f"2025-Q{q}" for q in range(1, 5)]
    # A and B hidden in 2025-Q3 (one hidden child alone would be WH minus the other)
    cells = pd.DataFrame(
        [
            {"period_type": "quarter", "period": q, "org_unit_id": u, "shown": q != "2025-Q3"}
            for q in quarters
            for u in ("A", "B")
        ]
        + [
            {"period_type": "quarter", "period": q, "org_unit_id": "WH", "shown": True}
            for q in quarters
        ]
    )
    with_window = search_indicator("KRI-X", cells, org, K, Presence(people), {}, 12)
    assert ("2025-Q3", "A") in {(f.period, f.org_unit_id) for f in with_window}
    own_months = search_indicator("KRI-X", cells, org, K, Presence(people), {}, None)
    assert ("2025-Q3", "A") not in {(f.period, f.org_unit_id) for f in own_months}


def rank(rows: list[list[Fraction]]) -> int:
    """Exact rank by Gaussian elimination over the rationals."""
    rows = [r[:] for r in rows]
    rank, cols = 0, len(rows[0]) if rows else 0
    for c in range(cols):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][c] != 0:
                f = rows[i][c] / rows[rank][c]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def test_the_solver_agrees_with_exact_arithmetic_on_random_sum_systems() -> None:
    """solvable(): a target is solvable exactly when adding it to the shown rows does not
    raise their rank, checked with fractions on random 0/1 systems."""
    rng = random.Random(42)
    for _ in range(300):
        cols = rng.randint(1, 7)
        shown = [[rng.random() < 0.4 for _ in range(cols)] for _ in range(rng.randint(0, 6))]
        targets = [[rng.random() < 0.4 for _ in range(cols)] for _ in range(4)]
        got = solvable(np.array(shown, dtype=float).reshape(-1, cols), np.array(targets, float))
        exact = [[Fraction(int(x)) for x in r] for r in shown]
        for target, is_solvable in zip(targets, got, strict=True):
            t = [Fraction(int(x)) for x in target]
            assert is_solvable == (rank(exact + [t]) == rank(exact)), (shown, target)


def test_360_feedback_shows_where_k_rated_managers_are_and_never_for_one(
    demo_home: Path,
) -> None:
    """KRI-HR-360's people are the managers rated (each by at least min_raters raters):
    a unit shows it only with k or more of them. On the demo every team has one manager
    (its score would be theirs): never shown; five of the seven departments have a head
    and four or more team managers: shown there, and at the organisation."""
    with connect(demo_home) as con:
        rows = con.execute(
            """select org_level, n, suppressed from report_indicators
               where indicator_id = 'KRI-HR-360' and period_type = 'quarter'"""
        ).fetchall()
    shown = [(level, n) for level, n, suppressed in rows if not suppressed]
    assert all(n >= K for _, n in shown)
    assert {level for level, _ in shown} == {"afdeling", "organisatie"}
