"""A windowed indicator whose events are sparse: a team without data of its own in a
period (a stale child) has no row there, yet its 12-month window is inside its parent's.

The case the attacker solved before stale children were cells of
int_indicators__protected: team A of department P has one requester in 2025-01 (the
first month of data: A's 2025-01 window is that one person, suppressed), four more in
2025-02 and five in 2025-06, and none after. In 2026-01 A's window (2025-02 to 2026-01)
is in P's but A has no row; with B and C shown, P minus B and C is that window, and A's
shown 2025-06 window minus it is the one person of 2025-01. Built here from
contributions and the periods their months count in, run through the real
int_indicators__protected, and attacked with tests/privacy_attack.py.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from pipelines.build.models import discover_models, run_models
from tests.privacy_attack import Org, Presence, search_indicator

K = 5
IND = "KRI-TEST-SPARSE"
MONTHS = [f"2025-{m:02d}" for m in range(1, 13)] + ["2026-01"]
TREE = {"P": None, "A": "P", "B": "P", "C": "P"}  # unit -> its parent


def hierarchy_rows(tree: dict[str, str | None]) -> list[tuple]:
    """int_org__hierarchy's rows of ``tree``: each unit with itself and every unit above
    it; a unit with units below it is a department, one without a team."""
    parents = {parent for parent in tree.values() if parent}
    rows = []
    for unit in tree:
        ancestor, depth = unit, 0
        while ancestor is not None:
            level = "afdeling" if ancestor in parents else "team"
            rows.append((unit, ancestor, depth, level, tree[ancestor]))
            ancestor, depth = tree[ancestor], depth + 1
    return rows


def people_by_month() -> dict[tuple[str, str], set[str]]:
    """(team, month) -> requesters with an order that month."""
    people: dict[tuple[str, str], set[str]] = {
        ("A", "2025-01"): {"a0"},
        ("A", "2025-02"): {f"a{i}" for i in range(1, 5)},
        ("A", "2025-06"): {f"a{i}" for i in range(5, 10)},
    }
    for team in ("B", "C"):
        for month in MONTHS:
            people[(team, month)] = {f"{team.lower()}{i}" for i in range(6)}
    return people


def protected(
    people: dict[tuple[str, str], set[str]],
    months: bool = True,
    last_month: str | None = None,
    tree: dict[str, str | None] = TREE,
    with_n: bool = False,
) -> pd.DataFrame:
    """int_indicators__protected's cells for ``people`` under ``tree``: a 12-month window,
    months published (``months``; else quarters alone); the periods each month counts in
    from the real int_indicators__period_months, up to the data's last month or
    ``last_month`` when later (a contribution of a unit outside the tree, as another
    unit's data would extend the indicator's periods); ``with_n``: each cell's n too."""
    rows = [(team, month, s) for (team, month), subjects in people.items() for s in subjects]
    if last_month is not None:
        rows.append(("_elsewhere", last_month, "_nobody"))
    contributions = pd.DataFrame(rows, columns=["org_unit_id", "month", "subject_id"])
    contributions = contributions.assign(
        indicator_id=IND, month_start=pd.to_datetime(contributions.pop("month") + "-01")
    )
    models = {m.name: m for m in discover_models()}
    with duckdb.connect() as con:
        con.register("contributions_frame", contributions)
        con.execute(
            "create table int_indicators__contributions as select distinct indicator_id, "
            "month_start, org_unit_id, subject_id from contributions_frame"
        )
        con.execute(
            "create table int_org__hierarchy (org_unit_id varchar, ancestor_id varchar, "
            "depth integer, ancestor_level varchar, ancestor_parent_id varchar)"
        )
        con.executemany(
            "insert into int_org__hierarchy values (?, ?, ?, ?, ?)", hierarchy_rows(tree)
        )
        con.execute(
            f"create table stg_catalogue__settings as select {K} as min_group_size, "
            f"{str(months).lower()} as publish_months"
        )
        con.execute(
            f"create table stg_catalogue__indicators as select '{IND}' as indicator_id, "
            "12 as window_months, 'gifts' as dataset"
        )
        # no export read in: every period counts as ended (tests/test_running_quarter.py)
        con.execute("create table int_indicators__read_through (dataset varchar, read_on date)")
        run_models(con, [models["int_indicators__period_months"]])
        # int_indicators__aggregated's rows: a unit has a period only with data of its own
        # (or below it) in the period itself; n is the distinct people in the window
        con.execute(
            f"""
            create table int_indicators__scored as
            select p.indicator_id, p.period_type, p.period, h.ancestor_id as org_unit_id,
                h.ancestor_level as org_level, h.ancestor_parent_id as parent_unit_id,
                count(distinct c.subject_id) as n, false as is_aggregate_only, {K} as min_n
            from int_indicators__contributions as c
            inner join int_indicators__period_months as p
                on c.indicator_id = p.indicator_id and c.month_start = p.month_start
            inner join int_org__hierarchy as h on c.org_unit_id = h.org_unit_id
            group by all
            having bool_or(p.is_own_period)
            """
        )
        run_models(con, [models["int_indicators__protected"]])
        return con.execute(
            "select period_type, period, org_unit_id, not is_suppressed as shown"
            + (", n" if with_n else "")
            + " from int_indicators__protected"
        ).df()


