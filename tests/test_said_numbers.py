"""A note quoting a file's text not read as rows shows each number that may be a
personnel number masked, in a file of a dataset with a person's key (helper-269 F1:
Excel's subtotals grouped by personnel number, a footnote and a sheet per employee
reached ingest_log, report_ingest_log and the Parquet export as written)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pipelines.ingest.said_numbers import DIGITS_AT_LEAST, masked
from tests.readers import reading
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("100016 Totaal", "###### Totaal"),
        ("* 100099 is uit dienst", "* ###### is uit dienst"),
        ("nr 0001234", "nr #######"),
        ("123", "###"),  # DIGITS_AT_LEAST
        ("12", "12"),
        ("Bron: AFAS, 3-3-2026", "Bron: AFAS, 3-3-2026"),  # a date
        ("Totaal 1.234,56", "Totaal 1.234,56"),  # a grouped amount
        ("12,5 uur", "12,5 uur"),
        ("Totaal 2025", "Totaal 2025"),  # a year
        ("Totaal 1899", "Totaal ####"),
        ("12:30", "12:30"),
    ],
)
def test_a_number_that_may_be_a_personnel_number_is_masked(text: str, shown: str) -> None:
    assert DIGITS_AT_LEAST == 3
    assert masked(text) == shown


HEADER = "employee_key;year;private_km\n"
ROWS = "100016;2025;1200\n100017;2025;300\n100018;2025;450\n"


@pytest.mark.parametrize(
    ("tail", "said"),
    [
        ("* 100099 is uit dienst;;\n", "('* ###### is uit dienst')"),
        ("\nBron: export van 100099\n", "('Bron: export van ######')"),  # after a blank line
    ],
)
def test_a_footnote_names_no_personnel_number_in_the_log_or_the_export(
    home: Path, tmp_path: Path, tail: str, said: str
) -> None:
    [result] = run(home, write(tmp_path / "vehicle_use.csv", HEADER + ROWS + tail))
    assert any(said in str(n) for n in result.notes), result.notes
    assert not any("100099" in str(n) for n in result.notes)
    [(notes,)] = query(home, "select notes from ingest_log where dataset = 'vehicle_use'")
    assert said in notes and "100099" not in notes


def test_a_file_without_a_persons_key_quotes_its_numbers(home: Path, tmp_path: Path) -> None:
    text = "org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\n* 100099 opgeheven;;;\n"
    [result] = run(home, write(tmp_path / "org_units.csv", text))
    assert any("('* 100099 opgeheven')" in str(n) for n in result.notes), result.notes


def test_a_sheet_per_employee_is_not_named_by_the_number(home: Path, tmp_path: Path) -> None:
    """The overview read by the mapping's sheet:, a sheet per employee beside it."""
    wb = openpyxl.Workbook()
    for n, sheet in enumerate(("Overzicht", "100016", "100017")):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = sheet
        ws.append(["employee_key", "year", "private_km"])
        ws.append(["100016" if n == 0 else sheet, 2025, 1200])
    wb.save(tmp_path / "vehicle_use.xlsx")
    mapping = write(
        tmp_path / "lease.mapping.yaml",
        "dataset: vehicle_use\nfiles: [vehicle_use.xlsx]\nsheet: Overzicht\n",
    )
    [result] = run(home, tmp_path / "vehicle_use.xlsx", mappings=[mapping])
    said = [str(n) for n in result.notes if "blad" in str(n)]
    assert said and not any("10001" in n for n in said), said
    assert "######" in said[0], said
    with reading(str(home / "warehouse.duckdb")) as con:
        logged = "select notes from ingest_log where dataset = 'vehicle_use'"
        [(notes,)] = con.execute(logged).fetchall()
    assert "10001" not in notes
