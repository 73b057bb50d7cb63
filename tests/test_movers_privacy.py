"""Someone who moves between two teams within a period counts in both teams' n, so a
unit's own members cannot be counted as its people minus its children's (helper-227:
a department with its head, a team of 6 and one of 7, one person moving between the
teams in February; the department's 13 people minus 6 and 7 left 0 own members, the
complementary rules saw no unknown, and the department minus its two shown teams gave
the head's sick days, overtime and survey answers, exactly, from the Parquet export).

An organisation of our own, built from its exports with the real models, and attacked
with tests/privacy_attack.py (every combination of levels and periods, differences of
windows included): nothing of a group under k, nor a single own member, is solvable; and
what a shown parent has beyond its shown children is, by who was where, nobody or k or
more people. The moves are all that differs between the organisations here. Rule 2a per
time atom with a mover: tests/test_differencing_windows.py.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from pipelines.build.builder import build
from pipelines.core.catalogue import load_catalogue
from tests.conftest import home_copy, home_template
from tests.privacy_attack import attack
from tests.privacy_attack import report as attack_report
from tests.readers import reading
from tests.test_ingest import EMPLOYEE_HEADER

MONTHS = [f"2025-{m:02d}" for m in range(1, 7)]
UNITS = [
    ("WH", "Woonstichting", "", "organisatie"),
    ("D1", "Afdeling Een", "WH", "afdeling"),
    ("D1-A", "Team A", "D1", "team"),
    ("D1-B", "Team B", "D1", "team"),
    ("D1-C", "Team C", "D1", "team"),
    ("D2", "Afdeling Twee", "WH", "afdeling"),
    ("D2-D", "Team D", "D2", "team"),
    ("D2-E", "Team E", "D2", "team"),
]
HEADS = {"WH": "800001", "D1": "800010", "D2": "800020"}
MOVER = "800105"  # in team A in January, in team B from February (within 2025-Q1)
SECOND = "800104"  # in team A in January, alone in team C from February
SCENARIOS = ("no-mover", "a-mover", "movers-beside-a-team-of-one")


def people(scenario: str) -> dict[str, dict[str, str]]:
    """Each person's unit per month: the heads placed in their own unit (its own
    members), teams of 6 (A, B) and 5 (D, E); team C empty. With movers in 2025-Q1:
    one from A to B ('a-mover'); and one from A to C too, where the department's 12
    people minus A's 6 and B's 6 is 0 while its head and C's one person are beyond
    them, C suppressed and the head not shown: two unknowns of 2 people together."""
    placed = {key: dict.fromkeys(MONTHS, unit) for unit, key in HEADS.items()}
    for team, base, size in (("D1-A", 800100, 6), ("D1-B", 800200, 6), ("D2-D", 800300, 5)):
        placed |= {str(base + i): dict.fromkeys(MONTHS, team) for i in range(size)}
    placed |= {str(800400 + i): dict.fromkeys(MONTHS, "D2-E") for i in range(5)}
    if scenario != "no-mover":
        placed[MOVER] = {m: "D1-A" if m == "2025-01" else "D1-B" for m in MONTHS}
    if scenario == "movers-beside-a-team-of-one":
        placed[SECOND] = {m: "D1-A" if m == "2025-01" else "D1-C" for m in MONTHS}
        del placed["800205"]  # B: 5 of its own and the mover
    return placed


def write_exports(folder: Path, scenario: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(227)
    items = [item.code for item in load_catalogue().survey.items]
    placed = people(scenario)

    def table(name: str, header: list[str], rows: list[list[object]]) -> Path:
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh, delimiter=";")
            out.writerow(header)
            out.writerows(rows)
        return path

    def manager(key: str, unit: str) -> str:
        """A team member's is the department's head, a head's the organisation's."""
        if key == HEADS["WH"]:
            return ""
        return HEADS["WH"] if key in HEADS.values() else HEADS[unit.split("-")[0]]

    employees = [
        [key, month, unit, manager(key, unit),
         "Directeur-bestuurder" if key == HEADS["WH"]
         else "Manager" if key in HEADS.values() else "Medewerker",
         "ja" if key in HEADS.values() else "nee", "1", "01-01-2010", "01-01-2018",
         9 if key in HEADS.values() else rnd.choice([0, 0, 1, 2, 5]),
         rnd.choice([0, 2, 4, 8]), "1", rnd.choice([7, 10, 15, 21]), "", ""]
        for key, months in placed.items()
        for month, unit in months.items()
    ]  # fmt: skip
    answers = [
        [f"R{key}", f"15-{month[5:]}-2025", unit, item,
         1 if key in HEADS.values() else rnd.choice([2, 3, 4, 4, 5])]
        for key, months in placed.items()
        for month, unit in months.items()
        for item in items
    ]  # fmt: skip
    return [
        table("org_units.csv", ["org_unit", "name", "parent_unit", "level"], [*map(list, UNITS)]),
        table("employees.csv", EMPLOYEE_HEADER.strip().split(";"), employees),
        table(
            "survey.csv",
            ["respondent_key", "wave_date", "org_unit", "item_code", "answer"],
            answers,
        ),
    ]


def built(root: Path, scenario: str) -> None:
    inputs = write_exports(root / "in", scenario)
    (root / "in" / "scenario.txt").write_text(scenario, "utf-8")  # not an input
    result = build(path=root / "home" / "warehouse.duckdb", inputs=inputs)
    assert [f.error for f in result.files] == [None] * 3
    assert sum(f.rows_quarantined for f in result.files) == 0


@pytest.fixture(scope="module", params=SCENARIOS)
def org(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return home_template(tmp_path_factory.mktemp("movers"), lambda root: built(root, request.param))


@pytest.fixture
def home(org: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return home_copy(org, tmp_path, monkeypatch)


def test_nothing_small_is_solvable_with_or_without_movers(home: Path) -> None:
    found = attack(home, differences=True)
    assert found == [], attack_report(found)


def test_the_department_beyond_its_teams_is_its_head_alone_and_never_shown(
    home: Path,
) -> None:
    """The department's head is its one own member, mover or not: the department minus
    its shown teams would be him (and team C's one person), so one more team is
    suppressed with it (rules 2b, 2a). The teams' n add up to the department's beyond
    him only without a move."""
    with reading(str(home / "warehouse.duckdb")) as con:
        rows = con.execute(
            """
            select p.n, p.is_suppressed, sum(c.n), count(*) filter (where c.is_suppressed),
                count(*) filter (where c.is_primary_suppressed)
            from int_indicators__protected as p
            join int_indicators__protected as c
                on c.parent_unit_id = p.org_unit_id and c.indicator_id = p.indicator_id
                and c.period_type = p.period_type and c.period = p.period
            where p.indicator_id = 'KRI-HR-SICK' and p.period = '2025-Q1'
                and p.org_unit_id = 'D1'
            group by all
            """
        ).fetchall()
    scenario = (home.parent / "in" / "scenario.txt").read_text("utf-8")
    if scenario == "movers-beside-a-team-of-one":  # C's one person hidden, A or B with it
        assert rows == [(12, False, 13, 2, 1)]
    else:
        assert rows == [(13, False, 13 if scenario == "a-mover" else 12, 1, 0)]


def quarter_months(period: str) -> list[str]:
    year, quarter = period.split("-Q")
    return [f"{year}-{3 * (int(quarter) - 1) + m:02d}" for m in (1, 2, 3)]


@pytest.mark.parametrize("indicator", ["KRI-SV-REPRISAL", "KRI-HR-SICK"])
def test_what_a_shown_parent_has_beyond_its_shown_children_is_nobody_or_k(
    home: Path, indicator: str
) -> None:
    """Rule 2a, against who was where (the exports' own placement, not the model's
    counts): a shown parent minus its shown children sums the people placed in the
    parent itself or in its hidden children, in each quarter of the period (of its
    12-month window, for KRI-HR-SICK): none, or k or more. Every person answers every
    item and has an HR row every month, so each placement is a contribution."""
    placed = people((home.parent / "in" / "scenario.txt").read_text("utf-8"))
    below: dict[str, set[str]] = {unit: {unit} for unit, *_ in UNITS}
    for unit, _, parent, _ in reversed(UNITS):
        if parent:
            below[parent] |= below[unit]
    with reading(str(home / "warehouse.duckdb")) as con:
        cells = con.execute(
            """
            select p.period, p.org_unit_id, p.k,
                list(c.org_unit_id) filter (where not c.is_suppressed)
            from int_indicators__protected as p
            join int_indicators__protected as c
                on c.parent_unit_id = p.org_unit_id and c.indicator_id = p.indicator_id
                and c.period_type = p.period_type and c.period = p.period
            where p.indicator_id = ? and p.period_type = 'quarter' and not p.is_suppressed
            group by all
            """,
            [indicator],
        ).fetchall()
    windowed = indicator == "KRI-HR-SICK"
    checked = []
    for period, parent, k, shown in cells:
        covered = set().union(*(below[unit] for unit in shown or []))
        quarters = [q for q in ("2025-Q1", "2025-Q2") if q <= period] if windowed else [period]
        for quarter in quarters:
            rest = {
                key
                for key, units in placed.items()
                for month in quarter_months(quarter)
                if units.get(month) in below[parent] - covered
            }
            assert not rest or len(rest) >= k, (period, parent, quarter, sorted(rest))
            checked.append((period, parent, quarter))
    assert ("2025-Q1", "D1", "2025-Q1") in checked
