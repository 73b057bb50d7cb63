"""make bench's floor for an ingest (bench/run.py store_as_text): every file stored as
text, each row beside its number, in a DuckDB file; the ingest part is printed against it."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from run import store_as_text  # noqa: E402


def test_every_row_is_stored_as_text_with_its_number(tmp_path: Path) -> None:
    csv = tmp_path / "gifts.csv"
    # a Windows-1252 file, read as the bench's raw read reads it
    csv.write_bytes("record_id;amount\n1;12,50\n2;1.443\n3;\n".encode("cp1252"))
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name"])
    sheet.append([10, "Bouw BV"])
    sheet.append([20, "Schoon NV"])
    book.save(tmp_path / "suppliers.xlsx")
    files = [
        (csv, {"format": "csv", "encoding": "cp1252", "delimiter": ";"}),
        (tmp_path / "suppliers.xlsx", {"format": "xlsx"}),
    ]
    store_as_text(files, tmp_path / "stored.duckdb")
    con = duckdb.connect(str(tmp_path / "stored.duckdb"), read_only=True)
    try:
        assert con.execute("select * from t0 order by line").fetchall() == [
            (1, "1", "12,50"),
            (2, "2", "1.443"),  # as written, never read as a number
            (3, "3", None),
        ]
        assert con.execute("select * from t1 order by line").fetchall() == [
            (1, "10", "Bouw BV"),
            (2, "20", "Schoon NV"),
        ]
        types = {
            row[0]
            for row in con.execute(
                "select data_type from information_schema.columns where column_name <> 'line'"
            ).fetchall()
        }
        assert types == {"VARCHAR"}
    finally:
        con.close()
