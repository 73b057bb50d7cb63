"""A year typed in an XLSX cell that holds a date formatted to show only the year (Excel
shows ``2025``): read as that year in a column that is no date (vehicle_use.year), where
it was quarantined as ``'2025-01-01': verwacht een geheel getal`` (helper-104); in a date
column the date the cell holds, as before (pipelines/ingest/year_cells.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from pipelines.ingest.xlsx_formats import shows_only_year
from tests.test_ingest import home, org_home, query, run

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize(
    ("number_format", "year"),
    [
        ("yyyy", True),
        ("YYYY", True),
        ("jjjj", True),  # Excel's Dutch letters
        ("[$-413]yyyy", True),  # a language only
        ("[$-nl-NL]jjjj", True),
        ("yyyy;@", True),  # a text section after it
        ("yyy", True),  # Excel shows four digits for three letters too
        ("mm-yyyy", False),
        ("d-m-yyyy", False),
        ("yyyy-mm-dd", False),
        ("yy", False),  # '25': not the year as other exports write it
        ('"Jaar "yyyy', False),
        ("0000", False),
        ("General", False),
        ("@", False),
    ],
)
def test_which_formats_show_only_a_year(number_format: str, year: bool) -> None:
    assert shows_only_year(number_format) is year


def _book(path: Path, header: list[str], rows: list[tuple[list, str | None]]) -> Path:
    """A workbook of ``header`` and ``rows``, each with its second cell's number format."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for cells, number_format in rows:
        ws.append(cells)
        if number_format:
            ws.cell(ws.max_row, 2).number_format = number_format
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def test_a_date_shown_as_its_year_is_that_year_in_an_integer_column(
    home: Path, tmp_path: Path
) -> None:
    path = _book(
        tmp_path / "in" / "vehicle_use.xlsx",
        ["employee_key", "year", "private_km"],
        [
            (["E1", dt.datetime(2025, 1, 1), 800], "yyyy"),  # the trial's cell
            (["E2", dt.datetime(2024, 3, 14), 10], "[$-413]yyyy"),
            (["E3", dt.datetime(2023, 6, 1), 20], "yyyy;@"),
            (["E4", 45658, 30], "jjjj"),  # openpyxl: no date, its serial (2025-01-01)
            (["E5", 2022, 40], None),
            # boundaries: a date shown with its month or day is no year, as before
            (["E6", dt.datetime(2025, 2, 1), 50], "mm-yyyy"),
            (["E7", dt.datetime(2025, 2, 3), 60], "d-m-yyyy"),
        ],
    )
    [result] = run(home, path)
    assert result.error is None, result.error
    assert query(home, "select _source_line, year from raw_vehicle_use order by 1") == [
        (2, 2025), (3, 2024), (4, 2023), (5, 2025), (6, 2022)
    ]  # fmt: skip
    assert query(home, "select line, value, reason_code from quarantine order by 1") == [
        (7, "2025-02-01", "wrong_type"),
        (8, "2025-02-03", "wrong_type"),
    ]
    assert [str(n) for n in result.notes if "jaar toont" in str(n)] == [
        "kolom year: 4 datumcel(len) met een opmaak die alleen het jaar toont (jjjj), "
        "gelezen als dat jaar (regel 2: '2025-01-01' als 2025)"
    ]


def test_in_a_1904_workbook_the_serial_is_counted_from_1904(home: Path, tmp_path: Path) -> None:
    """Old Excel for Mac: serial 44196 is 1-1-2025 there (2020-12-31 counted from 1900)."""
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["employee_key", "year", "private_km"])
    ws.append(["E1", 44196, 800])
    ws["B2"].number_format = "jjjj"
    path = tmp_path / "book" / "vehicle_use.xlsx"
    path.parent.mkdir(parents=True)
    wb.save(path)
    [result] = run(home, path)
    assert result.error is None, result.error
    assert query(home, "select year from raw_vehicle_use") == [(2025,)]


