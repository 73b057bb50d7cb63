"""Rules 1b and 2a per time atom of int_indicators__protected, at their boundary.

A rolling-window indicator publishes per month (privacy.publish_months) the sum of the
12 months ending there, so two shown windows of one unit differ by the months between
them: while the data's first windows are cut short, the 2025-02 window minus the 2025-01
window is 2025-02 alone. A unit's window is shown only when each time atom of it (here a
month) holds, for the unit and everything below it, nobody or at least k people (1b),
and when what a shown parent has beyond its shown children is, per atom, nobody or at
least k people (2a per atom). Built on the hand-made warehouse of
tests/test_differencing_stale.py (department P with teams A, B and C; B and C six people
every month), run through the real model and attacked with tests/privacy_attack.py.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tests.privacy_attack import Org, Presence, search_indicator
from tests.test_differencing_stale import IND, MONTHS, K, protected, stale_org


@pytest.fixture(scope="module")
def org() -> Org:
    """The department P with teams A, B and C, as in test_differencing_stale."""
    return stale_org()


def steady_teams() -> dict[tuple[str, str], set[str]]:
    return {
        (team, month): {f"{team.lower()}{i}" for i in range(6)}
        for team in ("B", "C")
        for month in MONTHS
    }


def shown_cells(
    people: dict[tuple[str, str], set[str]],
) -> tuple[pd.DataFrame, set[tuple[str, str]]]:
    cells = protected(people)
    return cells, {(p, u) for _, p, u, s in cells.itertuples(index=False) if s}


def differences(
    cells: pd.DataFrame, tree: Org, people: dict[tuple[str, str], set[str]]
) -> list[str]:
    found = search_indicator(IND, cells, tree, K, Presence(people), {}, 12, differences=True)
    return [str(f) for f in found]


@pytest.mark.parametrize("size", [K, K - 1], ids=["k people", "k-1 people"])
def test_a_window_is_shown_only_when_each_of_its_months_holds_k_or_nobody(
    org: Org,
    size: int,
) -> None:
    """Team A: six people in 2025-01, ``size`` new ones in 2025-02, six in 2025-03. With
    k of them A's 2025-02 window is shown (2025-02 minus 2025-01 is k people); with k-1
    every window of A that holds 2025-02 is suppressed (primary), and its quarter."""
    people = steady_teams() | {
        ("A", "2025-01"): {f"a{i}" for i in range(6)},
        ("A", "2025-02"): {f"n{i}" for i in range(size)},
        ("A", "2025-03"): {f"m{i}" for i in range(6)},
    }
    cells, shown = shown_cells(people)
    holding = {("2025-02", "A"), ("2025-03", "A"), ("2025-Q1", "A")}
    if size >= K:
        assert holding <= shown
    else:
        assert not holding & shown
        assert differences(cells, org, people) == []
        # shown again, as before rule 1b, the two windows give the k-1 people away
        cells.loc[
            cells["org_unit_id"].eq("A") & cells["period"].str.startswith("2025"), "shown"
        ] = True
    found = differences(cells, org, people)
    if size >= K:
        assert found == []
    else:
        assert any("2025-02..2025-02" in f and f"; {size} people" in f for f in found), found


def test_own_members_under_k_in_one_month_hide_a_team_beside_them(
    org: Org,
) -> None:
    """P's own members: five in 2025-04, one more in 2025-05. Every window from 2025-05
    holds six, so the rule per period (what P has beyond its shown teams) is met, but
    P's 2025-05 window minus its 2025-04 window, less B's and C's, is that one person.
    Rule 2a per atom hides a team next to them while that month is in the window."""
    people = steady_teams() | {
        ("P", "2025-04"): {f"p{i}" for i in range(5)},
        ("P", "2025-05"): {"p5"},
    }
    cells, shown = shown_cells(people)
    assert ("2025-05", "P") in shown
    assert not {("2025-05", "B"), ("2025-05", "C")} <= shown
    found = differences(cells, org, people)
    assert found == [], found


def test_own_members_under_k_in_one_month_beside_a_mover_hide_a_team_too(
    org: Org,
) -> None:
    """As above, with someone in both B and C in 2025-05 (moved between them that
    month): B's and C's people add up to P's in that month, so the difference of the
    counts left nobody beyond them, and P's one own member of 2025-05 was given away by
    the difference of two windows (helper-227: a mover counts in both teams). The
    people beyond the shown teams are at least P's own members of the month."""
    people = steady_teams() | {
        ("P", "2025-04"): {f"p{i}" for i in range(5)},
        ("P", "2025-05"): {"p5"},
    }
    people[("B", "2025-05")] = people[("B", "2025-05")] | {"x"}
    people[("C", "2025-05")] = people[("C", "2025-05")] | {"x"}
    cells, shown = shown_cells(people)
    assert ("2025-05", "P") in shown
    assert not {("2025-05", "B"), ("2025-05", "C")} <= shown
    found = differences(cells, org, people)
    assert found == [], found


