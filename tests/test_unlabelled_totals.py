"""A totals row without its word under the data (helper-185: ';;;108;68', or a workbook's
=SUBTOTAL row, under eight trainings was quarantined three times over and refused the
file): left out with a note where the columns read as a key or a date are empty and
every number is its column's sum over the rows above, two at least, in one convention
or the other (pipelines/ingest/trailer.py, _sum_lines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.test_ingest import home, org_home, query, run
from tests.test_trailer import DATA, ingest

__all__ = ["home", "org_home"]  # fixtures used here (tests/test_ingest.py)

SAID = "regel 7: totaalregel zonder woord onder de gegevens (elk getal is de som van de kolom"


@pytest.mark.parametrize(
    ("last", "left_out"),
    [
        (";;2045\n", True),  # 1200 + 300 + 450 + 80 + 15
        (";;2.045\n", True),  # in the Dutch convention
        (";;2044\n", False),  # one off: a row like any other (quarantined: no key)
        (";;2046\n", False),
        ("E6;;2045\n", False),  # a key beside it: data
        (";2025;2045\n", False),  # the year is no sum of the years (10125)
        (";10125;2045\n", True),  # ... and this one is
        (";;1200;;\n", False),  # no sum, and a field too many
    ],
)
def test_a_row_of_the_columns_sums_is_a_totals_row(home: Path, last: str, left_out: bool) -> None:
    loaded, quarantined, notes = ingest(home, DATA + last)
    assert loaded == [2, 3, 4, 5, 6]
    assert quarantined == ([] if left_out else [7])  # never lost: left out, said, or kept
    assert any(n.startswith(SAID) for n in notes) is left_out


def test_decimal_sums_in_either_convention_and_a_footnote_below(home: Path) -> None:
    data = "E1;2025;12,5\nE2;2025;0,25\nE3;2025;100\n"
    loaded, quarantined, notes = ingest(home, data + ";;112,75\n* bron: lease\n")
    assert (loaded, quarantined) == ([2, 3, 4], [])
    assert [n for n in notes if n.startswith("regel ")] == [
        "regel 5: totaalregel zonder woord onder de gegevens (elk getal is de som van de kolom "
        "erboven), niet ingelezen ('112,75')",
        "regel 6: voetnoot onder de gegevens, niet ingelezen ('* bron: lease')",
    ]


@pytest.mark.parametrize(
    ("text", "loaded", "quarantined"),
    [
        ("E1;2025;1200\n;;1200\n", [2], [3]),  # under one row: its own numbers, no sum
        ("E1;2025;1200\nE2;2025;300\n;;1500\n", [2, 3], []),
    ],
)
def test_two_rows_above_at_least(
    home: Path, text: str, loaded: list[int], quarantined: list[int]
) -> None:
    assert ingest(home, text)[:2] == (loaded, quarantined)


def test_a_workbooks_subtotal_row(home: Path) -> None:
    """openpyxl writes a formula without its value; a workbook Excel saved holds both, and
    the reader reads the value: written here as the value Excel stores."""
    book = Workbook()
    sheet = book.active
    sheet.append(["employee_key", "year", "private_km"])
    for n, km in enumerate([1200, 300, 450], 1):
        sheet.append([f"E{n}", 2025, km])
    sheet.append([None, None, 1950])
    path = home / "in" / "vehicle_use.xlsx"
    path.parent.mkdir(exist_ok=True)
    book.save(path)
    [result] = run(home, path)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 3, 0)
    assert any(str(n).startswith("regel 5: totaalregel zonder woord") for n in result.notes)
    assert query(home, "select sum(private_km) from raw_vehicle_use") == [(1950,)]


@pytest.mark.parametrize(
    ("text", "quarantined"),
    [
        # helper-186: 40 is 1.5 + 2.5 only read as 15 + 25, which the rows refused: no sum
        ("E1;2025;1.5\nE2;2025;2.5\n;;40\n", [2, 3, 4]),
        ("E1;2025;1,5\nE2;2025;2,5\n;;4\n", []),  # 1,5 + 2,5 in the Dutch convention: a sum
        # nothing but zeros: no total to tell from a row without its key
        ("E1;2025;0\nE2;2025;0\n;;0\n", [4]),
    ],
)
def test_a_sum_only_in_a_reading_the_rows_have(
    home: Path, text: str, quarantined: list[int]
) -> None:
    assert ingest(home, text)[1] == quarantined
