"""Rows struck through in a workbook (helper-262 F3): a register's crossed-out entries
loaded as live ones, without a word. They are read, as no cell says they are withdrawn,
and a note names the lines of those still in the file's table once drop_rows and a
totals row are left out (struck_rows.py; helper-264 F6)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from pipelines.ingest.xlsx_reader import read_xlsx
from tests.test_ingest import home, org_home, run

__all__ = ["home", "org_home"]  # fixtures used here

STRUCK = Font(strike=True)


def km_workbook(path: Path, statuses: list[str], struck: list[int]) -> Path:
    """A vehicle-use register, a row per employee (line n + 2), the lines ``struck``
    crossed out whole; the header struck too (no data row)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["employee_key", "year", "private_km", "Status"])
    for i, status in enumerate(statuses, start=1):
        ws.append([str(100 + i), 2026, 10 * i, status])
    for cell in ws[1]:
        cell.font = STRUCK
    for row in struck:
        for cell in ws[row]:
            cell.font = STRUCK
    wb.save(path)
    return path


def test_the_reader_keeps_the_lines_whose_every_filled_cell_is_struck(tmp_path: Path) -> None:
    """Lines 3 and 5 whole; one cell of line 4 (a corrected amount) is no such row, nor
    is line 6 whose only struck cell is an empty one beside it."""
    path = km_workbook(tmp_path / "km.xlsx", ["actief"] * 5, [3, 5])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    ws["C4"].font = STRUCK
    ws["E6"].font = STRUCK
    wb.save(path)
    table = read_xlsx(path)
    assert len(table.rows) == 5
    assert table.facts.struck_lines == [3, 5]


def test_struck_rows_are_loaded_and_said_but_not_those_drop_rows_leaves_out(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "km_export"
    folder.mkdir()
    statuses = ["actief", "vervallen", "actief", "actief", "actief"]
    path = km_workbook(folder / "km.xlsx", statuses, [3, 4, 5])  # 3: dropped by its status
    [plain] = run(home, path)
    said = [str(n) for n in plain.notes if "doorgehaald" in str(n)]
    assert said == [
        "3 rij(en) doorgehaald in Excel (alle cellen doorgestreept: vervallen?), toch "
        "ingelezen als gewone rijen: regel 3, 4, 5; zijn ze vervallen, haal ze dan uit de "
        "export of laat ze weg met drop_rows in de kolomkoppeling (op een kolom die dat zegt)"
    ]
    assert plain.rows_loaded == 5
    mapping = folder / "km.mapping.yaml"
    mapping.write_text(
        "dataset: vehicle_use\nfiles: ['km.xlsx']\ndrop_rows: {Status: [vervallen]}\n", "utf-8"
    )
    [dropped] = run(tmp_path / "other", path, mappings=[mapping])
    said = [str(n) for n in dropped.notes if "doorgehaald" in str(n)]
    assert dropped.rows_loaded == 4
    assert (
        len(said) == 1 and said[0].startswith("2 rij(en) doorgehaald") and "regel 4, 5;" in said[0]
    )


def test_more_than_ten_struck_rows_are_counted_and_the_first_ten_named(
    home: Path, tmp_path: Path
) -> None:
    path = km_workbook(tmp_path / "km.xlsx", ["actief"] * 14, list(range(2, 14)))
    [result] = run(home, path)
    [said] = [str(n) for n in result.notes if "doorgehaald" in str(n)]
    assert (
        said.startswith("12 rij(en) doorgehaald")
        and "regel 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 ...;" in said
    )