def merged_team_people() -> dict[tuple[str, str], set[str]]:
    """helper-228 1 (2024-04 to 2025-06, quarters alone): the organisation R with its
    bestuurder to 2024-06 and a new one from 2025-04; department P without a head, with
    team X (2 people, 2024-07 to 2025-03), team T (6, the same months, then merged into
    U: six movers) and U (6); department Z, 7 people and 8 who leave after 2024-06."""
    months = [f"2024-{m:02d}" for m in range(4, 13)] + [f"2025-{m:02d}" for m in range(1, 7)]
    people: dict[tuple[str, str], set[str]] = {}

    def put(unit: str, keys: list[str], first: str, last: str) -> None:
        for month in months:
            if first <= month <= last:
                people.setdefault((unit, month), set()).update(keys)

    put("R", ["boss_old"], "2024-04", "2024-06")
    put("R", ["boss_new"], "2025-04", "2025-06")
    put("Z", [f"z{i}" for i in range(7)], "2024-04", "2025-06")
    put("Z", [f"zl{i}" for i in range(8)], "2024-04", "2024-06")
    put("X", ["x0", "x1"], "2024-07", "2025-03")
    put("T", [f"t{i}" for i in range(6)], "2024-07", "2025-03")
    put("U", [f"t{i}" for i in range(6)], "2025-04", "2025-06")  # T merged into U
    put("U", [f"u{i}" for i in range(6)], "2024-04", "2025-06")
    return people


def test_a_merged_teams_movers_leave_the_former_bestuurder_hidden() -> None:
    """helper-228 1: rule 2a decided by its lower bound alone (at least U's hidden partner
    T, 6 people) showed U's 2025-Q2, where the difference of the counts (2, the movers
    counted twice) had hidden it; WH(2025-Q1) - Z(2025-Q1) - U(2025-Q1) + U(2025-Q2) -
    P(2025-Q2) then gave the former bestuurder's sick days. Rule 2a fires by either."""
    tree = {"R": None, "P": "R", "Z": "R", "X": "P", "T": "P", "U": "P"}
    people = merged_team_people()
    cells = protected(people, months=False, last_month="2025-06", tree=tree)
    found = search_indicator(
        IND, cells, stale_org(tree), K, Presence(people), {}, 12, differences=True
    )
    assert found == [], [str(f) for f in found]


def merger_people() -> dict[tuple[str, str], set[str]]:
    """helper-228 2 (2024-04 to 2025-09, quarters alone): the organisation R with one
    bestuurder at a time, a new one from 2025-08; department Z (8 people, 5 more who
    leave after 2024-12); department P without a head, its team T (7 people, 2024-05 to
    2024-08) merged into U (6 people) from 2024-09, team X (3) from 2025-03 and six new
    people in U in 2025-09."""
    months = [f"2024-{m:02d}" for m in range(4, 13)] + [f"2025-{m:02d}" for m in range(1, 10)]
    people: dict[tuple[str, str], set[str]] = {}

    def put(unit: str, keys: list[str], first: str, last: str) -> None:
        for month in months:
            if first <= month <= last:
                people.setdefault((unit, month), set()).update(keys)

    put("R", ["boss_old"], "2024-04", "2025-07")
    put("R", ["boss_new"], "2025-08", "2025-09")
    put("Z", [f"z{i}" for i in range(8)], "2024-04", "2025-09")
    put("Z", [f"zl{i}" for i in range(5)], "2024-04", "2024-12")
    put("T", [f"t{i}" for i in range(7)], "2024-05", "2024-08")
    put("U", [f"t{i}" for i in range(7)], "2024-09", "2025-09")  # T merged into U
    put("U", [f"u{i}" for i in range(6)], "2024-04", "2025-09")
    put("U", [f"nh{i}" for i in range(6)], "2025-09", "2025-09")
    put("X", [f"x{i}" for i in range(3)], "2025-03", "2025-09")
    return people


