"""A date in an XLSX cell formatted to show only its month and year (``mmm-yy``: Excel
shows ``mrt-26``) is that month in a month column or a period; helper-138: 2026-03-15
shown as mrt-26 was refused as no month (``verwacht een maand ... de eerste dag van de
maand``), quoting a day the user never saw. In a date column it is the date the cell
holds, as a year-only cell is (pipelines/ingest/year_cells.py, tests/test_xlsx_years.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.ingest.xlsx_formats import shows_only_month
from tests.test_ingest import home, org_home, query, run
from tests.test_xlsx_years import _book

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize(
    ("number_format", "month"),
    [
        ("mmm-yy", True),
        ("mmmm yyyy", True),
        ("[$-413]mmmm yyyy;@", True),  # Dutch month names, a text section
        ("mm-jjjj", True),  # Excel's Dutch letters
        ("mmm\\-yy", True),  # an escaped separator
        ("yyyy-mm", True),
        ("mmm", False),  # no year
        ("yyyy", False),  # the year alone (shows_only_year)
        ("dd-mm-yyyy", False),
        ("d-mmm-yy", False),
        ("mm-yy hh:mm", False),
        ("[h]:mm", False),
        ("General", False),
    ],
)
def test_which_formats_show_only_a_month_and_year(number_format: str, month: bool) -> None:
    assert shows_only_month(number_format) is month


def test_a_date_shown_as_its_month_is_that_month_in_a_month_column(
    home: Path, tmp_path: Path
) -> None:
    path = _book(
        tmp_path / "in" / "hr_aggregates.xlsx",
        ["org_unit", "month", "garnishment_count"],
        [
            (["VH-N", dt.datetime(2026, 3, 15), 2], "mmm-yy"),  # the trial's cells
            (["VH-Z", dt.datetime(2026, 6, 10), 1], "[$-413]mmmm yyyy;@"),
            (["VH-N", dt.datetime(2026, 4, 20), 3], "mm-jjjj"),
            # a day shown is a day: mid-month, no month (as before)
            (["VH-Z", dt.datetime(2026, 7, 14), 4], "dd-mm-yyyy"),
        ],
    )
    [result] = run(home, path)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 3, 1)
    assert query(home, "select _source_line, month from raw_hr_aggregates order by 1") == [
        (2, dt.date(2026, 3, 1)),
        (3, dt.date(2026, 6, 1)),
        (4, dt.date(2026, 4, 1)),
    ]
    said = " ".join(str(n) for n in result.notes)
    assert "kolom month: 3 datumcel(len) met een opmaak die alleen de maand en het jaar" in said
    assert "(regel 2: '2026-03-15' als 2026-03)" in said


def test_a_date_shown_as_its_month_is_its_date_in_a_date_column(home: Path, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "in" / "gifts.xlsx",
        ["employee_key", "received_on", "value_eur", "decision"],
        [(["000101", dt.datetime(2026, 3, 15), 45, "geaccepteerd"], "mmm-yy")],
    )
    [result] = run(home, path)
    assert (result.error, result.rows_loaded) == (None, 1), result.summary()
    assert query(home, "select received_on from raw_gifts") == [(dt.date(2026, 3, 15),)]
