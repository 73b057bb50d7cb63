"""An HR month counted twice under other personnel numbers (helper-115: the March export
opened in Excel and sent again, its numbers without their leading zeros, 000101 as 101,
doubled that month's headcount and fte without a word; the two exports share no key).
The ingest says so where a month an earlier export holds (for at least TWICE_AT_LEAST
people) comes again in the same units with not even half of its people under the same
numbers. A corrected export (most keys the same) and an export per department (other
units) are no such overlap."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.counted_on import ROUND_AT_LEAST, TWICE_AT_LEAST
from tests.ingesthelpers import ingest_only
from tests.test_ingest import EMPLOYEE_HEADER, ORG, employee, lenient, write

FIRST = ["000101", "000102", "000103", "000104", "000105"]


def hr(folder: Path, name: str, keys: list[str], unit: str = "VH-N") -> Path:
    rows = "".join(employee(k, "2026-03", org_unit=unit, manager_key=keys[0]) for k in keys)
    return write(folder / name, EMPLOYEE_HEADER + rows)


@pytest.mark.parametrize(
    ("first", "second", "unit", "said"),
    [
        (FIRST, ["101", "102", "103", "104", "105"], "VH-N", True),  # Excel's copy
        (FIRST, ["000101", "000102", "103", "104", "105"], "VH-N", True),  # 2 of 5: under half
        (FIRST, ["000101", "000102", "000103", "104", "105"], "VH-N", False),  # 3 of 5
        (FIRST, ["000101", "000102", "000103", "000104", "000106"], "VH-N", False),  # corrected
        (FIRST, ["201", "202", "203", "204", "205"], "VH-Z", False),  # another department
        # the boundary: an earlier month of fewer people may be another small group
        (FIRST[:4], ["101", "102", "103", "104"], "VH-N", False),
    ],
)
def test_a_month_again_under_other_numbers_is_said_to_count_twice(
    tmp_path: Path, first: list[str], second: list[str], unit: str, said: bool
) -> None:
    assert TWICE_AT_LEAST == 5  # the boundary case above: 4 people
    folder = tmp_path / "in"
    org = write(folder / "org_units.csv", ORG)
    earlier = hr(folder, "hr_1.csv", first)
    warehouse = tmp_path / "warehouse.duckdb"
    ingest_only(warehouse, [org, earlier], catalogue=lenient())
    [result] = ingest_only(warehouse, [hr(folder, "hr_2.csv", second, unit)], catalogue=lenient())
    notes = [str(n) for n in result.notes]
    twice = [n for n in notes if n.startswith("HR-maand 03-2026 staat ook in")]
    assert bool(twice) == said, notes
    if said:
        assert twice[0].startswith(f"HR-maand 03-2026 staat ook in {earlier} (5 medewerker(s))")
        assert "(5 medewerker(s)), in dezelfde eenheden: die maand telt" in twice[0]


@pytest.mark.parametrize(
    ("teams", "department", "said"),
    [
        (("2;3", "1;1"), "3;4", True),  # 2 + 1 garnishments, 3 + 1 referrals: their sum
        (("2;3", "1;1"), "4;4", False),  # one garnishment of its own people: no sum
        (("0;0", "0;0"), "0;0", False),  # a sum, but nothing to count twice
    ],
)
def test_a_unit_whose_counts_are_its_teams_sum_is_said(
    tmp_path: Path, teams: tuple[str, str], department: str, said: bool
) -> None:
    """helper-189: a payroll export with each department's subtotal beside its teams
    (VH 3 garnishments beside VH-N's 2 and VH-Z's 1): a department counts its teams' too,
    so Verhuur counted 14 for 7, unsaid. A unit's row that is exactly its units' sum is
    said as a possible subtotal (a department may have people of its own)."""
    folder = tmp_path / "in"
    org = write(folder / "org_units.csv", ORG)
    rows = f"01-2026;VH-N;{teams[0]}\n01-2026;VH-Z;{teams[1]}\n01-2026;VH;{department}\n"
    aggregates = write(
        folder / "hr_aggregates.csv",
        "month;org_unit;garnishment_count;social_worker_referrals\n" + rows,
    )
    warehouse = tmp_path / "warehouse.duckdb"
    ingest_only(warehouse, [org], catalogue=lenient())
    [result] = ingest_only(warehouse, [aggregates], catalogue=lenient())
    notes = [str(n) for n in result.notes if "de som van" in str(n)]
    expected = (
        "1 maand(en) van een eenheid zijn precies de som van de eenheden eronder in deze "
        "export (bijv. 01-2026, VH: 3 loonbeslag(en) en 4 verwijzing(en), de som van VH-N, "
        "VH-Z): is dat een subtotaal, dan telt VH die mensen dubbel"
    )
    assert [n.startswith(expected) for n in notes] == ([True] if said else []), result.notes


@pytest.mark.parametrize(
    ("unit", "title", "said"),
    [
        ("VH-Z", "Medewerker wonen", True),  # other units, other jobs: other people
        ("VH-N", "Medewerker wonen", False),  # the same units: a re-export, jobs renamed
        ("VH-Z", "Verhuurconsulent", False),  # the same jobs: a re-export, a reorganisation
    ],
)
def test_another_administration_numbered_alike_is_said(
    tmp_path: Path, unit: str, title: str, said: bool
) -> None:
    """helper-189: two payroll administrations after a merger each number their staff,
    1040-1042 in both: per key one replaced the other's people, and only the export date
    was said. A month's keys shared with another export none of whose people keep their
    unit, and under half their job, is asked to be another administration."""
    folder = tmp_path / "in"
    org = write(folder / "org_units.csv", ORG)
    keys = ["1040", "1041", "1042"]
    first = write(folder / "hr_1.csv", EMPLOYEE_HEADER + "".join(employee(k) for k in keys))
    other = "".join(employee(k, org_unit=unit, job_title=title) for k in keys)
    second = write(folder / "hr_2.csv", EMPLOYEE_HEADER + other)
    warehouse = tmp_path / "warehouse.duckdb"
    ingest_only(warehouse, [org, first], catalogue=lenient())
    [result] = ingest_only(warehouse, [second], catalogue=lenient())
    notes = [str(n) for n in result.notes if "andere administratie" in str(n)]
    assert bool(notes) == said, result.notes
    if said:
        assert notes[0].startswith(
            "3 sleutel(s) (employee_key, snapshot_month) van deze export staan ook in "
        )


@pytest.mark.parametrize(
    ("period", "held", "managers", "others", "said"),
    [
        ("31-12-2025", 6, 6, 0, True),  # Q4's round written as its end: the same quarter
        ("01-10-2025", 6, 6, 0, False),  # written alike: the same keys, the newest counts
        ("31-03-2026", 6, 6, 0, False),  # another quarter: another round
        ("31-12-2025", 6, 3, 3, True),  # half of each round
        ("31-12-2025", 6, 2, 4, False),  # a third of each: perhaps two rounds
        ("31-12-2025", 10, 4, 0, True),  # helper-208: a round of four within one of ten
        ("31-12-2025", 2, 2, 0, True),  # a round of ROUND_AT_LEAST managers (helper-207: four)
        ("31-12-2025", 1, 1, 0, False),  # one manager alone: perhaps a second round
    ],
)
def test_a_360_round_written_as_another_date_is_said_to_count_twice(
    tmp_path: Path, period: str, held: int, managers: int, others: int, said: bool
) -> None:
    """helper-190 D7: the Q4 2025 round re-exported with its period as the quarter's end
    (31-12-2025 for 01-10-2025): 34 managers' scores counted twice, unsaid. ``managers``
    of the first export's ``held`` again, beside ``others`` it does not hold."""
    assert ROUND_AT_LEAST == 2  # the boundary cases above: 2 and 1 managers
    header = "manager_key;period;integrity_score;n_raters\n"
    keys = [f"M{n}" for n in range(1, held + 1)]
    folder = tmp_path / "in"
    first = write(folder / "a.csv", header + "".join(f"{k};01-10-2025;4,1;5\n" for k in keys))
    again = keys[:managers] + [f"N{n}" for n in range(others)]
    second = write(folder / "b.csv", header + "".join(f"{k};{period};3,9;5\n" for k in again))
    warehouse = tmp_path / "warehouse.duckdb"
    ingest_only(warehouse, [first], catalogue=lenient())
    [result] = ingest_only(warehouse, [second], catalogue=lenient())
    notes = [str(n) for n in result.notes if "dezelfde 360-ronde" in str(n)]
    assert bool(notes) == said, result.notes
    if said:
        assert notes[0].startswith(
            f"ronde 31-12-2025 van deze export: {managers} manager(s) staan ook in {first} "
            "met ronde 01-10-2025, in hetzelfde kwartaal"
        )