def test_a_hidden_department_known_from_its_shown_team_is_no_partner() -> None:
    """helper-228 2: P is hidden in 2024-Q4, but of its teams only U holds people in
    that quarter (T, merged into U, is a stale cell, X has not started), and U's shown
    2024-Q4 minus its 2024-Q3 is that quarter. P's quarter was then U's, and R's 2024-Q4
    minus its 2024-Q3, less Z's and U's quarters, gave the bestuurder's own figures: 2a
    per atom had counted P as the bestuurder's partner. What of a hidden cell lies in
    shown cells below it is known; only the rest is a partner."""
    tree = {"R": None, "P": "R", "Z": "R", "X": "P", "T": "P", "U": "P"}
    people = merger_people()
    cells = protected(people, months=False, last_month="2025-09", tree=tree)
    shown = {(p, u) for _, p, u, s in cells.itertuples(index=False) if s}
    assert {("2024-Q4", "R"), ("2024-Q4", "U")} <= shown
    assert ("2024-Q4", "P") not in shown
    found = search_indicator(
        IND, cells, stale_org(tree), K, Presence(people), {}, 12, differences=True
    )
    assert found == [], [str(f) for f in found]


def test_a_parent_without_a_shown_child_is_hidden_when_its_unknown_rest_is_small() -> None:
    """helper-235 2: P shown, both its children hidden (A by its head alone in 2025-Q1,
    B by four people), A's new team A1 shown from 2025-Q2. P's 2025-Q2 minus its 2025-Q1
    is its second quarter; less A1's, A's head and B's one newcomer: two people. 2a per
    atom saw the small rest but had no shown child to hide: the parent is hidden."""
    tree = {"P": None, "A": "P", "B": "P", "A1": "A"}
    q1, q2 = ["2025-01", "2025-02", "2025-03"], ["2025-04", "2025-05", "2025-06"]
    people: dict[tuple[str, str], set[str]] = {}
    for unit, keys, months in (
        ("A", ["a0"], q1 + q2),
        ("A1", [f"x{i}" for i in range(5)], q2),
        ("B", [f"b{i}" for i in range(1, 5)], q1),
        ("B", ["b5"], q2),
    ):
        for month in months:
            people.setdefault((unit, month), set()).update(keys)
    cells = protected(people, months=False, last_month="2025-06", tree=tree)
    shown = {(p, u) for _, p, u, s in cells.itertuples(index=False) if s}
    assert {("2025-Q1", "P"), ("2025-Q2", "A1")} <= shown
    assert ("2025-Q2", "P") not in shown
    found = search_indicator(
        IND, cells, stale_org(tree), K, Presence(people), {}, 12, differences=True
    )
    assert found == [], [str(f) for f in found]


def mover_people(counted_in_both: bool) -> dict[tuple[str, str], set[str]]:
    """helper-235 1: R with S (5 people), Y (4, 2025-Q1 only) and department H, hidden,
    with teams G (shown in 2025-Q2) and X (one person in 2025-Q1). In April someone is
    in X (``counted_in_both``: and in G, moved within the month) and then in G, beside
    three people who moved from S to G in May."""
    q1, q2 = ["2025-01", "2025-02", "2025-03"], ["2025-04", "2025-05", "2025-06"]
    people: dict[tuple[str, str], set[str]] = {}
    for unit, keys, months in (
        ("S", [f"s{i}" for i in range(5)], q1),
        ("S", ["s3", "s4"], q2),
        ("S", ["s0", "s1", "s2"], ["2025-04"]),
        ("G", ["s0", "s1", "s2"], ["2025-05", "2025-06"]),
        ("Y", [f"y{i}" for i in range(4)], q1),
        ("X", ["x1"], q1),
        ("X", ["g1"], ["2025-04"]),
        ("G", ["g1"], ["2025-04", "2025-05", "2025-06"] if counted_in_both else q2[1:]),
        ("G", ["g2"], q2),
    ):
        for month in months:
            people.setdefault((unit, month), set()).update(keys)
    return people


