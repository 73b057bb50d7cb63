"""A sheet whose rows are stored out of order (a row numbered at or below one before it)
is refused, naming the sheet and the rows: openpyxl's read-only reading left such a row
out without a word (helper-269 F5: a gift moved to the end of the sheet's XML was gone,
537 rows for 538). Excel never saves rows so; a row of formats alone holds nothing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.test_ingest import home, org_home, query, run

__all__ = ["home", "org_home"]  # fixtures used here


def workbook(path: Path, move: int | None, styled_only: bool = False) -> Path:
    """Four cars; row ``move`` written after the last row in the sheet's XML."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["employee_key", "year", "private_km"])
    for n in range(1, 5):
        ws.append([f"E{n}", 2025, 100 * n])
    if styled_only:
        ws.cell(row=7, column=1).number_format = "0.00"  # a row of a format alone
    wb.save(path)
    if move is None:
        return path
    with zipfile.ZipFile(path) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    row = re.search(rf'<row r="{move}"[^>]*>.*?</row>|<row r="{move}"[^>]*/>', xml, re.S)[0]
    xml = xml.replace(row, "").replace("</sheetData>", row + "</sheetData>")
    parts["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return path


def test_rows_in_order_are_read(home: Path, tmp_path: Path) -> None:
    [result] = run(home, workbook(tmp_path / "vehicle_use.xlsx", None))
    assert (result.error, result.rows_loaded) == (None, 4)


@pytest.mark.parametrize("move", [2, 4])  # the first row of data, and the last but one
def test_a_row_out_of_order_refuses_the_sheet(home: Path, tmp_path: Path, move: int) -> None:
    [result] = run(home, workbook(tmp_path / "vehicle_use.xlsx", move))
    assert str(result.error).startswith(
        f"{tmp_path / 'vehicle_use.xlsx'}: werkblad 'Sheet' heeft rij {move} met gegevens na "
        "rij 5: de rijen staan niet op volgorde"
    ), result.error
    assert query(home, "select count(*) from raw_vehicle_use") == [(0,)]


def test_a_row_of_formats_alone_out_of_order_holds_nothing(home: Path, tmp_path: Path) -> None:
    [result] = run(home, workbook(tmp_path / "vehicle_use.xlsx", 7, styled_only=True))
    assert (result.error, result.rows_loaded) == (None, 4)


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>',
        '<row r="3"><c r="A3"><v>3</v></c></row><row r="3"><c r="B3"><v>33</v></c></row>',
    ],
)
def test_a_row_below_one_before_it_or_twice_is_refused_by_the_reader(
    tmp_path: Path, rows: str
) -> None:
    """Where openpyxl's own reading (the sheet_cells tests hold ours to it) drops it."""
    from pipelines.ingest.sheet_cells import sheet_rows
    from pipelines.ingest.uploads import UploadRefused
    from tests.test_sheet_cells import with_sheet

    book = openpyxl.load_workbook(with_sheet(tmp_path, rows), read_only=True)
    try:
        with pytest.raises(UploadRefused, match="de rijen staan niet op volgorde"):
            list(sheet_rows(book.active, "hand.xlsx", 1000, values_only=True))
    finally:
        book.close()
