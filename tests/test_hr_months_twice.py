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

from pipelines.ingest.counted_on import TWICE_AT_LEAST
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