@pytest.mark.parametrize("counted_in_both", [False, True], ids=["moved", "in both in April"])
def test_a_mover_into_a_shown_team_leaves_the_hidden_teams_person_hidden(
    counted_in_both: bool,
) -> None:
    """helper-235 1: counted by subtraction, the people of hidden H beyond its shown team
    G were none (g1 is in G too), so S's 2025-Q2 was shown and R minus S minus G gave
    g1's April in X alone. Who is unknown in a hidden cell is counted from the units
    they are placed in, not by subtraction."""
    tree = {"R": None, "H": "R", "S": "R", "Y": "R", "G": "H", "X": "H"}
    people = mover_people(counted_in_both)
    cells = protected(people, months=False, last_month="2025-06", tree=tree)
    found = search_indicator(
        IND, cells, stale_org(tree), K, Presence(people), {}, 12, differences=True
    )
    assert found == [], [str(f) for f in found]


def placed(*rows: tuple[str, list[str], list[str]]) -> dict[tuple[str, str], set[str]]:
    """(unit, month) -> people, from (unit, people, months) rows."""
    people: dict[tuple[str, str], set[str]] = {}
    for unit, keys, months in rows:
        for month in months:
            people.setdefault((unit, month), set()).update(keys)
    return people


Q1, Q2 = ["2025-01", "2025-02", "2025-03"], ["2025-04", "2025-05", "2025-06"]
BESIDE = [("S", [f"s{i}" for i in range(5)], Q1 + Q2), ("Y", [f"y{i}" for i in range(4)], Q1)]


@pytest.mark.parametrize(
    ("teams", "rows"),
    [
        # someone in X and in G in April (moved within the month), then in G
        (
            ["G", "X"],
            [("X", ["x1"], Q1), ("X", ["c"], Q2[:1]), ("G", ["c"], Q2)]
            + [("G", [f"g{i}" for i in range(5)], Q2)],
        ),
        # someone moving between the two shown teams, counted in both: X's one person
        (
            ["G1", "G2", "X"],
            [("X", ["x1"], Q1), ("X", ["x2"], Q2), ("G1", ["c"], Q2[:1]), ("G2", ["c"], Q2[1:])]
            + [("G1", [f"g{i}" for i in range(5)], Q2), ("G2", [f"f{i}" for i in range(4)], Q2)],
        ),
    ],
    ids=["in X and G", "between G1 and G2"],
)
def test_a_hidden_teams_one_person_is_counted_where_placed_not_by_subtraction(
    teams: list[str], rows: list
) -> None:
    """helper-235 1 (both found with the rule before it too): a mover counted in two
    teams makes the distinct people of hidden H less than the sum of its teams', so H's
    people beyond its shown teams came out as none, and R minus S minus the shown teams
    gave X's one person. Each unit's own people in the atom are counted."""
    tree = {"R": None, "H": "R", "S": "R", "Y": "R"} | dict.fromkeys(teams, "H")
    people = placed(*BESIDE, *rows)
    cells = protected(people, months=False, last_month="2025-06", tree=tree)
    found = search_indicator(
        IND, cells, stale_org(tree), K, Presence(people), {}, 12, differences=True
    )
    assert found == [], [str(f) for f in found]


def solved(
    cells: pd.DataFrame, tree: dict[str, str | None], people: dict[tuple[str, str], set[str]]
) -> list[str]:
    """What the attack solves of ``cells``: suppressed cells, small own-member groups and
    the months between two windows of a unit."""
    org, presence = stale_org(tree), Presence(people)
    found = search_indicator(IND, cells, org, K, presence, {}, 12, differences=True)
    found += search_indicator(IND, cells, org, K, presence, {}, 12)
    return [str(f) for f in found]


def months_from(first: str, count: int) -> list[str]:
    year, month = map(int, first.split("-"))
    return [f"{year + (month - 1 + i) // 12}-{(month - 1 + i) % 12 + 1:02d}" for i in range(count)]


