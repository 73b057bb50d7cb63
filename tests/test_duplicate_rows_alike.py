"""A row twice in one export, alike in every column (helper-268 F5: lines 11 and 12 were
the same allocation, both quarantined as duplicate_key, and the reason said neither that
they are alike nor what to do): the reason says so and the way out. Both stay in
quarantine, as every key twice in a file does (tests/test_duplicates_in_file.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

HEADER = "record_id,employee_key,received_on,value_eur\n"
FIRST = "G1,e1,2025-03-10,10"
ALIKE = (
    ", met dezelfde waarden in elke kolom die gelezen wordt: dezelfde rij twee keer in de "
    "export? Geen van beide telt mee; is het dezelfde rij, haal de herhaalde regel dan weg en "
    "lees het bestand opnieuw in"
)


def duplicate_reasons(home: Path, tmp_path: Path, rows: list[str]) -> dict[int, str]:
    run(home, write(tmp_path / "gifts.csv", HEADER + "\n".join(rows) + "\n"))
    found = query(
        home,
        "select line, reason from quarantine where reason_code = 'duplicate_key' order by line",
    )
    return {line: reason.split(": ", 1)[1] for line, reason in found}


@pytest.mark.parametrize(
    ("second", "alike"),
    [
        (FIRST, True),
        (" G1 , e1 ,2025-03-10, 10", True),  # read alike: the same values
        ("G1,e1,2025-03-10,10.5", False),  # another amount
        ("G1,e1,2025-03-11,10", False),  # another day
        ("G1,e2,2025-03-10,10", False),  # another employee
        ("G1,,2025-03-10,10", False),  # an empty cell is a value too
    ],
)
def test_a_row_twice_alike_in_every_column_says_so_and_the_way_out(
    home: Path, tmp_path: Path, second: str, alike: bool
) -> None:
    reasons = duplicate_reasons(home, tmp_path, [FIRST, "G2,e1,2025-03-11,20", second])
    said = "record_id komt meer dan eens voor in dit bestand (ook op regel {})"
    assert reasons[2].startswith(said.format(4)), reasons
    assert reasons[4].startswith(said.format(2)), reasons
    assert all(r.endswith(ALIKE) == alike for r in reasons.values()), reasons


def test_of_three_rows_with_one_key_two_alike_are_not_all_alike(home: Path, tmp_path: Path) -> None:
    reasons = duplicate_reasons(home, tmp_path, [FIRST, FIRST, "G1,e1,2025-03-10,30"])
    assert sorted(reasons) == [2, 3, 4]
    assert not any(ALIKE in r for r in reasons.values()), reasons