@pytest.mark.parametrize(
    ("month", "second", "said"),
    [
        ("2026-04", ["101", "102", "103", "104", "105"], True),  # next month, Excel's
        ("2026-04", FIRST, False),  # next month, the same numbers
        ("2026-04", ["000101", "000102", "103", "104", "105"], True),  # 2 of 5: under half
        ("2026-04", ["000101", "000102", "000103", "104", "105"], False),  # 3 of 5
        ("2026-04", ["101", "102", "103", "104"], False),  # 4 now: maybe another group
        ("2026-05", ["101", "102", "103", "104", "105"], False),  # two months on
        ("2026-03", ["101", "102", "103", "104", "105"], False),  # the same month: above
    ],
)
def test_the_next_month_under_numbers_without_their_zeros_is_said(
    tmp_path: Path, month: str, second: list[str], said: bool
) -> None:
    """helper-236 6: May's export saved by Excel (101 for April's 00101) loaded without a
    word: every April person gone, as many new ones, and registers' rows that write the
    numbers as before belonged to nobody. Said against the month before or after it in
    another export (pseudonyms by then: by the count, as the test above); the same month
    is said to count twice (the test above), not this."""
    folder = tmp_path / "in"
    org = write(folder / "org_units.csv", ORG)
    warehouse = tmp_path / "warehouse.duckdb"
    ingest_only(warehouse, [org, hr(folder, "hr_1.csv", FIRST)], catalogue=lenient())
    rows = "".join(employee(k, month, org_unit="VH-N", manager_key=second[0]) for k in second)
    later = write(folder / "hr_2.csv", EMPLOYEE_HEADER + rows)
    [result] = ingest_only(warehouse, [later], catalogue=lenient())
    notes = [str(n) for n in result.notes if "nog niet de helft van de" in str(n)]
    assert bool(notes) is said, [str(n) for n in result.notes]
    if said:
        assert notes[0].startswith(
            "HR-maand 04-2026 heeft in dezelfde eenheden nog niet de helft van de 5 "
            f"medewerker(s) van 03-2026 ({folder / 'hr_1.csv'}) onder hetzelfde "
            "personeelsnummer (5 medewerker(s) nu)"
        ), notes