def last_quarter_people() -> dict[tuple[str, str], set[str]]:
    """Department P with team X (seven people from 2025-03 to 2026-03) and sub-department
    S: team b (seven from 2025-04) and team c (two people, 2025-02 to 2025-06). The data
    end in April 2026, a month into 2026-Q2."""
    people = {}
    for month in months_from("2025-02", 15):
        if "2025-03" <= month <= "2026-03":
            people[("X", month)] = {f"x{i}" for i in range(7)}
        if month >= "2025-04":
            people[("b", month)] = {f"b{i}" for i in range(7)}
        if month <= "2025-06":
            people[("c", month)] = {"c0", "c1"}
    return people


LAST_QUARTER_TREE = {"P": None, "X": "P", "S": "P", "c": "S", "b": "S"}


def test_the_quarter_the_data_end_in_has_its_last_months_window() -> None:
    """helper-237 (gen33 seeds 0, 11, 56, 78): with months published, 2026-Q2's window
    was the 12 months ending with June, 2025-07 to 2026-04 in data, and April's 2025-05 to
    2026-04: P's two shown cells differed by May and June 2025, and X's and b's shown
    windows of 2025-04 and 2025-Q2 by the same months, so the rest was c's two people. The
    quarter the data end in now has its last month's window (int_indicators__period_months)
    and the two cells are one."""
    people = last_quarter_people()
    cells = protected(people, tree=LAST_QUARTER_TREE, with_n=True)
    n = {(p, u): n for _, p, u, _, n in cells.itertuples(index=False)}
    assert n[("2026-Q2", "P")] == n[("2026-04", "P")] == 16  # c's two people of May, June
    assert solved(cells, LAST_QUARTER_TREE, people) == []


def test_a_stale_teams_window_gives_no_suppressed_window_of_it_away() -> None:
    """helper-237 1: X is stale in 2026-04 (no data of its own), so its window there is P
    minus S, taken as known; X's shown windows of 2025-Q1 and 2025-04 differ by its April
    2025 alone, and the two gave X's 2026-03 window, suppressed beside P's and S's.
    Now an atom two known windows of a unit differ by is known in every period
    (int_indicators__protected, cross_known), so the rest beyond it is counted smaller
    and more is hidden."""
    people = last_quarter_people()
    cells = protected(people, tree=LAST_QUARTER_TREE)
    assert solved(cells, LAST_QUARTER_TREE, people) == []


def stopped_team_people() -> dict[tuple[str, str], set[str]]:
    """Quarters alone, data from 2024-10 to 2026-03: team X (six people) stops after
    2025-12, team c (three) runs throughout, team b (eight) starts in 2025-01."""
    people = {}
    for month in months_from("2024-10", 18):
        if month <= "2025-12":
            people[("X", month)] = {f"x{i}" for i in range(6)}
        if month >= "2025-01":
            people[("b", month)] = {f"b{i}" for i in range(8)}
        people[("c", month)] = {"c0", "c1", "c2"}
    return people


def test_an_atom_known_from_a_stale_window_counts_as_known_in_every_period() -> None:
    """helper-237 1 (deepfuzz seed 33, gen33 seed 73): X's 2025-Q4 window (shown) minus
    its stale 2026-Q1 window (P minus S: X has no data there) is X's 2025-Q1. P's
    2025-Q1 minus its 2024-Q4 (the data's first windows are cut short) is P's 2025-Q1:
    X, b (shown, its first window) and c, so c's three people were solved. X's 2025-Q1
    is now known in 2025-Q1 too, and P's rest beyond what is known there is c alone:
    hidden."""
    people = stopped_team_people()
    cells = protected(people, months=False, tree=LAST_QUARTER_TREE)
    assert solved(cells, LAST_QUARTER_TREE, people) == []