def test_a_date_column_reads_the_date_the_cell_holds(home: Path, tmp_path: Path) -> None:
    """Decided: a date cell holds its day, only not shown: in a date column it is that
    date, as a mm-yyyy cell is (no change). A year written as text, 2019, holds no day and
    stays no date (as today), and so does a year typed as a number."""
    path = _book(
        tmp_path / "in" / "side_jobs.xlsx",
        ["record_id", "registered_on", "employee_key", "sector"],
        [
            (["N1", dt.datetime(2025, 3, 14), "E1", "Sport"], "yyyy"),
            (["N2", dt.datetime(2025, 4, 2), "E2", "Sport"], "mm-yyyy"),
            (["N3", "2019", "E3", "Sport"], None),
            (["N4", "2019", "E4", "Sport"], "yyyy"),  # text in a year format: text
        ],
    )
    [result] = run(home, path)
    assert result.error is None, result.error
    assert query(home, "select _source_line, registered_on from raw_side_jobs order by 1") == [
        (2, dt.date(2025, 3, 14)),
        (3, dt.date(2025, 4, 2)),
    ]
    assert query(home, "select distinct line, value from quarantine order by 1") == [
        (4, "2019"),
        (5, "2019"),
    ]
    assert not [n for n in result.notes if "jaar toont" in str(n)]


def test_only_a_column_that_means_a_year_reads_the_year(home: Path, tmp_path: Path) -> None:
    """helper-107: keys 45000 and 45100 formatted yyyy (Excel shows 2023) were both '2023',
    one person; amounts 25 and 75 were 1900. Only a whole number named year is read as
    the year shown; a key is the date the cell holds (two people, two dates), an amount
    or a count refuses it as before."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["employee_key", "received_on", "giver_type", "gift_type", "value_eur"])
    ws.append([45000, "03-03-2026", "huurder", "geld", 25])
    ws.append([45100, "04-03-2026", "huurder", "geld", 75])
    ws.append([45200, "05-03-2026", "huurder", "geld", 30])
    for row in (2, 3):
        ws.cell(row, 1).number_format = "yyyy"
    ws.cell(4, 5).number_format = "yyyy"
    path = tmp_path / "in" / "gifts.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    run(home, path)
    assert query(home, "select count(distinct employee_key) from raw_gifts") == [(2,)]
    assert query(home, 'select line, "column", reason_code from quarantine') == [
        (4, "value_eur", "wrong_type")
    ]
    assert query(home, "select value_eur from raw_gifts order by value_eur") == [(25.0,), (75.0,)]


def test_a_year_written_as_its_first_of_january_is_that_year(home: Path, tmp_path: Path) -> None:
    """helper-160: a fleet register's year written as a date (a date cell of 1 January in
    a plain date format, or the text 01-01-2025) was refused as no whole number. The
    first of January is that year, with a note; any other day is no year and stays
    refused, in a workbook and in a CSV alike."""
    path = _book(
        tmp_path / "in" / "vehicle_use.xlsx",
        ["employee_key", "year", "private_km"],
        [
            (["E1", dt.datetime(2025, 1, 1), 800], "d-m-yyyy"),
            (["E2", dt.datetime(2024, 1, 1), 10], None),
            (["E3", dt.datetime(2024, 1, 2), 20], "d-m-yyyy"),  # the day after: no year
            (["E4", dt.datetime(2024, 12, 31), 30], "d-m-yyyy"),  # the day before
            (["E5", dt.datetime(2025, 1, 1, 0, 0, 1), 40], None),  # a second past midnight
        ],
    )
    [result] = run(home, path)
    assert result.error is None, result.error
    assert query(home, "select _source_line, year from raw_vehicle_use order by 1") == [
        (2, 2025),
        (3, 2024),
    ]
    held = query(home, "select line, reason_code from quarantine order by 1")
    assert held == [(4, "wrong_type"), (5, "wrong_type"), (6, "wrong_type")]
    [said] = [str(n) for n in result.notes if "1 januari" in str(n)]
    assert said.startswith("kolom year: 2 cel(len) met 1 januari van een jaar als datum, ")
    assert said.endswith("(regel 2: '2025-01-01' als 2025)"), said
    csv = tmp_path / "csv" / "vehicle_use.csv"
    csv.parent.mkdir()
    cells = ["01-01-2023", "1/1/2023", "2023-01-01 00:00:00", "1.1.2023", "01-02-2023", "2023"]
    cells += ["01-01-2023\u00a0", "01-01-1900"]  # a no-break space; 1-1-1900 means no date
    rows = "".join(f"F{n};{c};{n + 1}\n" for n, c in enumerate(cells))
    csv.write_text("employee_key;year;private_km\n" + rows, encoding="utf-8")
    [result] = run(home, csv)
    loaded = query(
        home, "select _source_line, year from raw_vehicle_use where _source_file like '%csv'"
    )
    assert sorted(loaded) == [(n + 2, 2023) for n in (0, 1, 2, 3, 5, 6)]
    held = query(home, "select value from quarantine where source_file like '%csv%' order by 1")
    assert held == [("01-01-1900",), ("01-02-2023",)]