def stale_org(tree: dict[str, str | None] = TREE) -> Org:
    """The department P with teams A, B and C (or ``tree``)."""
    with duckdb.connect() as con:
        con.execute("create table dim_org_units (org_unit_id varchar, parent_unit_id varchar)")
        con.executemany("insert into dim_org_units values (?, ?)", list(tree.items()))
        return Org(con)


@pytest.fixture(scope="module")
def org() -> Org:
    return stale_org()


def test_a_stale_team_in_its_parents_window_gives_nothing_away(org: Org) -> None:
    people = people_by_month()
    cells = protected(people)
    shown = {(p, u) for _, p, u, s in cells.itertuples(index=False) if s}
    # the case described above: A's first month hidden and in 2026-01 (A without a row) P
    # with B and C would be there to combine with A's 2025-06 window; that window holds
    # the one-person month too, so rule 1b (a time atom under k) now hides it as well
    assert ("2025-01", "A") not in shown
    assert ("2025-06", "A") not in shown
    assert ("2026-01", "A") not in {(p, u) for _, p, u, _ in cells.itertuples(index=False)}
    found = search_indicator(IND, cells, org, K, Presence(people), {}, 12)
    assert found == [], [str(f) for f in found]
    # and P's 2026-01 window is not shown next to both B and C (A's stale window in it
    # would be P minus them)
    assert not {("2026-01", "P"), ("2026-01", "B"), ("2026-01", "C")} <= shown


def test_a_stale_team_is_an_unknown_with_a_partner_not_a_hidden_parent(org: Org) -> None:
    """A stale child is a cell like any other, only never output: its window is hidden
    when it holds fewer than k people or a time atom of 1 to k-1 (rule 1b), and then it
    is an unknown in its parent's sum that needs a partner (2b); where it passes, it
    stands as a shown cell (solving it reveals k or more people, any difference of it
    with its other windows a union of atoms of none or k or more). Before 1b the parent
    itself was hidden (rule 2c), which hid whole departments and organisations for
    sparse events. Here A is stale in 2025-07 (its window holds the one person of
    2025-01): P stays shown and one of B and C is hidden beside A; in 2026-01 A has data
    of its own, but its window holds its four people of 2025-02, so it is hidden with a
    partner too. The attacker's search finds nothing."""
    people = people_by_month() | {("A", "2026-01"): {f"a{i}" for i in range(10, 15)}}
    cells = protected(people)
    shown = {(p, u) for _, p, u, s in cells.itertuples(index=False) if s}
    assert ("2026-01", "P") in shown
    assert ("2026-01", "A") not in shown
    for period in ("2025-07", "2026-01"):
        assert (period, "P") in shown
        assert len({(period, "B"), (period, "C")} & shown) == 1, period
    assert search_indicator(IND, cells, org, K, Presence(people), {}, 12) == []
    assert search_indicator(IND, cells, org, K, Presence(people), {}, 12, differences=True) == []


def test_the_attack_finds_two_windows_of_a_team_that_differ_by_two_people(org: Org) -> None:
    """While the data's first windows are cut short, a team's consecutive windows differ
    by the new months alone: A's 2025-01 window holds six people, its 2025-02 window two
    more (and six in 2025-03, so A is not stale in 2025-Q1), so with both shown 2025-02
    minus 2025-01 is those two people's month. Only the search over window differences
    sees it (no suppressed cell is involved). The models hide A's windows that hold the
    two (rule 1b: a time atom of 1 to k-1 people); shown again here, as they were before
    that rule, the search finds them."""
    people = people_by_month() | {
        ("A", "2025-01"): {f"a{i}" for i in range(6)},
        ("A", "2025-02"): {"a6", "a7"},
        ("A", "2025-03"): {f"a{i}" for i in range(8, 14)},
    }
    cells = protected(people)
    shown = {(p, u) for _, p, u, s in cells.itertuples(index=False) if s}
    assert ("2025-02", "A") not in shown
    assert search_indicator(IND, cells, org, K, Presence(people), {}, 12, differences=True) == []
    cells.loc[
        cells["org_unit_id"].eq("A") & cells["period"].isin(["2025-01", "2025-02"]), "shown"
    ] = True
    found = search_indicator(IND, cells, org, K, Presence(people), {}, 12, differences=True)
    assert any(
        (f.what, f.period, f.org_unit_id) == ("window_difference", "2025-02", "A")
        and "2025-02..2025-02" in f.detail
        and "; 2 people" in f.detail
        for f in found
    ), [str(f) for f in found]