def test_a_window_of_one_atom_is_that_atom_known_in_every_period() -> None:
    """Quarters alone. Team X's one window with people of its own is 2024-Q2 (five
    people in April and May): a window of one atom, so X's 2024-Q2 is known wherever X
    is hidden. Team c has three people in March and April, one in May 2025, six in June;
    Y and b are large. With only differences of two known windows counted (not a window
    alone), the attack solved c's three people of 2024-Q2 (2024-Q2 minus 2024-Q1) from
    the shown cells of all six quarters (a fuzzer of tiny random organisations, seed
    116)."""
    first = months_from("2024-01", 18)
    people = placed(
        ("X", [f"x{i}" for i in range(5)], ["2024-04", "2024-05"]),
        ("Y", [f"y{i}" for i in range(5)], first[8:]),
        ("b", [f"b{i}" for i in range(5)], ["2025-06"]),
        ("c", ["c0", "c1", "c2"], ["2024-03", "2024-04"]),
        ("c", ["c3"], ["2025-05", "2025-06"]),
        ("c", [f"c{i}" for i in range(4, 9)], ["2025-06"]),
    )
    tree = {"P": None, "X": "P", "Y": "P", "c": "P", "b": "P"}
    cells = protected(people, months=False, tree=tree)
    assert solved(cells, tree, people) == []


def test_a_hidden_parent_known_from_other_periods_is_checked_as_a_parent() -> None:
    """helper-240 (months published, data 2024-10 to 2026-03): R = Q + P, P = t0 + M,
    M = t1 + t2. P has no data in 2025-10 and 2025-11 (stale: R minus Q), and its windows
    there differ by 2024-11 alone, so P's 2024-11 is known. In 2024-11 P and M are hidden
    (t1's two people of 2024-10), t2 is shown and t0 has nobody: P's 2024-11 less t2's
    was t1's one person. A hidden parent known in the atom is checked as a shown one,
    and with no shown child to hide, the shown cell below it that is counted known (t2)
    is hidden."""
    tree = {"R": None, "Q": "R", "Qa": "Q", "Qb": "Q", "P": "R", "M": "P"}
    tree |= {"t0": "P", "t1": "M", "t2": "M"}
    months = months_from("2024-10", 18)
    people = placed(
        ("Qa", [f"a{i}" for i in range(5)], months),
        ("Qb", [f"b{i}" for i in range(6)], months),
        ("t0", [f"z{i}" for i in range(8)], months[2:7]),
        ("t1", ["u0", "u1"], ["2024-10"]),
        ("t1", ["u0"], ["2024-11"]),
        (
            "t2",
            [f"v{i}" for i in range(5)],
            ["2024-11", "2024-12", "2025-08", "2026-02", "2026-03"],
        ),
    )
    cells = protected(people, months=True, tree=tree)
    assert solved(cells, tree, people) == []


def test_a_union_of_atoms_known_from_four_windows_gives_nothing_away() -> None:
    """helper-241 (quarters, data 2024-10 to 2026-07): P, shown or R minus Q minus P2 in
    every quarter, gives -P(2024-Q4) + P(2025-Q3) - P(2025-Q4) + P(2026-Q3) = P's 2026-Q1
    and 2026-Q2 (the first windows are cut short); less t1's 2026-Q2 window (shown, those
    two atoms alone) that is M's two own members. P's 2026-Q3 there was its stale window
    (R minus Q and P2), and it was its hidden 2026-Q2 less P's 2025-Q3 atom (known:
    P(2025-Q3) - P(2025-Q2)); rule 3b (helper-274) hides it with the hidden one, and P2
    beside it, so the union is no longer known. cross_known still tracks single atoms
    only."""
    tree = {"R": None, "Q": "R", "Qa": "Q", "Qb": "Q", "P": "R", "M": "P", "t0": "P"}
    tree |= {"t1": "M", "t2": "M", "P2": "R", "t4": "P2"}
    months = months_from("2024-10", 22)
    people = placed(
        ("Qa", [f"a{i}" for i in range(7)], months),
        ("Qb", [f"b{i}" for i in range(7)], months),
        ("t4", [f"d{i}" for i in range(6)], months),
        ("t0", [f"z{i}" for i in range(8)], months[:12] + months[13:15]),
        ("M", ["h0", "h1"], months[15:19]),
        ("t1", [f"u{i}" for i in range(5)], ["2024-11", "2026-03", "2026-04"]),
        ("t2", ["v0"], ["2024-11", "2024-12", "2025-08", "2025-09", "2025-11", "2025-12"]),
    )
    cells = protected(people, months=False, tree=tree)
    assert solved(cells, tree, people) == []
