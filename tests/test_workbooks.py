"""A workbook is opened without openpyxl reading every sheet for its size
(pipelines/ingest/workbooks.py), and nothing else that opens workbooks is changed."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

import pytest
from openpyxl import Workbook, load_workbook

from pipelines.ingest.readers import UnusableFile
from pipelines.ingest.workbooks import open_workbook
from pipelines.ingest.xlsx_reader import read_xlsx


def two_sheets(path: Path) -> Path:
    """Organisatie (two rows) and Medewerkers (three), as openpyxl writes them: each
    sheet declares its size (<dimension ref="A1:B3" />)."""
    wb = Workbook()
    wb.active.title = "Organisatie"
    wb.active.append(["org_unit", "name"])
    wb.active.append(["WH", "Woonstichting"])
    staff = wb.create_sheet("Medewerkers")
    staff.append(["employee_key", "fte"])
    staff.append(["e1", 0.8])
    staff.append(["e2", 1.0])
    wb.save(path)
    return path


def unsized_and_broken(path: Path) -> Path:
    """The workbook with its second sheet declaring no size (as openpyxl's write-only
    mode and many BI tools write a sheet) and its XML broken after the first row."""
    out = path.with_name("broken_" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                text = data.decode()
                assert text.count('<dimension ref="A1:B3" />') == 1, text
                text = text.replace('<dimension ref="A1:B3" />', "")
                assert text.count('<row r="2"') == 1, text
                data = text.replace('<row r="2"', '<row r="2"<<', 1).encode()
            dst.writestr(info, data)
    return out


def test_a_sheet_without_a_size_is_not_read_to_open_the_workbook(tmp_path: Path) -> None:
    """openpyxl's own read-only load parses a sheet that declares no size to its end (and
    so fails on one broken further down): every sheet of a workbook read whole before a
    cell is asked for. Opened here, only the sheet that is read is read."""
    path = unsized_and_broken(two_sheets(tmp_path / "export.xlsx"))
    with pytest.raises(ParseError):  # the premise: if openpyxl stops this, drop workbooks.py
        load_workbook(path, read_only=True, data_only=True)
    wb = open_workbook(path)
    try:
        assert wb.sheetnames == ["Organisatie", "Medewerkers"]
    finally:
        wb.close()
    assert read_xlsx(path, sheet="Organisatie").rows == [["WH", "Woonstichting"]]
    with pytest.raises(UnusableFile) as refused:
        read_xlsx(path, sheet="Medewerkers")
    assert str(refused.value).startswith(f"{path}: kan werkblad Medewerkers niet lezen")


def test_other_readers_keep_the_size_a_sheet_declares(tmp_path: Path) -> None:
    """The register's Excel import reads rows padded to the declared width: a workbook
    opened by openpyxl itself, after open_workbook and beside it in another thread, still
    has its sheets sized."""
    path = two_sheets(tmp_path / "export.xlsx")
    ours = open_workbook(path)
    assert [(s.max_row, s.max_column) for s in ours.worksheets] == [(None, None)] * 2
    ours.close()
    sizes: list[list[tuple[int | None, int | None]]] = []

    def theirs() -> None:
        wb = load_workbook(path, read_only=True)
        sizes.append([(s.max_row, s.max_column) for s in wb.worksheets])
        wb.close()

    theirs()
    other = threading.Thread(target=theirs)
    other.start()
    other.join()
    assert sizes == [[(2, 2), (3, 2)]] * 2
