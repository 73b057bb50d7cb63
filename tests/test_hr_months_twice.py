"""An HR month counted twice under other personnel numbers (helper-115: the March export
opened in Excel and sent again, its numbers without their leading zeros, 000101 as 101,
doubled that month's headcount and fte without a word; the two exports share no key).
The ingest says so where a month an earlier export holds comes again in the same units
with not even half of its people under the same numbers. A corrected export (most keys
the same) and an export per department (other units) are no such overlap."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingesthelpers import ingest_only
from tests.test_ingest import EMPLOYEE_HEADER, ORG, employee, lenient, write


def hr(folder: Path, name: str, keys: list[str], unit: str = "VH-N") -> Path:
    rows = "".join(employee(k, "2026-03", org_unit=unit, manager_key=keys[0]) for k in keys)
    return write(folder / name, EMPLOYEE_HEADER + rows)


@pytest.mark.parametrize(
    ("second", "unit", "said"),
    [
        (["101", "102", "103", "104"], "VH-N", True),  # Excel's copy: no zeros
        (["000101", "102", "103", "104"], "VH-N", True),  # 1 of 4 the same: under half
        (["000101", "000102", "103", "104"], "VH-N", False),  # 2 of 4: half, a correction
        (["000101", "000102", "000103", "000105"], "VH-N", False),  # a corrected export
        (["201", "202", "203", "204"], "VH-Z", False),  # another department's export
    ],
)
def test_a_month_again_under_other_numbers_is_said_to_count_twice(
    tmp_path: Path, second: list[str], unit: str, said: bool
) -> None:
    folder = tmp_path / "in"
    org = write(folder / "org_units.csv", ORG)
    first = hr(folder, "hr_1.csv", ["000101", "000102", "000103", "000104"])
    warehouse = tmp_path / "warehouse.duckdb"
    ingest_only(warehouse, [org, first], catalogue=lenient())
    [result] = ingest_only(warehouse, [hr(folder, "hr_2.csv", second, unit)], catalogue=lenient())
    notes = [str(n) for n in result.notes]
    twice = [n for n in notes if n.startswith("HR-maand 03-2026 staat ook in")]
    assert bool(twice) == said, notes
    if said:
        assert twice[0].startswith(f"HR-maand 03-2026 staat ook in {first} (4 medewerker(s))")
        assert "(4 medewerker(s)), in dezelfde eenheden: die maand telt" in twice[0]