def test_with_quarters_alone_a_stale_team_is_a_cell_of_its_parents_quarter(org: Org) -> None:
    """Quarters published, months not (helper-128 found it: no test above depends on the
    stale children, and without them this layout leaks). In 2026-Q1 C is stale: its
    window holds the five people of 2025-10, but it has no data of its own. As a cell of
    P's 2026-Q1 sum it is shown beside A there, and A's 2025-Q4 atom is then P's rest
    beyond its shown children: A is hidden in 2026-Q1. Without C in the sum A is shown,
    and A(2025-Q4) = A(2026-Q1) - (P(2026-Q1) - P(2025-Q4)) gives B's 2025-Q4 as P
    minus A and C: the one person of 2025-12."""
    people = {
        ("A", "2025-11"): {"a12", "a14", "a15", "a4", "a7"},
        ("A", "2026-03"): {"a10", "a12", "a16", "a19", "a5"},
        ("B", "2025-12"): {"b8"},
        ("C", "2025-10"): {"c17", "c2", "c3", "c6", "c9"},
    }
    cells = protected(people, months=False, last_month="2026-03")
    assert set(cells["period_type"]) == {"quarter"}
    shown = {(p, u) for _, p, u, s in cells.itertuples(index=False) if s}
    assert ("2025-Q4", "B") not in shown  # the one person
    assert ("2026-Q1", "A") not in shown
    assert ("2026-Q1", "C") not in {(p, u) for _, p, u, _ in cells.itertuples(index=False)}
    presence = Presence(people)
    assert search_indicator(IND, cells, org, K, presence, {}, 12) == []
    assert search_indicator(IND, cells, org, K, presence, {}, 12, differences=True) == []


# helper-128's layout: a department (teams A and E) beside teams B and C under P,
# quarters alone. In 2025-Q3 C (one person) is hidden and P's rest beyond its shown
# children in the atom 2025-Q3 is C's one person: 2a per atom hides the smallest shown
# child there, and the department and B hold five people each in that atom, so the
# department's name breaks the tie. Named D, B is hidden (2b hides it too) and D's
# windows stay shown: they give D's atoms, so in 2025-Q4 P's rest in the atom 2025-Q3
# is C's one person again and B is hidden there too. Named A0 (or anything before B),
# the department is hidden as well and B's 2025-Q4 window is shown.
# P's 2025-Q4 window minus its 2025-Q3 one is then its 2025-Q4 atom, B's alone (no one
# else under P has people in it), so B(2025-Q4) - (P(2025-Q4) - P(2025-Q3)) was B's
# hidden 2025-Q3 window (helper-274). Rule 3b hides a unit's known window whose
# unknown atoms are a hidden one's, whichever cell the tie-break picked: every name
# gives nothing away.
TIE_BREAK_PEOPLE = {
    ("B", "2025-08"): {"b0", "b16", "b2", "b25", "b38"},
    ("B", "2025-11"): {"b16", "b29", "b31", "b34", "b37"},
    ("C", "2025-09"): {"c36"},
    ("E", "2025-04"): {"e5"},
    ("E", "2025-05"): {"e12", "e35", "e4", "e8"},
    ("E", "2025-08"): {"e9"},
    ("E", "2025-09"): {"e19", "e39", "e4", "e8"},
}


def tie_break_found(department: str) -> list[str]:
    tree = {"P": None, department: "P", "A": department, "E": department, "B": "P", "C": "P"}
    cells = protected(TIE_BREAK_PEOPLE, months=False, last_month="2026-03", tree=tree)
    org, presence = stale_org(tree), Presence(TIE_BREAK_PEOPLE)
    found = search_indicator(IND, cells, org, K, presence, {}, 12)
    found += search_indicator(IND, cells, org, K, presence, {}, 12, differences=True)
    return sorted({str(f) for f in found})


@pytest.mark.parametrize("department", ["D", "Z9", "A0", "0"])
def test_the_department_gives_nothing_away_whatever_its_name(department: str) -> None:
    """Before rule 3b, "A0" and "0" (before B) gave B's 2025-Q3 window away; "D" and "Z9"
    (after B) did not."""
    assert tie_break_found(department) == []
